"""The Land role (issue 18, part A): invited by the instance admin, an inbox
of every recommendation to the Land, answers that land in the append-only
history, on the municipality's tracker and feed and in its staff's mail
boxes, and a public page of recommendations to the Land."""
from datetime import UTC, datetime, timedelta

import pytest
from conftest import log_in, submit
from process_helpers import make_recommendation

from dialogplatform.languages import SHIPPED
from dialogplatform.models import AuditEntry, Invitation, Recommendation, RecommendationUpdate, Role, User
from dialogplatform.services.accounts import grant_role

NOW = datetime(2030, 3, 1, 10, 0, tzinfo=UTC)


def _created(recommendation, days_ago, db):
    recommendation.created_at = NOW - timedelta(days=days_ago)
    db.session.commit()
    return recommendation


# -- the role --------------------------------------------------------------
def test_instance_admin_invites_land_people_who_land_on_the_inbox(client, people, smtp_server, db):
    log_in(client, people.instance_admin)
    assert "/admin/land" in client.get("/admin/").get_data(as_text=True)
    response = submit(client, "/admin/land", {"email": "Referat23@SM.example", "body": "Sozialministerium, Referat 23"})
    assert response.status_code == 302
    [mail] = smtp_server.to("referat23@sm.example")
    assert "Sozialministerium, Referat 23" in smtp_server.text_of(mail)
    path = smtp_server.links_in(mail)[0].replace("http://localhost", "")
    assert "referat23@sm.example" in client.get("/admin/land").get_data(as_text=True)  # an open invitation

    fresh = client.application.test_client()
    page = fresh.get(path + "?lang=en").get_data(as_text=True)
    assert "Invitation to the Land role" in page and "Sozialministerium, Referat 23" in page
    response = submit(fresh, path, {"display_name": "Referat 23", "password": "sicheres passwort",
                                    "password_repeat": "sicheres passwort"})
    assert response.headers["Location"] == "/land/recommendations/"
    assert fresh.get("/land/recommendations/").status_code == 200
    user = db.session.scalars(db.select(User).filter_by(email="referat23@sm.example")).one()
    assert (user.is_land_staff, user.land_body, user.memberships) == (True, "Sozialministerium, Referat 23", [])
    assert fresh.get(path).status_code == 302  # the link works once

    # An existing account accepts after logging in; a second person of the Land.
    submit(client, "/admin/land", {"email": people.participant.email, "body": "Landeszentrale für politische Bildung"})
    path = smtp_server.links_in(smtp_server.to(people.participant.email)[0])[0].replace("http://localhost", "")
    other = client.application.test_client()
    log_in(other, people.participant)
    response = submit(other, path, {})
    assert response.headers["Location"] == "/land/recommendations/"
    listing = client.get("/admin/land").get_data(as_text=True)
    assert "referat23@sm.example" in listing and people.participant.email in listing
    assert "Landeszentrale für politische Bildung" in listing


def test_the_body_names_no_person_and_only_the_instance_admin_invites(client, people, db):
    for user in (people.land, people.admin):
        log_in(client, user)
        assert client.get("/admin/land").status_code == 403
    log_in(client, people.instance_admin)
    page = submit(client, "/admin/land?lang=en", {"email": "a@land.example", "body": "Frau Müller"})
    assert "Please name a body, not a person" in page.get_data(as_text=True)
    page = submit(client, "/admin/land?lang=en", {"email": "a@land.example", "body": ""})
    assert "Please name the body." in page.get_data(as_text=True)
    assert db.session.query(Invitation).count() == 0


def test_instance_admin_revokes_the_role_and_withdraws_an_invitation(client, people, smtp_server, db):
    land = client.application.test_client()
    log_in(land, people.land)
    log_in(client, people.instance_admin)
    assert people.land.email in client.get("/admin/land").get_data(as_text=True)
    url = f"/admin/land/{people.land.id}/revoke"
    assert url in client.get("/admin/land").get_data(as_text=True)
    assert submit(client, url, {}).status_code == 302
    assert "desk@land.example hat die Rolle „Land“ nicht mehr." in client.get("/admin/").get_data(as_text=True)
    db.session.expire_all()
    assert not db.session.get(User, people.land.id).is_land_staff
    assert land.get("/land/recommendations/").status_code == 302  # the session ended: to the log-in
    log_in(land, people.land)
    assert land.get("/land/recommendations/").status_code == 403
    assert people.land.email not in client.get("/admin/land").get_data(as_text=True)

    submit(client, "/admin/land", {"email": "weg@land.example", "body": "Beirat"})
    path = smtp_server.links_in(smtp_server.to("weg@land.example")[0])[0].replace("http://localhost", "")
    invitation = db.session.scalars(db.select(Invitation).filter_by(email="weg@land.example")).one()
    withdraw = f"/admin/land/invitations/{invitation.id}/withdraw"
    assert withdraw in client.get("/admin/land").get_data(as_text=True)
    assert submit(client, withdraw, {}).status_code == 302
    assert client.application.test_client().get(path).status_code == 302  # the link no longer works
    assert db.session.query(Invitation).count() == 0
    assert [entry.action for entry in db.session.scalars(db.select(AuditEntry).order_by(AuditEntry.id))] == [
        "land.revoked", "land.invited", "land.invitation_withdrawn"]


def test_a_land_person_logs_in_to_the_inbox_and_sees_the_land_links(client, people):
    response = log_in(client, people.land)
    assert response.headers["Location"] == "/land/recommendations/"
    home = client.get("/?lang=en").get_data(as_text=True)
    assert 'href="/land/recommendations/"' in home and "Land inbox" in home
    inbox = client.get("/land/recommendations/?lang=en").get_data(as_text=True)
    assert 'aria-label="Land menu"' in inbox and 'href="/recommendations/"' in inbox


def test_reserved_addresses_are_not_municipality_slugs(client, people):
    log_in(client, people.instance_admin)
    for slug in ("land", "recommendations"):
        page = submit(client, "/admin/municipalities/new?lang=en", {"name": "X", "slug": slug, "admin_email": "a@b.de"})
        assert "This address is reserved." in page.get_data(as_text=True)


# -- the inbox -------------------------------------------------------------
@pytest.fixture
def to_the_land(people, db, clock):
    """Three recommendations to the Land from two municipalities and one to
    the municipality itself; one of the Land's has an answer."""
    clock.set_time(NOW)
    old = _created(make_recommendation(people.municipality, "Mehr Lehrkräfte für Willkommensklassen",
                                       topic="Bildung", addressee="land"), 200, db)
    answered = _created(make_recommendation(people.municipality, "Schnellere Anerkennung von Abschlüssen",
                                            topic="Arbeit", addressee="land", status="answered",
                                            answer="Das Land prüft eine Bundesratsinitiative."), 400, db)
    other = _created(make_recommendation(people.other_municipality, "Polizei am Bahnhof auch nachts",
                                         topic="Sicherheit", addressee="land"), 10, db)
    own = make_recommendation(people.municipality, "Sprachcafé im Rathaus", topic="Bildung")
    return {"old": old, "answered": answered, "other": other, "own": own}


def test_the_inbox_lists_every_recommendation_to_the_land_unanswered_and_oldest_first(client, people, to_the_land):
    log_in(client, people.land)
    page = client.get("/land/recommendations/?lang=en").get_data(as_text=True)
    texts = ["Mehr Lehrkräfte für Willkommensklassen", "Polizei am Bahnhof auch nachts",
             "Schnellere Anerkennung von Abschlüssen"]
    assert [page.index(text) for text in texts] == sorted(page.index(text) for text in texts)
    assert "Sprachcafé im Rathaus" not in page
    assert "3 recommendations" in page and "Anderswo" in page and "no answer yet" in page
    assert f'href="/land/recommendations/{to_the_land["old"].id}"' in page

    def shown(query):
        body = client.get(f"/land/recommendations/?{query}").get_data(as_text=True)
        return [text for text in texts if text in body]

    assert shown("topic=Sicherheit") == ["Polizei am Bahnhof auch nachts"]
    assert shown("municipality=testort") == [texts[0], texts[2]]
    assert shown("status=answered") == [texts[2]]
    assert shown("older_than=180") == [texts[0], texts[2]]
    assert shown("older_than=365") == [texts[2]]
    assert shown("older_than=7&status=nonsense") == texts  # unknown values are ignored
    assert client.get(f"/land/recommendations/{to_the_land['own'].id}").status_code == 404


# -- the answer ------------------------------------------------------------
def test_the_land_answers_and_the_municipality_sees_it_everywhere(client, people, to_the_land, smtp_server, db):
    people.organiser.language = "en"
    db.session.commit()
    recommendation = to_the_land["old"]
    url = f"/land/recommendations/{recommendation.id}"
    log_in(client, people.land)
    page = client.get(url).get_data(as_text=True)
    assert "Mehr Lehrkräfte für Willkommensklassen" in page and "Testort" in page
    # Forwarded without the ministry, or with a person's name: refused, nothing stored.
    page = submit(client, url + "?lang=en", {"status": "forwarded", "answer": "Weitergeleitet.",
                                             "answered_by": "Landeszentrale für politische Bildung"})
    assert page.status_code == 422
    assert "Please name the ministry or authority it is forwarded to." in page.get_data(as_text=True)
    page = submit(client, url + "?lang=en", {"status": "answered", "answer": "Ja.", "answered_by": "Herr Maier"})
    assert "Please name a body, not a person" in page.get_data(as_text=True)
    assert db.session.query(RecommendationUpdate).filter_by(recommendation_id=recommendation.id).count() == 1

    response = submit(client, url, {"status": "forwarded", "forwarded_to": "Kultusministerium",
                                    "answer": "Zur Prüfung an das Kultusministerium weitergeleitet.",
                                    "answered_by": "Landeszentrale für politische Bildung"})
    assert response.status_code == 302
    submit(client, url, {"status": "in_progress", "answer": "Zehn zusätzliche Stellen sind beantragt.",
                         "answered_by": "Kultusministerium, Referat 31"})
    db.session.expire_all()
    recommendation = db.session.get(Recommendation, recommendation.id)
    assert [(u.status, u.by_land, u.answered_by, u.forwarded_to) for u in recommendation.updates] == [
        ("open", False, "", ""),
        ("forwarded", True, "Landeszentrale für politische Bildung", "Kultusministerium"),
        ("in_progress", True, "Kultusministerium, Referat 31", "")]
    assert recommendation.status == "in_progress"

    public = client.application.test_client()
    tracker = public.get(f"/testort/recommendations/{recommendation.id}?lang=en").get_data(as_text=True)
    assert "Answer of the Land (Landeszentrale für politische Bildung)" in tracker
    assert "Forwarded to: Kultusministerium" in tracker and "Zehn zusätzliche Stellen sind beantragt." in tracker
    assert "desk" not in tracker and people.land.email not in tracker  # the body, never the person
    feed = public.get("/testort/recommendations/feed.atom?lang=en").get_data(as_text=True)
    assert "<name>Kultusministerium, Referat 31</name>" in feed
    assert "Zur Prüfung an das Kultusministerium weitergeleitet." in feed and "Forwarded to: Kultusministerium" in feed
    assert "In progress" in public.get("/testort/recommendations?lang=en").get_data(as_text=True)
    staff = client.application.test_client()
    log_in(staff, people.organiser)
    edit = staff.get(f"/testort/organise/recommendations/{recommendation.id}?lang=en").get_data(as_text=True)
    assert "Answer of the Land (Kultusministerium, Referat 31)" in edit

    # Admin and organiser got a mail per answer, each in their language; nobody else, no other municipality.
    assert len(smtp_server.to(people.admin.email)) == 2 and len(smtp_server.to(people.organiser.email)) == 2
    german, english = smtp_server.to(people.admin.email)[0], smtp_server.to(people.organiser.email)[0]
    assert english["Subject"] == "The Land has answered a recommendation of Testort"
    assert german["Subject"] == "Das Land hat eine Empfehlung von Testort beantwortet"
    text = smtp_server.text_of(english)
    assert "Kultusministerium" in text and "Zur Prüfung an das Kultusministerium weitergeleitet." in text
    assert f"http://localhost/testort/recommendations/{recommendation.id}" in smtp_server.links_in(english)
    recipients = {address for mail in smtp_server.messages for address in [mail["To"]]}
    assert recipients == {people.admin.email, people.organiser.email}


def test_only_the_land_reaches_the_inbox_and_answers(client, people, to_the_land, db):
    url = f"/land/recommendations/{to_the_land['old'].id}"
    assert client.get("/land/recommendations/").status_code == 302  # to the log-in
    for user in (people.admin, people.organiser, people.participant):
        log_in(client, user)
        assert client.get("/land/recommendations/").status_code == 403
        assert submit(client, "/", {"status": "done", "answer": "x", "answered_by": "Amt"},
                      post_url=url).status_code == 403
    assert db.session.query(RecommendationUpdate).filter_by(by_land=True).count() == 0


# -- the public page -------------------------------------------------------
def test_the_public_page_counts_and_links_every_recommendation_to_the_land(client, people, to_the_land, db):
    home = client.get("/?lang=en").get_data(as_text=True)
    assert 'href="/recommendations/"' in home
    # A second answered one: answered after 40 and after 30 days, median 35.
    second = to_the_land["other"]
    second.updates.append(RecommendationUpdate(happened_on=(second.created_at + timedelta(days=30)).date(),
                                               status="done", by_land=True, answered_by="Innenministerium",
                                               answer="Streifen bis Mitternacht."))
    second.status = "done"
    first = to_the_land["answered"]
    first.updates[-1].happened_on = (first.created_at + timedelta(days=40)).date()
    db.session.commit()
    page = client.get("/recommendations/?lang=en").get_data(as_text=True)
    assert "Recommendations to the Land" in page
    assert "Median days to a first answer</dt><dd>35</dd>" in page.replace("\n", "").replace("  ", "")
    assert "<th scope=\"row\">Bildung</th><td>1</td>" in page and "Sprachcafé" not in page
    for name in ("old", "answered", "other"):
        recommendation = to_the_land[name]
        slug = recommendation.municipality.slug
        assert f'href="/{slug}/recommendations/{recommendation.id}"' in page
    assert 'href="/anderswo/recommendations?addressee=land"' in page


def test_the_public_page_is_in_every_language(client, people, db):
    recommendation = make_recommendation(people.municipality, "Mehr Lehrkräfte", addressee="land")
    recommendation.text_translations = {"en": "More teachers"}
    db.session.commit()
    titles = set()
    for code in SHIPPED:
        page = client.get(f"/recommendations/?lang={code}").get_data(as_text=True)
        assert f'<html lang="{code}"' in page
        titles.add(page[page.index("<h1>"):page.index("</h1>")])
    assert len(titles) == len(SHIPPED)  # translated in each
    english = client.get("/recommendations/?lang=en").get_data(as_text=True)
    assert "More teachers" in english and "Mehr Lehrkräfte" not in english
    assert "Mehr Lehrkräfte" in client.get("/recommendations/?lang=de").get_data(as_text=True)


def test_the_open_data_api_has_the_recommendations_to_the_land(client, people, to_the_land):
    data = client.get("/api/v1/land-recommendations").get_json()
    assert data["total"] == 3 and len(data["items"]) == 3
    assert data["summary"]["by_status"]["answered"] == 1 and data["summary"]["by_status"]["open"] == 2
    assert {"topic": "Sicherheit", "count": 1} in data["summary"]["by_topic"]
    assert data["summary"]["median_days_to_first_answer"] is not None
    answered = next(item for item in data["items"] if item["id"] == to_the_land["answered"].id)
    assert answered["url"] == f"http://localhost/testort/recommendations/{answered['id']}"
    assert answered["days_to_first_answer"] >= 0
    assert next(item for item in data["items"] if item["id"] == to_the_land["old"].id)["days_to_first_answer"] is None
    assert "land_recommendations" in client.get("/api/v1/").get_json()["collections"]
    assert "/land-recommendations" in client.get("/api/v1/openapi.json").get_json()["paths"]


def test_land_staff_with_a_municipality_role_find_the_inbox_in_the_staff_menu(client, people, db):
    grant_role(people.land, people.other_municipality, Role.ORGANISER)
    db.session.commit()
    log_in(client, people.land)
    page = client.get("/anderswo/organise/?lang=en").get_data(as_text=True)
    assert 'href="/land/recommendations/"' in page
