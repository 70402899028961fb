"""`roles` is the lower layer: the catalog knows nothing of the hiring app built on it."""

import ast
from pathlib import Path

import roles

ROLES_DIR = Path(roles.__file__).parent


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            names.add(node.module)
    return names


def test_no_module_of_roles_imports_hiring():
    modules = sorted(ROLES_DIR.rglob("*.py"))
    assert len(modules) > 10  # the walk found the package

    importing = {
        str(path.relative_to(ROLES_DIR)): sorted(
            name for name in _imports(path) if name.split(".")[0] == "hiring"
        )
        for path in modules
    }

    assert {path: names for path, names in importing.items() if names} == {}
