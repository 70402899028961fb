from django import template

from roles.sources import source_title

register = template.Library()
register.filter("source_title", source_title)
