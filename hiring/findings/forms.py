"""The form of the admin's "Analyse a job text" page."""

from django import forms

TEXT_LIMIT = 50_000


class AnalyseTextForm(forms.Form):
    title = forms.CharField(max_length=200)
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 18, "cols": 90}),
        max_length=TEXT_LIMIT,
        help_text="Paste the whole posting as candidates would read it.",
    )
