"""Sign-up rules: confirm, hold, waitlist, cancel, promote. Every rule lives here.

Capacity counts people (a registration plus its accompanying persons).
Seats are held by confirmed registrations and by pending ones whose hold
has not run out. Every decision happens inside ``lock_event`` so that no
event is ever overbooked, whatever arrives at the same time.
"""
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass, field
from datetime import timedelta

from flask import current_app, url_for
from sqlalchemy import func, or_
from sqlalchemy.exc import IntegrityError

from ..extensions import db
from ..inputs import id_from
from ..models import Consent, Event, EventStatus, Registration, RegistrationSource, RegistrationStatus
from ..models.types import utcnow
from ..plugin_system.enabling import plugin_manager
from . import calendar, outbox
from .locking import lock_event

S = RegistrationStatus
_HEX = re.compile(r"[0-9a-f]{40}")  # the digest of a personal link


class SignupRefused(Exception):
    """The sign-up is not possible; ``reason`` is a message for the person."""

    def __init__(self, reason: str, field: str | None = None):
        super().__init__(reason)
        self.reason = reason
        self.field = field


@dataclass
class Person:
    """Who signs up and what they need (the form's data)."""

    name: str
    email: str | None = None
    phone: str = ""
    companions: int = 0
    language: str = "de"
    interpreter_language: str = ""
    childcare_count: int = 0
    childcare_ages: str = ""
    accessibility: list = field(default_factory=list)
    accessibility_other: str = ""
    note: str = ""
    user: object = None  # a logged-in account, if any
    # The answers to this event's format fields (set by ``register`` before
    # the format's ``can_register`` hook sees the person).
    answers: dict = field(default_factory=dict)


def personal_token(registration: Registration) -> str:
    """The secret of the personal link (view / cancel without an account)."""
    key = current_app.config["SECRET_KEY"].encode()
    digest = hmac.new(key, f"registration:{registration.id}:{registration.token_nonce}".encode(),
                      hashlib.sha256).hexdigest()[:40]
    return f"{registration.id}-{digest}"


def registration_for_token(token: str) -> Registration | None:
    registration_id, _, digest = (token or "").partition("-")
    registration_id = id_from(registration_id)
    if registration_id is None or not _HEX.fullmatch(digest):
        return None
    registration = db.session.get(Registration, registration_id)
    if registration is None or not hmac.compare_digest(personal_token(registration), token):
        return None
    return registration


# -- counting ------------------------------------------------------------
def _holds_seat(now):
    return or_(
        Registration.status == S.CONFIRMED,
        (Registration.status == S.PENDING) & (Registration.hold_expires_at > now),
    )


def seats_taken(event_id: int) -> int:
    now = utcnow()
    return db.session.scalar(
        db.select(func.coalesce(func.sum(1 + Registration.companions), 0))
        .where(Registration.event_id == event_id, _holds_seat(now))
    )


def seats_taken_by_event(event_ids) -> dict[int, int]:
    """Seats taken for many events in one query (for lists)."""
    if not event_ids:
        return {}
    now = utcnow()
    rows = db.session.execute(
        db.select(Registration.event_id, func.sum(1 + Registration.companions))
        .where(Registration.event_id.in_(event_ids), _holds_seat(now))
        .group_by(Registration.event_id)
    )
    return {event_id: int(total) for event_id, total in rows}


def seats_left(event: Event, taken: int | None = None) -> int | None:
    if event.capacity is None:
        return None
    taken = seats_taken(event.id) if taken is None else taken
    return max(event.capacity - taken, 0)


def waitlist_position(registration: Registration) -> int | None:
    if registration.status != S.WAITLISTED:
        return None
    return db.session.scalar(
        db.select(func.count()).select_from(Registration).where(
            Registration.event_id == registration.event_id,
            Registration.status == S.WAITLISTED,
            Registration.id <= registration.id,
        )
    )


# -- rules ---------------------------------------------------------------
def registration_state(event: Event, now=None) -> str | None:
    """None when sign-up is open, else why not: "cancelled", "not_open",
    "closed", "unpublished"."""
    now = now or utcnow()
    if event.status == EventStatus.CANCELLED:
        return "cancelled"
    if event.status != EventStatus.PUBLISHED:
        return "unpublished"
    if event.registration_opens_at and now < event.registration_opens_at:
        return "not_open"
    closes = event.registration_closes_at or event.starts_at
    if now >= closes:
        return "closed"
    return None


def _check_open(event: Event, source: str) -> None:
    from flask_babel import gettext as _

    state = registration_state(event)
    if source == RegistrationSource.WALK_IN and state in ("closed", None) and event.status == EventStatus.PUBLISHED:
        return  # at the door, sign-up closes only when the event is cancelled
    messages = {
        "cancelled": _("This event has been cancelled."),
        "unpublished": _("This event is not open for sign-up."),
        "not_open": _("Sign-up has not opened yet."),
        "closed": _("Sign-up for this event has closed."),
    }
    if state:
        raise SignupRefused(messages[state])


def _check_format_rules(event: Event, person: Person) -> None:
    results, _failures = plugin_manager().call_each(
        "can_register", keys={event.format_key}, event=event, person=person)
    for _key, reason in results:
        if reason:
            raise SignupRefused(str(reason))


def register(event_id: int, person: Person, answers: dict | None = None, *, source=RegistrationSource.SELF,
             submission_key: str | None = None, created_by=None, privacy_version: int | None = None):
    """Sign ``person`` up. Returns ``(registration, created)``; a repeated
    submission returns the existing registration with ``created`` False."""
    from flask_babel import gettext as _

    event = lock_event(event_id)
    try:
        _check_open(event, source)
        if person.companions > (event.max_companions or 0):
            raise SignupRefused(_("At most %(count)d accompanying persons are possible.",
                                  count=event.max_companions or 0), field="companions")
        person.answers = dict((answers or {}).get(event.format_key, {}))
        _check_format_rules(event, person)
        existing = _existing(event, person, submission_key)
        if existing is not None and existing.is_active:
            db.session.rollback()
            return existing, False
        registration = existing or Registration(event=event)
        registration.token_nonce = secrets.token_hex(16)
        _fill(registration, person, answers or {}, source, submission_key, created_by)
        _place(event, registration)
        if existing is None:
            db.session.add(registration)
        db.session.flush()
        if privacy_version is not None:
            db.session.add(Consent(municipality_id=event.municipality_id, registration_id=registration.id,
                                   user_id=person.user.id if person.user else None,
                                   privacy_version=privacy_version))
        _mail_after_signup(event, registration)
        db.session.commit()
    except IntegrityError:
        # Two identical submissions raced past the check: the first one won.
        db.session.rollback()
        existing = _existing(db.session.get(Event, event_id), person, submission_key)
        if existing is None:
            raise
        return existing, False
    except BaseException:
        db.session.rollback()
        raise
    return registration, True


def _existing(event: Event, person: Person, submission_key: str | None) -> Registration | None:
    conditions = []
    if person.email:
        conditions.append(Registration.email == person.email)
    if submission_key:
        conditions.append(Registration.submission_key == submission_key)
    if not conditions:
        return None
    return db.session.scalar(
        db.select(Registration).where(Registration.event_id == event.id, or_(*conditions)).limit(1))


def _fill(registration, person: Person, answers, source, submission_key, created_by) -> None:
    registration.user_id = person.user.id if person.user else None
    registration.email = person.email or None
    for name in ("name", "phone", "companions", "language", "interpreter_language", "childcare_count",
                 "childcare_ages", "accessibility", "accessibility_other", "note"):
        setattr(registration, name, getattr(person, name))
    registration.answers = answers
    registration.source = source
    registration.submission_key = submission_key
    registration.created_by_id = created_by.id if created_by else None
    registration.created_at = utcnow()
    registration.cancelled_at = registration.checked_in_at = registration.reminded_at = None
    # The address is known to be theirs when they are logged in with a
    # confirmed account, or when staff enter it on their behalf.
    trusted = (person.user is not None and person.user.confirmed and person.user.email == person.email) \
        or source != RegistrationSource.SELF or not person.email
    registration.email_confirmed_at = utcnow() if trusted else None


def _hold_duration() -> timedelta:
    return timedelta(hours=current_app.config.get("SIGNUP_HOLD_HOURS", 24))


def _place(event: Event, registration: Registration) -> None:
    """Give seats if they are free, else a place on the waiting list."""
    left = seats_left(event)
    if left is None or registration.party_size <= left:
        if registration.email_confirmed_at:
            registration.status = S.CONFIRMED
            registration.confirmed_at = utcnow()
            registration.hold_expires_at = None
        else:
            registration.status = S.PENDING
            registration.hold_expires_at = utcnow() + _hold_duration()
    else:
        registration.status = S.WAITLISTED
        registration.hold_expires_at = None


def confirm_email(token: str) -> Registration:
    """Double opt-in: the guest opened the link. Pending becomes confirmed;
    an expired hold tries again for a seat (or the waiting list)."""
    registration = registration_for_token(token)
    if registration is None:
        raise LookupError(token)
    event = lock_event(registration.event_id)
    registration = db.session.get(Registration, registration.id, populate_existing=True)
    if registration.email_confirmed_at is None:
        registration.email_confirmed_at = utcnow()
    if registration.status == S.PENDING or registration.status == S.EXPIRED:
        held = registration.status == S.PENDING and registration.hold_expires_at > utcnow()
        if held:
            registration.status = S.CONFIRMED
            registration.confirmed_at = utcnow()
            registration.hold_expires_at = None
        else:
            _release(registration)
            _place(event, registration)
        _mail(event, registration, "signup_confirmed" if registration.status == S.CONFIRMED else "signup_waitlisted")
    db.session.commit()
    return registration


def cancel(registration_id: int) -> Registration:
    registration = db.session.get(Registration, registration_id)
    event = lock_event(registration.event_id)
    registration = db.session.get(Registration, registration_id, populate_existing=True)
    if registration.is_active:
        registration.status = S.CANCELLED
        registration.cancelled_at = utcnow()
        registration.hold_expires_at = None
        _promote(event)
    db.session.commit()
    return registration


def _release(registration) -> None:
    registration.status = S.EXPIRED
    registration.hold_expires_at = None


def _promote(event: Event) -> list[Registration]:
    """Move people up from the waiting list, first come first served, while
    their whole party fits. Called inside the event's lock."""
    promoted = []
    left = seats_left(event)
    waiting = db.session.scalars(
        db.select(Registration).filter_by(event_id=event.id, status=S.WAITLISTED).order_by(Registration.id)
    ).all()
    for registration in waiting:
        if left is not None and registration.party_size > left:
            break  # strict order: nobody jumps the queue
        _place(event, registration)
        if registration.status == S.WAITLISTED:
            break
        db.session.flush()
        left = seats_left(event)
        promoted.append(registration)
        _mail(event, registration, "signup_promoted")
    return promoted


def expire_holds(event_id: int | None = None) -> int:
    """Release pending holds that ran out and promote from the waiting list.
    Idempotent; run by cron through ``dialogplatform expire-holds``."""
    query = db.select(Registration.event_id).where(
        Registration.status == S.PENDING, Registration.hold_expires_at <= utcnow()).distinct()
    if event_id is not None:
        query = query.where(Registration.event_id == event_id)
    released = 0
    for eid in db.session.scalars(query).all():
        event = lock_event(eid)
        expired = db.session.scalars(db.select(Registration).where(
            Registration.event_id == eid, Registration.status == S.PENDING,
            Registration.hold_expires_at <= utcnow())).all()
        for registration in expired:
            _release(registration)
            released += 1
        db.session.flush()
        _promote(event)
        db.session.commit()
    return released


def change_capacity(event_id: int, capacity: int | None) -> None:
    """Raising capacity promotes from the waiting list; lowering it never
    removes anyone confirmed (they simply fill the smaller room)."""
    event = lock_event(event_id)
    event.capacity = capacity
    db.session.flush()
    _promote(event)
    db.session.commit()


def check_in(registration: Registration, attended: bool = True) -> None:
    registration.checked_in_at = utcnow() if attended else None
    db.session.commit()


# -- mail ----------------------------------------------------------------
def manage_url(registration: Registration) -> str:
    return url_for("registration.manage", municipality_slug=registration.event.municipality.slug,
                   token=personal_token(registration), _external=True)


def _mail_after_signup(event, registration) -> None:
    if not registration.email:
        return
    if registration.status == S.PENDING:
        template = "signup_pending"
    elif registration.status == S.WAITLISTED:
        template = "signup_waitlisted"
    else:
        template = "signup_confirmed"
    _mail(event, registration, template)


def _mail(event, registration, template, **extra) -> None:
    """Queue a mail about ``registration`` in the language they signed up in,
    with the personal link and, once they have a seat, the ICS file."""
    if not registration.email:
        return
    attachment = None
    if registration.status == S.CONFIRMED:
        attachment = ("dialog.ics", "text/calendar", calendar.event_ics(event, registration.language))
    outbox.queue(
        registration.email, template, registration.language, attachment=attachment,
        event=event, registration=registration, link=manage_url(registration),
        position=waitlist_position(registration), **extra,
    )
