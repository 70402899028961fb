from django import template

from hiring.exports.display import candidate_view

register = template.Library()
register.simple_tag(candidate_view, name="candidate_view")
