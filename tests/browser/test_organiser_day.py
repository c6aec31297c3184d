"""Issue 17's "done when": an organiser's day in a real browser. From the
dashboard a new themed evening starts from a template, is put into the
process and published; two residents sign up and confirm; the organiser
moves its time and both get the change with an updated calendar entry; on
the evening questions go up on the projector and are marked answered from a
phone; an answer is corrected; the results are published and the process
report comes down as PDF and as OpenDocument text."""
import io
import re
import zipfile
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from conftest import make_event
from playwright.sync_api import expect
from process_helpers import make_process

from dialogplatform.models.types import utcnow
from dialogplatform.testing import enable, log_in_page

pytestmark = pytest.mark.browser
BERLIN = ZoneInfo("Europe/Berlin")
RESIDENTS = ["amal.day@example.org", "jonas.day@example.org"]


def local(moment):
    return moment.astimezone(BERLIN).strftime("%Y-%m-%dT%H:%M")


def calendar_of(message):
    [part] = [p for p in message.walk() if p.get_content_type() == "text/calendar"]
    return part.get_content() if isinstance(part.get_content(), str) else part.get_content().decode()


def test_an_organisers_day(people, live_server, browser, smtp_server):
    enable(people.municipality, "themenabend")
    process = make_process(people.municipality, title="Zusammenleben in Testort")
    last_year = make_event(people.municipality, "themenabend", title="Fragen an die Stadt", days=-300, capacity=40)
    context = browser.new_context(locale="de-DE", viewport={"width": 1366, "height": 900})
    context.set_default_timeout(15_000)
    organiser = log_in_page(context.new_page(), live_server, people.organiser)

    # Last year's evening becomes a template.
    organiser.goto(f"{live_server}/testort/organise/events/{last_year.id}")
    organiser.get_by_role("link", name="Als Vorlage speichern").click()
    organiser.locator("input[name=name]").fill("Fragen an die Stadt (Vorlage)")
    organiser.locator("main form button[type=submit]").last.click()

    # Dashboard → new event from the template, into the process, published.
    organiser.goto(f"{live_server}/testort/organise/")
    expect(organiser.locator("h1")).to_contain_text("Verwaltung")
    organiser.locator("#from-template a", has_text="Fragen an die Stadt (Vorlage)").click()
    expect(organiser.locator("#title_de")).to_have_value("Fragen an die Stadt")
    organiser.locator("#title_de").fill("Fragen an die Stadt 2027")
    starts = utcnow().replace(microsecond=0) + timedelta(days=20)
    organiser.locator("#starts_at").fill(local(starts))
    organiser.locator("#ends_at").fill(local(starts + timedelta(hours=2)))
    organiser.locator("#process_id").select_option(str(process.id))
    organiser.locator("main form.stack button[type=submit]").last.click()
    organiser.get_by_role("button", name="Veröffentlichen", exact=True).click()
    expect(organiser.locator(".flash").first).to_contain_text("veröffentlicht")
    event_id = int(re.search(r"/events/(\d+)", organiser.url).group(1))
    event_page = f"{live_server}/testort/e/{event_id}/"

    # Two residents sign up, confirm by mail and send a question each.
    for number, address in enumerate(RESIDENTS):
        resident = browser.new_context(locale="de-DE").new_page()
        resident.goto(f"{event_page}signup")
        resident.locator("#name").fill(address.split(".")[0].title())
        resident.locator("#email").fill(address)
        resident.locator("#consent").check()
        with resident.expect_navigation():
            resident.locator("main form button[type=submit]").last.click()
        [mail] = smtp_server.wait_for(address, 1)
        [confirm] = [link for link in smtp_server.links_in(mail) if "/confirm/" in link]
        resident.goto(confirm.replace("http://localhost", live_server))
        if resident.locator("main form button[type=submit]").count():
            resident.locator("main form button[type=submit]").first.click()
        resident.goto(event_page)
        resident.locator("textarea").first.fill(f"Frage {number + 1}: Wann öffnet das neue Sprachcafé?")
        with resident.expect_response(lambda response: response.request.method == "POST"):
            resident.locator("form", has=resident.locator("textarea")).first.locator("button[type=submit]").click()
        resident.context.close()
    first_mails = {address: len(smtp_server.to(address)) for address in RESIDENTS}

    # The organiser moves the evening by a day: both residents are told, with the same calendar entry.
    organiser.goto(f"{live_server}/testort/organise/events/{event_id}")
    moved = starts + timedelta(days=1)
    organiser.locator("#starts_at").fill(local(moved))
    organiser.locator("#ends_at").fill(local(moved + timedelta(hours=2)))
    organiser.locator("main form.stack button[type=submit]").last.click()
    expect(organiser.locator(".flash", has_text=re.compile(r"\b2\b"))).to_be_visible()
    for address in RESIDENTS:
        change = smtp_server.wait_for(address, first_mails[address] + 1)[-1]
        assert "SEQUENCE:1" in calendar_of(change), address
        assert local(moved)[11:16] in smtp_server.text_of(change)

    # The evening: the projector shows one question, the phone marks it answered.
    phone = context.new_page()
    phone.set_viewport_size({"width": 375, "height": 800})
    phone.goto(f"{live_server}/testort/e/{event_id}/themenabend/phone")
    question = phone.locator("article[id^=question-]", has_text="Frage 1")
    question.locator("input[name$=answered_by]").fill("Volkshochschule")
    question.get_by_role("button", name="Als beantwortet markieren").click()
    organiser.goto(f"{live_server}/testort/e/{event_id}/themenabend/present")
    expect(organiser.locator("main")).to_contain_text("Frage 2")  # it opens at the first open question
    organiser.get_by_role("link", name=re.compile("Vorherige Frage")).click()
    expect(organiser.locator("main")).to_contain_text("Frage 1")
    expect(organiser.locator("main")).to_contain_text("Volkshochschule")

    # The answer is corrected afterwards.
    organiser.goto(f"{live_server}/testort/e/{event_id}/themenabend/manage")
    organiser.get_by_role("link", name="Antwort bearbeiten").first.click()
    organiser.locator("textarea[name=answer]").fill("Ab März, dienstags im Rathaus.")
    organiser.locator("main form button[type=submit]").last.click()
    resident = browser.new_context(locale="de-DE").new_page()
    resident.goto(event_page)
    expect(resident.locator("main")).to_contain_text("Ab März, dienstags im Rathaus.")

    # Results published; the process report as PDF and as OpenDocument text.
    organiser.goto(f"{live_server}/testort/organise/events/{event_id}")
    organiser.get_by_role("button", name="Auswertung veröffentlichen").click()
    resident.goto(f"{event_page}evaluation")
    expect(resident.locator("main")).to_contain_text("Volkshochschule")  # answers by answering body
    resident.context.close()
    organiser.goto(f"{live_server}/testort/p/{process.id}/report")
    # The browser fetches both links with the organiser's session (a PDF opens inline).
    pdf = context.request.get(live_server + organiser.get_by_role("link", name="Als PDF herunterladen")
                              .get_attribute("href"))
    assert pdf.ok and pdf.body()[:4] == b"%PDF"
    odt = context.request.get(live_server + organiser.get_by_role("link", name=re.compile("OpenDocument"))
                              .get_attribute("href"))
    assert odt.ok
    with zipfile.ZipFile(io.BytesIO(odt.body())) as document:
        content = document.read("content.xml").decode()
    assert "Zusammenleben in Testort" in content and "Fragen an die Stadt 2027" in content
    context.close()
