"""The hiring manager's decision, with comments on the sections of the posting."""

from django import forms

from ..models import Review, ReviewComment

Section = ReviewComment.Section
WHOLE_SECTION = ""


def section_blocks(posting, rubric) -> dict[str, list[str]]:
    """The blocks a comment on each section may name, as the page shows them."""
    return {
        Section.REQUIREMENTS: [row.skill.name for row in posting.skills.all()],
        Section.RESPONSIBILITIES: [row.display_text for row in posting.responsibilities.all()],
        Section.RUBRIC: [c.display_title for c in rubric.criteria.all()] if rubric else [],
    }


class ReviewForm(forms.Form):
    # What the manager does, in the imperative; the history shows what they did.
    decision = forms.ChoiceField(
        choices=[
            (Review.Decision.APPROVE, "Approve"),
            (Review.Decision.REQUEST_CHANGES, "Request changes"),
        ],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label="Overall comment",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text="When you request changes, say what should change here or on a section.",
    )
    expected_version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, blocks: dict[str, list[str]] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        blocks = blocks or {}
        self.sections = []
        for section in Section:
            text = forms.CharField(
                label=f"On {section.label.lower()}",
                required=False,
                max_length=5000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.fields[f"{section}_comment"] = text
            names = blocks.get(section)
            if names:
                choices = [(WHOLE_SECTION, "The whole section"), *((n, n) for n in names)]
                self.fields[f"{section}_block"] = forms.ChoiceField(
                    label="About", choices=choices, required=False
                )
            self.sections.append(section)

    def section_fields(self):
        """(comment field, block field or None) per section, for the template."""
        return [
            (self[f"{s}_comment"], self[f"{s}_block"] if f"{s}_block" in self.fields else None)
            for s in self.sections
        ]

    def section_comments(self) -> list[dict]:
        """The comments typed, as `posting_review` takes them."""
        comments = []
        for section in self.sections:
            text = self.cleaned_data.get(f"{section}_comment", "").strip()
            if text:
                block = self.cleaned_data.get(f"{section}_block") or ""
                comments.append({"section": str(section), "block": block, "text": text})
        return comments
