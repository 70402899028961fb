"""Widgets of a posting's inline rows, drawn without a template each.

A change form with 40 skills and 40 responsibilities draws about 550 widgets; through
Django's template renderer they took two thirds of the page's time. The row forms use
`RowRenderer`, which writes the few widget templates they use in Python (the same HTML),
and hands anything else to the templates.
"""

from django.contrib.admin.widgets import AutocompleteSelect
from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

INPUT_TEMPLATES = frozenset(
    f"django/forms/widgets/{name}.html"
    for name in ("input", "text", "number", "hidden", "checkbox", "url", "email")
)
SELECT_TEMPLATE = "django/forms/widgets/select.html"
TEXTAREA_TEMPLATE = "django/forms/widgets/textarea.html"
ERROR_LIST_TEMPLATES = "django/forms/errors/list/"


def flat_attrs(attrs: dict) -> str:
    """django/forms/widgets/attrs.html: False drops an attribute, True writes its name."""
    parts = []
    for name, value in attrs.items():
        if value is False or value is None:
            continue
        if value is True:
            parts.append(f" {conditional_escape(name)}")
        else:
            parts.append(f' {conditional_escape(name)}="{conditional_escape(value)}"')
    return "".join(parts)


def _input(widget: dict) -> str:
    value = widget["value"]
    shown = "" if value is None else f' value="{conditional_escape(str(value))}"'
    return (
        f'<input type="{conditional_escape(widget["type"])}" '
        f'name="{conditional_escape(widget["name"])}"{shown}{flat_attrs(widget["attrs"])}>'
    )


def _select(widget: dict) -> str:
    parts = [f'<select name="{conditional_escape(widget["name"])}"{flat_attrs(widget["attrs"])}>']
    for group_name, options, _ in widget["optgroups"]:
        if group_name:
            parts.append(f'<optgroup label="{conditional_escape(group_name)}">')
        for option in options:
            parts.append(
                f'<option value="{conditional_escape(str(option["value"]))}"'
                f"{flat_attrs(option['attrs'])}>{conditional_escape(option['label'])}</option>"
            )
        if group_name:
            parts.append("</optgroup>")
    parts.append("</select>")
    return "".join(parts)


def _textarea(widget: dict) -> str:
    return format_html(
        '<textarea name="{}"{}>\n{}</textarea>',
        widget["name"],
        mark_safe(flat_attrs(widget["attrs"])),
        widget["value"] or "",
    )


class RowRenderer(DjangoTemplates):
    """The form renderer of inline rows: inputs, selects, textareas and empty error
    lists in Python."""

    def render(self, template_name, context, request=None):
        if template_name.startswith(ERROR_LIST_TEMPLATES) and not context.get("errors"):
            return ""  # every cell asks for its errors; almost none has any
        if template_name in INPUT_TEMPLATES:
            return mark_safe(_input(context["widget"]))
        if template_name == SELECT_TEMPLATE:
            return mark_safe(_select(context["widget"]))
        if template_name == TEXTAREA_TEMPLATE:
            return mark_safe(_textarea(context["widget"]))
        return super().render(template_name, context, request)


ROW_RENDERER = RowRenderer()


class PreloadedAutocompleteSelect(AutocompleteSelect):
    """Django's autocomplete runs one query per rendered row to label the selected value;
    an inline of 40 blocks would run 40. The formset hands over the rows it already
    loaded (`preloaded`: pk string -> object), and only unknown values are queried.

    `url` (optional) points the search at another view than the admin's autocomplete:
    the posting's own skill search ranks names and leaves out the skills it has.
    """

    preloaded: dict = {}
    url: str | None = None

    def get_url(self):
        return self.url or super().get_url()

    def optgroups(self, name, value, attr=None):
        selected = {str(v) for v in value if str(v) not in self.choices.field.empty_values}
        if not selected <= self.preloaded.keys():
            return super().optgroups(name, value, attr)
        default = (None, [], 0)
        if not self.is_required:
            default[1].append(self.create_option(name, "", "", False, 0))
        for key in sorted(selected):
            label = self.choices.field.label_from_instance(self.preloaded[key])
            default[1].append(self.create_option(name, key, label, selected, len(default[1])))
        return [default]
