"""Small helpers the formats' demo data share (exported by ``plugin_api``).

Demo rows are keyed by ``event.settings["demo_key"]``: a run creates only
the keys it does not find, so a second run (also days later, with the clock
moved) neither moves nor overwrites what an earlier run made and users then
changed. Every date comes from :func:`dialogplatform.clock.day_at`, relative
to the day of loading.
"""
import secrets
import unicodedata
from datetime import datetime, timedelta

from sqlalchemy import select

from .models import Event, Registration, RegistrationStatus
from .models.types import utcnow


def demo_keys(session, municipality, format_key: str) -> set[str]:
    """The demo keys of the format's events in ``municipality``: what an
    earlier run already made (whatever users did to those events since)."""
    events = session.scalars(select(Event).filter_by(municipality_id=municipality.id, format_key=format_key))
    return {(event.settings or {}).get("demo_key") for event in events} - {None}


def demo_email(name: str, domain: str = "example.org") -> str:
    """A made-up address from a person's name ("Nour Al-Khatib" -> nour.alkhatib@example.org)."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return plain.replace(" ", ".").replace("-", "") + f"@{domain}"


def demo_sign_ups(session, event: Event, names: list[str], *, waiting: int = 0, language: str = "de",
                  answers: dict | None = None, first: datetime | None = None) -> list[Registration]:
    """Confirmed sign-ups of ``names`` to ``event``, a few hours apart from
    ``first`` on (default: a week before now, never after the event); the
    last ``waiting`` names are on the waiting list instead. ``answers``: the
    format's answers of each sign-up ({format key: {...}})."""
    when = first or min(utcnow(), event.starts_at) - timedelta(days=7)
    rows = []
    for position, name in enumerate(names):
        when += timedelta(hours=5)
        on_list = position >= len(names) - waiting
        rows.append(Registration(
            event_id=event.id, name=name, email=demo_email(name), language=language,
            status=RegistrationStatus.WAITLISTED if on_list else RegistrationStatus.CONFIRMED,
            answers=dict(answers or {}), token_nonce=secrets.token_hex(16), created_at=when, email_confirmed_at=when,
            confirmed_at=None if on_list else when))
    session.add_all(rows)
    session.flush()
    return rows
