"""Accounts in the browser: register, confirm, log in, reset, settings."""
from conftest import TEST_PASSWORD, log_in, make_user, submit

from dialogplatform.models import User
from dialogplatform.services import accounts


def register(client, email="neu@example.org", password="ein gutes passwort"):
    return submit(client, "/auth/register", {
        "display_name": "Amal", "email": email, "password": password, "password_repeat": password,
    })


def test_registration_sends_confirmation_that_allows_login(client, db, smtp_server):
    response = register(client, email="Amal@Example.org")
    assert response.status_code == 302
    [mail] = smtp_server.to("amal@example.org")
    assert "E-Mail-Adresse" in mail["Subject"]  # German by default
    link = smtp_server.links_in(mail)[0]

    # Not confirmed yet: log-in is refused with a hint.
    page = submit(client, "/auth/login", {"email": "amal@example.org", "password": "ein gutes passwort"})
    assert page.status_code == 200
    assert "bestätigen" in page.get_data(as_text=True)

    assert client.get(link.replace("http://localhost", "")).status_code == 302
    response = submit(client, "/auth/login", {"email": "AMAL@example.org", "password": "ein gutes passwort"})
    assert response.status_code == 302
    assert client.get("/account/").status_code == 200


def test_registering_a_taken_address_answers_like_a_new_one_and_tells_the_owner(client, db, smtp_server):
    owner = make_user("amal@example.org")
    db.session.commit()
    taken = register(client, email="AMAL@example.org", password="ein anderes passwort")
    new = register(client, email="neu@example.org")
    assert (taken.status_code, taken.headers["Location"]) == (new.status_code, new.headers["Location"])
    assert "existiert bereits" not in client.get("/auth/login").get_data(as_text=True)
    assert db.session.query(User).count() == 2
    db.session.refresh(owner)
    assert owner.password_hash and accounts.authenticate("amal@example.org", TEST_PASSWORD)  # unchanged
    [mail] = smtp_server.to("amal@example.org")
    assert "bereits ein Konto" in smtp_server.text_of(mail)
    # The link in it lets the owner set a new password (and so log in).
    path = smtp_server.links_in(mail)[0].replace("http://localhost", "")
    assert "/auth/reset/" in path
    assert submit(client, path, {"password": "ein neues passwort", "password_repeat": "ein neues passwort"}
                  ).status_code == 302


def test_invalid_registration_keeps_input_and_saves_nothing(client, db):
    page = submit(client, "/auth/register", {
        "display_name": "Amal", "email": "not-an-address", "password": "short", "password_repeat": "other",
    })
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert 'value="not-an-address"' in html
    assert "error-summary" in html
    assert "gültige E-Mail-Adresse" in html
    assert db.session.query(User).count() == 0


def test_wrong_password_is_refused(client, people):
    page = submit(client, "/auth/login", {"email": people.organiser.email, "password": "wrong password!"})
    assert page.status_code == 200
    assert "falsch" in page.get_data(as_text=True)
    assert client.get("/account/").status_code == 302


def test_password_reset_link_works_once(client, people, smtp_server):
    submit(client, "/auth/forgot", {"email": people.participant.email})
    [mail] = smtp_server.to(people.participant.email)
    path = smtp_server.links_in(mail)[0].replace("http://localhost", "")
    response = submit(client, path, {"password": "ein neues passwort", "password_repeat": "ein neues passwort"})
    assert response.status_code == 302
    log_in(client, people.participant, password="ein neues passwort")
    # The same link a second time is refused.
    again = client.get(path)
    assert again.status_code == 302 and "/auth/forgot" in again.headers["Location"]


def test_forgot_password_does_not_reveal_unknown_addresses(client, people, smtp_server):
    unknown = submit(client, "/auth/forgot", {"email": "nobody@example.org"})
    known = submit(client, "/auth/forgot", {"email": people.participant.email})
    assert (unknown.status_code, unknown.headers["Location"]) == (known.status_code, known.headers["Location"])
    # The mail to the unknown address says there is no account, and offers one.
    [mail] = smtp_server.to("nobody@example.org")
    assert "kein Konto" in smtp_server.text_of(mail)
    assert smtp_server.links_in(mail) == ["http://localhost/auth/register"]


def test_tampered_confirmation_link_is_refused(client, db):
    response = client.get("/auth/confirm/not-a-token", follow_redirects=True)
    assert "ungültig" in response.get_data(as_text=True)


def test_change_password_and_language(client, people):
    log_in(client, people.participant)
    page = submit(client, "/account/password", {
        "current_password": "wrong one!!", "password": "noch ein passwort", "password_repeat": "noch ein passwort"})
    assert "falsch" in page.get_data(as_text=True)
    submit(client, "/account/password", {
        "current_password": TEST_PASSWORD, "password": "noch ein passwort", "password_repeat": "noch ein passwort"})
    submit(client, "/account/settings", {"display_name": "Amal", "language": "ar"})
    html = client.get("/").get_data(as_text=True)
    assert 'lang="ar" dir="rtl"' in html


def test_login_starts_a_new_session(client, people):
    client.get("/auth/login")
    with client.session_transaction() as session:
        session["planted"] = "by an attacker"
    log_in(client, people.participant)
    with client.session_transaction() as session:
        assert "planted" not in session


def test_logout_needs_csrf(client, people):
    log_in(client, people.participant)
    assert client.post("/auth/logout").status_code == 400
    assert client.get("/account/").status_code == 200
