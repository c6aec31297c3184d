"""A visitor switches the language and finds an event, in a real browser."""
import re

import pytest
from conftest import make_event
from playwright.sync_api import expect

from dialogplatform.testing import choose_language

pytestmark = pytest.mark.browser


def test_german_home_page_is_left_to_right(live_server, page):
    page.goto(f"{live_server}/")
    html = page.locator("html")
    expect(html).to_have_attribute("lang", "de")
    expect(html).to_have_attribute("dir", "ltr")


def test_arabic_visitor_is_right_to_left_from_home_to_event(live_server, page, people):
    event = make_event(people.municipality, "themenabend")
    page.goto(f"{live_server}/")

    choose_language(page, "العربية")
    html = page.locator("html")
    expect(html).to_have_attribute("lang", "ar")
    expect(html).to_have_attribute("dir", "rtl")

    page.get_by_role("link", name="Testort", exact=True).click()
    expect(page).to_have_url(re.compile(r"/testort/$"))
    expect(html).to_have_attribute("dir", "rtl")  # the choice is remembered

    page.get_by_role("link", name="Sicherheit und Nachbarschaft", exact=True).click()
    expect(page).to_have_url(re.compile(rf"/testort/e/{event.id}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Sicherheit und Nachbarschaft")
    expect(html).to_have_attribute("lang", "ar")
    expect(html).to_have_attribute("dir", "rtl")
