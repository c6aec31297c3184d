"""The staff workspace at 1366 × 900 on the demo: an organiser's main staff
pages, their heights (printed, for the issue's before/after note), and the
event hub showing its task (the menu and the event's figures) above the fold."""
import pytest
from conftest import noon_today_in_berlin

from dialogplatform.demo import load_demo
from dialogplatform.extensions import db
from dialogplatform.models import Event, EventStatus, Registration
from dialogplatform.models.types import utcnow
from dialogplatform.testing.browser import log_in_page

pytestmark = pytest.mark.browser
WIDTH, HEIGHT = 1366, 900
PASSWORD = "demo-passwort-123"
TOOL_PAGES = {"thementische": "manage", "themenabend": "manage", "zukunftswerkstatt": "manage",
              "freiraumkisten": "moderation", "dezentrale_dialoge": "live"}


@pytest.fixture
def demo(app, db, clock):
    clock.set_time(noon_today_in_berlin())
    load_demo(password_factory=lambda: PASSWORD)
    return app


def _busiest_upcoming_event() -> Event:
    """The upcoming published event with the most sign-ups (a Themenabend or
    theme tables, not the protected women's dialogue)."""
    counts = db.func.count(Registration.id)
    return db.session.execute(
        db.select(Event).join(Registration, Registration.event_id == Event.id)
        .where(Event.status == EventStatus.PUBLISHED, Event.starts_at > utcnow(),
               Event.format_key.in_(["thementische", "themenabend", "zukunftswerkstatt"]))
        .group_by(Event.id).order_by(counts.desc(), Event.id)).scalars().first()


def _pages(event) -> dict[str, str]:
    slug = event.municipality.slug
    base = f"/{slug}/organise"
    pages = {
        "dashboard": f"{base}/",
        "hub": f"{base}/e/{event.id}/",
        "registrations": f"{base}/events/{event.id}/registrations",
        "check-in": f"{base}/events/{event.id}/check-in",
        "event form": f"{base}/events/{event.id}",
    }
    tools = db.session.scalars(db.select(Event).where(
        Event.municipality_id == event.municipality_id, Event.format_key.in_(list(TOOL_PAGES)))
        .order_by(Event.id)).all()
    for key, path in TOOL_PAGES.items():
        other = next((e for e in tools if e.format_key == key), None)
        if other is not None:
            pages[f"tool: {key}"] = f"/{slug}/e/{other.id}/{key}/{path}"
    return pages


def test_staff_pages_at_1366(demo, browser, live_server):
    event = _busiest_upcoming_event()
    municipality = event.municipality
    organiser = db.session.scalar(db.select(__import__("dialogplatform").models.User)
                                  .filter_by(email=f"organisation@{municipality.slug}.example"))
    pages = _pages(event)
    context = browser.new_context(locale="de-DE", viewport={"width": WIDTH, "height": HEIGHT})
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        log_in_page(page, live_server, organiser, PASSWORD)
        heights = {}
        for name, path in pages.items():
            response = page.goto(live_server + path)
            heights[name] = (response.status, page.evaluate("() => document.documentElement.scrollHeight"))
        print(f"\nStaff page heights at {WIDTH}×{HEIGHT} ({municipality.slug}, event {event.id}):")
        for name, (status, height) in heights.items():
            print(f"  {name:28} {status} {height:6d} px")
        assert all(status == 200 for status, _height in heights.values()), heights

        page.goto(live_server + pages["hub"])
        page.screenshot(path="/tmp/workspace-hub.png")
        menu = page.locator("nav.event-menu")
        for label in ("Überblick", "Anmeldungen", "Einlass", "Auswertung", "Bericht"):
            link = menu.get_by_role("link", name=label, exact=True)
            assert link.bounding_box()["y"] + link.bounding_box()["height"] <= HEIGHT, label
        figures = page.locator("#hub-figures")
        box = figures.bounding_box()
        assert box["y"] + box["height"] <= HEIGHT, box
        # The registrations page: the list's search above the fold; check-in: its search field.
        page.goto(live_server + pages["registrations"])
        page.screenshot(path="/tmp/workspace-registrations.png")
        box = page.locator("#filter-q").bounding_box()
        assert box["y"] + box["height"] <= HEIGHT, box
        page.goto(live_server + pages["check-in"])
        page.screenshot(path="/tmp/workspace-check-in.png")
        box = page.locator("main input[type=search]").first.bounding_box()
        assert box["y"] + box["height"] <= HEIGHT, box
        page.goto(live_server + pages["dashboard"])
        page.screenshot(path="/tmp/workspace-dashboard.png")
        upcoming = page.locator("#upcoming")
        assert upcoming.bounding_box()["y"] < HEIGHT
    finally:
        context.close()


def test_new_municipality_address_follows_the_name_until_typed(live_server, page, people):
    """The small script previews the address the server would make."""
    from playwright.sync_api import expect

    log_in_page(page, live_server, people.instance_admin)
    assert page.url.endswith("/admin/")  # the instance admin lands on the instance admin
    page.goto(f"{live_server}/admin/municipalities/new")
    page.locator("#name").fill("Schwäbisch Gmünd")
    expect(page.locator("#slug")).to_have_value("schwaebisch-gmuend")
    page.locator("#slug").fill("gmuend")
    page.locator("#name").fill("Schwäbisch Gmünd an der Rems")
    expect(page.locator("#slug")).to_have_value("gmuend")  # typed: left alone
