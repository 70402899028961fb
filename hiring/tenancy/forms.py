"""Forms of a company's own settings: its pay-transparency statements, one a jurisdiction."""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS

from ..models.company import DUPLICATE_JURISDICTION


class PayStatementForm(forms.ModelForm):
    def validate_constraints(self):
        super().validate_constraints()
        # A jurisdiction the company has a statement for already: said on the field.
        errors = self._errors.get(NON_FIELD_ERRORS) if self._errors else None
        if errors and DUPLICATE_JURISDICTION in errors:
            others = [message for message in errors if message != DUPLICATE_JURISDICTION]
            if others:
                self._errors[NON_FIELD_ERRORS] = self.error_class(others)
            else:
                del self._errors[NON_FIELD_ERRORS]
            self.add_error("jurisdiction", DUPLICATE_JURISDICTION)


class PayStatementFormSet(forms.BaseInlineFormSet):
    """A company's statements: each jurisdiction once, said on the row that repeats it
    (Django's own check would say it once for the whole formset, naming no row)."""

    def clean(self):
        seen = set()
        repeated = False
        for form in self.forms:
            if self.can_delete and self._should_delete_form(form):
                continue
            if DUPLICATE_JURISDICTION in form.errors.get("jurisdiction", ()):
                repeated = True
                continue
            jurisdiction = getattr(form, "cleaned_data", {}).get("jurisdiction")
            if not jurisdiction:
                continue
            if jurisdiction in seen:
                form.add_error("jurisdiction", DUPLICATE_JURISDICTION)
                repeated = True
            seen.add(jurisdiction)
        if not repeated:
            super().clean()
