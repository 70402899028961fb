"""Bare Django views: the same rows, no admin, no template engine, no selector."""

from django.http import HttpResponse
from django.utils.html import escape

from roles.models import Emphasis, Level, Responsibility, SalaryBand, Skill


def bare_catalog(request):
    """What the comparison page shows, from `values()` into a hand-built HTML table."""
    emphasis = {
        (row["skill_id"], row["role_family__slug"]): row["level"]
        for row in Emphasis.objects.values("skill_id", "role_family__slug", "level")
    }
    parts = ["<table>"]
    for skill in Skill.objects.filter(company__isnull=True).values("id", "name", "category"):
        ds = emphasis.get((skill["id"], "data-scientist"), 0)
        mle = emphasis.get((skill["id"], "machine-learning-engineer"), 0)
        parts.append(
            f"<tr><td>{escape(skill['name'])}</td><td>{skill['category']}</td>"
            f"<td>{ds}</td><td>{mle}</td></tr>"
        )
    parts.append("</table><ul>")
    for row in Responsibility.objects.filter(core_for__isnull=False).values("text"):
        parts.append(f"<li>{escape(row['text'])}</li>")
    for row in Level.objects.values("name", "min_years", "max_years"):
        parts.append(f"<li>{escape(row['name'])} {row['min_years']}-{row['max_years']}</li>")
    for row in SalaryBand.objects.values("region", "min_amount", "max_amount"):
        parts.append(f"<li>{row['region']} {row['min_amount']}-{row['max_amount']}</li>")
    parts.append("</ul>")
    return HttpResponse("".join(parts))
