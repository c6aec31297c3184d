"""Issue 20's done-when in Debian's chromium: the sign-up journey in every
interface language. The visitor picks the language in the switcher; the page
turns right-to-left where due, shows no English sentence of the interface,
writes the date and the seat count in the locale's form; the sign-up arrives
and its mail speaks the same language. axe checks the journey in German,
Arabic, Pashto and Tigrinya (two right-to-left, one Ge'ez script)."""
import re

import pytest
from babel.messages.pofile import read_po
from conftest import make_event
from flask_babel import force_locale, gettext
from playwright.sync_api import expect

from dialogplatform.languages import SHIPPED, TRANSLATIONS, own_name, right_to_left
from dialogplatform.locale_format import date_range, number
from dialogplatform.testing import choose_language, wcag_violations

pytestmark = pytest.mark.browser

AXE_LANGUAGES = {"de", "ar", "ps", "ti"}
SEATS = 1500  # four digits: the locale's grouping shows


def _interface_sentences(language: str) -> set[str]:
    """The English interface texts (two words or more) a page in ``language``
    must not show: those whose translation there is not the same text."""
    def strings(code):
        with open(TRANSLATIONS / code / "LC_MESSAGES" / "messages.po", "rb") as handle:
            return {message.id: message.string for message in read_po(handle)
                    if message.id and isinstance(message.id, str) and not message.context}
    english, translated = strings("en"), strings(language)
    return {text for msgid, text in english.items()
            if " " in text and "%(" not in text and translated.get(msgid) != text}


def _visible_text(page) -> str:
    return page.locator("body").inner_text()


def _untranslated(page, language: str) -> list[str]:
    text = _visible_text(page)
    return sorted(sentence for sentence in _interface_sentences(language) if sentence in text)


@pytest.mark.parametrize("language", SHIPPED)
def test_the_signup_journey_in_every_language(language, app, live_server, browser, people, smtp_server):
    event = make_event(people.municipality, "themenabend", capacity=SEATS,
                       languages=list(dict.fromkeys(["de", language])))
    with app.test_request_context(), force_locale(language):
        expected_when = date_range(event.starts_at, event.ends_at)
        expected_seats = number(SEATS)
        expected_subject = gettext("Please confirm your sign-up: %(title)s", title="")
    page = browser.new_context(locale="de-DE").new_page()
    page.goto(f"{live_server}/testort/e/{event.id}/")
    if language != "de":
        choose_language(page, own_name(language))
    html = page.locator("html")
    expect(html).to_have_attribute("lang", language)
    expect(html).to_have_attribute("dir", "rtl" if right_to_left(language) else "ltr")
    expect(page.locator("main time").first).to_have_text(expected_when)
    expect(page.locator("main")).to_contain_text(expected_seats)
    if language != "en":
        assert _untranslated(page, language) == []
    if language in AXE_LANGUAGES:
        assert wcag_violations(page) == []

    page.locator(f'main a[href$="/e/{event.id}/signup"]').first.click()
    expect(page).to_have_url(re.compile(r"/signup$"))
    expect(html).to_have_attribute("lang", language)
    if language != "en":
        assert _untranslated(page, language) == []
    if language in AXE_LANGUAGES:
        assert wcag_violations(page) == []
    address = f"person-{language}@example.org"
    page.locator("#name").fill(f"Person {language}")
    page.locator("#email").fill(address)
    page.locator("#consent").check()
    page.locator("main form button[type=submit]").click()

    expect(page).to_have_url(re.compile(r"/signup/sent$"))
    expect(html).to_have_attribute("lang", language)
    expect(page.locator("main")).to_contain_text("p•••@example.org")
    if language != "en":
        assert _untranslated(page, language) == []
    if language in AXE_LANGUAGES:
        assert wcag_violations(page) == []
    [mail] = smtp_server.wait_for(address)
    assert " ".join(mail["Subject"].split()).startswith(" ".join(expected_subject.split())), mail["Subject"]


def test_twelve_languages_fit_the_switcher_on_a_360_px_phone(live_server, browser):
    page = browser.new_context(locale="de-DE", viewport={"width": 360, "height": 740}).new_page()
    page.goto(f"{live_server}/")
    summary = page.locator("nav.languages summary")
    assert summary.bounding_box()["height"] >= 44
    summary.click()
    links = page.locator("nav.languages a")
    expect(links).to_have_count(len(SHIPPED))
    for index in range(len(SHIPPED)):
        box = links.nth(index).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 360, (index, box)
        assert box["height"] >= 44, (index, box)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    expect(page.locator("nav.languages a[aria-current]")).to_have_text("Deutsch")
    choose_language_link = links.filter(has_text=own_name("ti"))
    choose_language_link.click()
    expect(page.locator("html")).to_have_attribute("lang", "ti")
