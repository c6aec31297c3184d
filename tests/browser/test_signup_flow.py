"""Signing up in a real browser: keyboard only, phone size, no JavaScript,
right-to-left, and axe on every step."""
import re
import time
from urllib.parse import urlsplit

import pytest
from a11y import violations
from conftest import make_event
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

FOCUS_VISIBLE = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  return el !== document.body && (style.outlineStyle !== 'none' && style.outlineWidth !== '0px'
      || style.boxShadow !== 'none');
}"""


def tab_to(page, predicate_js, limit=60):
    """Press Tab until the focused element matches; each stop must show focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        assert page.evaluate(FOCUS_VISIBLE), "the focused element has no visible focus"
        if page.evaluate(predicate_js):
            return
    raise AssertionError("never reached the element by keyboard")


def press_and_wait(page, key):
    """Press ``key`` on a link or submit button and wait for the next page."""
    with page.expect_navigation():
        page.keyboard.press(key)


def by_id(element_id):
    return f"() => document.activeElement && document.activeElement.id === '{element_id}'"


def personal_link(smtp_server, address):
    """The path of the personal link in the mail to ``address`` (it reaches
    only the mailbox, never the browser that sent the form)."""
    deadline = time.monotonic() + 10
    while not smtp_server.to(address) and time.monotonic() < deadline:
        time.sleep(0.1)
    [link] = [link for link in smtp_server.links_in(smtp_server.to(address)[0]) if "/r/" in link]
    return urlsplit(link).path


def test_keyboard_only_signup_with_error_summary_focus(live_server, browser, people, smtp_server):
    event = make_event(people.municipality, "themenabend", capacity=10, interpreters=["ar"])
    context = browser.new_context(locale="de-DE")
    page = context.new_page()
    page.goto(f"{live_server}/testort/e/{event.id}/")
    tab_to(page, "() => document.activeElement.getAttribute('href')?.endsWith('/signup')")
    press_and_wait(page, "Enter")
    expect(page).to_have_url(re.compile(r"/signup$"))
    assert violations(page) == []

    tab_to(page, by_id("name"))
    page.keyboard.type("Amal")
    tab_to(page, by_id("email"))
    page.keyboard.type("amal@example.org")
    # Submit without consent: the error summary gets the focus.
    tab_to(page, "() => document.activeElement.type === 'submit'")
    press_and_wait(page, "Enter")
    assert page.evaluate("() => document.activeElement.hasAttribute('data-error-summary')")
    assert violations(page) == []
    expect(page.locator("#name")).to_have_value("Amal")

    tab_to(page, by_id("consent"))
    page.keyboard.press("Space")
    tab_to(page, "() => document.activeElement.type === 'submit'")
    press_and_wait(page, "Enter")
    expect(page).to_have_url(re.compile(r"/signup/sent$"))
    expect(page.locator("body")).to_contain_text("a•••@example.org")
    assert "/r/" not in page.content()
    assert violations(page) == []

    # Cancel by keyboard from the personal link in the mail: the page asks once.
    page.goto(live_server + personal_link(smtp_server, "amal@example.org"))
    tab_to(page, "() => document.activeElement.getAttribute('href')?.endsWith('/cancel')")
    press_and_wait(page, "Enter")
    assert violations(page) == []
    tab_to(page, "() => document.activeElement.type === 'submit'")
    press_and_wait(page, "Enter")
    expect(page.locator(".status")).to_contain_text("Abgesagt")
    context.close()


def test_signup_works_on_a_phone_without_javascript_and_without_scrolling(live_server, browser, people):
    event = make_event(people.municipality, "themenabend", capacity=10)
    context = browser.new_context(locale="de-DE", viewport={"width": 360, "height": 640}, is_mobile=True,
                                  java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server}/testort/e/{event.id}/signup")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 360
    page.get_by_label("Name oder Pseudonym").fill("Amal")
    page.get_by_label("E-Mail-Adresse").fill("amal@example.org")
    page.locator("#consent").check()
    page.get_by_role("button", name="Anmelden").click()
    expect(page).to_have_url(re.compile(r"/signup/sent$"))
    expect(page.locator(".status")).to_contain_text("Bestätigung")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 360
    context.close()


def test_check_in_works_without_javascript(live_server, browser, people, app):
    from conftest import TEST_PASSWORD

    from dialogplatform.services import signups

    event = make_event(people.municipality, "themenabend", capacity=10)
    with app.test_request_context():
        signups.register(event.id, signups.Person(name="Yusuf Demir"), source="assisted")
    context = browser.new_context(locale="de-DE", viewport={"width": 390, "height": 800}, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server}/auth/login")
    page.get_by_label("E-Mail-Adresse").fill(people.organiser.email)
    page.get_by_label("Passwort").fill(TEST_PASSWORD)
    with page.expect_navigation():  # the log-in must finish before the next page
        page.get_by_role("button", name="Einloggen").click()
    page.goto(f"{live_server}/testort/organise/events/{event.id}/check-in")
    page.get_by_role("button", name=re.compile("Yusuf Demir")).click()
    expect(page.locator(".check-in-row.is-present")).to_contain_text("Yusuf Demir")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    context.close()


@pytest.mark.parametrize("language", ["ar", "fa"])
def test_right_to_left_layout_mirrors(live_server, browser, people, language):
    event = make_event(people.municipality, "themenabend", capacity=10)
    context = browser.new_context(locale="de-DE", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{live_server}/testort/e/{event.id}/signup?lang={language}")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    # The brand sits on the right, the menu to its left; labels start at the right edge.
    brand = page.locator(".brand").bounding_box()
    menu = page.locator(".menu").bounding_box()
    assert brand["x"] > menu["x"]
    label = page.locator("label[for=name]").bounding_box()
    field = page.locator("#name").bounding_box()
    assert abs((label["x"] + label["width"]) - (field["x"] + field["width"])) < 2
    # Dates are written for the locale (Arabic or Persian month names).
    facts = page.locator(".facts").first.inner_text()
    assert re.search(r"[\u0600-\u06FF]", facts)
    assert violations(page) == []
    context.close()
