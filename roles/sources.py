"""The five source articles by the names a reader knows them by.

Catalog rows name their source by file (``seeds/000_….txt``) so that a fact can be traced
to the exact text. People read the article's title instead. Articles 002 and 003 print no
title; they are named by their opening question, marked as such.
"""

TITLES = {
    "000_57363c5cadbec434.txt": (
        "ML Engineer vs Data Scientist: Understanding Key Differences and Career Paths in 2026"
    ),
    "001_a2e84385d3077740.txt": (
        "Data Scientist vs Machine Learning Engineer: What's the difference?"
    ),
    "002_3192e35af9cfeb06.txt": (
        "What sets an ML Engineer apart from a Data Scientist? (untitled article)"
    ),
    "003_7c84e73d8b9ac4d5.txt": (
        "Data scientist vs machine learning engineer: which career to choose? (untitled article)"
    ),
    "004_a9c1373954b2aa14.txt": (
        "Data Science vs ML Engineering in 2026: roles, skills, salaries (with honest comparison)"
    ),
}


def source_title(source: str) -> str:
    """The title of the article a catalog row cites; a company's own rows cite nothing."""
    if not source:
        return ""
    return TITLES.get(source.rsplit("/", 1)[-1], "the rolekit catalog")
