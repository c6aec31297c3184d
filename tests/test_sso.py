"""Staff sign in through their organisation's OpenID Connect provider, and
the provider's groups decide their roles: proven with a real provider
(node-oidc-provider) and the platform under gunicorn, over HTTP."""
import time
from urllib.parse import urljoin

import pyotp
import pytest
import requests
from conftest import TEST_PASSWORD, free_port, make_user
from identity_provider import CLIENT_ID, CLIENT_SECRET, form_action_and_fields, start_provider
from live_http import server_environment, start_gunicorn

from dialogplatform.models import AuditEntry, Role
from dialogplatform.services.accounts import find_user, grant_role
from dialogplatform.services.sso_mapping import parse_group_roles

ACCOUNTS = {
    "anna": {"email": "Anna.Berger@Testort.example", "email_verified": True, "name": "Anna Berger",
             "groups": ["dialog-testort-orga", "kantine"]},
    "bert": {"email": "bert@testort.example", "email_verified": True, "name": "Bert", "groups": []},
    "carla": {"email": "carla@testort.example", "email_verified": False, "name": "Carla",
              "groups": ["dialog-testort-admin"]},
}
GROUP_ROLES = "dialog-testort-orga=testort:organiser,dialog-testort-admin=testort:admin"


@pytest.fixture
def platform(app, db, people, tmp_path):
    """The platform under gunicorn with single sign-on through a real provider."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    provider = start_provider(f"{base}/auth/sso/callback", ACCOUNTS)
    env = server_environment(app, tmp_path, BASE_URL=base, **provider.settings(
        OIDC_GROUP_ROLES=GROUP_ROLES, OIDC_PROVIDER_NAME="Dienstkonto Testort"))
    server = start_gunicorn(env, workers=1, port=port)
    yield base, provider
    server.stop()
    provider.stop()


def sign_in(base, login, next_path=None):
    """A browser's way: the platform's button, the provider's log-in and
    consent pages, back to the platform. Returns (session, last response)."""
    browser = requests.Session()
    start = browser.get(f"{base}/auth/login", timeout=10)
    assert "Dienstkonto Testort" in start.text
    page = browser.get(f"{base}/auth/sso/login", params={"next": next_path} if next_path else None, timeout=10)
    action, fields = form_action_and_fields(page.text)
    page = browser.post(urljoin(page.url, action), data={**fields, "login": login, "password": "anything"},
                        timeout=10)
    if 'value="consent"' in page.text:
        action, fields = form_action_and_fields(page.text)
        page = browser.post(urljoin(page.url, action), data=fields, timeout=10)
    return browser, page


def test_a_new_staff_member_signs_in_and_gets_the_role_of_their_group(platform, db, people):
    base, _provider = platform
    browser, page = sign_in(base, "anna", next_path="/testort/organise/")
    assert page.url == f"{base}/testort/organise/" and page.status_code == 200
    assert "Verwaltung" in page.text
    anna = find_user("anna.berger@testort.example")
    db.session.refresh(anna)
    assert anna.confirmed and anna.password_hash is None
    assert anna.role_in(people.municipality) == Role.ORGANISER
    assert anna.role_in(people.other_municipality) is None
    # An organiser, not an admin: the municipality's settings stay closed.
    assert browser.get(f"{base}/testort/admin/", timeout=10).status_code == 403
    actions = {entry.action for entry in db.session.scalars(db.select(AuditEntry))}
    assert {"sso.account_created", "sso.role_changed"} <= actions


def test_the_provider_takes_back_a_role_but_leaves_invited_roles_elsewhere(platform, db, people):
    base, _provider = platform
    bert = make_user("bert@testort.example")
    grant_role(bert, people.municipality, Role.ADMIN)  # given through the provider's group before
    grant_role(bert, people.other_municipality, Role.MODERATOR)  # an invitation elsewhere
    db.session.commit()
    browser, page = sign_in(base, "bert")
    assert page.status_code == 200 and page.url.startswith(base)
    db.session.expire_all()
    assert bert.role_in(people.municipality) is None
    assert bert.role_in(people.other_municipality) == Role.MODERATOR
    assert browser.get(f"{base}/testort/organise/", timeout=10).status_code == 403


def test_an_unverified_address_is_not_signed_in(platform, db):
    base, _provider = platform
    browser, page = sign_in(base, "carla")
    assert page.url.startswith(f"{base}/auth/login")
    assert "E-Mail-Adresse" in page.text
    assert find_user("carla@testort.example") is None
    assert browser.get(f"{base}/account/", timeout=10, allow_redirects=False).status_code == 302


def test_next_never_leaves_the_site(platform):
    base, _provider = platform
    _browser, page = sign_in(base, "anna", next_path="https://evil.example/")
    assert page.url.startswith(base)


def test_a_provider_that_is_down_gives_a_message_not_an_error(app, db, people, tmp_path):
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = server_environment(app, tmp_path, BASE_URL=base, OIDC_ISSUER=f"http://127.0.0.1:{free_port()}",
                             OIDC_CLIENT_ID="dialogplattform", OIDC_CLIENT_SECRET="x", OIDC_GROUP_ROLES=GROUP_ROLES)
    server = start_gunicorn(env, workers=1, port=port)
    try:
        page = requests.get(f"{base}/auth/sso/login", timeout=15)
        assert page.status_code == 200 and page.url.startswith(f"{base}/auth/login")
        assert "nicht erreichbar" in page.text
    finally:
        server.stop()


def test_without_a_provider_there_is_no_sso_button_and_no_sso_route(client):
    assert "sso" not in client.get("/auth/login").get_data(as_text=True)
    assert client.get("/auth/sso/login").status_code == 404


@pytest.mark.parametrize("setting", ["orga", "orga=testort", "orga=testort:boss", "=testort:admin"])
def test_a_malformed_group_mapping_names_the_entry(setting):
    with pytest.raises(ValueError, match="OIDC_GROUP_ROLES"):
        parse_group_roles(setting)


def test_group_mapping_reads_several_entries():
    mapped = parse_group_roles(" a=testort:admin , b=anderswo:helper ")
    assert [(m.group, m.municipality_slug, m.role) for m in mapped] == [
        ("a", "testort", Role.ADMIN), ("b", "anderswo", Role.HELPER)]


@pytest.fixture
def municipal_platform(app, db, people, tmp_path):
    """The platform under gunicorn, no instance provider; Testort's admin
    connects Testort's own directory through the admin page."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    provider = start_provider(f"{base}/auth/sso/m/testort/callback", {
        "dora": {"email": "dora.keller@testort.example", "email_verified": True, "name": "Dora Keller",
                 "groups": ["orga"]},
        # The directory claims the address of Testort's existing admin and of
        # the instance admin: it must never get into those accounts.
        "mallory": {"email": people.admin.email, "email_verified": True, "name": "M", "groups": ["orga"]},
        "root": {"email": people.instance_admin.email, "email_verified": True, "name": "R", "groups": ["orga"]},
    })
    server = start_gunicorn(server_environment(app, tmp_path, BASE_URL=base), workers=1, port=port)
    yield base, provider
    server.stop()
    provider.stop()


def _connect_testort(base, provider, admin):
    from live_http import Visitor

    visitor = Visitor(base)
    visitor.log_in(admin.email, TEST_PASSWORD)
    page = visitor.get("/testort/admin/sign-on")
    assert page.status == 200 and f"{base}/auth/sso/m/testort/callback" in page.text
    saved = visitor.submit("/testort/admin/sign-on", {
        "enabled": "y", "provider_name": "Dienstkonto Testort", "issuer": provider.issuer,
        "client_id": CLIENT_ID, "client_secret": CLIENT_SECRET, "groups_claim": "groups",
        "group_roles": "orga=organiser\ndialog-testort-admin=admin"})
    assert saved.status == 302, saved.text[:500]


def test_a_municipality_connects_its_own_directory_and_its_staff_sign_in(municipal_platform, db, people):
    base, provider = municipal_platform
    _connect_testort(base, provider, people.admin)
    # The staff page sends to the log-in page, which offers Testort's directory.
    login_page = requests.get(f"{base}/testort/organise/", timeout=10)
    assert "Einloggen mit Dienstkonto Testort" in login_page.text
    browser = requests.Session()
    page = browser.get(f"{base}/auth/sso/m/testort/login", params={"next": "/testort/organise/"}, timeout=10)
    action, fields = form_action_and_fields(page.text)
    page = browser.post(urljoin(page.url, action), data={**fields, "login": "dora", "password": "x"}, timeout=10)
    action, fields = form_action_and_fields(page.text)
    page = browser.post(urljoin(page.url, action), data=fields, timeout=10)
    assert page.url == f"{base}/testort/organise/" and page.status_code == 200
    dora = find_user("dora.keller@testort.example")
    assert dora.role_in(people.municipality) == Role.ORGANISER
    assert dora.role_in(people.other_municipality) is None
    # Organiser, not admin: the directory's settings stay closed to her.
    assert browser.get(f"{base}/testort/admin/sign-on", timeout=10).status_code == 403


@pytest.mark.parametrize("login", ["mallory", "root"])
def test_a_municipalitys_directory_never_signs_in_an_existing_account(municipal_platform, db, people, login):
    base, provider = municipal_platform
    _connect_testort(base, provider, people.admin)
    browser = requests.Session()
    page = browser.get(f"{base}/auth/sso/m/testort/login", timeout=10)
    action, fields = form_action_and_fields(page.text)
    page = browser.post(urljoin(page.url, action), data={**fields, "login": login, "password": "x"}, timeout=10)
    action, fields = form_action_and_fields(page.text)
    page = browser.post(urljoin(page.url, action), data=fields, timeout=10)
    assert page.url.startswith(f"{base}/auth/login")
    assert "gibt es bereits ein Konto" in page.text
    assert browser.get(f"{base}/admin/", timeout=10, allow_redirects=False).status_code == 302
    assert browser.get(f"{base}/testort/admin/", timeout=10, allow_redirects=False).status_code == 302


def test_only_the_municipalitys_admin_connects_a_directory(client, db, people):
    from conftest import log_in, submit

    log_in(client, people.organiser)
    assert client.get("/testort/admin/sign-on").status_code == 403
    log_in(client, people.other_admin)
    assert client.get("/testort/admin/sign-on").status_code == 403
    log_in(client, people.admin)
    refused = submit(client, "/testort/admin/sign-on", {
        "enabled": "y", "issuer": "http://directory.example/", "client_id": "x", "group_roles": "orga=boss"})
    assert refused.status_code == 200
    text = refused.get_data(as_text=True)
    assert "https://" in text and "Gruppe=Rolle" in text
    assert client.get("/auth/sso/m/testort/login").status_code == 404  # nothing saved, nothing on


def _csrf(html: str) -> str:
    import re

    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html).group(1)


def test_after_the_provider_the_municipalitys_two_factor_rule_applies(platform, db, people):
    base, _provider = platform
    people.municipality.two_factor_role = Role.ORGANISER.value
    db.session.commit()
    # First sign-in through the directory: the role requires two-factor, so set it up first.
    browser, page = sign_in(base, "anna", next_path="/testort/organise/")
    assert page.url == f"{base}/account/two-factor/setup"
    secret = find_user("anna.berger@testort.example").totp_secret
    done = browser.post(page.url, data={"csrf_token": _csrf(page.text), "code": pyotp.TOTP(secret).now()},
                        timeout=10)
    assert done.status_code == 200
    assert browser.get(f"{base}/testort/organise/", timeout=10).status_code == 200
    # Next time, after the directory, the platform asks for the code before anything is open.
    clock_step_later = pyotp.TOTP(secret).at(time.time() + 30)
    second, page = sign_in(base, "anna", next_path="/testort/organise/")
    assert page.url == f"{base}/auth/code"
    assert second.get(f"{base}/testort/organise/", timeout=10, allow_redirects=False).status_code == 302
    entered = second.post(page.url, data={"csrf_token": _csrf(page.text), "code": clock_step_later}, timeout=10)
    assert entered.url == f"{base}/testort/organise/" and entered.status_code == 200
