"""Accounts, tried from outside as an attacker would (issue 14, findings 5,
6 and 14): forged Host headers, open redirects after log-in, copied session
cookies, account enumeration, weak passwords, being locked out by guesses."""
import random
import re

import pytest
from conftest import TEST_PASSWORD
from live_http import Visitor

BASE = "http://localhost"  # the suite's BASE_URL


def _client_address() -> str:
    """A fresh documentation address per visitor: counts of earlier runs,
    kept in Redis, never apply."""
    return f"198.51.{random.randrange(256)}.{random.randrange(1, 255)}"


def _without_tokens(html: str) -> str:
    return re.sub(r'name="csrf_token"[^>]*value="[^"]+"', "", html)


# -- finding 5: links in mails come from BASE_URL -----------------------------
def test_a_forged_host_never_reaches_the_links_in_mails(start_server, people, smtp_server):
    # As in production: behind a proxy whose X-Forwarded-Host is trusted.
    server = start_server(MAIL_SEND_AFTER_REQUEST=True, PROXY_FIX=True)
    for n, forged in enumerate([{"Host": "evil.example"}, {"X-Forwarded-Host": "evil.example"}]):
        attacker = Visitor(server.url, headers=forged)
        attacker.submit("/auth/forgot", {"email": people.participant.email})
        attacker.submit("/auth/register", {"display_name": "Neu", "email": f"neu{n}@example.org",
                                           "password": "ein gutes passwort", "password_repeat": "ein gutes passwort"})
        mails = smtp_server.to(people.participant.email) + smtp_server.to(f"neu{n}@example.org")
        assert len(mails) == 2
        for mail in mails:
            assert "evil.example" not in smtp_server.text_of(mail)
            [link] = smtp_server.links_in(mail)
            assert link.startswith(BASE + "/auth/")
        smtp_server.clear()


# -- finding 6: next= after log-in -------------------------------------------
@pytest.mark.parametrize("target", [
    "/%09/evil.example/", "//evil.example/", "/%5Cevil.example/", "/%5C%5Cevil.example/",
    "https://evil.example/", "%2F%2Fevil.example/", "/%0D%0A/evil.example/", "/%20/evil.example",
    "http:evil.example", "javascript:alert(1)",
])
def test_next_after_log_in_never_leaves_the_site(server, people, target):
    visitor = Visitor(server.url)
    answer = visitor.submit(f"/auth/login?next={target}", {"email": people.participant.email,
                                                            "password": TEST_PASSWORD})
    assert answer.status == 302
    assert answer.location == "/account/"


def test_next_after_log_in_leads_to_a_page_of_the_site(visitor, people):
    answer = visitor.submit("/auth/login?next=/account/settings", {"email": people.participant.email,
                                                                   "password": TEST_PASSWORD})
    assert answer.location == "/account/settings"


# -- finding 6: sessions end on log-out and with a new password -------------
def _copy_of(browser: Visitor) -> Visitor:
    thief = Visitor(browser.base_url)
    for cookie in browser.jar:
        thief.jar.set_cookie(cookie)
    return thief


def test_a_copied_session_cookie_stops_working_after_log_out(visitor, people):
    visitor.log_in(people.participant.email, TEST_PASSWORD)
    thief = _copy_of(visitor)
    assert thief.get("/account/").status == 200
    assert visitor.submit("/account/", {}, post_to="/auth/logout").status == 302
    assert thief.get("/account/").status == 302  # to the log-in page
    assert "/auth/login" in thief.get("/account/").location


def test_a_new_password_ends_every_other_session(server, people):
    public_computer = Visitor(server.url)
    public_computer.log_in(people.participant.email, TEST_PASSWORD)
    thief = _copy_of(public_computer)
    own_laptop = Visitor(server.url)
    own_laptop.log_in(people.participant.email, TEST_PASSWORD)
    changed = own_laptop.submit("/account/password", {
        "current_password": TEST_PASSWORD, "password": "ein neues passwort", "password_repeat": "ein neues passwort"})
    assert changed.status == 302
    assert thief.get("/account/").status == 302
    assert public_computer.get("/account/").status == 302
    assert own_laptop.get("/account/").status == 200  # the session that changed it goes on


# -- finding 14: no account enumeration --------------------------------------
def _answer_and_page(server_url, path, data):
    visitor = Visitor(server_url)
    answer = visitor.submit(path, data)
    page = visitor.get(answer.location, follow=True)
    return answer.status, answer.location, _without_tokens(page.text)


def test_registration_answers_the_same_for_a_taken_address(start_server, people, smtp_server):
    server = start_server(MAIL_SEND_AFTER_REQUEST=True)

    def register(email):
        return _answer_and_page(server.url, "/auth/register", {
            "display_name": "Amal", "email": email,
            "password": "ein gutes passwort", "password_repeat": "ein gutes passwort"})

    taken, new = register(people.participant.email), register("neu@example.org")
    assert taken == new
    assert "existiert bereits" not in taken[2]
    # The owner learns from the mail what happened; their account is unchanged.
    [mail] = smtp_server.to(people.participant.email)
    assert "bereits ein Konto" in smtp_server.text_of(mail)
    Visitor(server.url).log_in(people.participant.email, TEST_PASSWORD)


def test_forgot_password_answers_the_same_for_an_unknown_address(start_server, people, smtp_server):
    server = start_server(MAIL_SEND_AFTER_REQUEST=True)

    def forgot(email):
        return _answer_and_page(server.url, "/auth/forgot", {"email": email})

    assert forgot(people.participant.email) == forgot("nobody@example.org")
    [mail] = smtp_server.to("nobody@example.org")
    assert "kein Konto" in smtp_server.text_of(mail)


# -- finding 14: weak passwords ------------------------------------------------
@pytest.mark.parametrize("password", ["1234567890", "password12", "qwertzuiop", "neu@example.org"])
def test_common_and_weak_passwords_are_refused_with_a_reason(visitor, db, password):
    from dialogplatform.models import User

    answer = visitor.submit("/auth/register", {"display_name": "Neu", "email": "neu@example.org",
                                               "password": password, "password_repeat": password})
    assert answer.status == 200
    assert "zu leicht zu erraten" in answer.text
    assert db.session.query(User).count() == 0


def test_the_reason_is_given_in_the_visitors_language(server, db):
    visitor = Visitor(server.url, headers={"Accept-Language": "en"})
    answer = visitor.submit("/auth/register", {"display_name": "Neu", "email": "neu@example.org",
                                               "password": "password12", "password_repeat": "password12"})
    assert "one of the most common passwords" in answer.text


# -- finding 14: guesses slow the attacker, not the owner ---------------------
def test_an_attackers_guesses_do_not_lock_out_the_owner(start_server, app, people):
    server = start_server(PROXY_FIX=True, RATELIMIT_ENABLED=True, RATELIMIT_FAILED_LOGIN="3 per 15 minutes",
                          RATELIMIT_STORAGE_URI=app.config["PAGE_CACHE_URL"])
    attacker = Visitor(server.url, headers={"X-Forwarded-For": _client_address()})
    guesses = [attacker.submit("/auth/login", {"email": people.participant.email, "password": f"guess {n}"}).status
               for n in range(4)]
    assert guesses == [200, 200, 200, 429]
    # The attacker waits, even with the right password ...
    assert attacker.submit("/auth/login", {"email": people.participant.email,
                                           "password": TEST_PASSWORD}).status == 429
    # ... while the owner, on their own device, logs in.
    owner = Visitor(server.url, headers={"X-Forwarded-For": _client_address()})
    owner.log_in(people.participant.email, TEST_PASSWORD)
    assert owner.get("/account/").status == 200
