"""Transport: the standard library, one request, no redirects, only vetted addresses.

This is the SSRF guard: a webhook URL may name only a public address, when it is
registered and again at every delivery, and the request goes to the address that was
checked.
"""

import contextlib
import http.client
import ipaddress
import socket
import ssl
from urllib.parse import urlsplit

from django.conf import settings

EXCERPT_BYTES = 1024
REFUSED_ADDRESS = (
    "Refused: {host} resolves to {address}, a loopback, private or link-local address."
)
UNSUPPORTED_URL = "Refused: webhook URLs must be http:// or https:// with a host name."
INSECURE_URL = "Refused: webhook URLs must be https://, so that events travel encrypted."
LOCAL_NAME = "Refused: {host} names this machine; webhooks go to a receiver on the internet."


class RefusedAddress(Exception):
    """The webhook URL points at this machine or a private network."""


# IPv6 ranges that carry an IPv4 address in their last 32 bits. Python calls them global
# whatever they carry: `::127.0.0.1` and `64:ff9b::127.0.0.1` pass `is_global`.
IPV4_COMPATIBLE = ipaddress.ip_network("::/96")  # deprecated by RFC 4291; nobody serves on it
NAT64 = ipaddress.ip_network("64:ff9b::/96")  # RFC 6052; what DNS64 answers on IPv6-only hosts


def is_public_address(address: str) -> bool:
    """Whether a webhook may go to `address`: the one rule, at registration and at delivery."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address):
        if ip in IPV4_COMPATIBLE:
            return False
        if ip.ipv4_mapped is not None:
            ip = ip.ipv4_mapped
        elif ip in NAT64:
            # A NAT64 gateway forwards to the embedded IPv4 address: judge that one, so that
            # receivers stay reachable from IPv6-only servers and 10.x stays out of reach.
            ip = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return ip.is_global and not ip.is_multicast


def vetted_addresses(host: str, port: int, *, resolve: bool = True) -> list[str]:
    """Every address `host` resolves to, refused if any is not public (unless allowed).

    With `resolve=False` only a literal address is read (in any notation the resolver
    takes, `127.1` or `2130706433` too) and a name raises `socket.gaierror`.
    """
    flags = 0 if resolve else socket.AI_NUMERICHOST
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=flags)
    addresses = list(dict.fromkeys(info[4][0] for info in infos))
    if not settings.ROLEKIT_WEBHOOKS_ALLOW_PRIVATE:
        for address in addresses:
            if not is_public_address(address):
                raise RefusedAddress(REFUSED_ADDRESS.format(host=host, address=address))
    return addresses


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """Connects to the vetted address, so a second DNS answer cannot redirect the request."""

    def __init__(self, host, port, *, address, **kwargs):
        super().__init__(host, port, **kwargs)
        self._address = address

    def connect(self):
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, host, port, *, address, **kwargs):
        super().__init__(host, port, context=ssl.create_default_context(), **kwargs)
        self._address = address

    def connect(self):
        sock = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def check_url(url: str) -> tuple[str, str, int, str]:
    """(scheme, host, port, path) of a webhook URL; raises RefusedAddress if unusable."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise RefusedAddress(UNSUPPORTED_URL)
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        raise RefusedAddress(UNSUPPORTED_URL) from exc
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return parts.scheme, parts.hostname, port, path


def check_endpoint_url(url: str) -> None:
    """Refuse, when an endpoint is registered, a URL no delivery could go to safely: not
    https://, a name for this machine, or a literal address that is not public.

    A host name is not looked up here: what it resolves to can change, so `post` resolves
    and vets it again at every delivery. `ROLEKIT_WEBHOOKS_ALLOW_PRIVATE` (development)
    lets a plain http:// receiver on this machine or a private network through.
    """
    scheme, host, port, _ = check_url(url)
    if settings.ROLEKIT_WEBHOOKS_ALLOW_PRIVATE:
        return
    if scheme != "https":
        raise RefusedAddress(INSECURE_URL)
    name = host.rstrip(".")
    if name == "localhost" or name.endswith(".localhost"):  # RFC 6761: always loopback
        raise RefusedAddress(LOCAL_NAME.format(host=host))
    # A host name raises gaierror here: it is vetted when each delivery resolves it.
    with contextlib.suppress(socket.gaierror):
        vetted_addresses(name, port, resolve=False)


def post(url: str, *, body: bytes, headers: dict) -> tuple[int, str]:
    """POST `body` to `url`; returns the status and the start of the response body."""
    scheme, host, port, path = check_url(url)
    address = vetted_addresses(host, port)[0]
    connection_class = _PinnedHTTPSConnection if scheme == "https" else _PinnedHTTPConnection
    connection = connection_class(
        host, port, address=address, timeout=settings.ROLEKIT_WEBHOOKS_TIMEOUT
    )
    try:
        connection.request("POST", path, body=body, headers=headers)
        response = connection.getresponse()
        excerpt = response.read(EXCERPT_BYTES).decode("utf-8", "replace")
        return response.status, excerpt
    finally:
        connection.close()
