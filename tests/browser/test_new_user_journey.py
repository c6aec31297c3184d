"""Issue 3's "done when", in one browser journey on the demo instance:
Arabic is right-to-left; the organiser of Ostfildern enables Themenabend,
creates and publishes an evening; a resident submits a question for it."""
import pytest
from playwright.sync_api import expect

from dialogplatform.demo import load_demo
from dialogplatform.testing import choose_language

pytestmark = pytest.mark.browser
PASSWORD = "demo-passwort-123"


def test_organiser_enables_a_format_publishes_an_evening_and_a_resident_asks(app, db, live_server, browser):
    load_demo(password_factory=lambda: PASSWORD)
    organiser = browser.new_context(locale="de-DE").new_page()
    organiser.goto(f"{live_server}/")
    choose_language(organiser, "العربية")
    expect(organiser.locator("html")).to_have_attribute("dir", "rtl")
    organiser.goto(f"{live_server}/?lang=de")

    organiser.goto(f"{live_server}/auth/login")
    organiser.get_by_label("E-Mail-Adresse").fill("organisation@ostfildern.example")
    organiser.get_by_label("Passwort").fill(PASSWORD)
    with organiser.expect_navigation():  # the log-in must finish before the next page
        organiser.get_by_role("button", name="Einloggen").click()
    organiser.goto(f"{live_server}/ostfildern/admin/formats")
    card = organiser.locator("li.card", has_text="Themenabend")
    card.get_by_role("button", name="Aktivieren").click()
    expect(organiser.locator("li.card", has_text="Themenabend")).to_contain_text("Aktiviert")

    organiser.goto(f"{live_server}/ostfildern/organise/")
    organiser.get_by_role("link", name="Neu: Themenabend").click()
    organiser.locator("#title_de").fill("Sicherheit in Ostfildern")
    organiser.locator("#starts_at").fill("2030-03-04T18:00")
    organiser.locator("#ends_at").fill("2030-03-04T20:00")
    organiser.locator("#place_name").fill("Stadthaus")
    organiser.get_by_role("button", name="Speichern").click()
    organiser.get_by_role("button", name="Veröffentlichen", exact=True).click()
    expect(organiser.locator(".flash").first).to_contain_text("veröffentlicht")
    # The public event page (the staff menu's links on the way go to its evaluation, report and tools).
    event_url = organiser.locator("main a[href^='/ostfildern/e/'][href$='/']").first.get_attribute("href")

    resident = browser.new_context(locale="de-DE").new_page()
    resident.goto(f"{live_server}/ostfildern/")
    expect(resident.get_by_role("link", name="Sicherheit in Ostfildern")).to_be_visible()
    resident.goto(live_server + event_url)
    question = "Wie sicher ist der Weg zur Unterkunft abends?"
    resident.locator("textarea").first.fill(question)
    # Wait for the form's answer (htmx sends it): going on at once can abort the POST in flight.
    with resident.expect_response(lambda response: response.request.method == "POST"):
        resident.locator("form", has=resident.locator("textarea")).first.locator("button[type=submit]").click()
    resident.goto(live_server + event_url)
    expect(resident.locator("main")).to_contain_text(question)
    organiser.context.close()
    resident.context.close()
