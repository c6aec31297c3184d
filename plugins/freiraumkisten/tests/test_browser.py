"""A passer-by scans the code with a phone and sends feedback, in a real browser."""
import pytest
from playwright.sync_api import expect

from .helpers import posts, station_url

pytestmark = pytest.mark.browser


def test_phone_scans_station_sends_feedback_and_nothing_scrolls_sideways(live_server, browser, campaign):
    context = browser.new_context(locale="de-DE", viewport={"width": 360, "height": 640}, is_mobile=True,
                                  has_touch=True)
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        page.goto(f"{live_server}{station_url(campaign.event, campaign.station)}")
        expect(page.get_by_role("heading", level=1)).to_have_text("Marktplatz")
        assert page.evaluate("document.documentElement.scrollWidth") <= 360

        page.get_by_label("Thema").select_option("Begegnung")
        page.get_by_role("radio", name="Gut").check()
        page.get_by_label("Ihre Rückmeldung").fill("Hier treffe ich meine Nachbarn. Mehr Bänke wären schön!")
        page.get_by_role("button", name="Rückmeldung senden").click()

        expect(page.get_by_role("heading", level=1)).to_have_text("Vielen Dank!")
        expect(page.get_by_role("status")).to_contain_text("Ihre Rückmeldung ist angekommen.")
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        assert [cookie["name"] for cookie in context.cookies()] == ["session"]
    finally:
        context.close()
    [stored] = posts()
    assert (stored.topic, stored.mood, stored.language) == ("Begegnung", "good", "de")
