"""A real HTTP server for the test app and Debian's chromium driven through
Playwright (``playwright install`` is never needed).

The server serves the same ``app`` (and so the same database) as the test:
commit what the browser should see; the ``db`` fixture empties the tables
after each test as usual.
"""
import os
import re
import threading

import pytest

from .helpers import TEST_PASSWORD
from .mail import free_port

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@pytest.fixture(scope="session")
def live_server(app):
    """Base URL (no trailing slash) of ``app`` served in a daemon thread."""
    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", free_port(), app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=10)
    server.server_close()


@pytest.fixture(scope="session")
def browser():
    """Headless chromium from Debian.

    Without /usr/bin/chromium the browser tests are skipped, except under CI
    (``CI`` set), where that is a failure.
    """
    if not os.path.exists(CHROMIUM):
        message = f"{CHROMIUM} is missing (Debian: apt install chromium fonts-noto-core)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
    finally:
        playwright.stop()


def log_in_page(page, base_url, user, password=TEST_PASSWORD):
    """Log a Playwright ``page`` in through the form at ``base_url`` and wait
    until it has left the login page (times out if the login is refused)."""
    page.goto(f"{base_url}/auth/login")
    page.locator("input[name=email]").fill(user.email)
    page.locator("input[name=password]").fill(password)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r".*(?<!/auth/login)$"))
    return page


def choose_language(page, own_name: str):
    """Switch the page's language as a visitor does: open the switcher (the
    globe) and pick the language by its name in itself ("العربية")."""
    page.locator("nav.languages summary").click()
    page.locator("nav.languages").get_by_role("link", name=own_name, exact=True).click()
    return page


@pytest.fixture
def page(browser):
    """A fresh browser context (no cookies) and page per test, of a visitor
    whose browser asks for German (chromium would send en-US otherwise)."""
    context = browser.new_context(locale="de-DE")
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


def wcag_violations(page) -> list[str]:
    """WCAG 2.1 A/AA violations (axe-core) on the page as it is now, one line
    each; a format's browser test asserts ``wcag_violations(page) == []``."""
    from axe_playwright_python.sync_playwright import Axe

    tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": tags}, "resultTypes": ["violations"]})
    return [f"{page.url}: {violation['id']}: {[node['target'] for node in violation['nodes'][:3]]}"
            for violation in results.response["violations"]]
