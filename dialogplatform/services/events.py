"""Creating, editing, publishing and cancelling events."""
from collections.abc import Callable
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from ..extensions import db
from ..language_forms import language_values, texts_from
from ..models import Event, EventStatus, Registration
from ..models.types import utcnow
from ..plugin_system.enabling import enabled_format_keys, plugin_manager
from . import audit, publication, signups


class FormatNotEnabled(Exception):
    """The format is not enabled in the municipality: no new events of it."""


def form_values(event: Event, languages: list[str], format_key: str) -> dict:
    """An event's data in the shape of the event form (local times)."""
    zone = ZoneInfo(event.timezone)
    values = {
        "starts_at": event.starts_at.astimezone(zone).replace(tzinfo=None),
        "ends_at": event.ends_at.astimezone(zone).replace(tzinfo=None),
        "online": event.online, "online_url": event.online_url, "place_name": event.place_name,
        "address": event.address, "address_private": event.address_private, "district": event.district,
        "capacity": event.capacity, "max_companions": event.max_companions,
        "registration_opens_at": _local(event.registration_opens_at, zone),
        "registration_closes_at": _local(event.registration_closes_at, zone),
        "languages": event.languages, "interpreters": event.interpreters,
        f"ext__{format_key}": event.settings,
        "process_id": str(event.process_id or ""), "process_step": str(event.process_step or ""),
        **{name: getattr(event, name) for name in DETAILS},
    }
    default = event.municipality.default_language if event.municipality else (languages or ["de"])[0]
    values.update(language_values(event.title, "title", languages, default))
    values.update(language_values(event.description, "description", languages, default))
    return values


def apply_form(event: Event, data: dict, languages: list[str]) -> None:
    zone = ZoneInfo(event.timezone or "Europe/Berlin")
    event.starts_at = _aware(data["starts_at"], zone)
    event.ends_at = _aware(data["ends_at"], zone)
    event.title = texts_from(data, "title", languages)
    event.description = texts_from(data, "description", languages)
    event.online = bool(data["online"])
    event.online_url = (data.get("online_url") or "").strip()
    event.place_name = (data.get("place_name") or "").strip()
    event.address = publication.clean_address(data.get("address"))
    event.address_private = bool(data.get("address_private"))
    event.district = (data.get("district") or "").strip()
    event.max_companions = data.get("max_companions") or 0
    event.registration_opens_at = (
        _aware(data["registration_opens_at"], zone) if data.get("registration_opens_at") else None)
    event.registration_closes_at = (
        _aware(data["registration_closes_at"], zone) if data.get("registration_closes_at") else None)
    event.languages = list(data.get("languages") or [])
    event.interpreters = list(data.get("interpreters") or [])
    apply_details(event, data)
    if "process_id" in data:  # the core form's optional process select (the choices are the municipality's)
        event.process_id = int(data["process_id"]) if data.get("process_id") else None
        event.process_step = int(data["process_step"]) if event.process_id and data.get("process_step") else None
    settings = data.get(f"ext__{event.format_key}")
    if settings is not None:
        # Keys the form does not show (e.g. a plugin's own markers) are kept.
        event.settings = {**(event.settings or {}),
                          **{key: value for key, value in settings.items() if key != "csrf_token"}}


# The structured details of an event (for whom, how accessible): the event
# form's fields and the Event columns of the same names.
FLAGS = ("childcare", "women_only", "step_free", "hearing_loop", "accessible_toilet")
DETAILS = (*FLAGS, "childcare_min_age", "childcare_max_age")


def apply_details(event: Event, data: dict) -> None:
    """Set the details from ``data``; ages count only with childcare."""
    for name in FLAGS:
        setattr(event, name, bool(data.get(name)))
    event.childcare_min_age = data.get("childcare_min_age") if event.childcare else None
    event.childcare_max_age = data.get("childcare_max_age") if event.childcare else None


def event_defaults(format_key: str) -> dict:
    """The values a new event of the format starts with (``FormatInfo.event_defaults``,
    e.g. a women's dialogue is for women only)."""
    info = plugin_manager().info(format_key)
    return {name: value for name, value in (info.event_defaults if info else {}).items() if name in DETAILS}


def _aware(value: datetime, zone: ZoneInfo) -> datetime:
    return value.replace(tzinfo=zone)


def _local(value: datetime | None, zone: ZoneInfo) -> datetime | None:
    return value.astimezone(zone).replace(tzinfo=None) if value else None


def create(municipality, format_key: str, data: dict, creator,
           complete: Callable[[Event], None] | None = None) -> Event:
    """A draft event of ``format_key`` from the event form's ``data``.

    Refused with ``FormatNotEnabled`` unless the format is enabled in the
    municipality; recorded in the audit log. A format that stores more
    with its events passes ``complete``: it is called with the new event
    (core fields set, id assigned) before the audit entry and the commit,
    so the format's own rows and defaults are saved with the event or not
    at all.
    """
    if format_key not in enabled_format_keys(municipality):
        raise FormatNotEnabled(format_key)
    event = Event(municipality=municipality, format_key=format_key, created_by_id=creator.id,
                  timezone="Europe/Berlin", status=EventStatus.DRAFT)
    # Details the caller does not give come from the format (the core form gives them all).
    apply_form(event, {**event_defaults(format_key), **data}, municipality.content_languages)
    event.capacity = data.get("capacity")
    db.session.add(event)
    db.session.flush()
    if complete is not None:
        complete(event)
    audit.record("event.created", municipality, event, format=format_key)
    db.session.commit()
    return event


# What registrants are told about when it changes: date, time and place.
NOTIFIED = ("starts_at", "ends_at", "online", "online_url", "place_name", "address")


def update(event: Event, data: dict) -> int:
    """Save the form; a new capacity goes through the sign-up rules
    (raising it promotes from the waiting list). When the date, time or
    place of a published event changes, everyone signed up gets a mail in
    their language with the calendar entry of the same UID and a higher
    SEQUENCE. Returns how many were told."""
    before = {name: _as_shown(getattr(event, name)) for name in NOTIFIED}
    apply_form(event, data, event.municipality.content_languages)
    changed = [name for name in NOTIFIED if _as_shown(getattr(event, name)) != before[name]]
    capacity_changed = data.get("capacity") != event.capacity
    told = 0
    if changed and event.status == EventStatus.PUBLISHED:
        event.sequence = (event.sequence or 0) + 1
        told = signups.mail_registrants(event, "event_changed", changed=changed)
        if "starts_at" in changed:  # the reminder comes again before the new start
            db.session.execute(db.update(Registration).where(Registration.event_id == event.id)
                               .values(reminded_at=None))
    audit.record("event.changed", event.municipality, event, told=told)
    db.session.commit()
    if capacity_changed:
        signups.change_capacity(event.id, data.get("capacity"))
    return told


def _as_shown(value):
    """Times to the minute, as the form shows them: saving an unchanged
    form is no change."""
    return value.replace(second=0, microsecond=0) if isinstance(value, datetime) else value


def people_to_tell(event: Event) -> int:
    """How many sign-ups get a mail about a change of the event (the count
    a confirmation page shows before the change)."""
    return signups.mail_recipients(event)


def publish(event: Event) -> None:
    if event.status == EventStatus.DRAFT:
        event.status = EventStatus.PUBLISHED
        audit.record("event.published", event.municipality, event)
        db.session.commit()


def cancel(event: Event) -> int:
    """Cancel the event and tell everyone signed up (in their language, with
    the calendar entry marked cancelled). Their sign-ups are kept as they
    are, so that a restored event has them back. Returns how many were told."""
    if event.status == EventStatus.CANCELLED:
        return 0
    event.status = EventStatus.CANCELLED
    event.sequence = (event.sequence or 0) + 1
    told = signups.mail_registrants(event, "event_cancelled")
    audit.record("event.cancelled", event.municipality, event, told=told)
    db.session.commit()
    return told


def can_restore(event: Event) -> bool:
    """A cancelled event can be restored while it has not started."""
    return event.status == EventStatus.CANCELLED and event.starts_at > utcnow()


def restore(event: Event) -> int:
    """Publish a cancelled event again, before it starts. The sign-ups were
    kept through the cancellation (confirmed stay confirmed, the waiting
    list keeps its order), and everyone signed up gets a mail that it takes
    place after all, with the calendar entry again (same UID, higher
    SEQUENCE): they were told it was cancelled. Returns how many were told."""
    if not can_restore(event):
        return 0
    event.status = EventStatus.PUBLISHED
    event.sequence = (event.sequence or 0) + 1
    told = signups.mail_registrants(event, "event_restored")
    audit.record("event.restored", event.municipality, event, told=told)
    db.session.commit()
    return told


def set_evaluation_published(event: Event, published: bool) -> None:
    event.evaluation_published = published
    audit.record("evaluation.published" if published else "evaluation.hidden", event.municipality, event)
    db.session.commit()


def create_follow_up(origin: Event, format_key: str, title: dict, note: str, creator) -> Event:
    """A draft event in the same municipality that links back to ``origin``
    (e.g. a Runder Tisch from a project idea). Dates start four weeks after
    the origin; the organiser edits them before publishing."""
    if format_key not in enabled_format_keys(origin.municipality):
        raise FormatNotEnabled(format_key)
    starts = max(origin.starts_at, utcnow()) + timedelta(weeks=4)
    event = Event(
        municipality_id=origin.municipality_id, format_key=format_key, status=EventStatus.DRAFT,
        title=title, description={}, starts_at=starts, ends_at=starts + timedelta(hours=2),
        timezone=origin.timezone, place_name=origin.place_name, address=origin.address,
        address_private=origin.address_private, district=origin.district,
        languages=list(origin.languages or []), interpreters=list(origin.interpreters or []),
        # The same place: the same access; who it is for comes from the new format.
        step_free=origin.step_free, hearing_loop=origin.hearing_loop, accessible_toilet=origin.accessible_toilet,
        **event_defaults(format_key),
        origin_event_id=origin.id, origin_note=note[:500], created_by_id=creator.id if creator else None,
    )
    db.session.add(event)
    db.session.commit()
    return event


def follow_ups(event: Event) -> list[Event]:
    return db.session.scalars(
        db.select(Event).where(Event.origin_event_id == event.id, Event.status != EventStatus.DRAFT)
        .order_by(Event.starts_at)).all()


# Settings a copy does not take over: markers of the demo and of the format's own bookkeeping.
INTERNAL_SETTINGS = ("demo_key",)
COPIED = ("timezone", "online", "online_url", "place_name", "address", "address_private", "district",
          "capacity", "max_companions", "process_id", "process_step", *DETAILS)


def duplicate(origin: Event, creator) -> tuple[Event, bool]:
    """A draft copy of ``origin``: texts in every language, format settings,
    place, capacity, languages and details; one week later at the same
    weekday and time. The format copies its own set-up (``duplicate_event``:
    tables, themes, stations ...); sign-ups and contributions stay behind.
    Returns the copy and whether the format's set-up is copied too."""
    shift = timedelta(weeks=1)
    while origin.starts_at + shift < utcnow():
        shift += timedelta(weeks=1)
    event = Event(
        municipality_id=origin.municipality_id, format_key=origin.format_key, status=EventStatus.DRAFT,
        title=dict(origin.title or {}), description=dict(origin.description or {}),
        starts_at=origin.starts_at + shift, ends_at=origin.ends_at + shift,
        languages=list(origin.languages or []), interpreters=list(origin.interpreters or []),
        settings={key: value for key, value in (origin.settings or {}).items() if key not in INTERNAL_SETTINGS},
        created_by_id=creator.id if creator else None,
        **{name: getattr(origin, name) for name in COPIED},
    )
    db.session.add(event)
    db.session.flush()
    audit.record("event.duplicated", origin.municipality, event, origin=origin.id)
    db.session.commit()
    _results, failures = plugin_manager().call_each("duplicate_event", origin=origin, copy=event)
    if failures:
        db.session.rollback()  # half a set-up is worse than none; the copy itself is committed
    else:
        db.session.commit()
    return event, not failures


def copy_rows(model, origin: Event, copy: Event, columns: tuple[str, ...], *where, **values) -> list[tuple]:
    """Add ``model``'s rows of ``origin`` (a format's table with an
    ``event_id``; ``where`` narrows them) again for ``copy``, with the same
    ``columns``; ``values`` sets others (a callable gets the original row). Returns
    ``(original, copied)`` pairs, flushed, so that rows referring to them can
    follow. For a format's ``duplicate_event`` hook."""
    rows = db.session.scalars(db.select(model).where(model.event_id == origin.id, *where)
                              .order_by(*model.__mapper__.primary_key)).all()
    pairs = []
    for row in rows:
        fields = {name: getattr(row, name) for name in columns}
        fields.update({name: value(row) if callable(value) else value for name, value in values.items()})
        pairs.append((row, model(event_id=copy.id, **fields)))
    db.session.add_all([copied for _row, copied in pairs])
    db.session.flush()
    return pairs


def can_delete(event: Event) -> bool:
    """Only a draft nobody has signed up for can be deleted."""
    if event.status != EventStatus.DRAFT:
        return False
    return db.session.scalar(db.select(db.func.count(Registration.id)).where(Registration.event_id == event.id)) == 0


def delete_draft(event: Event) -> None:
    audit.record("event.deleted", event.municipality, event, format=event.format_key)
    db.session.delete(event)
    db.session.commit()
