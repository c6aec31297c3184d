"""Helpers for the accessibility suite: axe-core in Debian's chromium and a
small crawler that finds the pages of the core and of every format."""
import re
from urllib.parse import urljoin, urlsplit

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Error as PlaywrightError

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
_axe = Axe()

# Never follow links that change state or leave the page set.
SKIP = re.compile(r"(/auth/logout|\.(ics|csv|pdf|atom|json)$|\.(ics|csv|pdf|atom|json)\?|format=json|"
                  r"/static/|\?lang=|mailto:|openstreetmap|/api/|/delete$)")


def violations(page) -> list[str]:
    """WCAG 2.1 A/AA violations on the current page, one line each."""
    results = _axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS},
                                      "resultTypes": ["violations"]})
    found = []
    for violation in results.response["violations"]:
        targets = ", ".join(str(node["target"]) for node in violation["nodes"][:3])
        found.append(f"{page.url}: {violation['id']} ({violation['impact']}): {targets}")
    return found


def same_site_links(page, base: str) -> list[str]:
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
    links = []
    for href in hrefs:
        url = urljoin(page.url, href).split("#")[0]
        if url.startswith(base) and not SKIP.search(url):
            links.append(url)
    return links


def crawl(page, base: str, seeds: list[str], *, within: tuple[str, ...], limit: int, check) -> list[str]:
    """Visit pages breadth-first from ``seeds`` (paths starting with one of
    ``within``), run ``check(page)`` on each; return the visited URLs.

    Pages of the same kind (same path with other ids) are visited once, so
    the crawl covers every view without walking every event.
    """
    queue, seen_shapes, visited = [urljoin(base, s) for s in seeds], set(), []
    while queue and len(visited) < limit:
        url = queue.pop(0)
        path = urlsplit(url).path
        shape = re.sub(r"/\d+(?=/|$)", "/N", path) + ("?" if urlsplit(url).query else "")
        if shape in seen_shapes or not path.startswith(within):
            continue
        seen_shapes.add(shape)
        try:
            response = page.goto(url)
        except PlaywrightError as error:  # a file download, not a page
            if "Download is starting" in str(error):
                continue
            raise
        if response is None or response.status >= 400:
            continue
        visited.append(url)
        check(page)
        queue.extend(same_site_links(page, base))
    return visited
