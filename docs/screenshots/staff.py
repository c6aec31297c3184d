"""Screenshots of the staff workspace and the council report, and the heights
of the main staff pages at 1366 x 900: the dashboard, an event's hub, its
registrations and check-in, the event form, and pages 1-3 of a process
report as PDF. Starts the app on a scratch SQLite instance with the demo
data (loaded today), logs in as a pilot's organiser and drives Debian's
chromium; prints one line per page with its height in CSS pixels:

    .venv/bin/python docs/screenshots/staff.py [SLUG]

SLUG is the pilot (default: schwaebisch-gmuend, the demo's process with a
report).
"""
import logging
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent))
from take import ARGS, CHROMIUM, HERE, serve  # noqa: E402

PASSWORD = "demo-passwort-123"
VIEWPORT = {"width": 1366, "height": 900}


class _NoMail:
    """The staff pages send no mail; ``serve`` wants a sink's address."""

    host, port = "127.0.0.1", 9


def _height(tab) -> int:
    return tab.evaluate("() => document.documentElement.scrollHeight")


def _report_pages(pdf: bytes) -> list[Path]:
    """Pages 1-3 of the report PDF as PNGs (pdftoppm, poppler-utils)."""
    with tempfile.TemporaryDirectory() as scratch:
        source = Path(scratch) / "report.pdf"
        source.write_bytes(pdf)
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "3", str(source),
                        str(Path(scratch) / "page")], check=True)
        written = []
        for number, page in enumerate(sorted(Path(scratch).glob("page-*.png")), start=1):
            target = HERE / f"staff-report-page{number}.png"
            target.write_bytes(page.read_bytes())
            written.append(target)
        return written


def main(slug: str) -> None:
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    base = serve(_NoMail())
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context(locale="de-DE", viewport=VIEWPORT)
        tab = context.new_page()
        tab.goto(f"{base}/auth/login")
        tab.locator("#email").fill(f"organisation@{slug}.example")
        tab.locator("#password").fill(PASSWORD)
        with tab.expect_navigation():
            tab.locator("form button[type=submit]").last.click()

        def visit(name, url):
            tab.goto(url)
            tab.screenshot(path=str(HERE / f"staff-{name}.png"))
            print(f"{name:<15} {_height(tab):>6} px  {url.removeprefix(base)}")

        visit("dashboard", f"{base}/{slug}/organise/")
        hub = tab.locator("a[href*='/organise/e/']").first.get_attribute("href")
        event_id = re.search(r"/organise/e/(\d+)/", hub).group(1)
        visit("hub", f"{base}{hub}")
        visit("registrations", f"{base}/{slug}/organise/events/{event_id}/registrations")
        visit("check-in", f"{base}/{slug}/organise/events/{event_id}/check-in")
        visit("event-form", f"{base}/{slug}/organise/events/{event_id}")
        tab.goto(f"{base}/{slug}/organise/processes/")
        process_id = re.search(r"/organise/processes/(\d+)/", tab.content()).group(1)
        visit("report", f"{base}/{slug}/p/{process_id}/report")
        pdf_link = tab.get_by_role("link", name="Als PDF herunterladen").get_attribute("href")
        pdf = context.request.get(base + pdf_link)
        for page in _report_pages(pdf.body()):
            print(f"{page.name}")
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "schwaebisch-gmuend")
