"""The admin's "Create a draft from this text", posted from the *Analyse a job text* page."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views import View

from hiring.findings.forms import AnalyseTextForm
from hiring.tenancy import company_of

from .importing import import_message, posting_import

NO_COMPANY = (
    "A draft belongs to a company, and your account belongs to none: sign in as a recruiter "
    "of the company to import this text."
)


class PostingImportView(View):
    """Turn the pasted text into a draft and open it; on an error, show the page again
    with the text kept. Built with `as_view(model_admin=...)`, as the admin's
    autocomplete view is."""

    model_admin = None
    http_method_names = ["get", "post"]

    def get(self, request):
        return HttpResponseRedirect(reverse("admin:hiring_analyse"))

    def post(self, request):
        if not self.model_admin.has_add_permission(request):
            raise PermissionDenied
        form = AnalyseTextForm(request.POST)
        company = company_of(request.user)
        if form.is_valid() and company is None:
            form.add_error(None, NO_COMPANY)
        if form.is_valid():
            try:
                posting = posting_import(
                    company=company,
                    title=form.cleaned_data["title"],
                    text=form.cleaned_data["text"],
                    by=request.user,
                )
            except ValidationError as exc:
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                imported, kept = import_message(posting)
                messages.success(request, imported)
                messages.info(request, kept)
                return HttpResponseRedirect(
                    reverse("admin:hiring_jobposting_change", args=[posting.pk])
                )
        context = {
            **self.model_admin.admin_site.each_context(request),
            "title": "Analyse a job text",
            "opts": self.model_admin.model._meta,
            "form": form,
        }
        return TemplateResponse(
            request, "admin/hiring/jobposting/analyse.html", context, status=400
        )
