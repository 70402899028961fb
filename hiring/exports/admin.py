"""Admin for bulk exports: read-only jobs, their progress, and the ZIP to download."""

from django.contrib import admin
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import path, reverse

from ..models import BulkExport
from ..tenancy import sees_everything
from ..tenancy.admin_scoping import CompanyScopedAdmin
from .http import zip_response


class BulkExportAdmin(CompanyScopedAdmin):
    """Read-only: a job is made by the postings' "Export selected" action and run by the
    task worker; its page shows the progress and then the download."""

    list_display = ("created_at", "requested_by", "status", "progress", "format_list")
    list_filter = ("status",)
    list_select_related = ("requested_by", "company")
    fields = (
        "status",
        "progress",
        "requested_by",
        "created_at",
        "started_at",
        "finished_at",
        "format_list",
        "draft",
        "error",
    )
    readonly_fields = fields
    change_form_template = "admin/hiring/bulkexport/change_form.html"

    class Media:
        css = {"all": ("hiring/admin.css",)}

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("requested_by")

    def get_list_display(self, request):
        if sees_everything(request.user):
            return (*self.list_display, "company")
        return self.list_display

    def get_fields(self, request, obj=None):
        if obj is not None and obj.error:
            return self.fields
        return tuple(name for name in self.fields if name != "error")

    def has_view_permission(self, request, obj=None):
        # Hidden from a recruiter's index, but the job their "Export selected" opened
        # shows its progress and the download to them, and they may delete it.
        return self.may_enter(request) and self.owns(request, obj)

    has_delete_permission = has_view_permission

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description="Progress")
    def progress(self, obj):
        return f"{obj.completed:,} of {obj.total:,} files"

    @admin.display(description="Formats")
    def format_list(self, obj):
        return ", ".join(obj.formats)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            # While the worker is on it, the page reloads itself (no script: the CSP is strict).
            context["refresh"] = not obj.is_finished
            if obj.status == BulkExport.Status.DONE and obj.file:
                context["download_url"] = reverse("admin:hiring_bulkexport_download", args=[obj.pk])
        return super().render_change_form(request, context, add, change, form_url, obj)

    def download_view(self, request, object_id):
        job = get_object_or_404(self.get_queryset(request), pk=object_id)
        if not self.has_view_permission(request, job) or not job.file:
            raise Http404
        try:
            return zip_response(job)
        except FileNotFoundError:
            raise Http404("The ZIP is missing from the storage.") from None

    def get_urls(self):
        return [
            path(
                "<int:object_id>/download/",
                self.admin_site.admin_view(self.download_view),
                name="hiring_bulkexport_download",
            ),
            *super().get_urls(),
        ]
