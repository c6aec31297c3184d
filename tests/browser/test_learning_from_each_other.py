"""Issue 18's "done when", its part on learning from each other, in a real
browser: Testort publishes an experience report on a finished step and
names its organiser as contact; an organiser of Anderswo finds it under its
format on "Von anderen lernen" and writes; the message reaches Testort's
contact and the answer reaches Anderswo, and neither ever sees the other's
e-mail address (on a page, in a mail or its headers)."""

import pytest
from conftest import make_event, make_user
from playwright.sync_api import expect
from process_helpers import fill, make_process

from dialogplatform.extensions import db
from dialogplatform.models import Role
from dialogplatform.services.accounts import grant_role
from dialogplatform.testing import enable, log_in_page, wcag_violations

pytestmark = pytest.mark.browser
CONTACT = "organiser@testort.example"
WRITER = "bettina@anderswo.example"


def test_a_second_municipality_learns_from_the_first(people, live_server, browser, smtp_server):
    enable(people.municipality, "themenabend")
    people.organiser.display_name = "Olga Organisatorin"
    writer = make_user(WRITER)
    writer.display_name = "Bettina Berger"
    grant_role(writer, people.other_municipality, Role.ORGANISER)
    db.session.commit()
    process = make_process(people.municipality, title="Zusammenleben in Testort", current_step=2)
    fill(make_event(people.municipality, "themenabend", days=-40, title="Nachbarschaftsabend",
                    process_id=process.id, process_step=1))

    # Testort: from the dashboard to step 1 of the process, a report, published.
    first = browser.new_context(locale="de-DE")
    first.set_default_timeout(15_000)
    organiser = log_in_page(first.new_page(), live_server, people.organiser)
    organiser.goto(f"{live_server}/testort/organise/")
    organiser.get_by_role("navigation", name="Menü für Mitarbeitende").get_by_role("link", name="Prozesse").click()
    organiser.get_by_role("link", name="Zusammenleben in Testort").click()
    organiser.get_by_role("link", name="Veranstaltungen und Erfahrungsberichte dieses Schritts").first.click()
    expect(organiser.locator("main")).to_contain_text("Nachbarschaftsabend")
    assert wcag_violations(organiser) == []
    organiser.get_by_role("link", name="Erfahrungsbericht schreiben").click()
    organiser.locator("#format_key").select_option("themenabend")
    organiser.locator("#topic").fill("Nachbarschaft und Sicherheit")
    organiser.locator("#what_worked").fill("Die Polizei kam ohne Uniform und blieb zum Essen.")
    organiser.locator("#do_differently").fill("Die Einladung auch auf Arabisch drucken.")
    organiser.locator("#contact_me").check()
    organiser.locator("main form.stack button[type=submit]").click()
    organiser.get_by_role("button", name="Veröffentlichen").click()
    expect(organiser.locator(".flash").first).to_contain_text("Von anderen lernen")

    # Anderswo: the dashboard leads to the reports; filtered by format, the report, a message.
    second = browser.new_context(locale="de-DE")
    second.set_default_timeout(15_000)
    other = log_in_page(second.new_page(), live_server, writer)
    other.goto(f"{live_server}/anderswo/organise/")
    other.get_by_role("link", name="Erfahrungsberichte aller Kommunen").click()
    other.locator("#filter-format").select_option("themenabend")
    other.get_by_role("button", name="Anzeigen").click()
    assert wcag_violations(other) == []
    other.get_by_role("link", name="Nachbarschaft und Sicherheit").click()
    main = other.locator("main")
    expect(main).to_contain_text("Olga Organisatorin")
    expect(main).to_contain_text("Testort")
    expect(main.locator(".experience-figures")).to_contain_text("4")  # signed up for the evening
    assert CONTACT not in other.content() and wcag_violations(other) == []
    other.locator("#body").fill("Wie habt ihr die Polizei dafür gewonnen?")
    other.get_by_role("button", name="Kontakt aufnehmen").click()
    expect(other.locator(".flash").first).to_contain_text("Olga Organisatorin")
    assert CONTACT not in other.content()

    [message] = smtp_server.wait_for(CONTACT, 1)
    text = smtp_server.text_of(message)
    assert "Wie habt ihr die Polizei dafür gewonnen?" in text and "Bettina Berger" in text and "Anderswo" in text
    assert WRITER not in message.as_string() and message["Reply-To"] is None
    [reply_link] = [link for link in smtp_server.links_in(message) if "/reply" in link]

    # Testort's contact answers through the platform.
    organiser.goto(reply_link.replace("http://localhost", live_server))
    expect(organiser.locator("main")).to_contain_text("Wie habt ihr die Polizei dafür gewonnen?")
    assert WRITER not in organiser.content()
    organiser.locator("#body").fill("Über den Präventionsbeirat, ruft gern an: wir erzählen mehr.")
    organiser.get_by_role("button", name="Antwort senden").click()
    expect(organiser.locator(".flash").first).to_contain_text("Bettina Berger")

    [answer] = smtp_server.wait_for(WRITER, 1)
    assert "Über den Präventionsbeirat" in smtp_server.text_of(answer)
    assert "Olga Organisatorin" in smtp_server.text_of(answer)
    assert CONTACT not in answer.as_string() and answer["Reply-To"] is None
    first.close()
    second.close()
