"""Instance admin and municipality admin in the browser."""
from conftest import log_in, submit

from dialogplatform.models import Membership, Municipality, Role


def test_instance_admin_creates_municipality_and_invites_its_admin(client, people, smtp_server):
    log_in(client, people.instance_admin)
    response = submit(client, "/admin/municipalities/new", {
        "name": "Ostfildern", "slug": "ostfildern", "admin_email": "buergermeisterin@ostfildern.example"})
    assert response.status_code == 302
    assert client.get("/ostfildern/").status_code == 200

    [mail] = smtp_server.to("buergermeisterin@ostfildern.example")
    path = smtp_server.links_in(mail)[0].replace("http://localhost", "")
    client.post("/auth/logout", data={})  # (no CSRF: stays logged in; use a fresh client below)
    fresh = client.application.test_client()
    response = submit(fresh, path, {"display_name": "Frau Bürgermeisterin", "password": "sicheres passwort",
                                    "password_repeat": "sicheres passwort"})
    assert response.status_code == 302
    assert fresh.get("/ostfildern/admin/").status_code == 200
    # The link works once.
    assert fresh.get(path).status_code == 302
    municipality = Municipality.query.filter_by(slug="ostfildern").one()
    assert Membership.query.filter_by(municipality_id=municipality.id, role="admin").count() == 1


def test_slug_must_be_valid_and_free(client, people):
    log_in(client, people.instance_admin)
    page = submit(client, "/admin/municipalities/new", {"name": "X", "slug": "Testort!", "admin_email": "a@b.de"})
    assert "Kleinbuchstaben" in page.get_data(as_text=True)
    page = submit(client, "/admin/municipalities/new", {"name": "X", "slug": "testort", "admin_email": "a@b.de"})
    assert "vergeben" in page.get_data(as_text=True)


def test_only_instance_admins_reach_instance_admin(client, people):
    assert client.get("/admin/").status_code == 302
    log_in(client, people.admin)
    assert client.get("/admin/").status_code == 403


def test_admin_edits_profile_and_imprint_is_sanitised(client, people, db):
    log_in(client, people.admin)
    response = submit(client, "/testort/admin/", {
        "name": "Testort am See", "default_language": "de", "languages": ["de", "ar"],
        "contact_email": "info@testort.example", "contact_phone": "", "contact_address": "",
        "colour": "#123456", "retention_days": "90",
        "imprint_de": '<p>Stadt Testort</p><script>alert(1)</script><a href="javascript:alert(1)">x</a>',
        "privacy_text_de": "<p>Neue Datenschutzerklärung</p>",
    })
    assert response.status_code == 302
    html = client.get("/testort/imprint").get_data(as_text=True)
    assert "Stadt Testort" in html
    assert "<script>alert(1)</script>" not in html
    assert "javascript:" not in html
    db.session.refresh(people.municipality)
    assert people.municipality.privacy_version == 2


def test_admin_enables_and_disables_a_format(client, people, sample_app):
    client = sample_app.test_client()
    log_in(client, people.admin)
    page = client.get("/testort/admin/formats").get_data(as_text=True)
    assert "Sample format" in page
    submit(client, "/testort/admin/formats", {}, post_url="/testort/admin/formats/sampleformat")
    assert "Aktiviert" in client.get("/testort/admin/formats").get_data(as_text=True)
    assert client.get("/testort/organise/new/sampleformat").status_code == 200
    submit(client, "/testort/admin/formats", {}, post_url="/testort/admin/formats/sampleformat")
    assert client.get("/testort/organise/new/sampleformat").status_code == 404


def test_admin_invites_organiser_and_changes_roles(client, people, smtp_server, db):
    log_in(client, people.admin)
    submit(client, "/testort/admin/members", {"email": "helferin@example.org", "role": "organiser"})
    assert smtp_server.to("helferin@example.org")
    membership = Membership.query.filter_by(user_id=people.moderator.id).one()
    submit(client, "/testort/admin/members", {"role": "organiser"},
           post_url=f"/testort/admin/members/{membership.id}/role")
    db.session.refresh(membership)
    assert membership.role == Role.ORGANISER


def test_admin_cannot_touch_another_municipality(client, people):
    log_in(client, people.other_admin)
    assert client.get("/testort/admin/").status_code == 403
    assert client.get("/testort/admin/members").status_code == 403
    membership = Membership.query.filter_by(user_id=people.moderator.id).one()
    # Even with a valid CSRF token from their own page.
    response = submit(client, "/anderswo/admin/members", {"role": "admin"},
                      post_url=f"/testort/admin/members/{membership.id}/role")
    assert response.status_code == 403
    response = submit(client, "/anderswo/admin/members", {"role": "admin"},
                      post_url=f"/anderswo/admin/members/{membership.id}/role")
    assert response.status_code == 404
