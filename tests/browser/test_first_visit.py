"""Issue 16's "done when": a new resident opens each pilot municipality of
the demo in Arabic, on a phone and at 1280 px, finds something to sign up for
and a past dialogue's results within two clicks, signs up in Arabic, and
every page and mail of that journey is Arabic and right-to-left, with no
request to another host. The demo is loaded late in the evening, when the
pop-up boxes of the day would be closed on a fixed schedule."""
import re
from datetime import datetime, time
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect
from test_layout import OVERFLOWS
from test_signup_flow import personal_link

from dialogplatform.demo import PILOTS, load_demo

pytestmark = pytest.mark.browser
ARABIC = re.compile(r"[\u0600-\u06FF]")
WIDTHS = {"phone": 360, "desktop": 1280}


@pytest.fixture
def late_evening_demo(app, db, clock):
    from dialogplatform.models.types import utcnow

    berlin = ZoneInfo("Europe/Berlin")
    today = utcnow().astimezone(berlin).date()
    clock.set_time(datetime.combine(today, time(23, 40), berlin))
    load_demo(password_factory=lambda: "demo-passwort-123")
    return app


@pytest.fixture
def arabic_visitor(browser, live_server):
    """A fresh browser that asks for German, at a given width; it records
    every host it requests."""
    contexts, hosts = [], set()

    def open_page(width):
        context = browser.new_context(locale="de-DE", viewport={"width": width, "height": 900})
        context.set_default_timeout(10_000)
        context.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
        contexts.append(context)
        return context.new_page()

    yield open_page, hosts
    for context in contexts:
        context.close()


def assert_arabic_page(page, width):
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    assert ARABIC.search(page.locator("h1").first.inner_text()), page.url
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width, page.url
    found = page.evaluate(OVERFLOWS)["found"]
    assert found == [], f"{page.url}: {found[:3]}"


@pytest.mark.parametrize("device", WIDTHS)
def test_each_pilot_offers_a_sign_up_and_past_results_within_two_clicks(
        late_evening_demo, live_server, arabic_visitor, device):
    open_page, hosts = arabic_visitor
    width = WIDTHS[device]
    page = open_page(width)
    for slug, _name in PILOTS:
        page.goto(f"{live_server}/{slug}/?lang=ar")
        assert_arabic_page(page, width)

        # One click from the start page: the sign-up form of an upcoming dialogue.
        page.locator("#event-list a.card-action").first.click()
        expect(page).to_have_url(re.compile(r"/signup$"))
        expect(page.locator("#name")).to_be_visible()
        assert_arabic_page(page, width)
        # The same dialogue's page (one click) leads there too (the second).
        page.go_back()
        page.locator("#event-list li:has(a.card-action) h3 a").first.click()
        assert_arabic_page(page, width)
        page.locator("a[href$='/signup']").first.click()
        expect(page).to_have_url(re.compile(r"/signup$"))

        # Click 1 from the start page: the results of a past dialogue.
        page.goto(f"{live_server}/{slug}/")
        page.locator(".past-events .results-state a").first.click()
        expect(page).to_have_url(re.compile(r"/evaluation"))
        assert_arabic_page(page, width)
        expect(page.locator("main")).not_to_contain_text("Results not yet published")
    assert hosts == {urlsplit(live_server).netloc}


def test_signing_up_in_arabic_keeps_every_page_and_mail_arabic(
        late_evening_demo, live_server, arabic_visitor, smtp_server):
    open_page, hosts = arabic_visitor
    page = open_page(WIDTHS["phone"])
    page.goto(f"{live_server}/schwaebisch-gmuend/?lang=ar")
    page.locator("#event-list a.card-action").first.click()
    page.locator("#name").fill("أمل")
    page.locator("#email").fill("amal.first-visit@example.org")
    page.locator("#consent").check()
    # The women's dialogue asks whether the person is a woman.
    if page.locator("input[name$='is_woman']").count():
        page.locator("input[name$='is_woman']").check()
    with page.expect_navigation():
        page.locator("form button[type=submit]").last.click()
    expect(page).to_have_url(re.compile(r"/signup/sent$"))
    assert_arabic_page(page, WIDTHS["phone"])

    link = personal_link(smtp_server, "amal.first-visit@example.org")
    [mail] = smtp_server.to("amal.first-visit@example.org")
    assert ARABIC.search(str(mail["Subject"])), mail["Subject"]
    assert ARABIC.search(smtp_server.text_of(mail))
    # The link opens the personal page in Arabic, in a browser that asks for German.
    other_device = open_page(WIDTHS["desktop"])
    other_device.goto(live_server + link)
    assert_arabic_page(other_device, WIDTHS["desktop"])
    assert hosts == {urlsplit(live_server).netloc}
