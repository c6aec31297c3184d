"""Security guarantees a data protection officer asks about."""
import base64
import hashlib
import logging
import re

from conftest import TEST_PASSWORD, csrf_token_from, log_in, make_event, submit


def test_security_headers_on_every_page(client, people):
    for url in ("/", "/testort/", "/auth/login", "/does-not-exist"):
        headers = client.get(url).headers
        csp = headers["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "'unsafe-inline'" not in csp.split("script-src")[1].split(";")[0]
        assert "frame-ancestors 'none'" in csp
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "same-origin"


def test_by_default_htmx_comes_from_the_instance_and_is_the_pinned_file(client, people):
    # The kit's app uses the package's defaults: no third-party request.
    response = client.get("/testort/")
    html = response.get_data(as_text=True)
    assert re.search(r'<script src="/static/vendor/htmx-2\.0\.11\.min\.js(\?v=\w+)?" defer></script>', html)
    assert "cdn" not in html.lower() and "integrity=" not in html
    script_src = response.headers["Content-Security-Policy"].split("script-src")[1].split(";")[0]
    assert script_src.strip() == "'self'"
    shipped = client.get("/static/vendor/htmx-2.0.11.min.js")
    assert shipped.status_code == 200
    digest = "sha384-" + base64.b64encode(hashlib.sha384(shipped.get_data()).digest()).decode()
    assert digest == client.application.config["HTMX_SRI"]  # the same file the CDN option pins


def test_csp_names_only_the_pinned_cdn_file(make_app, people):
    app = make_app(HTMX_SOURCE="cdn")
    with app.app_context():
        response = app.test_client().get("/")
    html = response.get_data(as_text=True)
    assert 'integrity="sha384-' in html and "htmx.org@2.0.11" in html
    assert ("https://cdn.jsdelivr.net/npm/htmx.org@2.0.11/dist/htmx.min.js"
            in response.headers["Content-Security-Policy"])


def test_no_inline_scripts_or_styles_in_pages(client, people):
    event = make_event(people.municipality, "themenabend")
    log_in(client, people.organiser)
    for url in ("/", "/testort/", f"/testort/e/{event.id}/", f"/testort/e/{event.id}/signup",
                "/testort/organise/", f"/testort/organise/events/{event.id}/registrations"):
        html = client.get(url).get_data(as_text=True)
        assert "<script>" not in html and "<script " not in html.replace('<script src=', '')
        assert " style=" not in html and "<style" not in html


def test_hsts_and_secure_cookie_behind_https(make_app, people):
    app = make_app(SESSION_COOKIE_SECURE=True, PROXY_FIX=True)
    with app.app_context():
        client = app.test_client()
        response = client.get("/auth/login", headers={"X-Forwarded-Proto": "https"})
        assert "max-age=31536000" in response.headers["Strict-Transport-Security"]
        cookie = response.headers["Set-Cookie"]
        assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_failed_logins_slow_down_and_are_logged_without_secrets(make_app, people, caplog):
    app = make_app(RATELIMIT_ENABLED=True, RATELIMIT_FAILED_LOGIN="3 per 15 minutes")
    with app.app_context():
        client = app.test_client()
        with caplog.at_level(logging.WARNING):
            statuses = [submit(client, "/auth/login", {"email": people.participant.email,
                                                         "password": "wrong guess 123"}).status_code
                        for _ in range(4)]
        assert statuses == [200, 200, 200, 429]
        assert "wrong guess" not in caplog.text and people.participant.email not in caplog.text
        assert "failed log-in" in caplog.text
        # Even the right password waits now.
        page = client.get("/auth/login").get_data(as_text=True)
        response = client.post("/auth/login", data={"csrf_token": csrf_token_from(page),
                                                    "email": people.participant.email, "password": TEST_PASSWORD})
        assert response.status_code == 429
        assert "Zu viele" in response.get_data(as_text=True) or "Too many" in response.get_data(as_text=True)


def test_signup_is_rate_limited(make_app, people):
    app = make_app(RATELIMIT_ENABLED=True, RATELIMIT_SIGNUP="2 per minute")
    with app.app_context():
        event = make_event(people.municipality, "themenabend", capacity=50)
        client = app.test_client()
        url = f"/testort/e/{event.id}/signup"
        statuses = [submit(client, url, {"name": "A", "email": f"a{n}@example.org", "consent": "y",
                                         "childcare_count": "0"}).status_code for n in range(3)]
        assert statuses == [302, 302, 429]


def test_forms_refuse_posts_without_csrf_token(client, people):
    event = make_event(people.municipality, "themenabend")
    assert client.post(f"/testort/e/{event.id}/signup", data={"name": "A", "email": "a@example.org",
                                                              "consent": "y"}).status_code == 400
    assert client.post("/auth/login", data={"email": "a@b.de", "password": "x"}).status_code == 400


def test_open_redirect_after_login_is_refused(client, people):
    page = client.get("/auth/login?next=https://evil.example/").get_data(as_text=True)
    response = client.post("/auth/login?next=https://evil.example/", data={
        "csrf_token": csrf_token_from(page), "email": people.participant.email, "password": TEST_PASSWORD})
    assert response.status_code == 302 and "evil.example" not in response.headers["Location"]


def test_user_text_is_escaped(client, people, app):
    from dialogplatform.services import signups

    event = make_event(people.municipality, "themenabend", title="<script>alert(1)</script>")
    html = client.get(f"/testort/e/{event.id}/").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html
    with app.test_request_context():
        signups.register(event.id, signups.Person(name="<img src=x onerror=alert(1)>"), source="assisted")
    log_in(client, people.organiser)
    page = client.get(f"/testort/organise/events/{event.id}/registrations").get_data(as_text=True)
    assert "<img src=x" not in page


def test_nul_characters_never_reach_the_database(client, people, db):
    """PostgreSQL refuses NUL in text; such input is cleaned, never a 500."""
    from dialogplatform.models import Registration

    event = make_event(people.municipality, "themenabend", capacity=5)
    response = submit(client, f"/testort/e/{event.id}/signup", {
        "name": "Am\x00al", "email": "amal@example.org", "note": "\x00", "childcare_count": "0", "consent": "y"})
    assert response.status_code == 302
    assert db.session.scalars(db.select(Registration)).one().name == "Amal"
    assert client.get("/testort/?format=\x00&language=a\x00r").status_code == 200
