"""In the browser: the projector shows one question large on a 1920 × 1080
screen without scrolling; the moderator's page works on a phone."""
import pytest
from playwright.sync_api import expect

from dialogplatform.plugin_api import db
from dialogplatform.testing import log_in_page, wcag_violations
from dialogplatform_formats.themenabend import services

pytestmark = pytest.mark.browser

LONG = ("Warum dauert es so lange, bis die Straßenbeleuchtung am Fußweg zwischen der Gemeinschaftsunterkunft "
        "und dem Bahnhof repariert wird, und wer ist dafür zuständig, wenn es abends dunkel ist?")


def test_projector_and_phone_on_the_evening(browser, live_server, people, evening):
    services.submit_question(evening, LONG, "Jana")
    services.submit_question(evening, "Gibt es mehr Einbrüche?")
    db.session.commit()
    base = f"{live_server}/testort/e/{evening.id}/themenabend"
    projector_context = browser.new_context(locale="de-DE", viewport={"width": 1920, "height": 1080})
    phone_context = browser.new_context(locale="de-DE", viewport={"width": 375, "height": 740}, is_mobile=True)
    try:
        projector = log_in_page(projector_context.new_page(), live_server, people.organiser)
        projector.goto(f"{base}/present")
        question = projector.get_by_role("heading", level=1)
        expect(question).to_contain_text("Straßenbeleuchtung")
        size = question.evaluate("element => parseFloat(getComputedStyle(element).fontSize)")
        assert size >= 48, size  # readable from the back of the room
        box = question.bounding_box()
        assert box["y"] + box["height"] <= 1080
        scroll = projector.evaluate(
            "() => [document.documentElement.scrollWidth, document.documentElement.scrollHeight]")
        assert scroll[0] <= 1920 and scroll[1] <= 1080, scroll
        projector.screenshot(path="/tmp/day_presenter.png")
        assert wcag_violations(projector) == []
        projector.get_by_role("link", name="Nächste Frage").click()
        expect(projector.get_by_role("heading", level=1)).to_have_text("Gibt es mehr Einbrüche?")

        phone = log_in_page(phone_context.new_page(), live_server, people.moderator)
        phone.goto(f"{base}/phone")
        width = phone.evaluate("() => document.documentElement.scrollWidth")
        assert width <= 375, width  # no sideways scrolling on a phone
        card = phone.locator("article", has_text="Gibt es mehr Einbrüche?")
        card.get_by_label("Beantwortet von").fill("Polizei")
        card.get_by_role("button", name="Als beantwortet markieren").click()
        expect(phone.get_by_text("Die Frage ist als beantwortet markiert.")).to_be_visible()
        phone.screenshot(path="/tmp/day_phone.png", full_page=True)
        assert wcag_violations(phone) == []

        # The projector picks the answer up by itself (htmx refresh).
        expect(projector.get_by_text("Beantwortet von Polizei")).to_be_visible(timeout=15_000)
    finally:
        projector_context.close()
        phone_context.close()

