"""The recruiter's choice of formats for a bulk export."""

from django import forms

from .formats import FORMATS

# What a job board or an ATS upload usually takes; the recruiter may pick others.
DEFAULT_FORMATS = ("pdf", "html", "markdown", "jsonld")


class BulkExportForm(forms.Form):
    formats = forms.MultipleChoiceField(
        label="Formats",
        choices=[(name, exporter.label) for name, exporter in FORMATS.items()],
        widget=forms.CheckboxSelectMultiple,
        initial=DEFAULT_FORMATS,
        error_messages={"required": "Pick at least one format to export."},
    )
