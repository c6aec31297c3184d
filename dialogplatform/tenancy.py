"""Resolving the municipality from the URL and checking roles in it.

Every URL of municipality-owned data starts with ``/<municipality_slug>/``.
The slug is popped from the view arguments here, so views read
``g.municipality`` and every query is scoped through it.
"""
from functools import wraps

from flask import abort, flash, g, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import bindparam

from . import audience
from .extensions import db
from .models import Event, EventStatus, Municipality, Role
from .plugin_system import enabling
from .services import two_factor

# Built once: on this path of every municipality page, building a statement
# costs more CPU than the database takes to answer it.
# The municipality comes with its enabled formats: the staff pages of an event ask for them.
_BY_SLUG = db.select(Municipality, enabling.enabled_keys_column(Municipality.id)).where(
    Municipality.slug == bindparam("slug"))
_EVENT_HERE = db.select(Event).where(Event.id == bindparam("event_id"),
                                     Event.municipality_id == bindparam("municipality_id"))


def load_municipality(endpoint, values):
    if values and "municipality_slug" in values:
        slug = values.pop("municipality_slug")
        found = db.session.execute(_BY_SLUG, {"slug": slug}).first()
        if found is None:
            abort(404)
        g.municipality, enabled_keys = found
        enabling.remember_enabled_keys(g.municipality, enabled_keys)


def add_municipality_slug(endpoint, values):
    """Let ``url_for`` omit the slug inside a municipality's pages."""
    if "municipality_slug" in values or "municipality" not in g:
        return
    from flask import current_app

    if current_app.url_map.is_endpoint_expecting(endpoint, "municipality_slug"):
        values["municipality_slug"] = g.municipality.slug


def event_or_404(event_id: int) -> Event:
    """An event of the current municipality, or 404 (never another's)."""
    event = db.session.scalar(_EVENT_HERE, {"event_id": event_id, "municipality_id": g.municipality.id})
    if event is None:
        abort(404)
    audience.use_event(event)
    return event


def require_visible(event: Event) -> None:
    """404 for a draft unless the current user is an organiser here: drafts
    are the organisers' business on the core's pages and the formats' alike."""
    if event.status == EventStatus.DRAFT and not can(Role.ORGANISER):
        abort(404)


def can(minimum: Role, municipality=None) -> bool:
    """Whether the current user holds ``minimum`` (or higher) in ``municipality``
    (default: ``g.municipality``); for showing or hiding things."""
    municipality = municipality or g.get("municipality")
    return (
        municipality is not None
        and current_user.is_authenticated
        and current_user.has_role(municipality, minimum)
    )


def role_required(minimum: Role):
    """Require a logged-in user holding ``minimum`` in ``g.municipality``."""

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            require(minimum)
            return view(*args, **kwargs)

        return wrapped

    return decorator


def require(minimum: Role) -> None:
    """Stop the request unless the current user holds ``minimum`` in
    ``g.municipality``: log-in page for guests, 403 for everyone else."""
    from .extensions import login_manager

    if not current_user.is_authenticated:
        abort(login_manager.unauthorized())
    if not can(minimum):
        role = current_user.role_in(g.municipality)
        # Held, but waiting for two-factor sign-in to be set up:
        if (role is not None and role.rank >= minimum.rank) or two_factor.missing_for_instance_admin(current_user):
            abort(_to_two_factor_setup())
        abort(403)


def _to_two_factor_setup():
    """Staff whose role requires two-factor sign-in go to set it up first."""
    flash(_("Your role requires two-factor sign-in. Please set it up to continue."), "info")
    return redirect(url_for("account.two_factor_setup"))


def instance_admin_required(view):
    @wraps(view)
    def wrapped(*args, **kwargs):
        from .extensions import login_manager

        if not current_user.is_authenticated:
            return login_manager.unauthorized()
        if not current_user.is_instance_admin:
            abort(403)
        if two_factor.missing_for_instance_admin(current_user):
            return _to_two_factor_setup()
        return view(*args, **kwargs)

    return wrapped


def land_required(view):
    """Require a logged-in holder of the Land role (instance admins pass too:
    they invite the Land's people and may look at what they see)."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        from .extensions import login_manager

        if not current_user.is_authenticated:
            return login_manager.unauthorized()
        if not (current_user.is_land_staff or current_user.is_instance_admin):
            abort(403)
        if not current_user.is_land_staff and two_factor.missing_for_instance_admin(current_user):
            return _to_two_factor_setup()
        return view(*args, **kwargs)

    return wrapped
