"""Projector walls at 1920×1080 and the feedback form without JavaScript."""
import re

import pytest
from a11y import violations
from conftest import today_in_berlin_at
from playwright.sync_api import expect

from dialogplatform.demo import load_demo
from dialogplatform.extensions import db
from dialogplatform.models import Event, Municipality

pytestmark = pytest.mark.browser
PASSWORD = "demo-passwort-123"


@pytest.fixture
def demo(app, db, clock):
    # The demo is dated relative to the moment it is loaded and keeps a
    # pop-up box open from the start of that day: even at 02:00, when no box
    # used to be open (tests/test_demo_story.py checks other hours).
    clock.set_time(today_in_berlin_at(2))
    load_demo(password_factory=lambda: PASSWORD)
    return app


def _event_id(slug, key):
    return db.session.scalars(db.select(Event).join(Event.municipality)
                              .where(Event.format_key == key, Municipality.slug == slug)
                              .order_by(Event.id)).first().id


@pytest.mark.parametrize("slug,key", [("schwaebisch-gmuend", "thementische"), ("ostfildern", "zukunftswerkstatt")])
def test_wall_view_fills_a_projector_without_scrolling_sideways(demo, live_server, browser, slug, key):
    context = browser.new_context(locale="de-DE", viewport={"width": 1920, "height": 1080})
    page = context.new_page()
    page.goto(f"{live_server}/auth/login")
    page.get_by_label("E-Mail-Adresse").fill(f"organisation@{slug}.example")
    page.get_by_label("Passwort").fill(PASSWORD)
    with page.expect_navigation():  # the log-in must finish before the next page
        page.get_by_role("button", name="Einloggen").click()
    response = page.goto(f"{live_server}/{slug}/e/{_event_id(slug, key)}/{key}/wall")
    assert response.status == 200
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 1920
    size = page.evaluate("() => parseFloat(getComputedStyle(document.querySelector('h1')).fontSize)")
    assert size >= 32  # readable from the back of the room
    assert violations(page) == []
    context.close()


def test_feedback_at_a_pop_up_box_works_without_javascript(demo, live_server, browser):
    context = browser.new_context(locale="de-DE", viewport={"width": 360, "height": 640}, is_mobile=True,
                                  java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server}/loerrach/e/{_event_id('loerrach', 'freiraumkisten')}/")
    station = re.search(r'href="(/loerrach/e/\d+/freiraumkisten/s/[a-z0-9]+)"', page.content())
    assert station, "no station link on the campaign page"
    page.goto(live_server + station.group(1))
    page.locator("input[name=mood]").first.check()
    page.locator("textarea[name=text]").fill("Mehr Bänke im Schatten, bitte.")
    page.locator("form button[type=submit]").last.click()
    expect(page).to_have_url(re.compile(r"/thanks"))
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 360
    context.close()
