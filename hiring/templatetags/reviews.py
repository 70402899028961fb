from django import template

register = template.Library()


@register.filter
def comments_at(section_comments: dict, place: str) -> list:
    """The review comments the change form shows at `place` (a fieldset or an inline)."""
    return (section_comments or {}).get(place, [])
