"""The layout's rules, read from the source: each is a place a business rule could
otherwise be written twice.

- `hiring/api/` is HTTP only: it writes no rows, it calls the packages that do;
- only `hiring/postings/blocks.py` writes a posting's skill and responsibility rows;
- `hiring/rules/` imports no Django (a subprocess test checks the import too);
- `roles/` (the catalog) imports nothing of `hiring`: it is the lower layer.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ROW_WRITES = {"save", "delete", "bulk_create", "bulk_update", "get_or_create", "update_or_create"}
QUERYSET_WRITES = {"create", "update"}  # also dict and hash methods: only on a queryset
QUERYSETS = {"objects", "filter", "exclude", "all", "select_for_update", "get_queryset"}
POSTING_ROWS = {"PostingSkill", "PostingResponsibility"}
BLOCK_MANAGERS = {"skills", "responsibilities"}  # a posting's related managers


def sources(folder: str):
    for path in sorted((ROOT / folder).rglob("*.py")):
        if "migrations" not in path.parts:
            yield path, ast.parse(path.read_text(), filename=str(path))


def chain(node: ast.AST) -> list[str]:
    """The names along `a.b(...).c.d`: ['a', 'b', 'c', 'd']."""
    names = []
    while True:
        if isinstance(node, ast.Call):
            node = node.func
        elif isinstance(node, ast.Attribute):
            names.append(node.attr)
            node = node.value
        elif isinstance(node, ast.Subscript):
            node = node.value
        else:
            if isinstance(node, ast.Name):
                names.append(node.id)
            return names[::-1]


def orm_writes(tree: ast.AST):
    """Each call that writes rows: `x.save()`, `Model.objects.filter(...).update(...)`..."""
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        names = chain(node.func)
        method, receiver = names[-1], names[:-1]
        if "cache" in receiver or "caches" in receiver:
            continue
        if method in ROW_WRITES or (method in QUERYSET_WRITES and QUERYSETS & set(receiver)):
            yield node.lineno, ".".join(names)


def imported_modules(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            yield node.module or ""


def test_it_finds_the_writes_it_looks_for():
    """The checks below would pass on an empty tree: this one proves they see writes."""
    tree = ast.parse(
        "row.save()\n"
        "PostingSkill.objects.filter(posting=p).update(order=1)\n"
        "Model.objects.create(name='x')\n"
        "digest.update(b'x')\n"
        "errors.update(more)\n"
        "cache.delete(key)\n"
    )

    assert [line for line, _ in orm_writes(tree)] == [1, 2, 3]


def test_the_api_writes_no_rows():
    writes = [
        f"{path.relative_to(ROOT)}:{line} {call}"
        for path, tree in sources("hiring/api")
        for line, call in orm_writes(tree)
    ]

    assert writes == [], "hiring/api/ calls services for its writes"


def test_only_the_postings_blocks_write_a_postings_rows():
    writes = []
    for folder in ("hiring", "roles"):
        for path, tree in sources(folder):
            if path == ROOT / "hiring/postings/blocks.py":
                continue
            for line, call in orm_writes(tree):
                names = set(call.split("."))
                if names & POSTING_ROWS or names & BLOCK_MANAGERS:
                    writes.append(f"{path.relative_to(ROOT)}:{line} {call}")

    assert writes == [], "hiring.postings.blocks writes them"


@pytest.mark.parametrize(
    ("folder", "forbidden"),
    [
        ("hiring/rules", "django"),
        ("roles", "hiring"),
    ],
)
def test_a_lower_layer_imports_nothing_above_it(folder, forbidden):
    found = [
        f"{path.relative_to(ROOT)}: {module}"
        for path, tree in sources(folder)
        for module in imported_modules(tree)
        if module == forbidden or module.startswith(f"{forbidden}.")
    ]

    assert found == []
