"""The event form at 1366 × 900 on the demo: its height (printed for the
issue's before/after note) and what an organiser sees first: the title,
then date and time, then the place, above the fold."""
import pytest
from conftest import noon_today_in_berlin

from dialogplatform.demo import load_demo
from dialogplatform.extensions import db
from dialogplatform.models import Event, EventStatus, User
from dialogplatform.testing.browser import log_in_page

pytestmark = pytest.mark.browser
WIDTH, HEIGHT = 1366, 900
PASSWORD = "demo-passwort-123"


def test_event_form_starts_with_title_date_and_place(app, clock, browser, live_server):
    clock.set_time(noon_today_in_berlin())
    load_demo(password_factory=lambda: PASSWORD)
    event = db.session.scalars(db.select(Event).where(
        Event.status == EventStatus.PUBLISHED, Event.format_key == "thementische").order_by(Event.id)).first()
    slug = event.municipality.slug
    organiser = db.session.scalar(db.select(User).filter_by(email=f"organisation@{slug}.example"))
    context = browser.new_context(locale="de-DE", viewport={"width": WIDTH, "height": HEIGHT})
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        log_in_page(page, live_server, organiser, PASSWORD)
        for name, path in (("edit", f"/{slug}/organise/events/{event.id}"),
                           ("new", f"/{slug}/organise/new/thementische")):
            assert page.goto(live_server + path).status == 200
            height = page.evaluate("() => document.documentElement.scrollHeight")
            print(f"\nEvent form ({name}) at {WIDTH}×{HEIGHT}: {height} px")
            page.screenshot(path=f"/tmp/typing-event-form-{name}.png", full_page=True)
            for field in ("#title_de", "#starts_at", "#place_name"):
                box = page.locator(field).bounding_box()
                assert box is not None and box["y"] + box["height"] <= HEIGHT, (name, field, box)
    finally:
        context.close()
