"""The company's people, so that an integration can name a posting's recruiter and hiring
manager by username."""

from django.contrib.auth import get_user_model
from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_view
from rest_framework import serializers, viewsets

from hiring.models import Membership

from ..pagination import CatalogCursorPagination
from .base import ApiViewMixin


class MemberSerializer(serializers.ModelSerializer):
    role = serializers.ChoiceField(source="membership.role", choices=Membership.Role.choices)
    name = serializers.CharField(source="get_full_name")
    email = serializers.CharField(help_text="May be empty.")

    class Meta:
        model = get_user_model()
        fields = ("username", "name", "email", "role")
        read_only_fields = fields


class MemberPagination(CatalogCursorPagination):
    ordering = ("username",)


EXAMPLE = OpenApiExample(
    "Hiring manager",
    value={
        "username": "hugo",
        "name": "Hugo Martin",
        "email": "hugo@example.com",
        "role": "hiring_manager",
    },
    response_only=True,
)


@extend_schema(tags=["Company"])
@extend_schema_view(
    list=extend_schema(
        summary="List your company's people",
        description="Recruiters and hiring managers, by username.",
        examples=[EXAMPLE],
    ),
    retrieve=extend_schema(summary="Get one person", examples=[EXAMPLE]),
)
class MemberViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = MemberSerializer
    pagination_class = MemberPagination
    lookup_field = "username"
    lookup_value_regex = r"[\w.@+-]{1,150}"
    filter_backends = []

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return get_user_model().objects.none()
        return (
            get_user_model()
            .objects.filter(membership__company=self.company(), is_active=True)
            .select_related("membership")
        )
