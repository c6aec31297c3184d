"""Participation figures of events, for every format: who signed up, who
came, who came without signing up, who contributed anonymously and what
they contributed. Reports, the overview and the open-data API use these.

The core counts sign-ups and check-ins (``Registration``); each format adds
what only it knows through the ``participation_figures`` hook (a Dezentrale
Dialoge moderator's count of walk-ins, the phones that wrote workshop
cards, the posts at a Freiraumkiste). One hook call per format with all of
its events: the number of queries does not grow with the number of events.

Numbers only, never names. A protected format's figures are shown through
``services.protection`` (``shown``), like every other number of it.
"""
from collections import defaultdict
from dataclasses import dataclass, field, fields

from sqlalchemy import case, func, or_

from ..extensions import db
from ..models import Event, Registration, RegistrationStatus
from ..plugin_system.enabling import plugin_manager
from ..plugin_system.types import FormatFigures
from . import protection

HOOK = "participation_figures"
NUMBERS = ("signed_up", "attended", "walk_ins", "anonymous_contributors", "contributions")


@dataclass
class Figures:
    """One event's participation (people include the companions they
    brought).

    ``signed_up``: confirmed or checked in (a person added at the door
    included); ``attended``: checked in; ``walk_ins``: came without being
    on the list, counted by a moderator; ``anonymous_contributors``: people
    or devices that contributed without signing up (one per contribution
    where the format cannot tell them apart); ``contributions``: cards,
    posts, questions, statements, concerns and wishes. ``failed``: the
    format's own count could not be had (its plugin raised or is missing);
    its three numbers then read 0.
    """

    signed_up: int = 0
    attended: int = 0
    walk_ins: int = 0
    anonymous_contributors: int = 0
    contributions: int = 0
    failed: bool = False
    # Set on a sum of several events' figures: the sum of each one's people.
    summed_people: int | None = field(default=None, repr=False)

    @property
    def people(self) -> int:
        """How many people took part, at least: those counted in the room
        (checked in and walk-ins) or, if there were more, the anonymous
        contributors. The two are not added: someone in the room may also
        have written on their phone, and nothing tells them apart. A lower
        bound, never a guess upwards. For a sum of events, the sum of each
        event's people."""
        if self.summed_people is not None:
            return self.summed_people
        return max(self.attended + self.walk_ins, self.anonymous_contributors)

    def __iadd__(self, other: "Figures") -> "Figures":
        people = self.people + other.people
        for name in NUMBERS:
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.failed = self.failed or other.failed
        self.summed_people = people
        return self

    def as_dict(self) -> dict[str, int]:
        """The numbers and ``people``, e.g. for JSON."""
        return {**{name: getattr(self, name) for name in NUMBERS}, "people": self.people}


def figures_for(events: list[Event]) -> dict[int, Figures]:
    """``{event id: Figures}`` for ``events`` (any format, any status): one
    aggregate query for sign-ups and check-ins, then one hook call per
    format present."""
    figures = {event.id: Figures() for event in events}
    if not figures:
        return figures
    people = 1 + Registration.companions
    counted = or_(Registration.status == RegistrationStatus.CONFIRMED, Registration.checked_in_at.is_not(None))
    rows = db.session.execute(
        db.select(Registration.event_id,
                  func.sum(case((counted, people), else_=0)),
                  func.sum(case((Registration.checked_in_at.is_not(None), people), else_=0)))
        .where(Registration.event_id.in_(list(figures))).group_by(Registration.event_id))
    for event_id, signed_up, attended in rows:
        figures[event_id].signed_up = int(signed_up or 0)
        figures[event_id].attended = int(attended or 0)
    by_format = defaultdict(list)
    for event in events:
        by_format[event.format_key].append(event)
    manager = plugin_manager()
    for key, items in by_format.items():
        results, failures = manager.call_each(HOOK, keys={key}, format_key=key, events=items)
        if failures or key not in manager.formats:
            for event in items:
                figures[event.id].failed = True
        for _key, counted_by_format in results:
            _merge(figures, {event.id for event in items}, counted_by_format)
    return figures


def _merge(figures: dict[int, Figures], ids: set[int], counted: dict) -> None:
    """The format's numbers, for its own events only, as whole numbers >= 0."""
    for event_id, value in (counted or {}).items():
        if event_id not in ids or not isinstance(value, FormatFigures):
            continue
        for name in (item.name for item in fields(FormatFigures)):
            setattr(figures[event_id], name, max(0, int(getattr(value, name) or 0)))


def total(figures: list[Figures]) -> Figures:
    """The sum of several events' figures (a person at two events counts
    twice: participations, not residents)."""
    result = Figures()
    for item in figures:
        result += item
    return result


def shown(event: Event, figures: Figures) -> dict:
    """The numbers as they may be shown for ``event``: exact, or for a
    protected format each through ``protection.count`` (banded)."""
    return shown_for(event.format_key, figures)


def shown_for(format_key: str, figures: Figures) -> dict:
    """``shown`` for events of the format ``format_key`` (one event or a sum of several)."""
    values = figures.as_dict()
    if protection.is_protected(format_key):
        return {name: protection.count(number) for name, number in values.items()}
    return values


def count_by_event(model, events: list[Event], *where, distinct=None) -> dict[int, int]:
    """``{event id: number}`` of ``model``'s rows per event (or of distinct
    non-empty values of the column ``distinct``), in one query for all of
    ``events``; ``where`` narrows the rows. For formats' hooks."""
    counted = func.count(func.distinct(distinct)) if distinct is not None else func.count()
    query = (db.select(model.event_id, counted)
             .where(model.event_id.in_([event.id for event in events]), *where).group_by(model.event_id))
    if distinct is not None:
        query = query.where(distinct.is_not(None), distinct != "")
    return {event_id: int(number) for event_id, number in db.session.execute(query)}
