"""What organisers need about the people coming: lists, needs, exports."""
from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import String, bindparam, case, cast, func, null, or_, union_all

from ..extensions import db
from ..models import Registration, RegistrationStatus
from ..models.registrations import ACTIVE_STATUSES
from ..models.types import utcnow
from . import signups

S = RegistrationStatus
STATUSES = ["confirmed", "pending", "waitlisted", "cancelled", "expired", "attended"]
COMING = (S.CONFIRMED, S.PENDING)  # whose needs are booked


def registrations(event_id: int, status: str | None = None, query: str | None = None, *,
                  limit: int | None = None, offset: int = 0) -> list[Registration]:
    select = _filtered(db.select(Registration), event_id, status, query).offset(offset)
    return db.session.scalars(select.limit(limit) if limit else select).all()


# What the organiser's list shows of each person.
LIST_COLUMNS = (Registration.id, Registration.name, Registration.status, Registration.checked_in_at,
                Registration.companions, Registration.interpreter_language, Registration.childcare_count,
                Registration.childcare_ages, Registration.accessibility, Registration.note, Registration.email,
                Registration.phone, Registration.status.in_(ACTIVE_STATUSES).label("is_active"))


def list_page(event_id: int, status: str | None, query: str | None, *, limit: int, offset: int) -> list:
    """One page of the organiser's list: rows of ``LIST_COLUMNS`` (read-only
    rows load in a fraction of the time of a page of entities)."""
    select = _filtered(db.select(*LIST_COLUMNS), event_id, status, query)
    return db.session.execute(select.offset(offset).limit(limit)).all()


def _filtered(select, event_id: int, status: str | None, query: str | None):
    select = select.where(Registration.event_id == event_id)
    if status == "attended":
        select = select.where(Registration.checked_in_at.is_not(None))
    elif status in STATUSES:
        select = select.where(Registration.status == status)
    if query:
        like = f"%{query.strip().lower()}%"
        select = select.where(func.lower(Registration.name).like(like))
    return select.order_by(Registration.name, Registration.id)


def status_counts(event_id: int) -> dict[str, int]:
    """Registrations and people per status, in one query for any size
    ("attended" counts the checked-in people of every status)."""
    return overview(event_id, with_details=False).counts


@dataclass
class NeedsSummary:
    interpreters: Counter = field(default_factory=Counter)
    children: int = 0
    children_ages: list = field(default_factory=list)
    accessibility: Counter = field(default_factory=Counter)
    accessibility_other: list = field(default_factory=list)


def needs_summary(event_id: int) -> NeedsSummary:
    """Needs of everyone confirmed or pending, to book interpreters and childcare."""
    return overview(event_id).needs


@dataclass
class Overview:
    counts: dict
    needs: NeedsSummary
    seats_taken: int


def overview(event_id: int, *, with_details: bool = True) -> Overview:
    """Counts per status, needs and seats taken (the list and the event's
    hub show all three) in one statement for any size: rows grouped by
    status and interpreter language, followed by the details of needs.
    Counted in the database: only the people with free-text or
    accessibility needs travel to Python, not the whole list of a
    1,000-person event."""
    result = Overview({status: {"registrations": 0, "people": 0} for status in STATUSES}, NeedsSummary(), 0)
    rows = db.session.execute(_OVERVIEW[with_details], {"event_id": event_id, "now": utcnow()}).all()
    for status, language, number, party, number_in, party_in, children, seats, *needs in rows:
        if needs and needs[-1] is not None:
            _add_need(result.needs, *needs[:-1])
            continue
        for key, add, add_people in ((status, number, party), ("attended", number_in, party_in)):
            counts = result.counts.setdefault(key, {"registrations": 0, "people": 0})
            counts["registrations"] += add
            counts["people"] += int(add_people or 0)
        result.seats_taken += int(seats or 0)
        if status in COMING:
            if language:
                result.needs.interpreters[language] += number
            result.needs.children += int(children or 0)
    return result


def _overview_statement(with_details: bool):
    event_id = bindparam("event_id")
    people = 1 + Registration.companions
    counted = (
        db.select(Registration.status, Registration.interpreter_language, func.count(), func.sum(people),
                  func.count(Registration.checked_in_at),
                  func.sum(case((Registration.checked_in_at.is_not(None), people), else_=0)),
                  func.sum(Registration.childcare_count), func.sum(signups.seats_held(bindparam("now"))))
        .where(Registration.event_id == event_id)
        .group_by(Registration.status, Registration.interpreter_language))
    if not with_details:
        return counted
    # One round trip: the needs' rows after the grouped ones (typed NULLs
    # pad each part to the other's columns), in sign-up order.
    details = _needs_details(event_id)
    statement = union_all(
        counted.add_columns(*(null().cast(column.type).label(column.name) for column in details.selected_columns)),
        details.with_only_columns(*(null() for _ in counted.selected_columns), *details.selected_columns))
    return statement.order_by(statement.selected_columns.need_id)


def _needs_details(event_id):
    """The people coming with childcare ages or accessibility needs."""
    return (
        db.select(Registration.childcare_ages, Registration.accessibility, Registration.accessibility_other,
                  Registration.id.label("need_id"))
        .where(Registration.event_id == event_id, Registration.status.in_(COMING),
               or_(Registration.childcare_ages != "", Registration.accessibility_other != "",
                   cast(Registration.accessibility, String) != "[]")))


# Built once: building the statement with the needs took 0.5 ms of CPU on
# every registration list, more than the database takes to answer it.
_OVERVIEW = {with_details: _overview_statement(with_details) for with_details in (True, False)}


def _add_need(summary: NeedsSummary, ages, accessibility, other) -> None:
    if ages:
        summary.children_ages.append(ages)
    for need in accessibility or []:
        summary.accessibility[need] += 1
    if other:
        summary.accessibility_other.append(other)


def made_by(user_id: int, municipality_id: int, *, limit: int = 500) -> list[Registration]:
    """The sign-ups ``user_id`` made for others in a municipality, latest
    events first (anonymised ones have nothing left to show)."""
    from sqlalchemy.orm import contains_eager

    from ..models import Event

    return db.session.scalars(
        db.select(Registration).join(Registration.event).options(contains_eager(Registration.event))
        .where(Registration.created_by_id == user_id, Event.municipality_id == municipality_id,
               Registration.anonymised_at.is_(None))
        .order_by(Event.starts_at.desc(), Registration.id).limit(limit)
    ).all()


def cancel_by_staff(registration: Registration) -> None:
    """Cancel on the person's behalf and audit it. The audit entry is added
    after the cancel: taking the event's lock starts a fresh transaction."""
    from . import audit, signups

    signups.cancel(registration.id)
    audit.record("registration.cancelled_by_staff", registration.event.municipality, registration)
    db.session.commit()
