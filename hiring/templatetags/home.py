from django import template

from hiring.postings.home import recruiter_home

register = template.Library()


@register.simple_tag
def home_of(user):
    """The admin index's home: read once per page, by `hiring.postings.home`."""
    return recruiter_home(user=user)
