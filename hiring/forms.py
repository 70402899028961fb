"""Forms shared by the admin and the review pages."""

from django import forms
from django.db.models import Max

from .models import JobPosting, Membership, Review
from .services import STALE_VERSION, check_editable
from .widgets import PreloadedAutocompleteSelect


class PostingForm(forms.ModelForm):
    """The posting form carries the version it was opened at, so a stale save is refused."""

    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    prefill_from_role = forms.BooleanField(
        required=False,
        initial=True,
        label="Pre-fill from the role family",
        help_text="Adds the role's core responsibilities and heavy skills at the chosen level.",
    )

    class Meta:
        model = JobPosting
        fields = (
            "title",
            "role_family",
            "level",
            *JobPosting.CONTENT_FIELDS[1:],
            "recruiter",
            "hiring_manager",
        )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields.pop("prefill_from_role")
            self.fields["expected_version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            current = JobPosting.objects.filter(pk=self.instance.pk).values("version", "status")
            current = current.first()
            if current is None:
                raise forms.ValidationError("This posting no longer exists.")
            self.instance.status = current["status"]
            check_editable(self.instance)
            expected = cleaned.get("expected_version")
            if expected is not None and expected != current["version"]:
                raise forms.ValidationError(
                    STALE_VERSION.format(current=current["version"], expected=expected),
                    code="stale",
                )
        return cleaned


def limit_people(form_field, company, role):
    """Only members of `company` with `role` may be picked (all members for superusers)."""
    members = Membership.objects.filter(role=role)
    if company is not None:
        members = members.filter(company=company)
    form_field.queryset = form_field.queryset.filter(membership__in=members)
    return form_field


class OrderedInlineFormSet(forms.BaseInlineFormSet):
    """Rows left without an order go after the others, so a recruiter may leave it blank.

    It also hands each autocomplete the block its row already loaded (see widgets).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for form in self.forms:
            for name, field in form.fields.items():
                widget = getattr(field.widget, "widget", field.widget)
                if isinstance(widget, PreloadedAutocompleteSelect) and form.instance.pk:
                    related = getattr(form.instance, name, None)
                    if related is not None:
                        widget.preloaded = {str(related.pk): related}

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "order" in form.fields:
            form.fields["order"].required = False

    def clean(self):
        taken = [
            form.cleaned_data.get("order")
            for form in self.forms
            if form.cleaned_data and form.cleaned_data.get("order")
        ]
        existing = 0
        if self.instance.pk:
            existing = self.queryset.aggregate(n=Max("order"))["n"] or 0
        next_order = max([existing, *taken]) + 1
        for form in self.forms:
            deleted = form.cleaned_data.get("DELETE") if form.cleaned_data else True
            if not deleted and not form.cleaned_data.get("order"):
                form.cleaned_data["order"] = next_order
                form.instance.order = next_order
                next_order += 1
        super().clean()


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(choices=Review.Decision.choices, widget=forms.RadioSelect)
    comment = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text="Required when you request changes.",
    )
    expected_version = forms.IntegerField(widget=forms.HiddenInput)


TEXT_LIMIT = 50_000


class AnalyseTextForm(forms.Form):
    title = forms.CharField(max_length=200)
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 18, "cols": 90}),
        max_length=TEXT_LIMIT,
        help_text="Paste the whole posting as candidates would read it.",
    )
