"""One way to name a person: full name, else login; the pages' `person` filter agrees."""

import pytest
from django.contrib.auth import get_user_model
from django.template import Context, Template

from hiring.tenancy import person_name

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("first", "last", "expected"),
    [("Hugo", "Manager", "Hugo Manager"), ("Hugo", "", "Hugo"), ("", "", "hugo")],
)
def test_a_person_is_named_by_full_name_else_login(first, last, expected):
    user = get_user_model().objects.create(username="hugo", first_name=first, last_name=last)
    assert person_name(user) == expected
    rendered = Template("{% load people %}{{ user|person }}").render(Context({"user": user}))
    assert rendered == expected


def test_nobody_reads_as_the_pages_default():
    rendered = Template('{% load people %}{{ user|person:"a former user" }}').render(
        Context({"user": None})
    )
    assert rendered == "a former user"
