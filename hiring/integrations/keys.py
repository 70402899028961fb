"""API keys: created with a token shown once, stored as a SHA-256 hash, revoked, checked."""

import datetime
import hashlib
import hmac
import secrets

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from hiring.caching import api_key_cached, api_key_forget
from hiring.models import ApiKey, Company, Membership

TOKEN_PREFIX = "rk"
# A key's last use is written at most this often, so reads do not all write.
LAST_USED_RESOLUTION = datetime.timedelta(minutes=1)


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def token_parse(token: str) -> tuple[str, str] | None:
    """`rk_<prefix>_<secret>` → (prefix, secret); None when it is not shaped like a key."""
    parts = token.split("_", 2)
    if len(parts) != 3 or parts[0] != TOKEN_PREFIX or not parts[1] or not parts[2]:
        return None
    return parts[1], parts[2]


@transaction.atomic
def api_key_create(
    *, company: Company, name: str, scope: str, role: str = Membership.Role.RECRUITER, by=None
) -> tuple[ApiKey, str]:
    """A new key and its token (`rk_<prefix>_<secret>`); only the hash of the secret is kept.

    The key acts as a service user of its own, with no password and no admin access; its
    role is attached in memory on each request (see `api_key_authenticate`).
    """
    prefix = secrets.token_hex(4)
    while ApiKey.objects.filter(prefix=prefix).exists():
        prefix = secrets.token_hex(4)
    secret = secrets.token_urlsafe(32)
    user = get_user_model()(username=f"api-{prefix}", first_name="API key", last_name=name[:150])
    user.set_unusable_password()
    user.full_clean()
    user.save()
    key = ApiKey(
        company=company,
        name=name,
        prefix=prefix,
        secret_hash=_hash(secret),
        scope=scope,
        role=role,
        user=user,
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )
    key.full_clean()
    key.save()
    return key, f"{TOKEN_PREFIX}_{prefix}_{secret}"


def api_key_revoke(*, key: ApiKey) -> ApiKey:
    """Refuse the key from now on; the row stays for the audit trail."""
    if key.revoked_at is None:
        key.revoked_at = timezone.now()
        key.save(update_fields=["revoked_at"])
    return key


def api_key_rename(*, key: ApiKey, name: str) -> ApiKey:
    """Only a key's name changes after it is made; its company, scope and role never do."""
    key.name = name
    key.save(update_fields=["name"])
    return key


def api_key_authenticate(*, token: str) -> ApiKey | None:
    """The active key a token names, with its service user's membership attached."""
    parsed = token_parse(token)
    if parsed is None:
        return None
    prefix, secret = parsed
    key = _key_with_prefix(prefix)
    if key is None or key.revoked_at is not None:
        return None
    if not hmac.compare_digest(_hash(secret), key.secret_hash):
        return None
    # Services ask the user's membership for the role; a key's lives only in memory, so
    # that service users never appear among a company's people.
    key.user.membership = Membership(company=key.company, role=key.role)
    now = timezone.now()
    if key.last_used_at is None or now - key.last_used_at > LAST_USED_RESOLUTION:
        ApiKey.objects.filter(pk=key.pk).update(last_used_at=now)
        key.last_used_at = now
        api_key_forget(prefix=prefix)
    return key


def _key_with_prefix(prefix: str) -> ApiKey | None:
    return api_key_cached(
        prefix,
        lambda: ApiKey.objects.select_related("company", "user").filter(prefix=prefix).first(),
    )
