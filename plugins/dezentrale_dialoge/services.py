"""The rules of the Dezentrale Dialoge, in one place for views, demo and tests.

Every lookup takes the municipality, so a series, stage or site of another
municipality is never found.
"""
from datetime import timedelta

from sqlalchemy import func
from sqlalchemy.orm import joinedload, selectinload

from dialogplatform.plugin_api import Event, EventStatus, Registration, audit, db, events, lines_from

from .models import KINDS, Entry, Meeting, Series, Site, Stage

KEY = "dezentrale_dialoge"


# -- lookups -----------------------------------------------------------------
def series_list(municipality, published_only=False) -> list[Series]:
    query = db.select(Series).filter_by(municipality_id=municipality.id).options(selectinload(Series.stages))
    if published_only:
        query = query.filter_by(published=True)
    return list(db.session.scalars(query.order_by(Series.name)))


def series_of(municipality, series_id) -> Series | None:
    return db.session.scalar(db.select(Series).filter_by(id=series_id, municipality_id=municipality.id))


def stage_of(municipality, stage_id) -> Stage | None:
    return db.session.scalar(
        db.select(Stage).join(Series).where(Stage.id == stage_id, Series.municipality_id == municipality.id))


def all_stages(municipality) -> list[Stage]:
    """Every stage of every series of the municipality, series by series."""
    return list(db.session.scalars(
        db.select(Stage).join(Series).where(Series.municipality_id == municipality.id)
        .order_by(Series.name, Stage.position, Stage.id)))


def sites_of(municipality) -> list[Site]:
    return list(db.session.scalars(db.select(Site).filter_by(municipality_id=municipality.id).order_by(Site.name)))


def site_of(municipality, site_id) -> Site | None:
    return db.session.scalar(db.select(Site).filter_by(id=site_id, municipality_id=municipality.id))


def meeting_of(event) -> Meeting | None:
    return db.session.get(Meeting, event.id)


def meetings_by_event(event_ids) -> dict[int, Meeting]:
    """The meetings of these events (if linked), with series, stage and site, in one query."""
    return {meeting.event_id: meeting for meeting in db.session.scalars(
        db.select(Meeting).where(Meeting.event_id.in_(list(event_ids)))
        .options(joinedload(Meeting.series), joinedload(Meeting.stage), joinedload(Meeting.site)))}


def meetings_of(series, statuses=None) -> list[Meeting]:
    """The series' meetings by date, with their events, stages and sites loaded."""
    query = (db.select(Meeting).join(Event, Event.id == Meeting.event_id)
             .where(Meeting.series_id == series.id)
             .options(joinedload(Meeting.event).joinedload(Event.municipality),
                      joinedload(Meeting.stage), joinedload(Meeting.site))
             .order_by(Event.starts_at))
    if statuses is not None:
        query = query.where(Event.status.in_(list(statuses)))
    return list(db.session.scalars(query))


def next_meeting_values(series, languages) -> dict | None:
    """The new-meeting form's values for "next meeting like the last one":
    the series' latest meeting (texts, place, stage, site, languages) one
    week later; None without a meeting."""
    meetings = [m for m in meetings_of(series) if m.event.status != EventStatus.CANCELLED] or meetings_of(series)
    if not meetings:
        return None
    last = meetings[-1]
    values = events.form_values(last.event, languages, KEY)
    for name in ("starts_at", "ends_at", "registration_opens_at", "registration_closes_at"):
        if values.get(name):
            values[name] += timedelta(weeks=1)
    values.update(stage=last.stage_id, site=last.site_id)
    return values


def meeting_counts(municipality) -> dict[int, int]:
    """Meetings per series id (one query for the overview)."""
    return dict(db.session.execute(
        db.select(Meeting.series_id, func.count()).join(Series)
        .where(Series.municipality_id == municipality.id).group_by(Meeting.series_id)).all())


# -- series, stages, sites --------------------------------------------------
def parse_topics(text: str) -> list[str]:
    """One topic per line; blank lines and repeats (any case) are dropped."""
    return lines_from(text)


def save_series(series: Series, name: str, description: str, topics: list[str], published: bool) -> Series:
    series.name = name.strip()
    series.description = (description or "").strip()
    series.topics = list(topics)
    series.published = bool(published)
    db.session.add(series)
    db.session.commit()
    return series


def name_taken(model, scope_column, scope_id, name, exclude_id=None) -> bool:
    """Whether ``name`` is used already within the series or municipality."""
    query = db.select(model.id).where(scope_column == scope_id, func.lower(model.name) == name.strip().lower())
    if exclude_id is not None:
        query = query.where(model.id != exclude_id)
    return db.session.scalar(query) is not None


def add_stage(series: Series, name: str) -> Stage:
    position = 1 + max((stage.position for stage in series.stages), default=0)
    stage = Stage(series_id=series.id, name=name.strip(), position=position)
    db.session.add(stage)
    db.session.commit()
    return stage


def update_stage(stage: Stage, name: str, position: int) -> None:
    stage.name = name.strip()
    stage.position = position
    db.session.commit()


def save_site(site: Site, data: dict) -> Site:
    for field in ("name", "kind", "address", "district", "contact_name", "contact_phone"):
        setattr(site, field, (data.get(field) or "").strip())
    db.session.add(site)
    if site.id is not None:
        events = db.session.scalars(db.select(Event).join(Meeting, Meeting.event_id == Event.id)
                                    .where(Meeting.site_id == site.id))
        for event in events:
            protect_address(event, site)
    db.session.commit()
    return site


def protect_address(event, site: Site) -> None:
    """A meeting at an accommodation keeps its address private and shows
    the site's district; other sites leave the organiser's choice alone."""
    if site.address_private and not event.online:
        event.address_private = True
        event.district = event.district or site.district


# -- meetings ----------------------------------------------------------------
def create_meeting(municipality, stage: Stage, site: Site, data: dict, creator) -> Event:
    """A draft core event with the event form's ``data`` plus its link to
    the series, stage and site, stored together through the core's
    ``events.create`` (refused when the format is off; audited). An empty
    place or address is taken from the site."""
    def complete(event):
        if not event.online:
            event.place_name = event.place_name or site.name
            event.address = event.address or site.address
        protect_address(event, site)
        db.session.add(Meeting(event_id=event.id, series_id=stage.series_id, stage_id=stage.id, site_id=site.id))

    return events.create(municipality, KEY, data, creator, complete=complete)


def link_meeting(event, stage: Stage, site: Site) -> Meeting:
    """Put an event in a series (or move it to another stage or site)."""
    meeting = meeting_of(event) or Meeting(event_id=event.id, walk_ins=0)
    meeting.series_id, meeting.stage_id, meeting.site_id = stage.series_id, stage.id, site.id
    protect_address(event, site)
    db.session.add(meeting)
    db.session.commit()
    return meeting


def set_walk_ins(meeting: Meeting, number: int) -> None:
    meeting.walk_ins = number
    db.session.commit()


def checked_in_people(event_ids) -> dict[int, int]:
    """People checked in with their sign-up (incl. companions), per event."""
    if not event_ids:
        return {}
    rows = db.session.execute(
        db.select(Registration.event_id, func.sum(1 + Registration.companions))
        .where(Registration.event_id.in_(list(event_ids)), Registration.checked_in_at.is_not(None))
        .group_by(Registration.event_id))
    return {event_id: int(people) for event_id, people in rows}


def attendance(meeting: Meeting, checked_in: int | None = None) -> tuple[int, int, int]:
    """(checked in after sign-up, without sign-up, total) of one meeting;
    ``checked_in`` when already counted (``checked_in_people`` of many)."""
    if checked_in is None:
        checked_in = checked_in_people([meeting.event_id]).get(meeting.event_id, 0)
    walk_ins = meeting.walk_ins or 0
    return checked_in, walk_ins, checked_in + walk_ins


# -- entries -----------------------------------------------------------------
def resolve_topic(series: Series | None, chosen: str, free: str) -> str:
    """The topic of an entry: a free topic wins over the list; a free topic
    that matches a listed one (any case) takes the list's spelling."""
    free = (free or "").strip()
    if not free:
        return (chosen or "").strip()
    for topic in (series.topics if series else []):
        if topic.casefold() == free.casefold():
            return topic
    return free


def record_entry(event, kind: str, topic: str, text: str, user) -> Entry:
    if kind not in KINDS:
        raise ValueError(kind)
    entry = Entry(event_id=event.id, kind=kind, topic=topic.strip(), text=text.strip(),
                  created_by_id=user.id if user is not None and user.is_authenticated else None)
    db.session.add(entry)
    db.session.commit()
    return entry


def entries_of(event) -> list[Entry]:
    return list(db.session.scalars(
        db.select(Entry).filter_by(event_id=event.id).order_by(Entry.created_at.desc(), Entry.id.desc())))


def update_entry(event, entry: Entry, kind: str, topic: str, text: str) -> None:
    """Correct an entry typed during the meeting."""
    if kind not in KINDS:
        raise ValueError(kind)
    entry.kind, entry.topic, entry.text = kind, topic.strip(), text.strip()
    audit.record("dezentrale_dialoge.entry_changed", event.municipality, entry)
    db.session.commit()


def delete_entry(entry: Entry) -> None:
    db.session.delete(entry)
    db.session.commit()


# -- duplicating ---------------------------------------------------------------
def copy_set_up(origin, copy) -> None:
    """The duplicate of a meeting (``duplicate_event``) belongs to the same
    series, stage and site; walk-ins and entries stay with ``origin``."""
    events.copy_rows(Meeting, origin, copy, ("series_id", "stage_id", "site_id"), walk_ins=0)
