"""Pages run a number of SQL queries that does not grow with the rows."""
from contextlib import contextmanager

from conftest import enable, log_in, make_event
from process_helpers import fill, make_process
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


def test_process_report_queries_do_not_grow_with_events(people, sample_app):
    """The council report (page, PDF and ODT share its data): participation
    figures, languages, steps and evaluations of 2 events cost what 8 do."""
    enable(people.municipality, "sampleformat")
    process = make_process(people.municipality)

    def add(count):
        for n in range(count):
            fill(make_event(people.municipality, "sampleformat", title=f"Dialog {n}", process_id=process.id,
                            process_step=1 + n % 3))

    add(2)
    client = sample_app.test_client()
    log_in(client, people.organiser)
    url = f"/testort/p/{process.id}/report"
    few = queries_for(client, sample_app, url)
    add(6)
    assert queries_for(client, sample_app, url) == few
