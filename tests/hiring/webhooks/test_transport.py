"""The SSRF guard: which addresses a webhook may go to, checked when an endpoint is
registered and again at every delivery."""

import pytest
from django.core.exceptions import ValidationError

from hiring.models import WebhookDelivery
from hiring.webhooks import endpoints, events, transport

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("127.0.0.1", False),
        ("10.1.2.3", False),
        ("172.16.0.1", False),
        ("192.168.1.1", False),
        ("169.254.169.254", False),
        ("100.64.0.1", False),
        ("0.0.0.0", False),
        ("224.0.0.1", False),
        ("::1", False),
        ("fe80::1%eth0", False),
        ("fd00::1", False),
        ("::ffff:127.0.0.1", False),
        ("fc00::1", False),
        ("::7f00:1", False),  # IPv4-compatible ::127.0.0.1
        ("::808:808", False),  # IPv4-compatible addresses are deprecated, whatever they embed
        ("64:ff9b::7f00:1", False),  # NAT64 to 127.0.0.1
        ("64:ff9b::a9fe:a9fe", False),  # NAT64 to 169.254.169.254
        ("64:ff9b::808:808", True),  # NAT64 to 8.8.8.8, as DNS64 answers on IPv6-only hosts
        ("93.184.216.34", True),
        ("2606:2800:220:1:248:1893:25c8:1946", True),
    ],
)
def test_it_tells_public_addresses_from_the_rest(address, public):
    assert transport.is_public_address(address) is public


def test_it_refuses_every_address_of_a_host_that_has_a_private_one(settings, monkeypatch):
    settings.ROLEKIT_WEBHOOKS_ALLOW_PRIVATE = False
    answers = [(2, 1, 6, "", ("93.184.216.34", 443)), (2, 1, 6, "", ("10.0.0.7", 443))]
    monkeypatch.setattr(transport.socket, "getaddrinfo", lambda *args, **kwargs: answers)

    with pytest.raises(transport.RefusedAddress, match=r"10\.0\.0\.7"):
        transport.vetted_addresses("hooks.example.com", 443)


@pytest.mark.parametrize("url", ["ftp://example.com/", "https:///nohost", "http://x:99999/"])
def test_it_refuses_urls_it_cannot_post_to(url):
    with pytest.raises(transport.RefusedAddress):
        transport.check_url(url)


REFUSED_AT_REGISTRATION = [
    ("http://hooks.example.com/rolekit", transport.INSECURE_URL),
    ("https://127.0.0.1/hook", "127.0.0.1"),
    ("https://localhost:8443/hook", transport.LOCAL_NAME.format(host="localhost")),
    ("https://ats.localhost/hook", transport.LOCAL_NAME.format(host="ats.localhost")),
    ("https://10.0.0.5/hook", "10.0.0.5"),
    ("https://192.168.1.1/hook", "192.168.1.1"),
    ("https://169.254.169.254/latest/meta-data/", "169.254.169.254"),
    ("https://0.0.0.0/", "0.0.0.0"),
    ("https://[::1]/hook", "::1"),
    ("https://[::]/hook", "::"),
    ("https://[fe80::1]/hook", "fe80::1"),
    ("https://[fd12:3456::1]/hook", "fd12:3456::1"),
    ("https://[::127.0.0.1]/hook", "::127.0.0.1"),
    ("https://[::8.8.8.8]/hook", "::8.8.8.8"),
    ("https://[64:ff9b::127.0.0.1]/hook", "64:ff9b::7f00:1"),
    ("https://[64:ff9b::10.0.0.1]/hook", "64:ff9b::a00:1"),
    ("https://[::ffff:127.0.0.1]/hook", "::ffff:127.0.0.1"),
    # Odd notations of 127.0.0.1 that the transport's getaddrinfo reads as addresses
    ("https://127.1/hook", "127.0.0.1"),
    ("https://0x7f.1/hook", "127.0.0.1"),
    ("https://2130706433/hook", "127.0.0.1"),
    ("https://0177.0.0.1/hook", "127.0.0.1"),
]


@pytest.mark.parametrize(("url", "says"), REFUSED_AT_REGISTRATION)
def test_it_refuses_at_registration_a_url_it_would_never_deliver_to(settings, url, says):
    settings.ROLEKIT_WEBHOOKS_ALLOW_PRIVATE = False

    with pytest.raises(transport.RefusedAddress) as refused:
        transport.check_endpoint_url(url)

    assert says in str(refused.value)


@pytest.mark.parametrize(
    "url",
    [
        "https://hooks.example.com/rolekit",
        "https://93.184.216.34:8443/hook?team=ats",
        "https://[2606:4700::1111]/hook",
        "https://[64:ff9b::8.8.8.8]/hook",
    ],
)
def test_it_accepts_a_public_https_url_without_resolving_it(settings, monkeypatch, url):
    settings.ROLEKIT_WEBHOOKS_ALLOW_PRIVATE = False

    def no_dns(host, *args, flags=0, **kwargs):
        assert flags & transport.socket.AI_NUMERICHOST, f"{host} was looked up in DNS"
        return real_getaddrinfo(host, *args, flags=flags, **kwargs)

    real_getaddrinfo = transport.socket.getaddrinfo
    monkeypatch.setattr(transport.socket, "getaddrinfo", no_dns)

    transport.check_endpoint_url(url)


def test_it_lets_a_developer_register_a_receiver_on_this_machine_when_allowed(settings):
    settings.ROLEKIT_WEBHOOKS_ALLOW_PRIVATE = True

    transport.check_endpoint_url("http://127.0.0.1:9000/hooks")


def test_it_refuses_a_private_url_in_the_service_with_a_field_error(settings, acme, recruiter):
    settings.ROLEKIT_WEBHOOKS_ALLOW_PRIVATE = False

    with pytest.raises(ValidationError) as refused:
        endpoints.endpoint_create(
            company=acme, url="https://[64:ff9b::a9fe:a9fe]/", events=["posting.published"]
        )

    assert "64:ff9b::a9fe:a9fe" in refused.value.message_dict["url"][0]
    assert not acme.webhook_endpoints.exists()


def test_it_checks_a_host_name_again_at_delivery_when_its_dns_changed(
    posting, acme, recruiter, settings, monkeypatch
):
    settings.ROLEKIT_WEBHOOKS_ALLOW_PRIVATE = False
    endpoint, _ = endpoints.endpoint_create(
        company=acme, url="https://hooks.example.com/rolekit", events=["posting.archived"]
    )
    rebound = [(10, 1, 6, "", ("64:ff9b::a9fe:a9fe", 443, 0, 0))]
    monkeypatch.setattr(transport.socket, "getaddrinfo", lambda *args, **kwargs: rebound)

    [delivery] = events.emit("posting.archived", posting.pk)

    delivery.refresh_from_db()
    assert delivery.endpoint == endpoint
    assert delivery.status == WebhookDelivery.Status.FAILED
    assert "64:ff9b::a9fe:a9fe" in delivery.attempts.get().error
