"""Two app servers (gunicorn, as in production) on one database.

People arrive through either server at the same moment; the event must fill
exactly, nobody may be lost, every mail must be queued once, and both
servers must show the same seat count afterwards (their page caches share
Redis). On the PostgreSQL pass of the suite this is the production set-up.
"""
import threading

import pytest
from conftest import csrf_token_from, make_event
from live_http import Visitor, server_environment, start_gunicorn

from dialogplatform.models import OutboxMessage, Registration

CAPACITY = 8
PEOPLE = 24


@pytest.fixture
def two_servers(app, tmp_path):
    servers = []
    try:
        for number in range(2):
            servers.append(start_gunicorn(server_environment(app, tmp_path / f"instance-{number}")))
        yield [server.url for server in servers]
    finally:
        for server in servers:
            server.stop()


def test_sign_ups_through_two_servers_fill_the_event_exactly(app, db, people, two_servers):
    event = make_event(people.municipality, "themenabend", capacity=CAPACITY)
    path = f"/testort/e/{event.id}/signup"
    visitors = [Visitor(two_servers[number % 2]) for number in range(PEOPLE)]
    tokens = [csrf_token_from(visitor.get(path).text) for visitor in visitors]
    start = threading.Barrier(PEOPLE)
    answers = [None] * PEOPLE

    def sign_up(number):
        start.wait()
        answers[number] = visitors[number].post(path, {
            "csrf_token": tokens[number], "name": f"Person {number}", "email": f"p{number}@example.org",
            "childcare_count": "0", "consent": "y"}).status

    threads = [threading.Thread(target=sign_up, args=(number,)) for number in range(PEOPLE)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert answers == [302] * PEOPLE
    db.session.expire_all()
    rows = db.session.scalars(db.select(Registration).filter_by(event_id=event.id)).all()
    assert sorted(row.email for row in rows) == sorted(f"p{n}@example.org" for n in range(PEOPLE))
    statuses = [row.status for row in rows]
    assert statuses.count("pending") == CAPACITY  # guests: seat held until they confirm
    assert statuses.count("waitlisted") == PEOPLE - CAPACITY
    mails = db.session.scalars(db.select(OutboxMessage.to_address)).all()
    assert sorted(mails) == sorted(f"p{n}@example.org" for n in range(PEOPLE))  # one each
    for base_url in two_servers:
        page = Visitor(base_url).get(f"/testort/e/{event.id}/").text
        assert "Die Veranstaltung ist ausgebucht." in page
