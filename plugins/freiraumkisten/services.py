"""The rules of a Freiraumkisten campaign, in one place for views, demo data
and tests: settings, short codes, when feedback is taken, moderation."""
import secrets
from datetime import datetime
from zoneinfo import ZoneInfo

from flask_babel import lazy_gettext as _l
from sqlalchemy import func
from sqlalchemy.orm import selectinload

from dialogplatform.plugin_api import (
    Event,
    EventStatus,
    LocalText,
    by_event,
    db,
    events,
    line_choices,
    lines_from,
    pick,
    utcnow,
)

from .models import CODE_LENGTH, ModerationEntry, Post, PostSource, PostStatus, Station, TimeWindow

# No 0/o, 1/l/i: a code read off a poster is typed without mistakes.
CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
OTHER_TOPIC = ""
# Faces from Unicode 6.0: older phones and fonts draw them (🙂/🙁 came later).
MOODS = (
    ("good", "😊", _l("Good")),
    ("mixed", "😐", _l("Partly")),
    ("bad", "😞", _l("Bad")),
)
MOOD_EMOJI = {key: emoji for key, emoji, _label in MOODS}
DEFAULT_QUESTION = _l("How do you like living together here? What is good, what is missing?")


class FeedbackClosed(Exception):
    """Raised when feedback arrives where none is taken; nothing is stored."""


def mood_label(mood: str) -> str:
    return str(next((label for key, _emoji, label in MOODS if key == mood), mood))


def topic_label(topic: str) -> str:
    return topic or str(_l("Something else"))


# -- settings ------------------------------------------------------------------
def settings_of(event, language: str | None = None) -> dict:
    """The campaign's settings with defaults for events saved earlier.

    The question and the topics are written per language (``{code: text}``;
    an older plain string counts as the default language). ``question`` is
    the question in ``language`` (else the default language, marked so);
    ``topics`` are the stored values of the topics: the default-language
    topics, so that a topic chosen on an Arabic page counts with the same
    topic chosen on a German page; ``topic_choices`` pairs each value with
    its label in ``language`` (the line at the same position)."""
    settings = event.settings or {}
    default = event.municipality.default_language
    choices = line_choices(settings.get("topics"), language or default, default, topics_from_text)
    question = pick(settings.get("question"), language or default, default)
    return {
        "question": LocalText(question.strip(), question.lang, question.is_fallback) if question.strip() else "",
        "topics": [value for value, _label in choices],
        "topic_choices": choices,
        "hold_for_review": settings.get("hold_for_review", True) is not False,
    }


def topic_label_in(event, topic: str, language: str) -> str:
    """A stored topic in ``language`` (the evaluation and the export show
    the reader's language; the counts stay together)."""
    for value, label in settings_of(event, language)["topic_choices"]:
        if value == topic:
            return label
    return topic_label(topic)


def topics_from_text(text: str) -> list[str]:
    """One topic per line (at most 120 characters); blank lines and repeats are dropped."""
    return lines_from(text, 120)


# -- stations --------------------------------------------------------------------
def new_code() -> str:
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if db.session.scalar(db.select(Station.id).filter_by(code=code)) is None:
            return code


def stations_of(event) -> list[Station]:
    return list(db.session.scalars(
        db.select(Station).filter_by(event_id=event.id).options(selectinload(Station.windows))
        .order_by(Station.position, Station.id)
    ))


def station_by_code(event, code: str) -> Station | None:
    return db.session.scalar(
        db.select(Station).filter_by(event_id=event.id, code=code.lower()).options(selectinload(Station.windows))
    )


def station_by_short_code(municipality, code: str) -> Station | None:
    """The station behind a poster's short address ``/<slug>/k/<code>``: of
    this municipality and of a campaign the public may see (no draft)."""
    return db.session.scalar(
        db.select(Station).join(Event, Event.id == Station.event_id)
        .where(Station.code == code.lower(), Event.municipality_id == municipality.id,
               Event.status != EventStatus.DRAFT))


def create_station(event, name, address="", latitude=None, longitude=None) -> Station:
    position = db.session.scalar(db.select(func.count(Station.id)).where(Station.event_id == event.id))
    station = Station(event_id=event.id, code=new_code(), name=name.strip(), address=(address or "").strip(),
                      latitude=latitude, longitude=longitude, position=position)
    db.session.add(station)
    db.session.commit()
    return station


def update_station(station, name, address="", latitude=None, longitude=None) -> None:
    station.name, station.address = name.strip(), (address or "").strip()
    station.latitude, station.longitude = latitude, longitude
    db.session.commit()


def local_window(event, day, start, end) -> tuple[datetime, datetime]:
    """A window given as local date and times, as aware datetimes."""
    zone = ZoneInfo(event.timezone or "Europe/Berlin")
    return datetime.combine(day, start, zone), datetime.combine(day, end, zone)


def window_outside_campaign(event, starts_at, ends_at) -> bool:
    """True when a window lies (partly) outside the campaign's period."""
    return starts_at < event.starts_at or ends_at > event.ends_at


def add_window(station, starts_at, ends_at) -> TimeWindow:
    window = TimeWindow(station=station, starts_at=starts_at, ends_at=ends_at)
    db.session.add(window)
    db.session.commit()
    return window


def remove_window(window) -> None:
    db.session.delete(window)
    db.session.commit()


# -- taking feedback ---------------------------------------------------------------
def campaign_closed_reason(event, now=None):
    """None while the campaign takes feedback, else a message saying why not."""
    if event.status == EventStatus.CANCELLED:
        return _l("This campaign has been cancelled. Feedback can no longer be sent.")
    if event.status != EventStatus.PUBLISHED:
        return _l("This campaign has not been published yet.")
    if (now or utcnow()) >= event.ends_at:
        return _l("This campaign is over. Thank you for your interest!")
    return None


def station_closed_reason(event, station, now=None):
    """The campaign's reason, or that the box is not at this place now."""
    now = now or utcnow()
    reason = campaign_closed_reason(event, now)
    if reason is None and not station.is_open_at(now):
        return _l("The box is not at this place right now, so feedback cannot be sent here at the moment.")
    return reason


def paper_closed_reason(event):
    """Paper cards collected at the box may be typed in later, even after the
    box has left or the campaign has ended, but not for a cancelled or draft
    campaign."""
    if event.status == EventStatus.CANCELLED:
        return _l("This campaign has been cancelled. Feedback can no longer be sent.")
    if event.status != EventStatus.PUBLISHED:
        return _l("This campaign has not been published yet.")
    return None


def submit(event, station, *, topic, mood, text, language, source=PostSource.PHONE, approved=False,
           created_at=None) -> Post:
    """Store a post, or raise ``FeedbackClosed`` and store nothing.

    A post waits for a moderator when the campaign holds new posts for
    review, unless ``approved`` (a moderator typed in a paper card).
    """
    reason = paper_closed_reason(event) if source == PostSource.PAPER else station_closed_reason(event, station)
    if reason is not None:
        raise FeedbackClosed(str(reason))
    held = settings_of(event)["hold_for_review"] and not approved
    post = Post(event_id=event.id, station_id=station.id, topic=topic or OTHER_TOPIC, mood=mood,
                text=text.strip(), language=language, source=source,
                status=PostStatus.PENDING if held else PostStatus.APPROVED, created_at=created_at or utcnow())
    db.session.add(post)
    db.session.commit()
    return post


# -- moderation ----------------------------------------------------------------------
def approve(post, moderator) -> None:
    """Show a pending or hidden post; the log says who did it."""
    _moderate(post, PostStatus.APPROVED, moderator, "")


def hide(post, moderator, reason: str) -> None:
    """Hide a post from the public; it stays stored and the reason is logged."""
    _moderate(post, PostStatus.HIDDEN, moderator, reason.strip())


def _moderate(post, status, moderator, reason) -> None:
    post.status = status
    db.session.add(ModerationEntry(event_id=post.event_id, post_id=post.id, action=status, reason=reason,
                                   moderator_id=moderator.id if moderator else None))
    db.session.commit()


def status_counts(event) -> dict[str, int]:
    return status_counts_of([event])[event.id]


def status_counts_of(events) -> dict[int, dict[str, int]]:
    """``status_counts`` of many campaigns in one query."""
    counts = {event.id: {PostStatus.APPROVED: 0, PostStatus.PENDING: 0, PostStatus.HIDDEN: 0} for event in events}
    for event_id, status, number in db.session.execute(
            db.select(Post.event_id, Post.status, func.count(Post.id))
            .where(Post.event_id.in_(list(counts))).group_by(Post.event_id, Post.status)):
        counts[event_id][status] = number
    return counts


def approved_posts_of(events) -> dict[int, list[Post]]:
    """The approved posts of many campaigns, oldest first, in two queries (with their stations)."""
    return by_event(events, db.session.scalars(
        db.select(Post).where(Post.event_id.in_([event.id for event in events]), Post.status == PostStatus.APPROVED)
        .options(selectinload(Post.station)).order_by(Post.created_at, Post.id)))


def stations_of_events(events) -> dict[int, list[Station]]:
    """The stations of many campaigns in order, in one query (without their time windows)."""
    return by_event(events, db.session.scalars(
        db.select(Station).where(Station.event_id.in_([event.id for event in events]))
        .order_by(Station.event_id, Station.position, Station.id)))


def posts_of(event, status=None) -> list[Post]:
    query = db.select(Post).filter_by(event_id=event.id).options(selectinload(Post.station))
    if status:
        query = query.filter_by(status=status)
    return list(db.session.scalars(query.order_by(Post.created_at.desc(), Post.id.desc())))


def moderation_log(event) -> list[ModerationEntry]:
    return list(db.session.scalars(
        db.select(ModerationEntry).filter_by(event_id=event.id)
        .options(selectinload(ModerationEntry.post).selectinload(Post.station),
                 selectinload(ModerationEntry.moderator))
        .order_by(ModerationEntry.created_at.desc(), ModerationEntry.id.desc())
    ))


def pending_by_event(municipality) -> list[tuple[int, str, int]]:
    """``(event id, title, posts waiting for review)`` per campaign of the
    municipality that has any, in one query (the staff dashboard)."""
    from flask_babel import get_locale

    from dialogplatform.plugin_api import Event

    rows = db.session.execute(
        db.select(Event, func.count(Post.id)).join(Post, Post.event_id == Event.id)
        .where(Event.municipality_id == municipality.id, Post.status == PostStatus.PENDING)
        .group_by(Event.id).order_by(Event.starts_at, Event.id)).all()
    return [(event.id, event.title_in(str(get_locale())), count) for event, count in rows]


# -- duplicating ---------------------------------------------------------------
def copy_set_up(origin, copy) -> None:
    """The stations of ``origin`` for its duplicate (``duplicate_event``),
    each with a new short code (a poster of the old campaign must not lead
    to the new one) and its times moved like the event. Posts and the
    moderation log stay with ``origin``."""
    shift = copy.starts_at - origin.starts_at
    pairs = events.copy_rows(Station, origin, copy, ("name", "address", "latitude", "longitude", "position"),
                             code=lambda _station: new_code())
    copied = {station.id: station_copy.id for station, station_copy in pairs}
    windows = db.session.scalars(db.select(TimeWindow).where(TimeWindow.station_id.in_(list(copied)))).all()
    db.session.add_all([TimeWindow(station_id=copied[window.station_id], starts_at=window.starts_at + shift,
                                   ends_at=window.ends_at + shift) for window in windows])
