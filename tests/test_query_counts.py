"""Pages run a number of SQL queries that does not grow with the rows."""
from contextlib import contextmanager

from conftest import log_in, make_event
from process_helpers import make_recommendation
from sqlalchemy import event as sa_event

from dialogplatform.extensions import db
from dialogplatform.services import signups


@contextmanager
def counted(app):
    """Count the SQL statements the app sends (all app engines share the URL)."""
    statements = []

    def count(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    engine = db.engine
    sa_event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        sa_event.remove(engine, "before_cursor_execute", count)


def queries_for(client, app, url):
    with counted(app) as statements:
        response = client.get(url)
    assert response.status_code == 200
    return len(statements)


def test_municipality_page_queries_do_not_grow_with_events(client, app, people):
    for _ in range(2):
        make_event(people.municipality, "themenabend", capacity=10)
    few = queries_for(client, app, "/testort/")
    for _ in range(12):
        make_event(people.municipality, "themenabend", capacity=10)
    assert queries_for(client, app, "/testort/") == few


def test_registration_list_queries_do_not_grow_with_registrations(client, app, people):
    event = make_event(people.municipality, "themenabend", capacity=500)

    def add(count, offset):
        with app.test_request_context():
            for n in range(offset, offset + count):
                signups.register(event.id, signups.Person(name=f"P{n}", email=f"p{n}@example.org",
                                                          interpreter_language="ar", childcare_count=1),
                                 source="assisted")

    add(3, 0)
    log_in(client, people.organiser)
    url = f"/testort/organise/events/{event.id}/registrations"
    few = queries_for(client, app, url)
    add(30, 100)
    assert queries_for(client, app, url) == few
    csv_url = f"/testort/organise/events/{event.id}/registrations.csv"
    with counted(app) as statements:
        assert client.get(csv_url).status_code == 200
    assert len(statements) <= few


def test_event_page_queries_do_not_grow_with_registrations(client, app, people):
    event = make_event(people.municipality, "themenabend", capacity=500)
    with app.test_request_context():
        signups.register(event.id, signups.Person(name="A", email="a@example.org"), source="assisted")
    few = queries_for(client, app, f"/testort/e/{event.id}/")
    with app.test_request_context():
        for n in range(20):
            signups.register(event.id, signups.Person(name=f"P{n}", email=f"x{n}@example.org"), source="assisted")
    assert queries_for(client, app, f"/testort/e/{event.id}/") == few


def test_land_inbox_and_public_page_queries_do_not_grow_with_recommendations(client, app, people):
    """The Land's inbox and the public page of recommendations to the Land,
    with recommendations (some answered) from two municipalities."""

    def add(count):
        for n in range(count):
            where = people.municipality if n % 2 else people.other_municipality
            make_recommendation(where, f"Empfehlung {n}", topic=f"Thema {n % 3}", addressee="land",
                                status="answered" if n % 3 == 0 else "open", answer="Antwort")

    add(3)
    log_in(client, people.land)
    urls = ["/land/recommendations/", "/recommendations/", "/api/v1/land-recommendations?per_page=100"]
    few = [queries_for(client, app, url) for url in urls]
    add(20)
    assert [queries_for(client, app, url) for url in urls] == few
