"""A women-only event speaks to a woman: in the languages that mark the
reader's gender, its sign-up page, personal page and mails use the feminine
wording (msgctxt "women"); every other event keeps the general wording."""
from babel.messages.pofile import read_po
from conftest import make_event, submit
from test_catalogs import SOURCES, _extracted
from test_signup import mail_links, signup_data

from dialogplatform.audience import WOMEN, WOMEN_TEXTS
from dialogplatform.languages import SHIPPED, TRANSLATIONS


def _sign_up_and_confirm(client, smtp_server, event, email, language):
    assert submit(client, f"/testort/e/{event.id}/signup?lang={language}", signup_data(email=email)).status_code == 302
    [mail] = smtp_server.to(email)
    confirm, personal = mail_links(smtp_server, mail)
    assert submit(client, confirm, {}).status_code == 302
    return personal, smtp_server.text_of(smtp_server.to(email)[-1])


def test_arabic_addresses_her_on_a_women_only_event_and_him_elsewhere(client, people, db, smtp_server):
    women = make_event(people.municipality, "themenabend", capacity=10, women_only=True)
    general = make_event(people.municipality, "themenabend", capacity=10)
    form = client.get(f"/testort/e/{women.id}/signup?lang=ar").get_data(as_text=True)
    assert "تحتاجين" in form and "تحتاجه" not in form
    other_form = client.get(f"/testort/e/{general.id}/signup?lang=ar").get_data(as_text=True)
    assert "تحتاجه" in other_form and "تحتاجين" not in other_form

    personal, mail = _sign_up_and_confirm(client, smtp_server, women, "amal@example.org", "ar")
    assert "احتفظي" in client.get(personal).get_data(as_text=True)  # "keep this page's address", to her
    assert "تسجيلكِ" in mail
    other, other_mail = _sign_up_and_confirm(client, smtp_server, general, "samir@example.org", "ar")
    assert "احتفظ " in client.get(other).get_data(as_text=True) and "تسجيلكِ" not in other_mail


def test_french_gives_her_seat_to_the_next_woman(client, people, db, smtp_server):
    women = make_event(people.municipality, "themenabend", capacity=10, women_only=True)
    personal, _mail = _sign_up_and_confirm(client, smtp_server, women, "awa@example.org", "fr")
    assert "la participante suivante" in client.get(personal + "/cancel").get_data(as_text=True)


def test_every_womens_text_is_a_text_of_the_core_and_in_every_catalog():
    """The list names texts the code shows: one that changes in a template
    would silently lose its feminine wording."""
    core = SOURCES[0]
    plain = {msgid for context, msgid in _extracted(core[1], core[2]) if context is None}
    assert WOMEN_TEXTS <= plain, sorted(WOMEN_TEXTS - plain)
    for language in SHIPPED:
        with open(TRANSLATIONS / language / "LC_MESSAGES" / "messages.po", "rb") as handle:
            catalog = read_po(handle)
        assert all(catalog.get(text, context=WOMEN) is not None for text in WOMEN_TEXTS), language


def test_texts_follow_a_change_of_language_or_audience_within_one_request(app, people):
    """A request keeps its translations (a page asks for some 60 texts), yet
    a mail rendered in another language during the request, and an event's
    audience set on it, still change what ``_`` gives, in code and in
    templates alike, and the page's own language returns afterwards."""
    from flask import render_template_string
    from flask_babel import force_locale, gettext

    from dialogplatform import audience

    women = make_event(people.municipality, "themenabend", capacity=10, women_only=True)
    text = "What do you need to take part?"
    shown = lambda: (gettext(text), render_template_string("{{ _(text) }}", text=text))  # noqa: E731
    with app.test_request_context("/testort/?lang=ar"):
        general = shown()
        assert "تحتاجه" in general[0] and general[0] == general[1]
        with force_locale("de"):
            assert shown() == ("Was brauchen Sie, um teilnehmen zu können?",) * 2
        assert shown() == general
        audience.use_event(women)
        assert all("تحتاجين" in wording for wording in shown())
        with force_locale("en"):
            assert shown() == (text, text)
        audience.use_event(None)
        assert shown() == general
