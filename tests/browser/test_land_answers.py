"""Issue 18's "done when", its Land part, in a real browser: a municipality's
organiser addresses a recommendation to the Land; the Land's desk finds it
in its inbox and answers; the municipality's tracker, its Atom feed and the
public page of recommendations to the Land show the answer; the
municipality's staff got the mail."""
import re

import pytest
from playwright.sync_api import expect

from dialogplatform.testing import log_in_page

pytestmark = pytest.mark.browser
TEXT = "Mehr Lehrkräfte für die Willkommensklassen an der Realschule"
ANSWER = "Zur Prüfung an das Kultusministerium weitergeleitet; Antwort bis Ende März."


def test_the_land_answers_a_recommendation(people, live_server, browser, smtp_server, db):
    people.land.land_body = "Landeszentrale für politische Bildung"
    db.session.commit()
    context = browser.new_context(locale="de-DE", viewport={"width": 1366, "height": 900})
    context.set_default_timeout(15_000)

    # The organiser writes a recommendation to the Land, from the staff menu.
    organiser = log_in_page(context.new_page(), live_server, people.organiser)
    organiser.goto(f"{live_server}/testort/organise/")
    organiser.get_by_role("navigation", name="Menü für Mitarbeitende").get_by_role("link", name="Empfehlungen").click()
    organiser.get_by_role("link", name="Neue Handlungsempfehlung").click()
    organiser.locator("textarea[name=text]").fill(TEXT)
    organiser.locator("input[name=topic]").fill("Bildung")
    organiser.locator("input[name=addressee][value=land]").check()
    organiser.locator("input[name=responsible_body]").fill("Kultusministerium")
    organiser.locator("main form.stack button[type=submit]").first.click()
    expect(organiser.locator(".flash").first).to_contain_text("gespeichert")
    recommendation_id = int(re.search(r"/recommendations/(\d+)", organiser.url).group(1))

    # The Land's desk logs in, lands on its inbox and answers.
    land_context = browser.new_context(locale="de-DE", viewport={"width": 1366, "height": 900})
    land_context.set_default_timeout(15_000)
    land = log_in_page(land_context.new_page(), live_server, people.land)
    expect(land).to_have_url(f"{live_server}/land/recommendations/")
    row = land.locator("tbody tr", has_text=TEXT)
    expect(row).to_contain_text("Testort")
    expect(row).to_contain_text("noch keine Antwort")
    row.get_by_role("link").click()
    expect(land.locator("#answered_by")).to_have_value("Landeszentrale für politische Bildung")
    land.locator("#status").select_option("forwarded")
    land.locator("#forwarded_to").fill("Kultusministerium")
    land.locator("#answer").fill(ANSWER)
    land.get_by_role("button", name="Antwort veröffentlichen").click()
    expect(land.locator(".flash").first).to_contain_text("veröffentlicht")
    land.goto(f"{live_server}/land/recommendations/")
    expect(land.locator("tbody tr", has_text=TEXT)).to_contain_text("beantwortet")

    # The municipality's tracker, its feed and the public page show the answer.
    visitor = browser.new_context(locale="de-DE").new_page()
    visitor.goto(f"{live_server}/testort/recommendations?addressee=land")
    visitor.get_by_role("link", name=re.compile("Mehr Lehrkräfte")).click()
    history = visitor.locator(".history")
    expect(history).to_contain_text("Antwort des Landes (Landeszentrale für politische Bildung)")
    expect(history).to_contain_text("Weitergeleitet an: Kultusministerium")
    expect(history).to_contain_text(ANSWER)
    feed = visitor.request.get(f"{live_server}/testort/recommendations/feed.atom").text()
    assert ANSWER in feed and "<name>Landeszentrale für politische Bildung</name>" in feed
    visitor.goto(f"{live_server}/")
    visitor.get_by_role("link", name="Empfehlungen an das Land").click()
    expect(visitor.locator("h1")).to_have_text("Empfehlungen an das Land")
    entry = visitor.locator("tbody tr", has_text=TEXT)
    expect(entry).to_contain_text("Weitergeleitet")
    expect(visitor.locator("dl.facts dd").nth(1)).to_have_text("0")  # the median: answered on the day it came
    entry.get_by_role("link", name=re.compile("Mehr Lehrkräfte")).click()
    expect(visitor).to_have_url(f"{live_server}/testort/recommendations/{recommendation_id}")

    # The municipality's admin and organiser got the mail, through the real SMTP sink.
    for address in (people.admin.email, people.organiser.email):
        [mail] = smtp_server.wait_for(address, 1)
        assert mail["Subject"] == "Das Land hat eine Empfehlung von Testort beantwortet"
        assert ANSWER in smtp_server.text_of(mail)
    assert smtp_server.to(people.moderator.email) == []
    context.close()
    land_context.close()
