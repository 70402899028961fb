"""Standard Webhooks signatures: the reference test vector, an independent HMAC, OpenSSL,
and what a receiver checks."""

import base64
import hashlib
import hmac
import shutil
import subprocess

import pytest

from hiring.webhooks import signing

pytestmark = pytest.mark.django_db

# The test vector of the Standard Webhooks reference libraries.
VECTOR = {
    "secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
    "msg_id": "msg_p5jXN8AQM9LWM0D4loKWxJek",
    "timestamp": 1614265330,
    "body": b'{"test": 2432232314}',
    "signature": "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
}


def test_it_signs_the_standard_webhooks_test_vector():
    signature = signing.sign(
        secret=VECTOR["secret"],
        msg_id=VECTOR["msg_id"],
        timestamp=VECTOR["timestamp"],
        body=VECTOR["body"],
    )

    assert signature == VECTOR["signature"]


def test_it_agrees_with_an_independent_hmac():
    secret = signing.secret_generate()
    body = b'{"id":"msg_1","type":"posting.published"}'
    key = base64.b64decode(secret[len("whsec_") :])
    expected = hmac.new(key, b"msg_1.1700000000." + body, hashlib.sha256).digest()

    signature = signing.sign(secret=secret, msg_id="msg_1", timestamp=1700000000, body=body)

    assert signature == "v1," + base64.b64encode(expected).decode()
    assert len(key) == 32


@pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl is not installed")
def test_it_agrees_with_openssl():
    key_hex = base64.b64decode(VECTOR["secret"][len("whsec_") :]).hex()
    signed = f"{VECTOR['msg_id']}.{VECTOR['timestamp']}.".encode() + VECTOR["body"]
    digest = subprocess.run(
        ["openssl", "dgst", "-sha256", "-mac", "HMAC", "-macopt", f"hexkey:{key_hex}", "-binary"],
        input=signed,
        capture_output=True,
        check=True,
    ).stdout

    assert "v1," + base64.b64encode(digest).decode() == VECTOR["signature"]


def test_it_verifies_what_it_signs_and_nothing_else():
    headers = {
        "webhook-id": VECTOR["msg_id"],
        "webhook-timestamp": str(VECTOR["timestamp"]),
        "webhook-signature": VECTOR["signature"],
    }
    at = VECTOR["timestamp"] + 10

    assert signing.verify(secret=VECTOR["secret"], headers=headers, body=VECTOR["body"], now=at)
    assert not signing.verify(secret=VECTOR["secret"], headers=headers, body=b"{}", now=at)
    assert not signing.verify(
        secret=VECTOR["secret"], headers=headers, body=VECTOR["body"], now=at + 3600
    )
