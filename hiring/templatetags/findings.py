from django import template

from hiring.findings.display import finding_notes

register = template.Library()
register.filter("finding_notes", finding_notes)
