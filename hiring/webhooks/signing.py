"""Signing secrets and signatures, Standard-Webhooks style: what rolekit sends and what a
receiver checks."""

import base64
import hashlib
import hmac
import json
import secrets
import time

SECRET_PREFIX = "whsec_"


def secret_generate() -> str:
    """A new signing secret, `whsec_` and 32 random bytes in base64."""
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(32)).decode("ascii")


def sign(*, secret: str, msg_id: str, timestamp: int, body: bytes) -> str:
    """The `webhook-signature` value: `v1,` and the base64 HMAC-SHA256 of `id.timestamp.body`."""
    key = base64.b64decode(secret.removeprefix(SECRET_PREFIX))
    signed = f"{msg_id}.{timestamp}.".encode() + body
    digest = hmac.new(key, signed, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode("ascii")


def verify(*, secret: str, headers: dict, body: bytes, tolerance: int = 300, now=None) -> bool:
    """What a receiver does: check the signature and that the timestamp is recent."""
    headers = {name.lower(): value for name, value in headers.items()}
    try:
        timestamp = int(headers["webhook-timestamp"])
        msg_id = headers["webhook-id"]
        offered = headers["webhook-signature"].split()
    except (KeyError, ValueError):
        return False
    if abs((now or time.time()) - timestamp) > tolerance:
        return False
    expected = sign(secret=secret, msg_id=msg_id, timestamp=timestamp, body=body)
    return any(hmac.compare_digest(expected, candidate) for candidate in offered)


def body_of(payload: dict) -> bytes:
    """The bytes sent and signed: compact JSON with sorted keys."""
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
