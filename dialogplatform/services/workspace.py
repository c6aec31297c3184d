"""The staff dashboard's figures, in a fixed number of queries whatever the
number of events and sign-ups: upcoming events with seats and waiting
lists, what to arrange (interpreters by language, childcare by age), what
waits for moderation (the formats say, through ``moderation_queue``) and
the recommendations still waiting for a step."""
import re
from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import func

from ..extensions import db
from ..models import Event, EventStatus, Registration, RegistrationStatus
from ..models.recommendations import Recommendation, RecommendationStatus
from ..models.types import utcnow
from ..plugin_system.enabling import enabled_format_keys, plugin_manager
from . import signups

UPCOMING_LIMIT = 25
COMING = (RegistrationStatus.CONFIRMED, RegistrationStatus.PENDING)
# Recommendations waiting for the municipality's next step.
DUE_STATUSES = (RecommendationStatus.OPEN, RecommendationStatus.FORWARDED, RecommendationStatus.IN_PROGRESS)
AGE_BANDS = ((0, 2, "0–2"), (3, 5, "3–5"), (6, 9, "6–9"), (10, 13, "10–13"), (14, 17, "14–17"))


@dataclass
class EventRow:
    event: Event
    taken: int = 0
    waiting: int = 0
    pending: int = 0
    interpreters: Counter = field(default_factory=Counter)
    children: int = 0
    ages: Counter = field(default_factory=Counter)

    @property
    def seats_left(self):
        return signups.seats_left(self.event, self.taken)


def age_band(age: int) -> str:
    for low, high, label in AGE_BANDS:
        if low <= age <= high:
            return label
    return "18+"


def ages_in(text: str) -> list[int]:
    """The children's ages in what people typed ("3 und 7", "4, 9 Jahre")."""
    return [int(number) for number in re.findall(r"\d{1,2}", text or "")]


def upcoming_rows(municipality, limit=UPCOMING_LIMIT) -> list[EventRow]:
    """Upcoming (and running) events that are not cancelled, soonest first,
    with their figures: three queries for any number of events."""
    now = utcnow()
    events = db.session.scalars(
        db.select(Event).where(Event.municipality_id == municipality.id, Event.ends_at >= now,
                               Event.status.in_([EventStatus.PUBLISHED, EventStatus.DRAFT]))
        .order_by(Event.starts_at, Event.id).limit(limit)).all()
    rows = {event.id: EventRow(event) for event in events}
    if not rows:
        return []
    for event_id, taken in signups.seats_taken_by_event(list(rows)).items():
        rows[event_id].taken = taken
    people = 1 + Registration.companions
    counts = db.session.execute(
        db.select(Registration.event_id, Registration.status, func.sum(people))
        .where(Registration.event_id.in_(list(rows)),
               Registration.status.in_([RegistrationStatus.WAITLISTED, RegistrationStatus.PENDING]))
        .group_by(Registration.event_id, Registration.status))
    for event_id, status, total in counts:
        if status == RegistrationStatus.WAITLISTED:
            rows[event_id].waiting = int(total or 0)
        else:
            rows[event_id].pending = int(total or 0)
    needs = db.session.execute(
        db.select(Registration.event_id, Registration.interpreter_language, Registration.childcare_count,
                  Registration.childcare_ages)
        .where(Registration.event_id.in_(list(rows)), Registration.status.in_(COMING),
               (Registration.interpreter_language != "") | (Registration.childcare_count > 0)))
    for event_id, language, children, ages in needs:
        row = rows[event_id]
        if language:
            row.interpreters[language] += 1
        if children:
            row.children += children
            found = ages_in(ages)
            for age in found[:children]:
                row.ages[age_band(age)] += 1
            if len(found) < children:
                row.ages["?"] += children - len(found)
    return list(rows.values())


def needs_totals(rows: list[EventRow]) -> tuple[Counter, Counter]:
    """Interpreters per language and children per age band over ``rows``."""
    interpreters, ages = Counter(), Counter()
    for row in rows:
        interpreters.update(row.interpreters)
        ages.update(row.ages)
    return interpreters, ages


def moderation_queue(municipality) -> tuple[list[tuple[str, str, int, str]], list]:
    """``(format name, label, count, url)`` of everything waiting for review,
    from each enabled format's ``moderation_queue``; and the failures."""
    manager = plugin_manager()
    results, failures = manager.call_each("moderation_queue", keys=enabled_format_keys(municipality),
                                          municipality=municipality)
    items = []
    for key, entries in results:
        info = manager.info(key)
        name = str(info.menu_label or info.name) if info else key
        items += [(name, str(label), int(count), url) for label, count, url in entries or [] if count]
    return items, failures


def recommendations_due(municipality) -> dict[str, int]:
    """Recommendations per status that still wait for a step (one query)."""
    rows = db.session.execute(
        db.select(Recommendation.status, func.count())
        .where(Recommendation.municipality_id == municipality.id, Recommendation.status.in_(DUE_STATUSES))
        .group_by(Recommendation.status))
    counts = dict.fromkeys(DUE_STATUSES, 0)
    counts.update({status: number for status, number in rows})
    return counts

