"""A company's webhook endpoints: registered with a URL that is checked and a secret shown
once, and given a new secret when asked."""

from django.core.exceptions import ValidationError

from ..models import WebhookEndpoint
from .events import EVENT_TYPES, UNKNOWN_EVENT
from .signing import secret_generate
from .transport import RefusedAddress, check_endpoint_url


def endpoint_create(
    *, company, url: str, events, description: str = "", active: bool = True, by=None
) -> tuple[WebhookEndpoint, str]:
    """A new endpoint and its signing secret (shown once to whoever created it)."""
    unknown = [name for name in events if name not in EVENT_TYPES]
    if unknown:
        raise ValueError(UNKNOWN_EVENT.format(name=unknown[0], choices=", ".join(EVENT_TYPES)))
    try:
        check_endpoint_url(url)
    except RefusedAddress as exc:
        raise ValidationError({"url": [str(exc)]}) from None
    secret = secret_generate()
    endpoint = WebhookEndpoint(
        company=company,
        url=url,
        description=description,
        events=list(events),
        active=active,
        secret=secret,
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )
    endpoint.full_clean()
    endpoint.save()
    return endpoint, secret


def endpoint_rotate_secret(*, endpoint: WebhookEndpoint) -> str:
    """A new signing secret; deliveries from now on are signed with it."""
    endpoint.secret = secret_generate()
    endpoint.save(update_fields=["secret"])
    return endpoint.secret
