"""`{{ user|person }}`: a person by name on every page, as the exports name them."""

from django import template

from ..tenancy import person_name

register = template.Library()


@register.filter
def person(user, default: str = "") -> str:
    return person_name(user) or default
