"""Public pages from Redis: fast for the crowd, never stale, never personal.

Every test app runs with the page cache (conftest), against the real Redis.
"""
import re
from datetime import timedelta

from conftest import csrf_token_from, log_in, make_event, submit

from dialogplatform.config import Settings
from dialogplatform.models import Registration
from dialogplatform.models.types import utcnow

SIGNUP = {"name": "Amal", "childcare_count": "0", "consent": "y"}


def fresh_visitor(app):
    return app.test_client()


def test_a_sign_up_shows_at_once_on_the_stored_event_page(app, people, db):
    event = make_event(people.municipality, "themenabend", capacity=10)
    url = f"/testort/e/{event.id}/"
    first = fresh_visitor(app).get(url)
    again = fresh_visitor(app).get(url)
    assert "Noch 10 Plätze frei." in first.get_data(as_text=True)
    assert again.headers.get("X-Page-Cache") == "hit"
    assert again.get_data() == first.get_data()

    response = submit(fresh_visitor(app), url + "signup", {**SIGNUP, "email": "amal@example.org"})
    assert response.status_code == 302
    after = fresh_visitor(app).get(url)
    assert "X-Page-Cache" not in after.headers
    assert "Noch 9 Plätze frei." in after.get_data(as_text=True)


def test_a_stored_page_serves_without_asking_the_database(app, people, db):
    from sqlalchemy import event as sa_event

    make_event(people.municipality, "themenabend")
    fresh_visitor(app).get("/testort/")
    statements = []
    listener = lambda *args: statements.append(args[2])  # noqa: E731
    sa_event.listen(db.engine, "before_cursor_execute", listener)
    try:
        response = fresh_visitor(app).get("/testort/")
    finally:
        sa_event.remove(db.engine, "before_cursor_execute", listener)
    assert response.headers.get("X-Page-Cache") == "hit"
    assert statements == []


def test_logged_in_people_neither_get_nor_leave_a_stored_page(app, people, db):
    make_event(people.municipality, "themenabend")
    anonymous = fresh_visitor(app).get("/testort/").get_data(as_text=True)
    organiser = fresh_visitor(app)
    log_in(organiser, people.organiser)
    page = organiser.get("/testort/")
    assert "X-Page-Cache" not in page.headers
    assert "Ausloggen" in page.get_data(as_text=True) and "Ausloggen" not in anonymous
    after = fresh_visitor(app).get("/testort/")
    assert after.headers.get("X-Page-Cache") == "hit"
    assert "Ausloggen" not in after.get_data(as_text=True)


def test_each_language_is_stored_apart(app, people, db):
    event = make_event(people.municipality, "themenabend")
    url = f"/testort/e/{event.id}/"
    arabic = fresh_visitor(app).get(url, headers={"Accept-Language": "ar"})
    german = fresh_visitor(app).get(url, headers={"Accept-Language": "de"})
    assert 'dir="rtl"' in arabic.get_data(as_text=True)
    assert 'dir="rtl"' not in german.get_data(as_text=True)
    chosen = fresh_visitor(app)
    chosen.get("/?lang=ar")  # the language cookie
    assert 'dir="rtl"' in chosen.get(url).get_data(as_text=True)


def test_form_pages_are_stored_but_every_visitor_sends_their_own_token(app, people, db):
    event = make_event(people.municipality, "themenabend", capacity=10)
    url = f"/testort/e/{event.id}/signup"
    visitors = [fresh_visitor(app) for _ in range(2)]
    pages = [visitor.get(url) for visitor in visitors]
    assert [page.headers.get("X-Page-Cache") for page in pages] == [None, "hit"]
    assert all(page.headers["Cache-Control"] == "private" for page in pages)
    tokens = [csrf_token_from(page.get_data(as_text=True)) for page in pages]
    assert tokens[0] != tokens[1]
    for number, (visitor, token) in enumerate(zip(visitors, tokens)):
        response = visitor.post(url, data={**SIGNUP, "email": f"p{number}@example.org", "csrf_token": token})
        assert response.status_code == 302
    db.session.expire_all()
    assert db.session.scalar(db.select(db.func.count()).select_from(Registration)) == 2


def test_a_stored_form_page_holds_no_token_and_no_key(app, people, db):
    from werkzeug.test import EnvironBuilder

    from dialogplatform import page_cache

    event = make_event(people.municipality, "themenabend", capacity=10)
    url = f"/testort/e/{event.id}/signup"
    served = [fresh_visitor(app).get(url).get_data() for _ in range(2)]
    cache = app.extensions[page_cache.EXTENSION]
    stored = cache.redis.get(cache._key(EnvironBuilder(path=url).get_environ(), {}))
    for body in served:
        token = csrf_token_from(body.decode()).encode()
        key = re.search(rb'name="submission_key"[^>]*value="([^"]+)"', body).group(1)
        assert token not in stored and key not in stored
    assert cache.filler.token in stored and cache.filler.key in stored


def test_a_page_behind_a_secret_link_is_never_stored(app, people, db):
    from werkzeug.test import EnvironBuilder

    from dialogplatform import page_cache
    from dialogplatform.services import signups

    event = make_event(people.municipality, "themenabend", capacity=10)
    with app.test_request_context():
        registration, _ = signups.register(event.id, signups.Person(name="Verena Vogel", email="verena@example.org"))
        links = [f"/testort/confirm/{signups.confirmation_token(registration)}",
                 f"/testort/r/{signups.personal_token(registration)}"]
    cache = app.extensions[page_cache.EXTENSION]
    for url in links:
        pages = [fresh_visitor(app).get(url) for _ in range(2)]
        assert [page.status_code for page in pages] == [200, 200]
        assert all("X-Page-Cache" not in page.headers for page in pages)
        assert cache.redis.get(cache._key(EnvironBuilder(path=url).get_environ(), {})) is None
    assert "Verena" in pages[0].get_data(as_text=True)  # the personal page names her
    assert not any(b"Verena" in (cache.redis.get(key) or b"") for key in cache.redis.scan_iter(cache.prefix + "*"))


def test_a_change_on_another_app_server_reaches_this_one(app, make_app, people, db):
    event = make_event(people.municipality, "themenabend", title="Erster Titel")
    url = f"/testort/e/{event.id}/"
    assert "Erster Titel" in fresh_visitor(app).get(url).get_data(as_text=True)
    other_server = make_app()
    with other_server.app_context():
        from dialogplatform.extensions import db as other_db
        from dialogplatform.models import Event

        stored = other_db.session.get(Event, event.id)
        stored.title = {"de": "Neuer Titel"}
        other_db.session.commit()
    assert "Neuer Titel" in fresh_visitor(app).get(url).get_data(as_text=True)


def test_pages_expire_with_the_clock(make_app, people, db, clock):
    app = make_app(PAGE_CACHE_SECONDS=30)
    make_event(people.municipality, "themenabend")
    fresh_visitor(app).get("/testort/")
    assert fresh_visitor(app).get("/testort/").headers.get("X-Page-Cache") == "hit"
    clock.set_time(utcnow() + timedelta(seconds=29))
    assert fresh_visitor(app).get("/testort/").headers.get("X-Page-Cache") == "hit"
    clock.set_time(utcnow() + timedelta(seconds=2))
    assert "X-Page-Cache" not in fresh_visitor(app).get("/testort/").headers


def test_the_health_check_always_asks_the_database(client):
    client.get("/healthz")
    assert "X-Page-Cache" not in client.get("/healthz").headers


def test_pages_still_work_when_redis_is_away(make_app, people, db):
    app = make_app(PAGE_CACHE_URL="redis://127.0.0.1:1/0")  # nothing listens there
    make_event(people.municipality, "themenabend", title="Ohne Redis")
    for _ in range(2):
        response = fresh_visitor(app).get("/testort/")
        assert response.status_code == 200
        assert "Ohne Redis" in response.get_data(as_text=True)


def test_a_bulk_update_also_makes_pages_stale(app, people, db):
    """Jobs such as the retention run change rows with UPDATE statements,
    not through loaded objects."""
    from dialogplatform.models import Event

    event = make_event(people.municipality, "themenabend", title="Vorher")
    url = f"/testort/e/{event.id}/"
    fresh_visitor(app).get(url)
    db.session.execute(db.update(Event).where(Event.id == event.id).values(title={"de": "Nachher"}))
    db.session.commit()
    assert "Nachher" in fresh_visitor(app).get(url).get_data(as_text=True)


def test_while_one_request_renders_a_changed_page_the_crowd_gets_the_previous_one(app, people, db):
    """In a sign-up rush every sign-up makes the page stale; only one
    request renders it anew, the others meanwhile get the last version."""
    from werkzeug.test import EnvironBuilder

    from dialogplatform import page_cache

    event = make_event(people.municipality, "themenabend", title="Alter Titel")
    url = f"/testort/e/{event.id}/"
    fresh_visitor(app).get(url)
    event.title = {"de": "Neuer Titel"}
    db.session.commit()
    cache = app.extensions[page_cache.EXTENSION]
    rendering = cache._key(EnvironBuilder(path=url).get_environ(), {}) + ":rendering"
    cache.redis.set(rendering, b"1", px=2000)  # as if another request were rendering now
    during = fresh_visitor(app).get(url)
    assert during.headers.get("X-Page-Cache") == "stale"
    assert "Alter Titel" in during.get_data(as_text=True)
    cache.redis.delete(rendering)  # that request is done
    after = fresh_visitor(app).get(url)
    assert "X-Page-Cache" not in after.headers
    assert "Neuer Titel" in after.get_data(as_text=True)


def test_an_entry_in_another_format_is_rendered_anew(app, people, db):
    """Redis outlives releases: whatever an older release stored there must
    not break a page."""
    from werkzeug.test import EnvironBuilder

    from dialogplatform import page_cache

    make_event(people.municipality, "themenabend", title="Frisch gerendert")
    cache = app.extensions[page_cache.EXTENSION]
    key = cache._key(EnvironBuilder(path="/testort/").get_environ(), {})
    cache.redis.set(key, b'{"g": "alt"}\n<html>alt</html>', ex=30)
    response = fresh_visitor(app).get("/testort/")
    assert response.status_code == 200
    assert "Frisch gerendert" in response.get_data(as_text=True)


def test_a_bulk_update_that_names_its_event_leaves_other_municipalities_pages_stored(app, people, db):
    from dialogplatform.models import Event

    here = make_event(people.municipality, "themenabend", title="Vorher")
    there = make_event(people.other_municipality, "themenabend")
    pages = [f"/testort/e/{here.id}/", f"/anderswo/e/{there.id}/", "/anderswo/"]
    for url in [*pages, "/"]:
        fresh_visitor(app).get(url)
        assert fresh_visitor(app).get(url).headers.get("X-Page-Cache") == "hit"
    db.session.execute(db.update(Event).where(Event.id == here.id).values(title={"de": "Nachher"}),
                       execution_options={"page_cache_event_id": here.id})
    db.session.commit()
    mine, *others = [fresh_visitor(app).get(url) for url in pages]
    assert "X-Page-Cache" not in mine.headers and "Nachher" in mine.get_data(as_text=True)
    assert [page.headers.get("X-Page-Cache") for page in others] == ["hit", "hit"]
    assert "X-Page-Cache" not in fresh_visitor(app).get("/").headers  # the instance-wide pages list every event


def test_a_page_is_rendered_at_most_once_per_floor_whatever_the_commits(make_app, people, db, clock):
    """PAGE_CACHE_MIN_AGE (default 1 s): in a sign-up rush every sign-up
    makes the event page stale, yet it is rendered anew at most once a
    second. The clock is set at each step, counted from the moment the first
    page was stored at the latest, so neither how long that first render
    takes (a cold, loaded machine) nor the test counts."""
    app = make_app(PAGE_CACHE_MIN_AGE=Settings.model_fields["PAGE_CACHE_MIN_AGE"].default)
    assert app.config["PAGE_CACHE_MIN_AGE"] == 1
    event = make_event(people.municipality, "themenabend", capacity=10)
    url = f"/testort/e/{event.id}/"
    assert "Noch 10 Plätze frei." in fresh_visitor(app).get(url).get_data(as_text=True)
    stored_at = utcnow()  # the page was stored just before
    submit(fresh_visitor(app), url + "signup", {**SIGNUP, "email": "amal@example.org"})

    clock.set_time(stored_at + timedelta(seconds=0.5))
    within = fresh_visitor(app).get(url)
    assert within.headers.get("X-Page-Cache") == "hit"
    assert "Noch 10 Plätze frei." in within.get_data(as_text=True)

    clock.set_time(stored_at + timedelta(seconds=1.5))
    after = fresh_visitor(app).get(url)
    assert "X-Page-Cache" not in after.headers
    assert "Noch 9 Plätze frei." in after.get_data(as_text=True)
    assert fresh_visitor(app).get(url).headers.get("X-Page-Cache") == "hit"
