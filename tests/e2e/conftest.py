"""Browser tests: Playwright driving the system Chromium against a live server.

They skip, with the reason, where no Chromium is installed (`.ci/run` installs it).
Each step's screenshot goes to test-artifacts/e2e/.
"""

import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts" / "e2e"
# The probe's flags: headless, no sandbox as root, nothing that phones home.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(config, items):
    # Live-server tests flush the database when they end, the shared catalog with it:
    # run them after every other test.
    items.sort(key=lambda item: "tests/e2e/" in str(item.fspath).replace(os.sep, "/"))


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"No Chromium at {CHROMIUM}: install the Debian package 'chromium'.")
    playwright_api = pytest.importorskip("playwright.sync_api")
    # Playwright's sync API keeps an event loop running in this thread; Django would take
    # every ORM call in the test for async code. These tests run last (see above).
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def demo(live_server):
    """The catalog and the demo company, committed so the live server sees them."""
    call_command("load_catalog", verbosity=0)
    with open(os.devnull, "w") as quiet:
        call_command("load_demo", verbosity=0, stdout=quiet)
    return live_server


class Session:
    """One person's browser tab, with a screenshot per step and CSP violations collected."""

    def __init__(self, browser, base_url, name, *, viewport=None):
        self.context = browser.new_context(
            viewport=viewport or {"width": 1366, "height": 900}, accept_downloads=True
        )
        self.page = self.context.new_page()
        self.base_url = base_url
        self.name = name
        self.steps = 0
        self.csp_violations = []
        self.page.on("console", self._console)

    def _console(self, message):
        if "Content Security Policy" in message.text:
            self.csp_violations.append(message.text)

    def go(self, path):
        return self.page.goto(self.base_url + path)

    def shot(self, label):
        self.steps += 1
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        from playwright.sync_api import Error as PlaywrightError

        path = str(ARTIFACTS / f"{self.name}-{self.steps:02d}-{label}.png")
        try:
            self.page.screenshot(path=path)
        except PlaywrightError:
            # Chromium sometimes cannot capture while a navigation settles on a busy
            # machine ("Unable to capture screenshot"): wait for the page, try once more.
            self.page.wait_for_load_state()
            self.page.screenshot(path=path)

    def close(self):
        self.context.close()


@pytest.fixture
def open_session(browser, demo):
    sessions = []

    def open_session(name, **kwargs):
        session = Session(browser, demo.url, name, **kwargs)
        sessions.append(session)
        return session

    yield open_session
    for session in sessions:
        session.close()
    violations = [v for s in sessions for v in s.csp_violations]
    assert not violations, violations
