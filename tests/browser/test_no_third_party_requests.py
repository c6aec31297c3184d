"""With the package's default settings, no public page makes the browser
talk to any server but the instance: no CDN, no fonts, no trackers."""
import re
from urllib.parse import urljoin, urlsplit

import pytest
from a11y import same_site_links
from conftest import noon_today_in_berlin
from playwright.sync_api import Error as PlaywrightError

from dialogplatform.demo import PILOTS, load_demo

pytestmark = pytest.mark.browser
LIMIT = 150  # pages, breadth-first: every municipality's start and event pages come first
# Pages behind a log-in only redirect there; they are not what a resident sees.
STAFF = re.compile(r"/(organise|admin|account|auth)(/|$)")


@pytest.fixture
def demo(app, db, clock):
    clock.set_time(noon_today_in_berlin())
    load_demo(password_factory=lambda: "demo-passwort-123")
    return app


def test_public_pages_of_the_demo_request_nothing_from_another_host(demo, live_server, browser):
    assert demo.config["HTMX_SOURCE"] == "local"  # the default, not set by the test kit
    own_host = urlsplit(live_server).netloc
    context = browser.new_context(locale="de-DE", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    requests = []
    page.on("request", lambda request: requests.append(request.url))

    queue = [urljoin(live_server, path) for path in ["/", "/overview", *[f"/{slug}/" for slug, _ in PILOTS]]]
    seen, visited = set(queue), []
    while queue and len(visited) < LIMIT:
        url = queue.pop(0)
        try:
            response = page.goto(url, wait_until="load")
        except PlaywrightError as error:  # a file download, not a page
            if "Download is starting" in str(error):
                continue
            raise
        visited.append(urlsplit(url).path + (f"?{urlsplit(url).query}" if urlsplit(url).query else ""))
        assert response is not None and response.status < 500, url
        for link in same_site_links(page, live_server):
            if link not in seen and not STAFF.search(urlsplit(link).path):
                seen.add(link)
                queue.append(link)
    context.close()

    foreign = sorted({url for url in requests
                      if urlsplit(url).scheme in ("http", "https", "ws", "wss") and urlsplit(url).netloc != own_host})
    print(f"\n{len(visited)} public pages visited, {len(requests)} requests seen, "
          f"{len(foreign)} to another host, {len(queue)} pages left beyond the limit")
    assert foreign == []
    # Every municipality's start page was walked, and what it links to: events, sign-up forms.
    assert {f"/{slug}/" for slug, _ in PILOTS} <= set(visited)
    assert any(re.fullmatch(r"/[a-z-]+/e/\d+/", path) for path in visited)
    assert any(re.fullmatch(r"/[a-z-]+/e/\d+/signup", path) for path in visited)
    assert any("/static/vendor/htmx-2.0.11.min.js" in url for url in requests)  # htmx is loaded, from here
    assert len(requests) > len(visited)
