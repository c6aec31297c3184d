"""Accounts against an attacker, at unit level (issue 14, findings 5, 6, 14):
BASE_URL, safe ``next=``, session versions, password strength, throttling.
The same promises are proven over HTTP in tests/acceptance/test_accounts.py."""
from pathlib import Path

import pytest
from conftest import TEST_PASSWORD, csrf_token_from, log_in, submit

from dialogplatform import create_app
from dialogplatform.links import external_url, is_local_path
from dialogplatform.models import Role
from dialogplatform.services import accounts, outbox, passwords


# -- BASE_URL ------------------------------------------------------------------
def test_links_in_mails_ignore_the_host_header(client, people, smtp_server):
    page = client.get("/auth/forgot", headers={"Host": "evil.example"})
    client.post("/auth/forgot", headers={"Host": "evil.example", "X-Forwarded-Host": "evil.example"},
                data={"csrf_token": csrf_token_from(page.get_data(as_text=True)), "email": people.participant.email})
    [mail] = smtp_server.to(people.participant.email)
    [link] = smtp_server.links_in(mail)
    assert link.startswith("http://localhost/auth/reset/")


def test_no_mail_builds_a_link_from_the_request():
    """Mails are built in the services and mail templates: none of them may
    take its address from the request (``url_for(..., _external=True)``)."""
    root = Path(__file__).resolve().parent.parent / "dialogplatform"
    sources = [*root.glob("services/*.py"), *root.glob("templates/mail/*")]
    assert sources
    assert [path.name for path in sources if "_external" in path.read_text()] == []


def test_external_url_uses_base_url_with_its_path(make_app):
    app = make_app(BASE_URL="https://dialog.example.org/weinheim/")
    with app.test_request_context("/", base_url="http://evil.example"):
        assert external_url("auth.register") == "https://dialog.example.org/weinheim/auth/register"
        assert external_url("auth.login", _anchor="top") == "https://dialog.example.org/weinheim/auth/login#top"


@pytest.mark.parametrize("value", [None, "", "dialog.example.org", "ftp://dialog.example.org", "https://"])
def test_the_app_refuses_to_start_without_a_proper_base_url(base_config, value, capfd):
    config = {**base_config, "TESTING": False, "DEBUG": False, "BASE_URL": value}
    with pytest.raises(SystemExit) as stopped:
        create_app(config)
    assert stopped.value.code == 4  # gunicorn then stops instead of restarting workers
    message = capfd.readouterr().err.strip()
    assert "BASE_URL" in message and "\n" not in message and "Traceback" not in message


def test_debug_mode_runs_on_the_development_address(base_config):
    app = create_app({**base_config, "TESTING": False, "DEBUG": True, "BASE_URL": None})
    assert app.config["BASE_URL"] == "http://127.0.0.1:5000"


# -- next= ---------------------------------------------------------------------
@pytest.mark.parametrize("target", ["/", "/account/settings", "/testort/e/1/?lang=en", "/a%2Fb"])
def test_local_paths_are_kept(target):
    assert is_local_path(target)


@pytest.mark.parametrize("target", [
    None, "", "//evil.example/", "/\t/evil.example/", "/\\evil.example", "\\\\evil.example", "https://evil.example/",
    "http:evil.example", "/\r\n/evil.example", "/\x00/evil.example", " //evil.example", "evil.example",
    "javascript:alert(1)", "/\u3000/evil.example", "/\x85/evil.example",
])
def test_everything_else_is_refused(target):
    assert not is_local_path(target)


# -- sessions ------------------------------------------------------------------
def test_log_out_ends_the_other_sessions_of_the_account(app, people):
    laptop, phone = app.test_client(), app.test_client()
    log_in(laptop, people.participant)
    log_in(phone, people.participant)
    submit(laptop, "/account/", {}, post_url="/auth/logout")
    assert phone.get("/account/").status_code == 302


def test_a_password_reset_ends_every_session(app, people, smtp_server):
    thief, owner = app.test_client(), app.test_client()
    log_in(thief, people.participant)
    submit(owner, "/auth/forgot", {"email": people.participant.email})
    [mail] = smtp_server.to(people.participant.email)
    path = smtp_server.links_in(mail)[0].replace("http://localhost", "")
    submit(owner, path, {"password": "ein neues passwort", "password_repeat": "ein neues passwort"})
    assert thief.get("/account/").status_code == 302


def test_a_remember_me_cookie_ends_with_the_sessions(app, people, db):
    from flask_login.utils import encode_cookie

    with app.test_request_context():
        cookie = encode_cookie(people.participant.get_id())
    browser = app.test_client()
    browser.set_cookie("remember_token", cookie)
    assert browser.get("/account/").status_code == 200
    accounts.end_sessions(people.participant)
    db.session.commit()
    stolen = app.test_client()
    stolen.set_cookie("remember_token", cookie)
    assert stolen.get("/account/").status_code == 302


def test_sessions_from_before_the_version_or_of_another_form_are_refused(app, people):
    loader = app.login_manager._user_callback
    user = people.participant
    assert user.get_id() == f"{user.id}:0"
    assert loader(f"{user.id}:0") == user
    accounts.end_sessions(user)
    assert loader(f"{user.id}:0") is None and loader(user.get_id()) == user
    for forged in (str(user.id), f"{user.id}:x", f"{user.id}:²", "9" * 40 + ":0", ""):
        assert loader(forged) is None


# -- password strength -----------------------------------------------------------
@pytest.mark.parametrize("password", ["1234567890", "password12", "qwertzuiop", "aaaaaaaaaaaa", "0123456789"])
def test_weak_passwords_have_problems(password):
    assert passwords.problems(password)


def test_the_owners_name_and_address_are_weak(app):
    with app.test_request_context():
        found = [str(p) for p in passwords.problems("haddad2024", ("amal.haddad@example.org", "Amal Haddad"))]
    assert "Das Passwort darf weder Ihren Namen noch Ihre E-Mail-Adresse enthalten." in found


@pytest.mark.parametrize("password", [TEST_PASSWORD, "ein gutes passwort", "Kaffee im Rathaus 7"])
def test_strong_passwords_have_none(password):
    assert passwords.problems(password) == []


def test_weak_passwords_are_refused_on_change_reset_and_invitation(client, people, smtp_server):
    weak = {"password": "password12", "password_repeat": "password12"}
    log_in(client, people.participant)
    page = submit(client, "/account/password", {"current_password": TEST_PASSWORD, **weak})
    assert "häufigsten Passwörtern" in page.get_data(as_text=True)
    submit(client, "/account/", {}, post_url="/auth/logout")

    submit(client, "/auth/forgot", {"email": people.participant.email})
    [mail] = smtp_server.to(people.participant.email)
    page = submit(client, smtp_server.links_in(mail)[0].replace("http://localhost", ""), weak)
    assert page.status_code == 200 and "häufigsten Passwörtern" in page.get_data(as_text=True)

    with client.application.test_request_context():
        accounts.invite(people.municipality, "neu@example.org", Role.ORGANISER, people.admin, "de")
        outbox.send_pending()
    [mail] = smtp_server.to("neu@example.org")
    page = submit(client, smtp_server.links_in(mail)[0].replace("http://localhost", ""),
                  {"display_name": "Neu", **weak})
    assert page.status_code == 200 and "häufigsten Passwörtern" in page.get_data(as_text=True)
    assert accounts.find_user("neu@example.org") is None


def test_create_admin_refuses_a_weak_password(runner, db):
    result = runner.invoke(args=["create-admin", "root@example.org"], input="password12\npassword12\n")
    assert result.exit_code != 0
    assert "one of the most common passwords" in result.output
    assert accounts.find_user("root@example.org") is None


# -- throttling ------------------------------------------------------------------
def test_guesses_from_one_client_do_not_lock_out_the_owner(make_app, people):
    app = make_app(RATELIMIT_ENABLED=True, RATELIMIT_FAILED_LOGIN="3 per 15 minutes")
    with app.app_context():
        attacker = app.test_client()
        attacker.environ_base["REMOTE_ADDR"] = "203.0.113.9"
        guesses = [submit(attacker, "/auth/login", {"email": people.participant.email,
                                                    "password": "wrong guess 123"}).status_code for _ in range(4)]
        assert guesses == [200, 200, 200, 429]
        owner = app.test_client()
        owner.environ_base["REMOTE_ADDR"] = "198.51.100.7"
        log_in(owner, people.participant)


def test_one_client_guessing_many_addresses_slows_down(make_app, people):
    app = make_app(RATELIMIT_ENABLED=True, RATELIMIT_FAILED_LOGIN_PER_CLIENT="3 per 15 minutes")
    with app.app_context():
        attacker = app.test_client()
        statuses = [submit(attacker, "/auth/login", {"email": f"person{n}@example.org",
                                                     "password": "wrong guess 123"}).status_code for n in range(4)]
        assert statuses == [200, 200, 200, 429]
