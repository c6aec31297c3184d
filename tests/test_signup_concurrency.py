"""No event is ever overbooked, whatever arrives at the same time."""
import threading

from conftest import make_event

from dialogplatform.extensions import db
from dialogplatform.models import OutboxMessage, Registration
from dialogplatform.services import signups

CAPACITY = 7
PEOPLE = 30


def at_once(app, count, act) -> list[str]:
    """Run ``act(number)`` in ``count`` threads released together, each with
    its own request and session; return what they raised (nothing may be
    lost silently)."""
    start = threading.Barrier(count)
    errors = []

    def run(number):
        with app.app_context(), app.test_request_context():
            try:
                start.wait()
                act(number)
            except Exception as exc:
                errors.append(repr(exc))
            finally:
                db.session.remove()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return errors


def test_simultaneous_signups_fill_exactly_the_capacity(app, people):
    event = make_event(people.municipality, "themenabend", capacity=CAPACITY, max_companions=1)
    event_id = event.id
    errors = at_once(app, PEOPLE, lambda number: signups.register(
        event_id, signups.Person(name=f"P{number}", email=f"p{number}@example.org"), source="assisted"))
    assert errors == []
    db.session.expire_all()
    rows = db.session.scalars(db.select(Registration).filter_by(event_id=event_id)).all()
    assert len(rows) == PEOPLE  # nothing lost
    assert sum(1 for r in rows if r.status == "confirmed") == CAPACITY
    assert sum(1 for r in rows if r.status == "waitlisted") == PEOPLE - CAPACITY


def test_simultaneous_parties_never_exceed_capacity(app, people):
    """Parties of two compete for an odd number of seats."""
    event = make_event(people.municipality, "themenabend", capacity=5, max_companions=1)
    event_id = event.id
    errors = at_once(app, 12, lambda number: signups.register(
        event_id, signups.Person(name=f"P{number}", email=f"q{number}@example.org", companions=1),
        source="assisted"))
    assert errors == []
    assert signups.seats_taken(event_id) == 4  # two parties of two; the fifth seat stays free
    db.session.expire_all()
    assert db.session.query(Registration).filter_by(event_id=event_id, status="waitlisted").count() == 10


def test_simultaneous_public_signups_get_the_mail_of_the_place_they_got(app, people):
    """A sign-up is written before the event's lock as if a seat were free;
    when the seats ran out meanwhile, both the sign-up and its mail go to
    the waiting list: nobody is told of a seat they did not get."""
    event = make_event(people.municipality, "themenabend", capacity=3)
    event_id = event.id
    errors = at_once(app, 10, lambda number: signups.sign_up(
        event_id, signups.Person(name=f"P{number}", email=f"m{number}@example.org")))
    assert errors == []
    db.session.expire_all()
    rows = db.session.scalars(db.select(Registration).filter_by(event_id=event_id)).all()
    assert sorted(r.status for r in rows) == ["pending"] * 3 + ["waitlisted"] * 7
    mails = {m.registration_id: m.template for m in db.session.scalars(db.select(OutboxMessage))}
    assert {r.id: f"signup_{r.status}" for r in rows} == mails
    assert all(r.hold_expires_at is None and r.confirmed_at is None for r in rows if r.status == "waitlisted")
