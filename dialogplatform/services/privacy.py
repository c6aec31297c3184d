"""DSGVO: what is stored about a person, its export, deletion and retention.

Anonymising a registration keeps the row (status, party size, language and
needs counts) so that participation figures and evaluations stay correct,
and removes everything that identifies the person.
"""
import logging
import secrets
from datetime import timedelta

from flask import current_app, g, has_app_context
from sqlalchemy import event as sa_event

from ..extensions import db
from ..models import (
    Consent,
    Event,
    MailState,
    Membership,
    Municipality,
    OutboxMessage,
    Registration,
    RegistrationStatus,
    User,
)
from ..models.types import utcnow
from ..plugin_system.enabling import plugin_manager
from . import protection, signups

log = logging.getLogger(__name__)
ANONYMOUS = "–"
RECENT_WINDOW_DAYS = 30


def _registration_data(registration: Registration) -> dict:
    event = registration.event
    return {
        "event": event.title_in(registration.language), "municipality": event.municipality.name,
        "starts_at": event.starts_at.isoformat(), "status": registration.status,
        "name": registration.name, "email": registration.email, "phone": registration.phone,
        "accompanying_persons": registration.companions, "language": registration.language,
        "interpreter": registration.interpreter_language, "childcare_count": registration.childcare_count,
        "childcare_ages": registration.childcare_ages, "accessibility": list(registration.accessibility or []),
        "accessibility_other": registration.accessibility_other, "note": registration.note,
        "answers": registration.answers or {},
        "signed_up_at": registration.created_at.isoformat() if registration.created_at else None,
        "checked_in_at": registration.checked_in_at.isoformat() if registration.checked_in_at else None,
        "consents": [{"privacy_version": c.privacy_version, "given_at": c.given_at.isoformat()}
                     for c in _consents_of(registration)],
    }


def _consents_of(registration):
    return db.session.scalars(db.select(Consent).filter_by(registration_id=registration.id)
                              .order_by(Consent.given_at)).all()


def user_registrations(user: User) -> list[Registration]:
    return db.session.scalars(
        db.select(Registration).where((Registration.user_id == user.id) | (Registration.email == user.email))
        .order_by(Registration.id)).all()


def export_user(user: User) -> dict:
    """Everything stored about an account, core and plugins."""
    memberships = db.session.scalars(db.select(Membership).filter_by(user_id=user.id)).all()
    results, _failures = plugin_manager().call_each("privacy_export", user=user)
    return {
        "account": {"email": user.email, "display_name": user.display_name, "language": user.language,
                    "created_at": user.created_at.isoformat() if user.created_at else None,
                    "confirmed_at": user.confirmed_at.isoformat() if user.confirmed_at else None,
                    # Whether and since when, never the key or the recovery codes.
                    "two_factor_enabled_at": user.totp_enabled_at.isoformat() if user.totp_enabled_at else None},
        "roles": [{"municipality": m.municipality.name, "role": m.role} for m in memberships],
        "registrations": [_registration_data(r) for r in user_registrations(user)],
        "formats": {key: value for key, value in results if value},
    }


def export_registration(registration: Registration) -> dict:
    return {"registrations": [_registration_data(registration)]}


def anonymise_registration(registration: Registration) -> None:
    if registration.anonymised_at is not None:
        return
    registration.name = ANONYMOUS
    registration.email = None
    registration.phone = registration.childcare_ages = registration.accessibility_other = registration.note = ""
    registration.user_id = None
    registration.submission_key = None
    registration.token_nonce = secrets.token_hex(16)  # the old personal link stops working
    registration.anonymised_at = utcnow()


def erase_registration(registration: Registration) -> None:
    """A guest deletes their sign-up: a seat they held goes to the waiting list."""
    if registration.is_active and registration.event.ends_at > utcnow():
        signups.cancel(registration.id, notify=False)
        registration = db.session.get(Registration, registration.id)
    if registration.email:
        clear_mails((OutboxMessage.to_address == registration.email)
                    & (OutboxMessage.event_id == registration.event_id))
    anonymise_registration(registration)
    db.session.execute(db.delete(Consent).where(Consent.registration_id == registration.id))
    db.session.commit()
    log.info("a sign-up was deleted on request (registration %s)", registration.id)


def erase_user(user: User) -> None:
    """Delete an account and anonymise what is linked to it."""
    user_id = user.id
    for registration in user_registrations(user):
        if registration.is_active and registration.event.ends_at > utcnow():
            signups.cancel(registration.id, notify=False)
    user = db.session.get(User, user_id)
    clear_mails(OutboxMessage.to_address == user.email)
    for registration in user_registrations(user):
        anonymise_registration(registration)
    db.session.execute(db.delete(Consent).where(Consent.user_id == user_id))
    plugin_manager().call_each("privacy_erase", user=user)
    db.session.delete(user)
    db.session.commit()
    log.info("account %s was deleted on request", user_id)


def _retention_days(event: Event, municipality: Municipality) -> int:
    info = plugin_manager().info(event.format_key)
    days = municipality.retention_days or current_app.config["RETENTION_DAYS"]
    if info is not None and info.retention_days is not None:
        days = min(days, info.retention_days)
    return days


def anonymise_past_events(now=None) -> int:
    """Anonymise personal data of events past their retention period.
    Idempotent (run daily from cron); returns the number of registrations
    anonymised."""
    now = now or utcnow()
    shortest = min([current_app.config["RETENTION_DAYS"],
                    db.session.scalar(db.select(db.func.min(Municipality.retention_days))) or 10**6] + [
        info.retention_days for info in plugin_manager().formats.values() if info.retention_days is not None])
    # Events with sign-ups left to anonymise, and — for formats that keep
    # personal data without sign-ups — every event in the month after its
    # period ran out (the hooks are idempotent, so daily calls are harmless).
    window_start = now - timedelta(days=max_period() + RECENT_WINDOW_DAYS)
    candidates = db.session.scalars(
        db.select(Event).where(Event.ends_at < now - timedelta(days=shortest))
        .where(Event.id.in_(db.select(Registration.event_id).where(Registration.anonymised_at.is_(None)))
               | (Event.ends_at >= window_start))
        .order_by(Event.id)).all()
    total = 0
    for event in candidates:
        if event.ends_at >= now - timedelta(days=_retention_days(event, event.municipality)):
            continue  # not due yet
        rows = db.session.scalars(db.select(Registration).where(
            Registration.event_id == event.id, Registration.anonymised_at.is_(None))).all()
        for registration in rows:
            if registration.status == RegistrationStatus.PENDING:
                registration.status = RegistrationStatus.EXPIRED
            anonymise_registration(registration)
        clear_mails(OutboxMessage.event_id == event.id)
        plugin_manager().call_each("anonymise_event", event=event)
        db.session.commit()
        total += len(rows)
    return total


def clear_mails(criteria) -> int:
    """Clear recipient, subject, text and attachment of the sent or given-up
    mails matching ``criteria``; the row stays as a record that a mail went
    out. (Mails still waiting are left to go out.)"""
    result = db.session.execute(
        db.update(OutboxMessage)
        .where(criteria, OutboxMessage.state.in_([MailState.SENT, MailState.FAILED]), OutboxMessage.to_address != "")
        .values(last_error=db.func.replace(OutboxMessage.last_error, OutboxMessage.to_address, ANONYMOUS),
                to_address="", subject="", body_text="", body_html="", attachment="", attachment_name="")
        .execution_options(synchronize_session="fetch"))
    return result.rowcount


def anonymise_mails(now=None) -> int:
    """Clear mails sent (or given up) more than ``MAIL_RETENTION_DAYS`` ago,
    those about events of protected formats after
    ``MAIL_RETENTION_DAYS_PROTECTED``. Idempotent; returns how many."""
    now = now or utcnow()
    config = current_app.config
    done_at = db.func.coalesce(OutboxMessage.sent_at, OutboxMessage.failed_at)
    # Protected as the one rule says: every format but the public ones
    # (a format whose plugin is not installed counts as protected).
    about_protected = OutboxMessage.event_id.in_(
        db.select(Event.id).where(Event.format_key.not_in(protection.public_keys())))
    count = clear_mails(
        (done_at < now - timedelta(days=config["MAIL_RETENTION_DAYS"]))
        | (about_protected & (done_at < now - timedelta(days=config["MAIL_RETENTION_DAYS_PROTECTED"]))))
    db.session.commit()
    return count


def max_period() -> int:
    """The longest retention period of any municipality (days)."""
    longest = db.session.scalar(db.select(db.func.max(Municipality.retention_days)))
    return max(longest or 0, current_app.config["RETENTION_DAYS"])


def consent_outdated(municipality: Municipality, user=None, registration=None) -> bool:
    """True when the person consented to an older privacy text of
    ``municipality`` and has not seen the current one."""
    query = db.select(db.func.max(Consent.privacy_version)).where(Consent.municipality_id == municipality.id)
    if user is not None:
        remembered = g.get("_latest_consent")
        if remembered is not None and remembered[:2] == (municipality.id, user.id):
            latest = remembered[2]
        else:
            latest = db.session.scalar(query.where(Consent.user_id == user.id))
    elif registration is not None:
        latest = db.session.scalar(query.where(Consent.registration_id == registration.id))
    else:
        return False
    return latest is not None and latest < municipality.privacy_version


def latest_consent_column(municipality_id: int, user_id):
    """The latest privacy version the person ``user_id`` (a column, e.g.
    ``User.id``) consented to in municipality ``municipality_id``, for the
    statement that loads the logged-in person (``remember_latest_consent``):
    every page of a municipality asks ``consent_outdated``."""
    return db.select(db.func.max(Consent.privacy_version)).where(
        Consent.municipality_id == municipality_id, Consent.user_id == user_id).scalar_subquery()


def remember_latest_consent(municipality: Municipality, user: User, latest: int | None) -> None:
    """Keep for the request what ``latest_consent_column`` loaded."""
    g._latest_consent = (municipality.id, user.id, latest)


@sa_event.listens_for(Consent, "after_insert")
def _forget_latest_consent(mapper, connection, consent) -> None:
    """A consent given during the request makes the remembered one old."""
    if has_app_context():
        g.pop("_latest_consent", None)


def acknowledge_privacy(municipality: Municipality, user=None, registration=None) -> None:
    db.session.add(Consent(municipality_id=municipality.id, user_id=user.id if user else None,
                           registration_id=registration.id if registration else None,
                           privacy_version=municipality.privacy_version, purpose="update"))
    db.session.commit()
