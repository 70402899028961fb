"""axe-core in the browser tests: the violations a page must not have."""

from axe_playwright_python.sync_playwright import Axe

BLOCKING = ("serious", "critical")


def serious_violations(page) -> list[str]:
    """axe-core's serious and critical violations on the page, by rule and element."""
    results = Axe().run(page)
    return [
        f"{v['id']}: {node['target']}"
        for v in results.response["violations"]
        if v["impact"] in BLOCKING
        for node in v["nodes"]
    ]
