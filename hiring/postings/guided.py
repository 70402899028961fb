"""The admin's "New posting": role family, then level, then places, then pay, one plain
form per step, then the draft pre-filled from the role (`posting_create_from_role`).

The steps carry the answers so far in the query string, so that Back, a reload and a
bookmark work without a session or a script; only the last step writes, with a POST.
"""

import datetime
from dataclasses import dataclass

import pycountry
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views import View

from roles.models import Level, RoleFamily, SalaryBand
from roles.sources import source_title

from ..models import JobPosting, Membership
from ..models.posting import text_lines
from ..rules.pay import PayLaw, laws_covering
from ..rules.regions import regions_of
from ..tenancy import company_of
from .forms import limit_people
from .services import posting_create_from_role

STEPS = ("Role family", "Level", "Where and how", "Pay")
NO_COMPANY = (
    "A posting belongs to a company, and your account belongs to none: sign in as a "
    "recruiter of the company to start one."
)
CREATED = (
    "Draft created with the {role}'s core duties and skills. Read them through, adjust "
    "what your team needs, then submit it for review."
)


class FamilyStep(forms.Form):
    family = forms.ModelChoiceField(RoleFamily.objects.all(), to_field_name="slug")


class LevelStep(forms.Form):
    level = forms.ModelChoiceField(Level.objects.none(), to_field_name="slug")

    def __init__(self, *args, family: RoleFamily, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the family's own ladder: a level of the other family is refused anyway.
        self.fields["level"].queryset = family.levels.order_by("rank")


class PlaceStep(forms.Form):
    locations = forms.CharField(
        label="Locations",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="One per line, as 'City, Region, Country' (e.g. 'Denver, CO, US') or "
        "'Remote (US)'.",
    )
    remote_policy = forms.ChoiceField(
        label="Work policy",
        choices=JobPosting.RemotePolicy.choices,
        initial=JobPosting.RemotePolicy.HYBRID,
        widget=forms.RadioSelect,
    )


class PayStep(forms.ModelForm):
    class Meta:
        model = JobPosting
        fields = (
            "salary_min",
            "salary_max",
            "salary_currency",
            "salary_period",
            "title",
            "hiring_manager",
        )
        labels = {
            "salary_min": "Pay from",
            "salary_max": "Pay up to",
            "salary_currency": "Currency",
            "salary_period": "Paid",
            "hiring_manager": "Who reviews it",
        }
        help_texts = {"hiring_manager": "The hiring manager who approves it; you can choose later."}

    def __init__(self, *args, company, **kwargs):
        super().__init__(*args, **kwargs)
        limit_people(self.fields["hiring_manager"], company, Membership.Role.HIRING_MANAGER)
        self.fields["hiring_manager"].empty_label = "Choose later"


@dataclass(frozen=True)
class PaySuggestion:
    band: SalaryBand
    region_name: str
    role: str

    @property
    def source(self) -> str:
        return source_title(self.band.source)


def region_name(code: str) -> str:
    country = pycountry.countries.get(alpha_2=code)
    return getattr(country, "common_name", None) or getattr(country, "name", code)


def pay_suggestion(
    *, role_family: RoleFamily, level: Level | None, locations: list[str]
) -> PaySuggestion | None:
    """The catalog's reference band for the role, level and first region that has one, as
    the rules read it (`hiring.rules.pay.reference_band`): exact level before role-only,
    the newest year."""
    bands = list(SalaryBand.objects.filter(role_family=role_family).select_related("level"))
    for region in regions_of(locations):
        here = [band for band in bands if band.region.upper() == region]
        for wanted in (level, None) if level else (None,):
            matching = [band for band in here if band.level_id == getattr(wanted, "pk", None)]
            if matching:
                band = max(matching, key=lambda band: band.year)
                role = wanted.name if wanted else f"{role_family.name} (any level)"
                return PaySuggestion(band=band, region_name=region_name(region), role=role)
    return None


def pay_laws_for(*, locations: list[str], remote_policy: str) -> tuple[PayLaw, ...]:
    today: datetime.date = timezone.localdate()
    return laws_covering(locations, remote_policy, today)


class NewPostingView(View):
    """One view, four steps: the first step whose answer is missing or wrong is shown.
    Built with `as_view(model_admin=...)`, as the admin's autocomplete view is."""

    model_admin = None
    http_method_names = ["get", "post"]

    def dispatch(self, request, *args, **kwargs):
        if not self.model_admin.has_add_permission(request):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return self.step(request, request.GET)

    def post(self, request):
        return self.step(request, request.POST)

    def step(self, request, data):
        family_form = FamilyStep(data if "family" in data else None)
        if not family_form.is_valid():
            return self.render(request, 1, family_form=family_form)
        family = family_form.cleaned_data["family"]
        level_form = LevelStep(data if "level" in data else None, family=family)
        if not level_form.is_valid():
            return self.render(request, 2, family=family, level_form=level_form)
        level = level_form.cleaned_data["level"]
        place_form = PlaceStep(data if "remote_policy" in data else None)
        if not place_form.is_valid():
            return self.render(request, 3, family=family, level=level, place_form=place_form)
        place = place_form.cleaned_data
        locations = text_lines(place["locations"])
        suggestion = pay_suggestion(role_family=family, level=level, locations=locations)
        company = company_of(request.user)
        pay_form = PayStep(
            data if request.method == "POST" else None,
            company=company,
            initial=self.pay_initial(level, suggestion, company),
        )
        context = {
            "family": family,
            "level": level,
            "place": place,
            "pay_form": pay_form,
            "suggestion": suggestion,
            "laws": pay_laws_for(locations=locations, remote_policy=place["remote_policy"]),
        }
        if request.method != "POST" or not pay_form.is_valid():
            return self.render(request, 4, **context)
        if company is None:
            pay_form.add_error(None, NO_COMPANY)
            return self.render(request, 4, **context)
        try:
            posting = posting_create_from_role(
                company=company,
                role_family=family,
                level=level,
                recruiter=request.user,
                locations="\n".join(locations),
                remote_policy=place["remote_policy"],
                **pay_form.cleaned_data,
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                pay_form.add_error(field if field in pay_form.fields else None, errors)
            return self.render(request, 4, **context)
        messages.success(request, CREATED.format(role=level.name))
        return HttpResponseRedirect(reverse("admin:hiring_jobposting_change", args=[posting.pk]))

    @staticmethod
    def pay_initial(level, suggestion, company) -> dict:
        initial = {"title": level.name}
        if suggestion is not None:
            band = suggestion.band
            initial.update(
                salary_min=band.min_amount,
                salary_max=band.max_amount,
                salary_currency=band.currency,
                salary_period=band.period,
            )
        managers = Membership.objects.filter(
            company=company, role=Membership.Role.HIRING_MANAGER
        ).values_list("user_id", flat=True)[:2]
        if company is not None and len(managers) == 1:
            initial["hiring_manager"] = managers[0]
        return initial

    def render(self, request, number, **context):
        admin_site = self.model_admin.admin_site
        bound = any(
            form is not None and form.is_bound and form.errors
            for form in (context.get(name) for name in ("place_form", "pay_form"))
        )
        context = {
            **admin_site.each_context(request),
            "title": f"New posting: {STEPS[number - 1].lower()}",
            "opts": self.model_admin.model._meta,
            "step": number,
            "steps": STEPS,
            "families": RoleFamily.objects.order_by("name") if number == 1 else (),
            **context,
        }
        if number == 2:
            context["levels"] = context["level_form"].fields["level"].queryset
        return TemplateResponse(
            request,
            "admin/hiring/jobposting/new_posting.html",
            context,
            status=400 if bound else 200,
        )
