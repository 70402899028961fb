"""The admin's "Publish" and "Archive": pages that say what the step does, and ask to
confirm it before the posting's action runs."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.views import View

from hiring.models import JobPosting

from .publishing import posting_publish_preview


class PublishConfirmView(View):
    """Shows what a publish will do; its button posts to the posting's publish action,
    which refuses anything the service refuses. Built with `as_view(model_admin=...)`."""

    model_admin = None
    http_method_names = ["get"]

    def get(self, request, object_id):
        posting = get_object_or_404(
            self.model_admin.get_queryset(request).select_related("published_version"),
            pk=object_id,
        )
        if not self.model_admin.has_view_permission(request, posting):
            raise PermissionDenied
        context = {
            **self.model_admin.admin_site.each_context(request),
            "title": f"Publish {posting}?",
            "opts": self.model_admin.model._meta,
            "original": posting,
            "preview": posting_publish_preview(posting=posting),
            "approved": posting.status == JobPosting.Status.APPROVED,
        }
        return TemplateResponse(request, "admin/hiring/jobposting/publish.html", context)


class ArchiveConfirmView(View):
    """Shows what archiving will do (a live posting leaves the careers page); its button
    posts to the posting's archive action. Built with `as_view(model_admin=...)`."""

    model_admin = None
    http_method_names = ["get"]

    def get(self, request, object_id):
        posting = get_object_or_404(
            self.model_admin.get_queryset(request).select_related("company", "published_version"),
            pk=object_id,
        )
        if not self.model_admin.has_view_permission(request, posting):
            raise PermissionDenied
        context = {
            **self.model_admin.admin_site.each_context(request),
            "title": f"Archive {posting}?",
            "opts": self.model_admin.model._meta,
            "original": posting,
            "live": posting.status == JobPosting.Status.PUBLISHED,
            "archived": posting.status == JobPosting.Status.ARCHIVED,
        }
        return TemplateResponse(request, "admin/hiring/jobposting/archive.html", context)
