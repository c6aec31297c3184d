"""What organisers need about the people coming: lists, needs, exports."""
from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import String, cast, func, or_

from ..extensions import db
from ..models import Registration, RegistrationStatus

S = RegistrationStatus
STATUSES = ["confirmed", "pending", "waitlisted", "cancelled", "expired", "attended"]


def registrations(event_id: int, status: str | None = None, query: str | None = None, *,
                  limit: int | None = None, offset: int = 0) -> list[Registration]:
    select = db.select(Registration).where(Registration.event_id == event_id)
    if status == "attended":
        select = select.where(Registration.checked_in_at.is_not(None))
    elif status in STATUSES:
        select = select.where(Registration.status == status)
    if query:
        like = f"%{query.strip().lower()}%"
        select = select.where(func.lower(Registration.name).like(like))
    select = select.order_by(Registration.name, Registration.id).offset(offset)
    return db.session.scalars(select.limit(limit) if limit else select).all()


def status_counts(event_id: int) -> dict[str, int]:
    """Registrations and people per status, in two queries for any size."""
    rows = db.session.execute(
        db.select(Registration.status, func.count(), func.sum(1 + Registration.companions))
        .where(Registration.event_id == event_id).group_by(Registration.status))
    counts = {status: {"registrations": 0, "people": 0} for status in STATUSES}
    for status, number, people in rows:
        counts[status] = {"registrations": number, "people": int(people or 0)}
    attended = db.session.execute(
        db.select(func.count(), func.sum(1 + Registration.companions))
        .where(Registration.event_id == event_id, Registration.checked_in_at.is_not(None))).one()
    counts["attended"] = {"registrations": attended[0], "people": int(attended[1] or 0)}
    return counts


@dataclass
class NeedsSummary:
    interpreters: Counter = field(default_factory=Counter)
    children: int = 0
    children_ages: list = field(default_factory=list)
    accessibility: Counter = field(default_factory=Counter)
    accessibility_other: list = field(default_factory=list)


def needs_summary(event_id: int) -> NeedsSummary:
    """Needs of everyone confirmed or pending, to book interpreters and childcare.

    Counted in the database: only the people with free-text or accessibility
    needs travel to Python, not the whole list of a 1,000-person event."""
    coming = (Registration.event_id == event_id, Registration.status.in_([S.CONFIRMED, S.PENDING]))
    summary = NeedsSummary()
    interpreters = db.session.execute(
        db.select(Registration.interpreter_language, func.count(), func.sum(Registration.childcare_count))
        .where(*coming).group_by(Registration.interpreter_language))
    for language, number, children in interpreters:
        if language:
            summary.interpreters[language] = number
        summary.children += int(children or 0)
    rows = db.session.execute(
        db.select(Registration.childcare_ages, Registration.accessibility, Registration.accessibility_other)
        .where(*coming, or_(Registration.childcare_ages != "", Registration.accessibility_other != "",
                            cast(Registration.accessibility, String) != "[]"))
        .order_by(Registration.id))
    for ages, accessibility, other in rows:
        if ages:
            summary.children_ages.append(ages)
        for need in accessibility or []:
            summary.accessibility[need] += 1
        if other:
            summary.accessibility_other.append(other)
    return summary


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
