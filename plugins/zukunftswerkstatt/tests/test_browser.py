"""A participant writes a card on a phone; the wall on the projector shows
it by itself, and both follow a phase change, in a real browser."""
import pytest
from playwright.sync_api import expect

from dialogplatform.testing import TEST_PASSWORD
from dialogplatform_formats.zukunftswerkstatt import services

pytestmark = pytest.mark.browser


def test_card_from_a_phone_appears_on_the_wall(live_server, browser, workshop, people):
    base = f"{live_server}/testort/e/{workshop.id}/zukunftswerkstatt"
    code = services.workshop_of(workshop).join_code  # committed: the server sees it

    wall_context = browser.new_context(locale="de-DE", viewport={"width": 1280, "height": 800})
    phone_context = browser.new_context(locale="de-DE", viewport={"width": 390, "height": 800})
    try:
        wall = wall_context.new_page()
        wall.goto(f"{live_server}/auth/login")
        wall.locator("input[name=email]").fill(people.moderator.email)
        wall.locator("input[name=password]").fill(TEST_PASSWORD)
        with wall.expect_navigation():
            wall.locator("main form button[type=submit]").click()
        wall.goto(f"{base}/wall")
        expect(wall.get_by_role("heading", level=1)).to_have_text("Zukunftswerkstatt Testort")
        expect(wall.get_by_text(code)).to_be_visible()

        phone = phone_context.new_page()
        phone.goto(f"{base}/join?code={code}")
        expect(phone.get_by_text("Phase 1 von 3")).to_be_visible()
        phone.get_by_label("Thema").select_option(label="Sprache & Bildung")
        phone.get_by_label("Ihre Karte").fill("Es fehlen Sprachkurse mit Kinderbetreuung.")
        phone.get_by_role("button", name="Karte an die Wand").click()
        expect(phone.get_by_text("Ihre Karte ist gespeichert.")).to_be_visible()
        expect(phone.get_by_label("Ihre Karte")).to_have_value("")

        expect(wall.get_by_text("Es fehlen Sprachkurse mit Kinderbetreuung.")).to_be_visible(timeout=10_000)

        # The organiser moves on: phone and wall follow without a reload.
        services.set_phase(workshop, "fantasy")
        expect(phone.get_by_text("Phase 2 von 3")).to_be_visible(timeout=10_000)
        expect(phone.get_by_role("button", name="Punkt vergeben")).to_be_visible()
        expect(wall.get_by_text("Was wünschen wir uns?")).to_be_visible(timeout=10_000)
    finally:
        phone_context.close()
        wall_context.close()
