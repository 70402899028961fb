"""The recruiter's forms on a posting, its rows and its rubric."""

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Max

from ..models import JobPosting, Membership
from ..tenancy import person_name
from .blocks import BLOCKS, posting_blocks_set
from .errors import StaleVersionError
from .services import check_editable, posting_check_version
from .widgets import ROW_RENDERER, PreloadedAutocompleteSelect


class VersionCheckedForm(forms.ModelForm):
    """A form on a posting or on its rubric: it carries the posting's version it was opened
    at, and a save based on an older one is refused with the input kept."""

    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def versioned_posting(self) -> JobPosting | None:
        """The posting whose version guards this form; None for a new object."""
        raise NotImplementedError

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        posting = self.versioned_posting()
        if posting is not None and "expected_version" in self.fields:
            self.fields["expected_version"].initial = posting.version

    def clean(self):
        cleaned = super().clean()
        posting = self.versioned_posting()
        expected = cleaned.get("expected_version")
        if posting is not None and expected is not None:
            try:
                posting_check_version(posting=posting, expected_version=expected)
            except StaleVersionError as exc:
                raise forms.ValidationError(str(exc), code="stale") from exc
        return cleaned


BENEFITS_HELP = "Leave blank to use the company's benefits, shown greyed in the box."


class PostingForm(VersionCheckedForm):
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
            "valid_through",
            "listed",
            "recruiter",
            "hiring_manager",
        )

    # The company's texts each blank override shows (set by the admin for its company).
    company_texts: dict[str, str] = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields.pop("prefill_from_role")
        for name, text in self.company_texts.items():
            if name in self.fields and text:
                self.fields[name].widget.attrs["placeholder"] = text
        if "benefits" in self.fields:
            self.fields["benefits"].help_text = BENEFITS_HELP

    def versioned_posting(self) -> JobPosting | None:
        return self.instance if self.instance.pk else None

    def clean(self):
        if self.instance.pk:
            status = JobPosting.objects.filter(pk=self.instance.pk).values_list("status", flat=True)
            status = status.first()
            if status is None:
                raise forms.ValidationError("This posting no longer exists.")
            self.instance.status = status
            check_editable(posting=self.instance)
        return super().clean()


def limit_people(form_field, company, role):
    """Only members of `company` with `role` may be picked (all members for superusers),
    each by name."""
    members = Membership.objects.filter(role=role)
    if company is not None:
        members = members.filter(company=company)
    form_field.queryset = form_field.queryset.filter(membership__in=members)
    form_field.label_from_instance = person_name
    return form_field


class ReassignForm(forms.Form):
    """Whom to hand a posting's review to: another hiring manager of its company."""

    hiring_manager = forms.ModelChoiceField(
        queryset=get_user_model().objects.none(), label="New hiring manager"
    )

    def __init__(self, *args, posting: JobPosting, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["hiring_manager"]
        field.queryset = (
            get_user_model().objects.exclude(pk=posting.hiring_manager_id).order_by("username")
        )
        limit_people(field, posting.company, Membership.Role.HIRING_MANAGER)


DUPLICATE_SKILL = "{skill} is already on this posting."
# What a row is called in its inputs' accessible names ("Emphasis of skill 3").
ROW_NOUNS = {"skills": "skill", "responsibilities": "responsibility"}

DUPLICATE_ORDER = (
    "Two rows have the order {order}; give each row its own number, or leave one blank "
    "to put it last."
)


class RowBlockChoiceField(forms.ModelChoiceField):
    """The catalog block of an inline row. Every row's form copies its fields, and a
    ModelChoiceField copies its queryset twice on the way: 80 rows made 320 clones of
    the scoped catalog query. The rows share the (never evaluated) queryset instead;
    looking a value up still clones it."""

    # The block the row holds already (set by the formset): kept without a query.
    current = None

    def __deepcopy__(self, memo):
        result = super(forms.ChoiceField, self).__deepcopy__(memo)
        result._queryset = self._queryset
        result.widget.choices = result.choices
        return result

    def to_python(self, value):
        if self.current is not None and str(value) == str(self.current.pk):
            return self.current
        return super().to_python(value)


class RowIdField(forms.ModelChoiceField):
    """The id of a saved row: looked up among the rows the formset loaded, not one query
    per row."""

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows

    def to_python(self, value):
        if str(value).isdigit():
            row = self.rows().get(int(value))
            if row is not None:
                return row
        return super().to_python(value)


class OrderedRowForm(forms.ModelForm):
    """A row of an `OrderedInlineFormSet`: the formset, not each row against the database,
    checks that orders are unique, so that two rows may trade numbers in one save (and
    that a skill is there once, with an error that names it).

    A new row is a nice-to-have until the recruiter says otherwise."""

    default_renderer = ROW_RENDERER

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk and "must_have" in self.fields:
            self.initial.setdefault("must_have", False)

    def _get_validation_exclusions(self):
        return super()._get_validation_exclusions() | {"order", "skill"}

    def validate_constraints(self):
        # A saved row the recruiter left alone met the constraints when it was written;
        # checking each again cost three queries per constraint per row.
        if self.instance.pk and not self.has_changed():
            return
        super().validate_constraints()


class OrderedInlineFormSet(forms.BaseInlineFormSet):
    """Rows left without an order go after the others, so a recruiter may leave it blank;
    rows may trade numbers (use `OrderedRowForm` for the rows).

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
                        if isinstance(field, RowBlockChoiceField):
                            field.current = related

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "order" in form.fields:
            form.fields["order"].required = False
        pk = form.fields.get(self._pk_field.name)
        if type(pk) is forms.ModelChoiceField:
            form.fields[self._pk_field.name] = RowIdField(
                pk.queryset,
                initial=pk.initial,
                required=False,
                widget=pk.widget,
                rows=self._loaded_rows,
            )
        noun = ROW_NOUNS.get(self.prefix, "row")
        row = f"{noun} {index + 1}" if index is not None else f"the new {noun}"
        for name, field in form.fields.items():
            if field.widget.is_hidden:
                continue
            if name == "DELETE":
                label = f"Delete {row}"
            elif name == noun:  # the block itself: "Skill 3"
                label = row[:1].upper() + row[1:]
            else:
                label = f"{field.label} of {row}"
            widget = getattr(field.widget, "widget", field.widget)
            widget.attrs["aria-label"] = label

    def _loaded_rows(self) -> dict:
        """The saved rows by id, loaded once (Django's own cache of them)."""
        if not hasattr(self, "_object_dict"):
            self._object_dict = {row.pk: row for row in self.get_queryset()}
        return self._object_dict

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
        seen = set()
        for form in self.forms:
            if not form.cleaned_data or form.cleaned_data.get("DELETE"):
                continue
            order = form.cleaned_data["order"]
            if order in seen:
                raise forms.ValidationError(DUPLICATE_ORDER.format(order=order))
            seen.add(order)
        self._check_duplicate_skills()
        super().clean()

    def _check_duplicate_skills(self):
        """A skill twice on a posting: the later row says which skill it is."""
        seen = set()
        for form in self.forms:
            data = form.cleaned_data
            if not data or data.get("DELETE") or not data.get("skill"):
                continue
            skill = data["skill"]
            if skill.pk in seen:
                form.add_error("skill", DUPLICATE_SKILL.format(skill=skill.name))
            seen.add(skill.pk)

    def save_existing_objects(self, commit=True):
        if commit:
            self._free_orders()
        return super().save_existing_objects(commit)

    def _free_orders(self):
        """Rows that change or give up their number first move to numbers no row uses:
        the database allows one row per number at every moment of the save."""
        moving = [
            form.instance.pk
            for form in self.initial_forms
            if form in self.deleted_forms or "order" in form.changed_data
        ]
        if not moving:
            return
        model = self.queryset.model
        rows = model.objects.filter(**{self.fk.name: self.instance})
        free = max(
            rows.aggregate(n=Max("order"))["n"] or 0,
            *(form.cleaned_data.get("order") or 0 for form in self.forms if form.cleaned_data),
        )
        for offset, pk in enumerate(moving, start=1):
            rows.filter(pk=pk).update(order=free + offset)


class PostingBlockFormSet(OrderedInlineFormSet):
    """A posting's skills or responsibilities: saved through the one writer of a
    posting's rows, `blocks.posting_blocks_set`, not row by row."""

    def save(self, commit=True):
        block = self.fk.remote_field.related_name  # "skills" or "responsibilities"
        editable = BLOCKS[block][2]
        rows = [
            {"id": form.instance.pk, **{name: form.cleaned_data.get(name) for name in editable}}
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        written = posting_blocks_set(posting=self.instance, **{block: rows})[block]
        # What the admin's history reads.
        self.new_objects = written["new"]
        self.changed_objects = written["changed"]
        self.deleted_objects = written["deleted"]
        return [*self.new_objects, *(row for row, _ in self.changed_objects)]
