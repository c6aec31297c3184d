"""Two-factor sign-in (issue 19, staff sign-in): set up from the account with
the real forms, a code after the password, recovery codes, turning it off,
and municipalities and the instance requiring it from their staff. The
codes are computed here with pyotp from the key the set-up page shows."""
import logging
import re
from datetime import UTC, datetime, timedelta

import pyotp
import pytest
from conftest import TEST_PASSWORD, csrf_token_from, log_in, submit

from dialogplatform.extensions import db
from dialogplatform.models import AuditEntry

START = datetime(2026, 3, 2, 9, 0, 10, tzinfo=UTC)  # 10 s into a 30-second step


@pytest.fixture(autouse=True)
def _fixed_time(clock):
    clock.set_time(START)
    return clock


def text(response) -> str:
    return response.get_data(as_text=True)


def code(secret, clock, *, steps_later=0) -> str:
    return pyotp.TOTP(secret).at(clock.now() + timedelta(seconds=30 * steps_later))


def set_up(client, clock) -> tuple[str, list[str]]:
    """Set it up through the account pages as a person would; returns the
    key shown and the recovery codes."""
    status = client.get("/account/two-factor")
    assert "/account/two-factor/setup" in text(status)
    page = text(client.get("/account/two-factor/setup"))
    assert "<svg" in page and "qr-code" in page
    secret = re.search(r'<code class="totp-secret"[^>]*>([A-Z2-7 ]+)</code>', page).group(1).replace(" ", "")
    answer = submit(client, "/account/two-factor/setup", {"code": code(secret, clock)})
    assert answer.status_code == 200
    codes = re.findall(r"<li><code>([a-z0-9-]+)</code></li>", text(answer))
    assert len(codes) == 10 and len(set(codes)) == 10
    return secret, codes


def password_step(client, user, next_url=None):
    url = "/auth/login" + (f"?next={next_url}" if next_url else "")
    return submit(client, url, {"email": user.email, "password": TEST_PASSWORD})


def test_a_resident_sets_it_up_and_is_asked_for_a_code_after_the_password(client, people, clock):
    log_in(client, people.participant)
    assert "/account/two-factor" in text(client.get("/account/"))  # reachable from the account page
    secret, _codes = set_up(client, clock)
    assert "Zwei-Faktor-Authentisierung ist eingeschaltet" in text(client.get("/account/two-factor"))
    submit(client, "/account/", {}, post_url="/auth/logout")

    clock.set_time(START + timedelta(seconds=30))
    answer = password_step(client, people.participant, "/account/privacy")
    assert answer.status_code == 302 and answer.location.endswith("/auth/code")
    # Half logged in: nothing is granted yet.
    assert client.get("/account/").status_code == 302
    assert client.get("/account/privacy").location.startswith("/auth/login")
    wrong = submit(client, "/auth/code", {"code": "000000"})
    assert wrong.status_code == 200 and "Dieser Code ist falsch oder wurde schon benutzt." in text(wrong)
    assert client.get("/account/").status_code == 302

    done = submit(client, "/auth/code", {"code": code(secret, clock)})
    assert done.status_code == 302 and done.location == "/account/privacy"
    assert client.get("/account/").status_code == 200


def test_a_code_works_once(client, people, clock):
    log_in(client, people.participant)
    secret, _codes = set_up(client, clock)
    used_at_set_up = code(secret, clock)
    submit(client, "/account/", {}, post_url="/auth/logout")

    password_step(client, people.participant)
    refused = submit(client, "/auth/code", {"code": used_at_set_up})
    assert "Dieser Code ist falsch oder wurde schon benutzt." in text(refused)

    clock.set_time(START + timedelta(seconds=30))
    fresh = code(secret, clock)
    assert submit(client, "/auth/code", {"code": fresh}).status_code == 302
    submit(client, "/account/", {}, post_url="/auth/logout")

    other = client.application.test_client()
    password_step(other, people.participant)
    assert "Dieser Code ist falsch oder wurde schon benutzt." in text(submit(other, "/auth/code", {"code": fresh}))
    assert other.get("/account/").status_code == 302


def test_the_code_page_expires_after_a_few_minutes(client, people, clock):
    log_in(client, people.participant)
    secret, _codes = set_up(client, clock)
    submit(client, "/account/", {}, post_url="/auth/logout")

    password_step(client, people.participant)
    token = csrf_token_from(text(client.get("/auth/code")))
    clock.set_time(START + timedelta(minutes=6))
    late = client.post("/auth/code", data={"csrf_token": token, "code": code(secret, clock)})
    assert late.status_code == 302 and late.location.startswith("/auth/login")
    assert "nur wenige Minuten" in text(client.get("/auth/login"))
    assert client.get("/account/").status_code == 302
    # Asking for the code again needs the password again.
    assert client.get("/auth/code").location.startswith("/auth/login")


def test_a_recovery_code_stands_in_for_the_app_once(client, people, clock):
    log_in(client, people.participant)
    _secret, codes = set_up(client, clock)
    submit(client, "/account/", {}, post_url="/auth/logout")

    password_step(client, people.participant)
    answer = submit(client, "/auth/code", {"code": codes[3].upper()})
    assert answer.status_code == 302
    assert "noch 9" in text(client.get("/account/"))
    submit(client, "/account/", {}, post_url="/auth/logout")

    password_step(client, people.participant)
    assert "Dieser Code ist falsch" in text(submit(client, "/auth/code", {"code": codes[3]}))
    actions = db.session.scalars(db.select(AuditEntry.action).filter_by(target_id=people.participant.id)).all()
    assert actions.count("account.recovery_code_used") == 1 and "account.two_factor_enabled" in actions


def test_new_recovery_codes_replace_the_old_ones(client, people, clock):
    log_in(client, people.participant)
    secret, old_codes = set_up(client, clock)
    refused = submit(client, "/account/two-factor", {"renew-secret": "not it"},
                     post_url="/account/two-factor/recovery-codes")
    assert "Das ist weder ein gültiger Code noch Ihr Passwort." in text(refused)
    clock.set_time(START + timedelta(seconds=30))
    renewed = submit(client, "/account/two-factor", {"renew-secret": code(secret, clock)},
                     post_url="/account/two-factor/recovery-codes")
    new_codes = re.findall(r"<li><code>([a-z0-9-]+)</code></li>", text(renewed))
    assert len(new_codes) == 10 and not set(new_codes) & set(old_codes)
    submit(client, "/account/", {}, post_url="/auth/logout")
    password_step(client, people.participant)
    assert "Dieser Code ist falsch" in text(submit(client, "/auth/code", {"code": old_codes[0]}))
    assert submit(client, "/auth/code", {"code": new_codes[0]}).status_code == 302


def test_turning_it_off_asks_for_a_code_or_the_password_and_ends_other_sessions(app, people, clock):
    laptop, phone = app.test_client(), app.test_client()
    log_in(laptop, people.participant)
    secret, _codes = set_up(laptop, clock)
    log_in(phone, people.participant, password=TEST_PASSWORD)  # asked for a code: not logged in
    assert phone.get("/account/").status_code == 302

    refused = submit(laptop, "/account/two-factor", {"off-secret": "123456"}, post_url="/account/two-factor/off")
    assert "Das ist weder ein gültiger Code noch Ihr Passwort." in text(refused)
    assert "Zwei-Faktor-Authentisierung ist eingeschaltet" in text(laptop.get("/account/two-factor"))

    clock.set_time(START + timedelta(seconds=30))
    laptop_b = app.test_client()
    password_step(laptop_b, people.participant)
    submit(laptop_b, "/auth/code", {"code": code(secret, clock)})
    assert laptop_b.get("/account/").status_code == 200

    off = submit(laptop, "/account/two-factor", {"off-secret": TEST_PASSWORD}, post_url="/account/two-factor/off")
    assert off.status_code == 302
    assert "Zwei-Faktor-Authentisierung ist ausgeschaltet" in text(laptop.get("/account/two-factor"))
    assert laptop_b.get("/account/").status_code == 302  # the other session has ended
    log_in(phone, people.participant)  # the password alone is enough again
    assert phone.get("/account/").status_code == 200
    actions = db.session.scalars(db.select(AuditEntry.action).filter_by(target_id=people.participant.id)).all()
    assert "account.two_factor_disabled" in actions


def test_turning_it_on_ends_the_other_sessions(app, people, clock):
    laptop, phone = app.test_client(), app.test_client()
    log_in(laptop, people.participant)
    log_in(phone, people.participant)
    set_up(laptop, clock)
    assert phone.get("/account/").status_code == 302
    assert laptop.get("/account/").status_code == 200


def test_a_password_reset_does_not_skip_the_code(client, people, clock, smtp_server):
    log_in(client, people.participant)
    secret, _codes = set_up(client, clock)
    submit(client, "/account/", {}, post_url="/auth/logout")

    submit(client, "/auth/forgot", {"email": people.participant.email})
    [mail] = smtp_server.to(people.participant.email)
    [link] = smtp_server.links_in(mail)
    path = link.removeprefix("http://localhost")
    new_password = "a much newer password 42"
    reset = submit(client, path, {"password": new_password, "password_repeat": new_password})
    assert reset.status_code == 302
    assert client.get("/account/").status_code == 302
    answer = submit(client, "/auth/login", {"email": people.participant.email, "password": new_password})
    assert answer.location.endswith("/auth/code")
    assert client.get("/account/").status_code == 302
    clock.set_time(START + timedelta(seconds=30))
    assert submit(client, "/auth/code", {"code": code(secret, clock)}).status_code == 302
    assert client.get("/account/").status_code == 200


def test_a_municipality_requires_it_from_its_staff_but_never_from_residents(app, people, clock):
    admin = app.test_client()
    log_in(admin, people.admin)
    members = text(admin.get("/testort/admin/members"))
    assert "Zwei-Faktor-Authentisierung" in members
    saved = submit(admin, "/testort/admin/members", {"required_role": "organiser"},
                   post_url="/testort/admin/members/two-factor")
    assert saved.status_code == 302
    # The admin has not set it up either: sent to the set-up page.
    to_setup = admin.get("/testort/admin/members")
    assert to_setup.status_code == 302 and to_setup.location == "/account/two-factor/setup"

    organiser = app.test_client()
    answer = password_step(organiser, people.organiser)
    assert answer.location == "/account/two-factor/setup"
    assert "Ihre Rolle verlangt die Zwei-Faktor-Authentisierung" in text(organiser.get(answer.location))
    assert organiser.get("/testort/organise/").location == "/account/two-factor/setup"
    assert organiser.get("/testort/admin/").status_code == 403  # not an admin anyway

    # Below the required role, and residents: never asked.
    moderator = app.test_client()
    assert password_step(moderator, people.moderator).location == "/account/"
    resident = app.test_client()
    assert password_step(resident, people.participant).location == "/account/"
    assert resident.get("/account/").status_code == 200
    # Another municipality's admin is not concerned.
    elsewhere = app.test_client()
    assert password_step(elsewhere, people.other_admin).location == "/account/"
    assert elsewhere.get("/anderswo/admin/members").status_code == 200

    set_up(organiser, clock)
    assert organiser.get("/testort/organise/").status_code == 200
    set_up(admin, clock)
    audit_log = text(admin.get("/testort/admin/audit"))
    assert "Pflicht zur Zwei-Faktor-Authentisierung geändert" in audit_log
    assert audit_log.count("Zwei-Faktor-Authentisierung eingeschaltet") == 2
    entry = db.session.scalars(db.select(AuditEntry).filter_by(action="municipality.two_factor_policy")).one()
    assert entry.details == {"role": "organiser"} and entry.municipality_id == people.municipality.id


def test_the_instance_admin_requires_it_from_instance_admins(app, people, clock):
    root = app.test_client()
    assert log_in(root, people.instance_admin).location == "/admin/"
    assert "Zwei-Faktor-Authentisierung" in text(root.get("/admin/"))
    submit(root, "/admin/", {"required": "y"}, post_url="/admin/two-factor")
    assert root.get("/admin/").location == "/account/two-factor/setup"
    assert root.get("/testort/admin/").location == "/account/two-factor/setup"
    submit(root, "/account/", {}, post_url="/auth/logout")

    assert password_step(root, people.instance_admin).location == "/account/two-factor/setup"
    secret, _codes = set_up(root, clock)
    assert root.get("/admin/").status_code == 200
    submit(root, "/account/", {}, post_url="/auth/logout")
    clock.set_time(START + timedelta(seconds=30))
    assert password_step(root, people.instance_admin).location.endswith("/auth/code")
    assert submit(root, "/auth/code", {"code": code(secret, clock)}).location == "/admin/"
    # Municipality staff are not concerned by the instance's setting.
    organiser = app.test_client()
    assert password_step(organiser, people.organiser).location == "/account/"


def test_wrong_codes_are_rate_limited_like_wrong_passwords(make_app, people, clock):
    app = make_app(RATELIMIT_ENABLED=True, RATELIMIT_FAILED_LOGIN="3 per 15 minutes")
    with app.app_context():
        client = app.test_client()
        log_in(client, people.participant)
        secret, _codes = set_up(client, clock)
        submit(client, "/account/", {}, post_url="/auth/logout")
        password_step(client, people.participant)
        statuses = [submit(client, "/auth/code", {"code": "000000"}).status_code for _ in range(4)]
        assert statuses == [200, 200, 200, 429]


def test_secrets_and_codes_never_reach_the_log(client, people, clock, caplog):
    caplog.set_level(logging.DEBUG)
    log_in(client, people.participant)
    first_look = text(client.get("/account/two-factor/setup"))
    session = client.application.session_interface.get_signing_serializer(client.application).loads(
        client.get_cookie("session").value)
    secret, codes = set_up(client, clock)
    assert secret in first_look.replace(" ", "")  # the same key on every look at the page
    assert secret not in str(session)  # and never in the session cookie
    submit(client, "/account/", {}, post_url="/auth/logout")
    password_step(client, people.participant)
    submit(client, "/auth/code", {"code": "123456"})
    submit(client, "/auth/code", {"code": codes[0]})
    assert "wrong second-factor code" in caplog.text
    for value in [secret, *codes, "123456", people.participant.email]:
        assert value not in caplog.text
    details = db.session.scalars(db.select(AuditEntry.details)).all()
    assert not any(secret in str(d) or codes[0] in str(d) for d in details)
    # "My data" says that it is in use, never the key.
    assert "Zwei-Faktor-Authentisierung</dt><dd>Eingerichtet" in text(client.get("/account/privacy"))
    export = text(client.get("/account/privacy.json"))
    assert '"two_factor_enabled_at"' in export and secret not in export


def test_the_operator_can_turn_it_off_for_someone_who_lost_phone_and_codes(app, runner, people, clock):
    client = app.test_client()
    log_in(client, people.participant)
    set_up(client, clock)
    db.session.expire_all()  # the command reads the account afresh, as its own process would
    result = runner.invoke(args=["turn-off-two-factor", people.participant.email.upper()])
    assert result.exit_code == 0 and "is off" in result.output
    assert client.get("/account/").status_code == 302  # its sessions have ended
    log_in(client, people.participant)
    assert client.get("/account/").status_code == 200
    again = runner.invoke(args=["turn-off-two-factor", people.participant.email])
    assert again.exit_code == 1 and "no account with two-factor sign-in" in again.output
