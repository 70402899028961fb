"""The admin's "Publish" and "Archive": pages that say what the step does, and ask to
confirm it before the posting's action runs."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.views import View

from hiring.models import JobPosting

from .publishing import posting_publish_preview


class ConfirmView(View):
    """A page that explains one step of a posting; its button posts to the posting's
    action, which refuses anything the service refuses. Built with
    `as_view(model_admin=...)`."""

    model_admin = None
    http_method_names = ["get"]
    verb = ""
    template_name = ""

    def step_context(self, posting: JobPosting) -> dict:
        return {}

    def get(self, request, object_id):
        posting = get_object_or_404(
            self.model_admin.get_queryset(request).select_related("company", "published_version"),
            pk=object_id,
        )
        if not self.model_admin.has_view_permission(request, posting):
            raise PermissionDenied
        context = {
            **self.model_admin.admin_site.each_context(request),
            "title": f"{self.verb} {posting}?",
            "opts": self.model_admin.model._meta,
            "original": posting,
            **self.step_context(posting),
        }
        return TemplateResponse(request, self.template_name, context)


class PublishConfirmView(ConfirmView):
    verb = "Publish"
    template_name = "admin/hiring/jobposting/publish.html"

    def step_context(self, posting):
        return {
            "preview": posting_publish_preview(posting=posting),
            "approved": posting.status == JobPosting.Status.APPROVED,
        }


class ArchiveConfirmView(ConfirmView):
    """Archiving a live posting takes it off the careers page: say so first."""

    verb = "Archive"
    template_name = "admin/hiring/jobposting/archive.html"

    def step_context(self, posting):
        return {
            "live": posting.status == JobPosting.Status.PUBLISHED,
            "archived": posting.status == JobPosting.Status.ARCHIVED,
        }
