"""Every public and participant page, and the main organiser pages, pass
axe-core's WCAG 2.1 A and AA rules in German and Arabic."""
import pytest
from a11y import crawl, violations

from dialogplatform.demo import load_demo

pytestmark = pytest.mark.browser
DEMO_PASSWORD = "demo-passwort-123"
PUBLIC = ("/schwaebisch-gmuend", "/ostfildern", "/stuttgart", "/loerrach", "/weinheim", "/auth/", "/overview")


@pytest.fixture
def demo(app, db):
    load_demo(password_factory=lambda: DEMO_PASSWORD)
    return app


def _login(page, base, email):
    page.goto(f"{base}/auth/login")
    page.get_by_label("E-Mail-Adresse").fill(email)
    page.get_by_label("Passwort").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Einloggen").click()


@pytest.mark.parametrize("language", ["de", "ar"])
def test_public_pages_have_no_wcag_violations(demo, live_server, browser, language):
    context = browser.new_context(locale="de-DE")
    page = context.new_page()
    page.goto(f"{live_server}/?lang={language}")
    found = []
    visited = crawl(page, live_server, ["/", *[p + "/" for p in PUBLIC[:5]], "/auth/login", "/auth/register"],
                    within=("/",), limit=120, check=lambda p: found.extend(violations(p)))
    context.close()
    print(f"{language}: {len(visited)} pages checked")
    assert len(visited) > 20
    assert found == []


def test_organiser_pages_have_no_wcag_violations(demo, live_server, browser):
    context = browser.new_context(locale="de-DE")
    page = context.new_page()
    _login(page, live_server, "organisation@schwaebisch-gmuend.example")
    found = []
    visited = crawl(page, live_server, ["/schwaebisch-gmuend/organise/", "/schwaebisch-gmuend/admin/", "/account/"],
                    within=("/schwaebisch-gmuend/organise", "/schwaebisch-gmuend/admin", "/account",
                            "/schwaebisch-gmuend/e/", "/schwaebisch-gmuend/p/"),
                    limit=80, check=lambda p: found.extend(violations(p)))
    context.close()
    print(f"organiser: {len(visited)} pages checked")
    assert len(visited) > 10
    assert found == []


@pytest.mark.parametrize("language", ["de", "ar"])
def test_land_pages_have_no_wcag_violations(demo, live_server, browser, language):
    """The Land's inbox, its answer pages (with the form's errors shown once)
    and the public page of recommendations to the Land."""
    from conftest import make_user
    from playwright.sync_api import expect

    from dialogplatform.extensions import db
    from dialogplatform.testing import log_in_page

    desk = make_user("desk@land.example", land_staff=True)
    db.session.commit()
    context = browser.new_context(locale="de-DE")
    page = log_in_page(context.new_page(), live_server, desk)
    page.goto(f"{live_server}/land/recommendations/?lang={language}")
    found = []
    visited = crawl(page, live_server, ["/land/recommendations/", "/recommendations/"],
                    within=("/land/", "/recommendations/"), limit=30, check=lambda p: found.extend(violations(p)))
    page.goto(next(url for url in visited if '/land/recommendations/' in url and url[-1].isdigit()))
    page.locator("#answered_by").fill("")
    page.locator("main form.stack button[type=submit]").click()
    expect(page.locator(".error-summary")).to_be_visible()
    found.extend(violations(page))
    context.close()
    assert len(visited) >= 3  # the inbox, the public page and an answer page
    assert found == []
