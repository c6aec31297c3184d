"""The personal link reaches only the mailbox (issue 14, findings 1 and 2).

Proven over HTTP against gunicorn: a visitor who knows someone's e-mail
address and sends the sign-up form with it learns nothing about them; a
made-up address holds a seat only until its hold ends and cannot be
confirmed without the mail; the mail's confirmation link works once; two
people on one shared tablet stay two people; an account holder with a
confirmed address is confirmed at once and finds the sign-up in the account.
"""
import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from conftest import TEST_PASSWORD, csrf_token_from, enable, make_event
from live_http import Visitor

from dialogplatform.extensions import db
from dialogplatform.models import Registration
from dialogplatform.services import signups

VICTIM = dict(name="Verena Vogel", email="verena@example.org", phone="0170 5550123", childcare_count=2,
              childcare_ages="3 und 7", note="Ich brauche einen Rollstuhlplatz")
SECRETS = ("Verena", "Vogel", "5550123", "3 und 7", "Rollstuhlplatz", "/r/", "/confirm/")


def form(email, name="Mallory", **extra):
    return {"name": name, "email": email, "childcare_count": "0", "consent": "y", **extra}


def signup_path(event):
    return f"/testort/e/{event.id}/signup"


def sign_up(visitor, event, data):
    """Send the form; return (the answer to the POST, the page it leads to)."""
    answer = visitor.submit(signup_path(event), data)
    assert answer.status == 302, answer.text[:2000]
    return answer, visitor.get(answer.location)


def rows():
    db.session.expire_all()
    return db.session.scalars(db.select(Registration).order_by(Registration.id)).all()


def snapshot(row):
    return {column: getattr(row, column) for column in Registration.__table__.columns.keys()}


def mails_to(runner, smtp_server, address):
    runner.invoke(args=["send-mail"])
    return smtp_server.to(address)


def link_in(smtp_server, mail, part):
    """The path of the link in ``mail`` that contains ``part``."""
    [link] = [link for link in smtp_server.links_in(mail) if part in link]
    return urlsplit(link).path


def main_of(html):
    """The page without its CSRF token (the only thing that differs by visit)."""
    return re.sub(r'name="csrf_token"[^>]*value="[^"]+"', "", html)


@pytest.mark.parametrize("format_key", ["themenabend", "frauendialog"])
def test_a_stranger_who_knows_an_address_learns_nothing(app, people, visitor, runner, smtp_server, format_key):
    enable(people.municipality, format_key)
    event = make_event(people.municipality, format_key, capacity=10)
    extra = {"ext__frauendialog__is_woman": "y"} if format_key == "frauendialog" else {}
    with app.test_request_context():
        victim, _ = signups.register(event.id, signups.Person(**VICTIM),
                                     {format_key: {"is_woman": True}} if extra else {}, source="assisted")
    before = snapshot(victim)
    mails_to(runner, smtp_server, VICTIM["email"])
    smtp_server.clear()

    first, first_page = sign_up(visitor, event, form("mallory@example.org", **extra))
    again, again_page = sign_up(visitor, event, form(VICTIM["email"], **extra))

    # Same redirect, same page (but for the masked address), nothing personal.
    assert again.location == first.location and "/r/" not in again.location
    assert again_page.status == first_page.status == 200
    assert main_of(again_page.text).replace("v•••@", "m•••@") == main_of(first_page.text)
    assert "v•••@example.org" in again_page.text
    for secret in SECRETS:
        assert secret not in again.text and secret not in again_page.text
    # Nothing stored changed; the owner gets their own link by mail.
    [stored] = [row for row in rows() if row.email == VICTIM["email"]]
    assert snapshot(stored) == before
    [mail] = mails_to(runner, smtp_server, VICTIM["email"])
    personal = link_in(smtp_server, mail, "/r/")
    assert "Verena Vogel" in visitor.get(personal).text  # the mailbox owner's page, reached only from the mail


def test_a_made_up_address_never_holds_a_seat_past_its_hold(app, people, visitor, server, start_server, runner,
                                                            smtp_server):
    event = make_event(people.municipality, "themenabend", capacity=1)
    _, page = sign_up(visitor, event, form("nobody@made-up-domain.org"))
    assert "n•••@made-up-domain.org" in page.text and "/r/" not in page.text and "/confirm/" not in page.text
    assert "ausgebucht" in Visitor(server.url).get(f"/testort/e/{event.id}/").text
    [fake] = rows()
    assert fake.status == "pending"

    # Without the mail there is nothing to confirm with: not even the
    # personal link confirms, and made-up confirmation links are unknown.
    with app.test_request_context():
        personal_token = signups.personal_token(fake)
    personal = f"/testort/r/{personal_token}"
    assert "/confirm" not in visitor.get(personal).text
    token = csrf_token_from(visitor.get(signup_path(event)).text)
    assert visitor.post(personal + "/confirm", {"csrf_token": token}).status in (404, 405)
    for guess in (f"{fake.id}-{'0' * 40}", personal_token, f"{fake.id}-x"):
        assert visitor.post(f"/testort/confirm/{guess}", {"csrf_token": token}).status == 404
    assert rows()[0].status == "pending"

    # The mail's link stops working when the hold ends, and the seat is free.
    confirm = link_in(smtp_server, mails_to(runner, smtp_server, "nobody@made-up-domain.org")[0], "/confirm/")
    later = start_server(CLOCK=(fake.hold_expires_at + timedelta(minutes=1)).isoformat())
    late = Visitor(later.url)
    assert "ausgebucht" not in late.get(f"/testort/e/{event.id}/").text
    assert late.get(confirm).status == 404
    token = csrf_token_from(late.get(signup_path(event)).text)
    assert late.post(confirm, {"csrf_token": token}).status == 404
    assert rows()[0].email_confirmed_at is None and rows()[0].status != "confirmed"
    _, page = sign_up(late, event, form("real@example.org", name="Real"))
    assert registration_status(page) == "pending"  # the seat went to the next person


def registration_status(page):
    return re.search(r'class="status status-(\w+)"', page.text).group(1)


def test_the_mails_confirmation_link_works_once(people, visitor, runner, smtp_server):
    event = make_event(people.municipality, "themenabend", capacity=5)
    sign_up(visitor, event, form("amal@example.org", name="Amal"))
    [mail] = mails_to(runner, smtp_server, "amal@example.org")
    confirm, personal = link_in(smtp_server, mail, "/confirm/"), link_in(smtp_server, mail, "/r/")
    assert "/confirm/" not in visitor.get(personal).text  # the personal page does not carry it

    reader = Visitor(visitor.base_url)  # whoever opens the mail, on any device
    page = reader.get(confirm)
    assert page.status == 200 and rows()[0].status == "pending"  # opening it confirms nothing
    answer = reader.post(confirm, {"csrf_token": csrf_token_from(page.text)})
    assert answer.status == 302 and urlsplit(answer.location).path == personal
    assert rows()[0].status == "confirmed"
    assert reader.post(confirm, {"csrf_token": csrf_token_from(page.text)}).status == 404
    assert reader.get(confirm).status == 404
    assert rows()[0].status == "confirmed"


def test_two_people_on_a_shared_tablet_stay_two_people(people, visitor, runner, smtp_server):
    event = make_event(people.municipality, "themenabend", capacity=5)
    page = visitor.get(signup_path(event)).text
    fields = {"csrf_token": csrf_token_from(page),
              "submission_key": re.search(r'name="submission_key"[^>]*value="([^"]+)"', page).group(1)}
    layla = form("layla@example.org", name="Layla Amiri", phone="0151 777")
    first = visitor.post(signup_path(event), {**fields, **layla})
    twice = visitor.post(signup_path(event), {**fields, **layla})  # a double tap: stored once
    second = visitor.post(signup_path(event), {**fields, **form("jana@example.org", name="Jana Kraus")})
    assert first.status == twice.status == second.status == 302
    page = visitor.get(second.location).text
    assert "j•••@example.org" in page and "Layla" not in page and "0151" not in page and "/r/" not in page
    assert [(row.name, row.email, row.status) for row in rows()] == [
        ("Layla Amiri", "layla@example.org", "pending"), ("Jana Kraus", "jana@example.org", "pending")]
    assert len(mails_to(runner, smtp_server, "layla@example.org")) == 1
    [jana] = smtp_server.to("jana@example.org")
    assert "Jana Kraus" in smtp_server.text_of(jana) and "Layla" not in smtp_server.text_of(jana)


def test_a_signed_in_account_holder_is_confirmed_at_once(people, visitor):
    event = make_event(people.municipality, "themenabend", capacity=5)
    visitor.log_in(people.participant.email, TEST_PASSWORD)
    answer = visitor.submit(signup_path(event), {"name": "Pat", "childcare_count": "0", "consent": "y"})
    assert answer.status == 302
    page = visitor.get(answer.location).text
    assert 'status-confirmed' in page
    assert 'href="/account/"' in page
    [row] = rows()
    assert row.status == "confirmed" and row.user_id == people.participant.id
    account = visitor.get("/account/").text
    assert "Sicherheit und Nachbarschaft" in account and "Bestätigt" in account


def test_pages_from_the_cache_carry_nothing_of_an_earlier_visitor(people, server, runner, smtp_server):
    """The public pages come from Redis: a sign-up's receipt, and what the
    signed-up person opens from their mail, never reach the next visitor."""
    event = make_event(people.municipality, "themenabend", capacity=10)
    first = Visitor(server.url)
    _answer, receipt = sign_up(first, event, form(VICTIM["email"], **{k: v for k, v in VICTIM.items() if k != "email"}))
    assert "v•••@example.org" in receipt.text
    [mail] = mails_to(runner, smtp_server, VICTIM["email"])
    personal_page = first.get(link_in(smtp_server, mail, "/r/"))
    assert personal_page.status == 200 and "Verena Vogel" in personal_page.text

    next_visitor = Visitor(server.url)
    for path in (f"/testort/e/{event.id}/", f"/testort/e/{event.id}/signup", f"/testort/e/{event.id}/signup/sent",
                 "/testort/", "/"):
        for _ in range(2):  # the second time from the cache, if the page is stored
            page = next_visitor.get(path, follow=True)
            assert page.status == 200
            assert not any(secret in page.text for secret in SECRETS), path
            assert "v•••@example.org" not in page.text, path
