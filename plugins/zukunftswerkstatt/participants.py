"""Anonymous participants: a random id in a signed cookie per event.

Joining needs the event's join code (shown on the wall in the room), so a
new id — and with it a new budget of dots — needs the code too. The cookie
holds nothing personal; it is scoped to the event's URLs.
"""
import secrets

from flask import current_app, request
from flask_login import current_user

from dialogplatform.plugin_api import Role, tokens

PURPOSE = "zukunftswerkstatt.participant"
MAX_AGE = 7 * 24 * 3600  # a workshop runs a day or a weekend


def cookie_name(event) -> str:
    return f"zw_{event.id}"


def cookie_path(event) -> str:
    return f"/{event.municipality.slug}/e/{event.id}/"


def participant_id(event) -> str | None:
    """The id from this event's cookie, or None (missing, forged, expired,
    or from another event)."""
    value = request.cookies.get(cookie_name(event))
    if not value:
        return None
    try:
        payload = tokens.read(PURPOSE, value, max_age=MAX_AGE)
    except tokens.InvalidToken:
        return None
    if not isinstance(payload, dict) or payload.get("e") != event.id:
        return None
    return payload.get("p") or None


def issue(response, event) -> str:
    """Give the browser a new participant id for ``event``."""
    new_id = secrets.token_urlsafe(16)
    response.set_cookie(
        cookie_name(event), tokens.make(PURPOSE, {"e": event.id, "p": new_id}), max_age=MAX_AGE,
        path=cookie_path(event), httponly=True, samesite="Lax",
        secure=request.is_secure or current_app.config.get("SESSION_COOKIE_SECURE", False),
    )
    return new_id


def is_staff(event) -> bool:
    """Moderators and above write and vote without a join code."""
    return current_user.is_authenticated and current_user.has_role(event.municipality, Role.MODERATOR)


def rate_limit_key() -> str:
    """Per participant, not per address: a whole workshop may share one
    Wi-Fi and so one public IP."""
    from flask import g

    event = g.get("event")
    pid = participant_id(event) if event is not None else None
    if pid:
        return f"zw-participant:{pid}"
    if current_user.is_authenticated:
        return f"zw-user:{current_user.id}"
    return f"zw-ip:{request.remote_addr}"
