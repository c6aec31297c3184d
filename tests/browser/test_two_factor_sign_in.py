"""Issue 19, staff sign-in: in a municipality that requires two-factor
sign-in, an organiser who has not set it up is sent to set it up at log-in,
does so with the key shown (the code computed here as an app would), logs
out, and is asked for a code at the next log-in."""
import re
from datetime import UTC, datetime, timedelta

import pyotp
import pytest
from a11y import violations
from playwright.sync_api import expect

from dialogplatform.extensions import db
from dialogplatform.testing.helpers import TEST_PASSWORD

pytestmark = pytest.mark.browser
START = datetime(2026, 3, 2, 9, 0, 5, tzinfo=UTC)


def _password_step(page, base_url, email):
    page.goto(f"{base_url}/auth/login")
    page.get_by_label("E-Mail-Adresse").fill(email)
    page.get_by_label("Passwort").fill(TEST_PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Einloggen").click()


def test_an_organiser_is_sent_to_set_it_up_and_then_asked_for_a_code(people, live_server, page, clock):
    clock.set_time(START)
    people.municipality.two_factor_role = "organiser"
    db.session.commit()
    email = people.organiser.email

    _password_step(page, live_server, email)
    expect(page).to_have_url(f"{live_server}/account/two-factor/setup")
    expect(page.locator("main")).to_contain_text("Ihre Rolle verlangt die Zwei-Faktor-Authentisierung")
    expect(page.locator("figure.qr svg")).to_be_visible()
    assert violations(page) == []
    page.goto(f"{live_server}/testort/organise/")  # no staff page until it is set up
    expect(page).to_have_url(f"{live_server}/account/two-factor/setup")

    secret = page.locator(".totp-secret").inner_text().replace(" ", "")
    page.get_by_label("Code, den die App anzeigt").fill(pyotp.TOTP(secret).at(clock.now()))
    page.get_by_role("button", name="Zwei-Faktor-Authentisierung einschalten").click()
    expect(page.get_by_role("heading", name="Ihre Wiederherstellungscodes")).to_be_visible()
    expect(page.locator(".recovery-codes li")).to_have_count(10)
    assert violations(page) == []
    page.get_by_role("link", name="Ich habe die Codes aufbewahrt").click()
    expect(page.locator("main")).to_contain_text("Die Zwei-Faktor-Authentisierung ist eingeschaltet.")
    assert violations(page) == []
    response = page.goto(f"{live_server}/testort/organise/")
    assert response.status == 200 and page.url == f"{live_server}/testort/organise/"

    page.get_by_role("button", name="Ausloggen").first.click()
    expect(page.locator("main")).to_contain_text("ausgeloggt")

    clock.set_time(START + timedelta(seconds=30))
    _password_step(page, live_server, email)
    expect(page).to_have_url(re.compile(r".*/auth/code$"))
    expect(page.get_by_role("heading", name="Code eingeben")).to_be_visible()
    assert violations(page) == []
    page.get_by_label("Code aus Ihrer Authenticator-App").fill(pyotp.TOTP(secret).at(clock.now()))
    with page.expect_navigation():
        page.get_by_role("button", name="Einloggen").click()
    expect(page).to_have_url(f"{live_server}/account/")
    response = page.goto(f"{live_server}/testort/organise/")
    assert response.status == 200 and page.url == f"{live_server}/testort/organise/"
