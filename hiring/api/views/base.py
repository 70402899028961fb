"""What every API view shares: the body-size limit, checked before anything is parsed."""

from django.conf import settings

from ..errors import PayloadTooLarge
from ..principals import principal_of

BODY_TOO_LARGE = "The request body is {size:,} bytes; the limit is {limit:,}."


def check_body_size(request) -> None:
    limit = settings.ROLEKIT_API_MAX_BODY_BYTES
    try:
        size = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        size = 0
    if size > limit:
        raise PayloadTooLarge(BODY_TOO_LARGE.format(size=size, limit=limit))


class ApiViewMixin:
    def initial(self, request, *args, **kwargs):
        check_body_size(request)
        super().initial(request, *args, **kwargs)

    def company(self):
        return principal_of(self.request).company
