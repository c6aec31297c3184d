"""A staff member signs in with their organisation's account in a real
browser: the platform's button, the provider's (node-oidc-provider) log-in
and consent pages, and back in the municipality's workspace."""
import pytest
from conftest import free_port
from identity_provider import start_provider
from live_http import server_environment, start_gunicorn

pytestmark = pytest.mark.browser


def test_staff_member_signs_in_through_the_organisations_provider(app, db, people, browser, tmp_path):
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    provider = start_provider(f"{base}/auth/sso/callback", {
        "d.yilmaz": {"email": "d.yilmaz@testort.example", "email_verified": True, "name": "Deniz Yilmaz",
                     "groups": ["GG-Dialog-Orga"]}})
    server = start_gunicorn(server_environment(app, tmp_path, BASE_URL=base, **provider.settings(
        OIDC_GROUP_ROLES="GG-Dialog-Orga=testort:organiser", OIDC_PROVIDER_NAME="Dienstkonto Testort")),
        workers=1, port=port)
    context = browser.new_context(locale="de-DE")
    page = context.new_page()
    try:
        page.goto(f"{base}/testort/organise/")  # staff page: asks to log in first
        page.get_by_role("link", name="Einloggen mit Dienstkonto Testort").click()
        page.locator("input[name=login]").fill("d.yilmaz")
        page.locator("input[name=password]").fill("whatever-the-directory-checks")
        page.locator("button[type=submit]").click()
        page.locator("button[type=submit]").click()  # consent to share e-mail, name and groups
        page.wait_for_url(f"{base}/testort/organise/")
        assert page.locator("h1").inner_text().startswith("Verwaltung")
    finally:
        context.close()
        server.stop()
        provider.stop()
