"""Sign-up rules: confirm, hold, waitlist, cancel, promote. Every rule lives here.

Capacity counts people (a registration plus its accompanying persons).
Seats are held by confirmed registrations and by pending ones whose hold
has not run out. Every seat decision happens inside ``lock_event`` so that
no event is ever overbooked, whatever arrives at the same time; a sign-up
checks the form and looks for earlier sign-ups before it takes the lock,
and its mail is queued as a reference that the sender renders, so that the
lock is held for one count and the inserts.
"""
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass, field
from datetime import timedelta

from flask import current_app
from sqlalchemy import bindparam, case, func, or_
from sqlalchemy.exc import IntegrityError, NoResultFound
from sqlalchemy.orm import joinedload

from ..extensions import db
from ..inputs import id_from
from ..links import external_url
from ..models import Consent, Event, EventStatus, Registration, RegistrationSource, RegistrationStatus
from ..models.registrations import ACTIVE_STATUSES
from ..models.types import utcnow
from ..plugin_system.enabling import plugin_manager
from ..plugin_system.manager import RuleFailed
from . import calendar, outbox, publication
from .locking import lock_event, lock_loaded_event

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


def _link_token(registration: Registration, purpose: str, nonce: str) -> str:
    key = current_app.config["SECRET_KEY"].encode()
    digest = hmac.new(key, f"{purpose}:{registration.id}:{nonce}".encode(), hashlib.sha256).hexdigest()[:40]
    return f"{registration.id}-{digest}"


def _registration_by_token(token: str, make) -> Registration | None:
    registration_id, _, digest = (token or "").partition("-")
    registration_id = id_from(registration_id)
    if registration_id is None or not _HEX.fullmatch(digest):
        return None
    registration = db.session.get(Registration, registration_id)
    expected = make(registration) if registration is not None else None
    if expected is None or not hmac.compare_digest(expected, token):
        return None
    return registration


def personal_token(registration: Registration) -> str:
    """The secret of the personal link (view / cancel without an account)."""
    return _link_token(registration, "registration", registration.token_nonce)


def registration_for_token(token: str) -> Registration | None:
    return _registration_by_token(token, personal_token)


def confirmation_token(registration: Registration) -> str | None:
    """The secret of the confirmation link (double opt-in). It is sent only
    in the mail, never shown on a page; ``None`` once used or released."""
    if not registration.confirm_nonce:
        return None
    return _link_token(registration, "confirm", registration.confirm_nonce)


def _confirmation_open(registration: Registration) -> bool:
    return (registration.confirm_nonce is not None and registration.is_active
            and registration.email_confirmed_at is None and registration.confirm_expires_at is not None
            and registration.confirm_expires_at > utcnow())


def registration_for_confirmation(token: str) -> Registration | None:
    """The registration a confirmation link may still confirm, else None."""
    registration = _registration_by_token(token, confirmation_token)
    return registration if registration is not None and _confirmation_open(registration) else None


def masked_address(email: str) -> str:
    """``amal@example.org`` -> ``a•••@example.org``: enough to recognise
    one's own address, too little to learn someone else's."""
    local, _, domain = email.partition("@")
    return f"{local[:1]}•••@{domain}"


# -- counting ------------------------------------------------------------
def _holds_seat(now):
    return or_(
        Registration.status == S.CONFIRMED,
        (Registration.status == S.PENDING) & (Registration.hold_expires_at > now),
    )


def seats_held(now):
    """The seats a registration holds (its party, or none), to sum over
    any grouping of registrations."""
    return case((_holds_seat(now), 1 + Registration.companions), else_=0)


# Built once: the count runs under the event's lock, where building the
# statement anew would cost more than the database takes to answer it.
_SEATS_TAKEN = (db.select(func.coalesce(func.sum(1 + Registration.companions), 0))
                .where(Registration.event_id == bindparam("event_id"), _holds_seat(bindparam("now"))))


def seats_taken(event_id: int) -> int:
    return db.session.scalar(_SEATS_TAKEN, {"event_id": event_id, "now": utcnow()})


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
    """The format's own rules (e.g. women only). A rule that cannot answer
    refuses: a crash must never let someone in."""
    from flask_babel import gettext as _

    try:
        reasons = plugin_manager().decide("can_register", event.format_key, event=event, person=person)
    except RuleFailed:
        raise SignupRefused(_("Sign-up is not possible at the moment because a check of this dialogue failed. "
                              "Please try again later or contact the organisers.")) from None
    for reason in reasons:
        if reason:
            raise SignupRefused(str(reason))


def register(event_id: int, person: Person, answers: dict | None = None, *, source=RegistrationSource.SELF,
             submission_key: str | None = None, created_by=None, privacy_version: int | None = None):
    """Sign ``person`` up. Returns ``(registration, created)``; a repeated
    submission returns the existing registration with ``created`` False."""
    outcome = _register(event_id, person, answers, source=source, submission_key=submission_key,
                        created_by=created_by, privacy_version=privacy_version)
    return outcome.registration, outcome.kind == "created"


def sign_up(event_id: int, person: Person, answers: dict | None = None, *, submission_key: str | None = None,
            privacy_version: int | None = None) -> str:
    """The public form: sign ``person`` up and return the status that whoever
    sent the form may be told.

    Whoever sends the form need not own the address, so the answer tells
    them nothing about an existing sign-up: for an address that already
    holds one, it is the status a newcomer would get now, nothing is changed,
    and the owner gets their personal link by mail. Only account holders
    with a confirmed address see their real status."""
    outcome = _register(event_id, person, answers, submission_key=submission_key,
                        privacy_version=privacy_version)
    return outcome.shown_status


@dataclass
class _Outcome:
    registration: Registration
    kind: str  # "created", "same_form" (sent twice) or "repeat" (address already signed up)
    shown_status: str


def _register(event_id, person, answers, *, source=RegistrationSource.SELF, submission_key=None, created_by=None,
              privacy_version=None, _retried=False) -> _Outcome:
    """Check the form and look for an earlier sign-up before taking the
    event's lock. A first sign-up of an address writes its rows before the
    lock too (nobody sees them before the commit), placed as if a seat were
    free; under the lock only the seat count, a correction when the seats
    ran out, and the commit remain. A new address needs no second look
    under the lock: the unique keys on (event, address) and (event,
    submission key) refuse a double insert, and the retry then finds the
    row stored first."""
    try:
        event = _event(event_id)
        _check(event, person, answers, source)
        found = _Found.look_up(event, person, submission_key)
        if found.same_form is not None and found.same_form.is_active:
            db.session.rollback()
            return _Outcome(found.same_form, "same_form", found.same_form.status)
        if found.same_address is None and found.same_form is None:  # the common case
            registration = Registration(event_id=event.id)
            _fill(registration, person, answers or {}, source, found.key_for(registration), created_by)
            _place(event, registration, taken=0)
            message = _store(event, registration, privacy_version)
            db.session.flush()
            event = lock_loaded_event(event, _DECISION)
            _check_open(event, source)  # cancelled in the meantime?
            _confirm_place(event, registration, message)
        else:  # an earlier sign-up of this address or form: look again under the lock
            event = lock_loaded_event(event, _DECISION)
            _check_open(event, source)
            found = _Found.look_up(event, person, submission_key)
            if found.same_address is not None and found.same_address.is_active:
                return _repeat(event, found.same_address, person, source)
            registration = found.same_address or found.same_form or Registration(event_id=event.id)
            _fill(registration, person, answers or {}, source, found.key_for(registration), created_by)
            _place(event, registration, seats_taken(event.id))
            _store(event, registration, privacy_version)
        db.session.commit()
    except IntegrityError:
        # Another sign-up stored the same key or address first (outside the
        # event's lock): decide once more, now that it is there to be found.
        db.session.rollback()
        if _retried:
            raise
        return _register(event_id, person, answers, source=source, submission_key=submission_key,
                         created_by=created_by, privacy_version=privacy_version, _retried=True)
    except BaseException:
        db.session.rollback()
        raise
    return _Outcome(registration, "created", registration.status)


def _store(event: Event, registration: Registration, privacy_version: int | None):
    """Add the sign-up, its consent and its mail; return the mail (None without an address)."""
    db.session.add(registration)
    if privacy_version is not None:
        db.session.add(Consent(municipality_id=event.municipality_id, registration=registration,
                               user_id=registration.user_id, privacy_version=privacy_version))
    return _mail_after_signup(event, registration)


def _confirm_place(event: Event, registration: Registration, message) -> None:
    """Under the event's lock: the place given before it stands while the
    party still fits beside everyone else's seats; otherwise the sign-up
    goes to the waiting list, and so does its mail."""
    held = registration.party_size if registration.status in (S.CONFIRMED, S.PENDING) else 0
    others = None if event.capacity is None else seats_taken(event.id) - held
    if held and (others is None or registration.party_size <= event.capacity - others):
        return
    _place(event, registration, others)  # also when the capacity was lifted meanwhile
    if message is not None:
        message.template = _signup_template(registration)


# What the decision reads under the event's lock: the rules of ``_check_open``,
# the capacity, and the ids the new rows refer to.
_DECISION = ("id", "municipality_id", "status", "registration_opens_at", "registration_closes_at", "starts_at",
             "capacity")


def _event(event_id: int) -> Event:
    """The event as this transaction sees it (the page has usually read it
    already); ``lock_event`` reads it again before the decision."""
    event = db.session.get(Event, event_id)
    if event is None:
        raise NoResultFound(f"no event {event_id}")
    return event


def _check(event: Event, person: Person, answers, source) -> None:
    """The rules that need no lock: sign-up open, party size, the format's rules."""
    from flask_babel import gettext as _

    _check_open(event, source)
    if person.companions > (event.max_companions or 0):
        raise SignupRefused(_("At most %(count)d accompanying persons are possible.",
                              count=event.max_companions or 0), field="companions")
    person.answers = dict((answers or {}).get(event.format_key, {}))
    _check_format_rules(event, person)


@dataclass
class _Found:
    """An earlier sign-up sent with the same form (submission key) and one of the same address."""

    same_form: Registration | None
    same_address: Registration | None
    submission_key: str | None

    @classmethod
    def look_up(cls, event: Event, person: Person, submission_key: str | None) -> "_Found":
        same_form = _by_submission_key(event, submission_key)
        if same_form is not None and not _same_person(same_form, person):
            # Another person on the same device sent the same form: their own sign-up.
            same_form, submission_key = None, None
        return cls(same_form, _by_email(event, person.email), submission_key)

    def key_for(self, registration: Registration) -> str | None:
        """The key stays with the other (inactive) row when the address's row is reused."""
        return None if self.same_form is not None and self.same_form is not registration else self.submission_key


def _repeat(event: Event, registration: Registration, person: Person, source) -> _Outcome:
    """The address already holds a sign-up: change nothing, mail its owner
    the personal link, and answer as a first sign-up would be answered
    (comparable work, so that the time taken tells nothing either). Only an
    account holder who has proven the address gets the sign-up into the
    account, confirmed, and sees its real status."""
    left = seats_left(event)
    known = _address_known(person, source)
    template = "signup_repeat"
    if known and person.user is not None:
        registration.user_id = registration.user_id or person.user.id
        if registration.email_confirmed_at is None and _address_confirmed(registration):
            template = "signup_confirmed"
    if known:
        shown = registration.status
    elif left is not None and 1 + person.companions > left:
        shown = S.WAITLISTED
    else:
        shown = S.PENDING
    if source == RegistrationSource.SELF:  # staff at the door need not mail anyone
        # No calendar file in the repeat mail: building it would take longer
        # exactly when the address holds a confirmed seat.
        _mail(event, registration, template, with_calendar=template != "signup_repeat")
    db.session.commit()
    return _Outcome(registration, "repeat", shown)


_BY_SUBMISSION_KEY = db.select(Registration).where(Registration.event_id == bindparam("event_id"),
                                                   Registration.submission_key == bindparam("key"))
_BY_EMAIL = db.select(Registration).where(Registration.event_id == bindparam("event_id"),
                                          Registration.email == bindparam("email"))


def _by_submission_key(event: Event, submission_key: str | None) -> Registration | None:
    if not submission_key or event is None:
        return None
    return db.session.scalar(_BY_SUBMISSION_KEY, {"event_id": event.id, "key": submission_key})


def _by_email(event: Event, email: str | None) -> Registration | None:
    if not email or event is None:
        return None
    return db.session.scalar(_BY_EMAIL, {"event_id": event.id, "email": email})


def _same_person(registration: Registration, person: Person) -> bool:
    """Whether a form sent again with the same submission key is the same
    person's (a double click) rather than the next person's on a shared device."""
    if registration.email or person.email:
        return (registration.email or "") == (person.email or "")
    return registration.name.strip().casefold() == person.name.strip().casefold()


def _address_known(person: Person, source) -> bool:
    """The address is known to be theirs when they are logged in with a
    confirmed account, or when staff enter it on their behalf."""
    return (person.user is not None and person.user.confirmed and person.user.email == person.email) \
        or source != RegistrationSource.SELF or not person.email


def _fill(registration, person: Person, answers, source, submission_key, created_by) -> None:
    registration.token_nonce = secrets.token_hex(16)
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
    registration.confirm_nonce = registration.confirm_expires_at = None
    registration.email_confirmed_at = utcnow() if _address_known(person, source) else None


def _hold_duration() -> timedelta:
    return timedelta(hours=current_app.config.get("SIGNUP_HOLD_HOURS", 24))


def _place(event: Event, registration: Registration, taken: int | None = None) -> None:
    """Give seats if they are free, else a place on the waiting list."""
    left = seats_left(event, taken)
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
        registration.confirmed_at = registration.hold_expires_at = None
    _ask_for_confirmation(registration)


def _ask_for_confirmation(registration: Registration) -> None:
    """An unconfirmed address gets a fresh confirmation link with every new
    hold (on the waiting list once, valid as long as a hold would be)."""
    if registration.email_confirmed_at is not None or not registration.email:
        registration.confirm_nonce = registration.confirm_expires_at = None
    elif registration.status == S.PENDING or registration.confirm_nonce is None:
        registration.confirm_nonce = secrets.token_hex(16)
        registration.confirm_expires_at = registration.hold_expires_at or utcnow() + _hold_duration()


def confirm_signup(token: str) -> Registration | None:
    """Double opt-in: the guest opened the confirmation link from the mail.
    A held seat becomes confirmed; on the waiting list the address counts as
    confirmed. The link works once and only until the hold ends; otherwise
    nothing changes and the answer is None."""
    registration = registration_for_confirmation(token)
    if registration is None:
        return None
    event = lock_event(registration.event_id)
    registration = db.session.get(Registration, registration.id, populate_existing=True)
    if not hmac.compare_digest(confirmation_token(registration) or "", token) or not _confirmation_open(registration):
        db.session.rollback()
        return None
    if _address_confirmed(registration):
        _mail(event, registration, "signup_confirmed")
    db.session.commit()
    return registration


def _address_confirmed(registration: Registration) -> bool:
    """The address is proven to be the owner's; a seat still held becomes
    confirmed (True). Inside the event's lock."""
    now = utcnow()
    registration.email_confirmed_at = now
    registration.confirm_nonce = registration.confirm_expires_at = None
    if registration.status != S.PENDING or registration.hold_expires_at <= now:
        return False
    registration.status = S.CONFIRMED
    registration.confirmed_at = now
    registration.hold_expires_at = None
    return True


def cancel(registration_id: int, *, notify: bool = True) -> Registration:
    """Cancel a sign-up (by the person or by staff) and, with ``notify``,
    tell them in their language. Erasure cancels without a mail."""
    registration = db.session.get(Registration, registration_id)
    event = lock_event(registration.event_id)
    registration = db.session.get(Registration, registration_id, populate_existing=True)
    if registration.is_active:
        registration.status = S.CANCELLED
        registration.cancelled_at = utcnow()
        registration.hold_expires_at = None
        registration.confirm_nonce = registration.confirm_expires_at = None
        _promote(event)
        # Once: a second cancel finds the sign-up inactive and sends nothing.
        if notify:
            _mail(event, registration, "signup_cancelled", with_calendar=False)
    db.session.commit()
    return registration


def _release(registration) -> None:
    registration.status = S.EXPIRED
    registration.hold_expires_at = None
    registration.confirm_nonce = registration.confirm_expires_at = None


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
    return external_url("registration.manage", municipality_slug=registration.event.municipality.slug,
                        token=personal_token(registration), **_language_query(registration))


def _language_query(registration: Registration) -> dict:
    """``?lang=`` for the links in a mail: they open in the sign-up's language."""
    return {"lang": registration.language} if registration.language in current_app.config["LANGUAGES"] else {}


def _signup_template(registration) -> str:
    if registration.status == S.PENDING:
        return "signup_pending"
    if registration.status == S.WAITLISTED:
        return "signup_waitlisted"
    return "signup_confirmed"


def _mail_after_signup(event, registration):
    return _mail(event, registration, _signup_template(registration))


def _to_tell(event: Event):
    return (db.select(Registration).where(Registration.event_id == event.id,
                                          Registration.status.in_(ACTIVE_STATUSES),
                                          Registration.email.is_not(None), Registration.email != "")
            .order_by(Registration.id))


def mail_recipients(event: Event) -> int:
    """How many sign-ups ``mail_registrants`` would write to."""
    return db.session.scalar(db.select(func.count()).select_from(_to_tell(event).order_by(None).subquery()))


def mail_registrants(event: Event, template: str, **extra) -> int:
    """Queue ``template`` to everyone signed up (holding or waiting for a
    seat) in their language, with the personal link and, once they have a
    seat, the event's calendar entry as it is now. The caller commits."""
    registrations = db.session.scalars(_to_tell(event)).all()
    for registration in registrations:
        _mail(event, registration, template, **extra)
    return len(registrations)


def _mail(event, registration, template, *, with_calendar=True, **extra):
    """Queue a mail about ``registration`` as a reference (returned; None
    without an address); the sender renders it (``mail_context``). ``extra``
    goes to the template: JSON, no personal data."""
    if not registration.email:
        return None
    return outbox.queue_reference(registration.email, template, registration.language, event=event,
                           registration=registration, calendar=with_calendar, **extra)


def mail_context(registration_id: int | None, params: dict) -> tuple[dict, tuple | None] | None:
    """What a mail queued by ``_mail`` is rendered from when the sender takes
    it, as the sign-up is then: the template's context (in the language they
    signed up in, with the personal link and the confirmation link while it
    is open) and, once they have a seat, the ICS file. None when the sign-up
    was erased in the meantime: the mail is withdrawn."""
    registration = db.session.get(Registration, registration_id, populate_existing=True,
                                  options=[joinedload(Registration.event).joinedload(Event.municipality)]) \
        if registration_id else None
    if registration is None or registration.anonymised_at is not None or not registration.email:
        return None
    event = registration.event
    extra = {name: value for name, value in params.items() if name != "calendar"}
    attachment = None
    if params.get("calendar") and registration.status == S.CONFIRMED:
        attachment = ("dialog.ics", "text/calendar", calendar.event_ics(
            event, registration.language, with_address=publication.participant_sees_address(event, registration)))
    confirm_link = None
    if _confirmation_open(registration):
        confirm_link = external_url("municipality.confirm_signup", municipality_slug=event.municipality.slug,
                                    token=confirmation_token(registration), **_language_query(registration))
    context = {"event": event, "registration": registration, "link": manage_url(registration),
               "confirm_link": confirm_link, "position": waitlist_position(registration), **extra}
    return context, attachment
