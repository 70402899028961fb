"""The form of the admin's "Analyse a job text" page."""

from django import forms
from django.forms.models import construct_instance

from ..models import JobPosting

TEXT_LIMIT = 50_000


class AnalyseTextForm(forms.Form):
    title = forms.CharField(max_length=200)
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 18, "cols": 90}),
        max_length=TEXT_LIMIT,
        help_text="Paste the whole posting as candidates would read it.",
    )


class UnsavedPostingForm(forms.ModelForm):
    """The posting's own fields as the change form sends them while the recruiter types;
    a field that does not validate yet keeps its saved value."""

    class Meta:
        model = JobPosting
        fields = ("title", "role_family", "level", *JobPosting.CONTENT_FIELDS[1:])

    def _post_clean(self):
        # The rules read the values as typed; the model's own checks (six queries of
        # constraints) run when the form is saved.
        construct_instance(self, self.instance, self._meta.fields, self._meta.exclude)
