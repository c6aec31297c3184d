"""The rules of a women's dialogue, in one place for views, hooks, demo and tests."""
from operator import itemgetter

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, func, select
from sqlalchemy.orm import selectinload

from dialogplatform.plugin_api import (
    ACTIVE_STATUSES,
    Event,
    EventStatus,
    Membership,
    Registration,
    Role,
    User,
    audit,
    by_event,
    db,
    events,
    line_choices,
    lines_from,
    protection,
    utcnow,
)

from .models import KINDS, SOURCES, TOPIC_MAX, Contribution, Designation
from .suppression import Suppressed, effective_threshold, suppress_by_topic

KEY = "frauendialog"
RETENTION_DAYS = 30
DEFAULT_TOPICS = (
    "Kinderbetreuung\nDeutschkurse und Sprache\nArbeit und Ausbildung\nGesundheit\n"
    "Wohnen\nSicherheit im Alltag\nBegegnung und Freizeit"
)
KIND_LABELS = {"issue": _l("Issue"), "wish": _l("Wish"), "concern": _l("Concern")}


def settings_of(event) -> dict:
    """The event's settings with defaults; the threshold is never below 5
    nor below the instance's ``PROTECTED_MIN_COUNT``. ``topics`` is
    ``{language: lines}`` (an older plain string: the default language)."""
    settings = event.settings or {}
    retention = settings.get("retention_days")
    return {
        "topics": settings.get("topics") if settings.get("topics") is not None else DEFAULT_TOPICS,
        "threshold": protection.threshold(effective_threshold(settings.get("threshold"))),
        "retention_days": min(int(retention), RETENTION_DAYS) if retention else RETENTION_DAYS,
        "contributions_open": settings.get("contributions_open", True) is not False,
    }


def topics_of(event) -> list[str]:
    """The topics offered, as stored: the default language's lines (one
    topic, one value, whatever language it was chosen in)."""
    return [value for value, _label in topic_choices(event)]


def topic_choices(event, language: str | None = None) -> list:
    """(stored value, label in ``language``) of each topic."""
    default = event.municipality.default_language
    return line_choices(settings_of(event)["topics"], language or default, default,
                        lambda text: lines_from(text, TOPIC_MAX))


def topic_label_in(event, topic: str, language: str) -> str:
    """A stored topic in ``language`` (else as stored)."""
    return next((label for value, label in topic_choices(event, language) if value == topic), topic_label(topic))


def topic_label(topic: str) -> str:
    return topic or str(_l("Another topic"))


# -- who may see what --------------------------------------------------------
def is_designated(event, user) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return db.session.scalar(
        select(Designation.id).filter_by(event_id=event.id, user_id=user.id)) is not None


def may_see_participants(event, user) -> bool:
    """Organisers of the municipality (as the core decides for protected
    formats: not an instance admin as such), and moderators designated for
    this event (who must still be moderators there). Nobody else, ever."""
    if protection.may_see_names(event, user):
        return True
    return (getattr(user, "is_authenticated", False) and user.role_in(event.municipality) == Role.MODERATOR
            and is_designated(event, user))


def designated_users(event) -> list[User]:
    return list(db.session.scalars(
        select(User).join(Designation, Designation.user_id == User.id)
        .where(Designation.event_id == event.id).order_by(User.display_name, User.id)))


def moderator_choices(municipality) -> list[User]:
    """Staff who can be designated: the municipality's moderators (organisers
    and admins see the list anyway)."""
    return list(db.session.scalars(
        select(User).join(Membership, Membership.user_id == User.id)
        .where(Membership.municipality_id == municipality.id, Membership.role == Role.MODERATOR)
        .order_by(User.display_name, User.id)))


def set_designations(event, user_ids) -> None:
    """Replace the designated moderators; ids that are not moderators of the
    municipality are ignored."""
    allowed = {user.id for user in moderator_choices(event.municipality)}
    wanted = {int(user_id) for user_id in user_ids} & allowed
    current = set(db.session.scalars(select(Designation.user_id).filter_by(event_id=event.id)))
    if current - wanted:
        db.session.execute(delete(Designation).where(
            Designation.event_id == event.id, Designation.user_id.in_(current - wanted)))
    for user_id in sorted(wanted - current):
        db.session.add(Designation(event_id=event.id, user_id=user_id))
    db.session.commit()


def participants(event) -> list[Registration]:
    """Active sign-ups, by name (for organisers and designated moderators only)."""
    return list(db.session.scalars(
        select(Registration).where(Registration.event_id == event.id, Registration.status.in_(ACTIVE_STATUSES))
        .order_by(Registration.name, Registration.id)))


def answers_of(registration) -> dict:
    return (registration.answers or {}).get(KEY) or {}


# -- contributions -------------------------------------------------------------
def closed_reason(event, now=None):
    """None while the public form takes contributions, else why not."""
    if event.status == EventStatus.CANCELLED:
        return _l("The dialogue has been cancelled.")
    if event.status != EventStatus.PUBLISHED:
        return _l("Contributions can be sent once the dialogue is published.")
    if not settings_of(event)["contributions_open"]:
        return _l("Contributions are collected during the dialogue.")
    if (now or utcnow()) >= event.starts_at:
        return _l("The dialogue has started; contributions are now collected on site.")
    return None


def add_contribution(event, kind: str, topic: str, text: str, source: str) -> Contribution:
    """Store an anonymous contribution: no account, no address, no time."""
    if kind not in KINDS or source not in SOURCES:
        raise ValueError(kind)
    if topic and topic not in topics_of(event):
        topic = ""
    contribution = Contribution(event_id=event.id, kind=kind, topic=topic, text=text.strip(), source=source)
    db.session.add(contribution)
    db.session.commit()
    return contribution


def aggregate(event) -> Suppressed:
    """Contributions per topic (and kind), with small groups suppressed."""
    return aggregates([event])[event.id]


def aggregates(events) -> dict[int, Suppressed]:
    """``aggregate`` of many events (the process report) in one query."""
    rows = by_event(events, db.session.execute(
        select(Contribution.event_id, Contribution.topic, Contribution.kind, func.count(Contribution.id))
        .where(Contribution.event_id.in_([event.id for event in events]))
        .group_by(Contribution.event_id, Contribution.topic, Contribution.kind)), key=itemgetter(0))
    return {event.id: suppress_by_topic({(topic, kind): count for _id, topic, kind, count in rows[event.id]},
                                        settings_of(event)["threshold"])
            for event in events}


def contributions_of(event, result: Suppressed) -> dict[tuple[str, str], list[Contribution]]:
    """The contributions of the shown groups only (texts of small groups
    never leave the database), each group in the event's fixed order that
    does not follow the order in which they were given."""
    groups = {key: [] for key in result.keys}
    if not groups:
        return groups
    for contribution in db.session.scalars(select(Contribution).where(Contribution.event_id == event.id)):
        key = (contribution.topic, contribution.kind)
        if key not in groups:
            key = (contribution.topic, "")
        if key in groups:
            groups[key].append(contribution)
    return {key: protection.fixed_order(event, items) for key, items in groups.items()}


MODERATION_REASONS = {
    "identifying": _l("It could identify a person"),
    "offensive": _l("Insulting or hateful"),
    "off_topic": _l("Not a contribution to the dialogue"),
}


def contribution_by_handle(event, handle: str) -> Contribution | None:
    """A contribution of a shown group of ``event`` by its opaque handle
    (see ``protection.handle``): the only ones staff ever see."""
    for items in contributions_of(event, aggregate(event)).values():
        for contribution in items:
            if protection.handle(event, contribution.id) == handle:
                return contribution
    return None


def update_contribution(event, contribution: Contribution, kind: str, topic: str, text: str) -> None:
    """Correct a contribution (e.g. a typo made when typing it in on site).
    The audit log keeps who and the event: no text, no contribution id."""
    if kind not in KINDS:
        raise ValueError(kind)
    contribution.kind = kind
    contribution.topic = topic if topic in topics_of(event) else ""
    contribution.text = text.strip()
    audit.record(f"{KEY}.contribution_changed", event.municipality, event)
    db.session.commit()


def moderate(event, contribution: Contribution, action: str, reason: str, text: str = "") -> None:
    """Hide (still counted, text shown to nobody), redact (the text replaced
    by the moderator's shortened version) or delete a contribution. The
    audit log keeps who, the event, the action and the reason: no text."""
    if reason not in MODERATION_REASONS:
        raise ValueError(reason)
    if action == "hide":
        contribution.hidden = True
    elif action == "redact" and text.strip():
        contribution.text = text.strip()
    elif action == "delete":
        db.session.delete(contribution)
    else:
        raise ValueError(action)
    audit.record(f"{KEY}.contribution_{action}", event.municipality, event, reason=reason)
    db.session.commit()


# -- data protection --------------------------------------------------------------
def anonymise_event(event) -> None:
    """Drop the women's statements and interpreter wishes kept with the sign-ups.

    Contributions are anonymous and the evaluation does not use the answers,
    so every figure stays the same. Designations are staff links and stay.
    """
    for registration in db.session.scalars(select(Registration).filter_by(event_id=event.id)):
        answers = dict(registration.answers or {})
        if KEY in answers:
            answers.pop(KEY)
            registration.answers = answers


def privacy_export(user) -> dict | None:
    rows = db.session.scalars(
        select(Designation).filter_by(user_id=user.id).order_by(Designation.id)
        .options(selectinload(Designation.event).selectinload(Event.municipality))).all()
    if not rows:
        return None
    return {"designated_moderator_for": [
        {"event_id": row.event_id, "event": row.event.title_in(row.event.municipality.default_language),
         "municipality": row.event.municipality.slug,
         "since": row.created_at.isoformat() if row.created_at else None}
        for row in rows]}


def privacy_erase(user) -> None:
    db.session.execute(delete(Designation).where(Designation.user_id == user.id))


# -- duplicating ---------------------------------------------------------------
def copy_set_up(origin, copy) -> None:
    """The designated moderators of ``origin`` (those still moderators here)
    for its duplicate (``duplicate_event``); the topics are settings, which
    the core copies. Contributions and sign-ups stay with ``origin``."""
    allowed = [user.id for user in moderator_choices(copy.municipality)]
    events.copy_rows(Designation, origin, copy, ("user_id",), Designation.user_id.in_(allowed))
