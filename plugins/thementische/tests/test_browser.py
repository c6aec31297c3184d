"""In the browser: a statement typed on the tablet appears on the projector wall."""
import re

import pytest
from playwright.sync_api import expect

from dialogplatform.plugin_api import db
from dialogplatform.testing import TEST_PASSWORD

pytestmark = pytest.mark.browser


def _log_in(context, live_server, user):
    page = context.new_page()
    page.goto(f"{live_server}/auth/login")
    page.fill("input[name=email]", user.email)
    page.fill("input[name=password]", TEST_PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r".*(?<!/auth/login)$"))
    return page


def test_statement_entered_on_the_tablet_appears_on_the_wall(browser, live_server, people, dialogue):
    db.session.commit()
    event, table, question = dialogue.event, dialogue.tables[2], dialogue.questions[2]
    base = f"{live_server}/testort/e/{event.id}/thementische"
    tablet_context = browser.new_context(locale="de-DE", viewport={"width": 1024, "height": 768})
    wall_context = browser.new_context(locale="de-DE", viewport={"width": 1920, "height": 1080})
    try:
        wall = _log_in(wall_context, live_server, people.organiser)
        wall.goto(f"{base}/wall")
        expect(wall.get_by_role("heading", name="Arbeit")).to_be_visible()

        tablet = _log_in(tablet_context, live_server, people.moderator)
        console_errors = []
        tablet.on("console", lambda message: message.type == "error" and console_errors.append(message.text))
        tablet.goto(f"{base}/tables/{table.id}/live")
        form = tablet.locator(f"#question-{question.id} form[data-live-entry]")
        form.get_by_label("Aussage").fill("Deutschkurse am Abend und am Wochenende")
        form.get_by_role("button", name="Aussage speichern").click()
        expect(tablet.locator(f"#statements-{table.id}-{question.id}")).to_contain_text(
            "Deutschkurse am Abend und am Wochenende", timeout=10_000)
        expect(form.locator("[data-live-status]")).to_have_text("Gespeichert.")
        expect(form.get_by_label("Aussage")).to_have_value("")

        wall.wait_for_selector("text=Deutschkurse am Abend und am Wochenende", timeout=10_000)

        # An idea without text is refused next to the form; what was typed stays.
        form.get_by_label("Kontaktperson für die Idee (freiwillig)").fill("Thomas Wagner")
        form.get_by_role("button", name="Aussage speichern").click()
        expect(form.locator(f"#entry-errors-{question.id}")).to_contain_text("Bitte schreiben Sie die Aussage auf.")
        expect(form.locator("[data-live-status]")).to_contain_text("Noch nicht gespeichert")
        expect(form.get_by_label("Kontaktperson für die Idee (freiwillig)")).to_have_value("Thomas Wagner")
        expect(wall.get_by_text("Thomas Wagner")).to_have_count(0)
        # Only the refused request itself is logged (nothing breaks the strict CSP).
        assert [e for e in console_errors if "422" not in e] == []
    finally:
        tablet_context.close()
        wall_context.close()
