"""The hiring manager's decision."""

from django import forms

from ..models import Review


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(choices=Review.Decision.choices, widget=forms.RadioSelect)
    comment = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text="Required when you request changes.",
    )
    expected_version = forms.IntegerField(widget=forms.HiddenInput)
