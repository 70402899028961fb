"""Acme's posting, for the scoping tests."""

# Acme's MLE draft with a rubric, as the hiring tests use it.
from tests.hiring.conftest import posting  # noqa: F401
