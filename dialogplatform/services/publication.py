"""What may leave the staff pages: one place for the rules that keep
contacts, staff-only parts and private addresses out of everything that is
published (public pages, documentation reports, ICS, Atom, the API).

A format marks staff-only parts of its evaluation (``Section.staff_only``);
an event may keep its street address private (``Event.address_private``,
e.g. a refugee accommodation): the public then sees the district only, the
municipality's staff and people with a confirmed seat see the address.
"""
from flask import has_request_context
from flask_login import current_user
from sqlalchemy import or_

from ..extensions import db
from ..inputs import one_line
from ..models import Registration, RegistrationStatus, Role


def published_sections(sections) -> list:
    """The sections anyone may read: staff-only parts left out."""
    return [section for section in sections if not getattr(section, "staff_only", False)]


def _viewer_holds(municipality, role: Role) -> bool:
    return (has_request_context() and current_user.is_authenticated
            and current_user.has_role(municipality, role))


def sections_for_viewer(sections, municipality) -> list:
    """Organisers of ``municipality`` see every section, everyone else the published ones."""
    return list(sections) if _viewer_holds(municipality, Role.ORGANISER) else published_sections(sections)


def _holds_seat(registration) -> bool:
    return registration.status == RegistrationStatus.CONFIRMED or registration.checked_in_at is not None


def participant_sees_address(event, registration) -> bool:
    """For mails and the personal page: the address goes to a confirmed seat."""
    return not event.address_private or (
        registration is not None and registration.event_id == event.id and _holds_seat(registration))


def viewer_sees_address(event, registration=None) -> bool:
    """For pages: staff of the event's municipality, a confirmed participant
    (by their personal link or their account), or anyone for a public address."""
    if participant_sees_address(event, registration) or _viewer_holds(event.municipality, Role.HELPER):
        return True
    if not (has_request_context() and current_user.is_authenticated):
        return False
    return db.session.scalar(db.select(Registration.id).where(
        Registration.event_id == event.id, Registration.user_id == current_user.id,
        or_(Registration.status == RegistrationStatus.CONFIRMED, Registration.checked_in_at.is_not(None)),
    ).limit(1)) is not None


def location_parts(event, with_address: bool) -> list[str]:
    """Place name and address, or place name and district when the address
    is private and ``with_address`` is false (lines of the address joined)."""
    if event.online:
        return []
    where = event.address if with_address or not event.address_private else event.district
    return [part for part in (one_line(event.place_name or ""), ", ".join(address_lines(where))) if part]


def address_lines(address: str | None) -> list[str]:
    """The lines of an address, each trimmed (also of a trailing comma),
    without empty ones, whatever line breaks (CR, LF, CRLF) it was typed with."""
    return [line for line in (line.strip().rstrip(",").strip() for line in (address or "").splitlines()) if line]


def clean_address(address: str | None) -> str:
    """An address as saved: its clean lines joined with LF."""
    return "\n".join(address_lines(address))


def location_text(event, with_address: bool) -> str:
    return ", ".join(location_parts(event, with_address))
