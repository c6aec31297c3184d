"""The formats' links: the organiser menu (on the staff dashboard) and
each event's staff menu (its hub and every staff page of the event).

Every format with an organise page gets its link from the core
(``FormatInfo.organise_endpoint``), so no plugin repeats the role check and
``url_for``; the ``navigation`` hook adds further links after it.
"""
import logging

from flask import url_for
from werkzeug.routing import BuildError

from ..models import Role
from .enabling import enabled_format_keys, plugin_manager

log = logging.getLogger(__name__)


def organiser_menu(municipality, viewer) -> list[tuple[str, str]]:
    """``(label, url)`` per format enabled in ``municipality``, in loading
    order: its organise page (for organisers), then its hook's links."""
    manager = plugin_manager()
    keys = enabled_format_keys(municipality)
    results, _failures = manager.call_each("navigation", keys=keys, municipality=municipality, viewer=viewer)
    extra = dict(results)
    organiser = viewer.is_authenticated and viewer.has_role(municipality, Role.ORGANISER)
    items = []
    for key, info in manager.formats.items():
        if key not in keys:
            continue
        if organiser and info.organise_endpoint:
            items += _landing_page(key, info, municipality)
        items += extra.get(key, [])
    return items


def _landing_page(key, info, municipality) -> list[tuple[str, str]]:
    try:
        url = url_for(info.organise_endpoint, municipality_slug=municipality.slug)
    except BuildError:  # e.g. the blueprint was not mounted: the menu still renders
        log.error("plugin %s: organise_endpoint %r is no route", key, info.organise_endpoint)
        return []
    return [(info.menu_label or info.name, url)]


def event_menu(event, viewer) -> list[tuple[str, str]]:
    """One event's staff menu, ``(label, url)``: overview (its hub), edit,
    registrations and check-in (by role; a protected format's people only
    for its organisers), the format's own tools (``event_tools``),
    evaluation and report."""
    from flask_babel import lazy_gettext as _l

    from ..services import protection

    municipality = event.municipality

    def has(role):
        return viewer.is_authenticated and viewer.has_role(municipality, role)

    organiser = has(Role.ORGANISER)
    sees_people = not protection.is_protected(event.format_key) or protection.may_see_names(event, viewer)
    items = [(_l("Overview"), url_for("workspace.hub", event_id=event.id))]
    if organiser:
        items.append((_l("Edit"), url_for("organise.edit_event", event_id=event.id)))
        items.append((_l("Registrations"), url_for("attendance.registrations", event_id=event.id)))
    if has(Role.MODERATOR) and sees_people:
        items.append((_l("Check-in"), url_for("attendance.check_in", event_id=event.id)))
    items += event_tools(event, viewer)
    if organiser:
        items.append((_l("Evaluation"), url_for("municipality.evaluation", event_id=event.id)))
        items.append((_l("Report"), url_for("reports.event_report", event_id=event.id)))
    return items


def event_tools(event, viewer) -> list[tuple[str, str]]:
    """The format's own staff pages of ``event`` (its ``event_tools``
    hook), if the format is enabled; a failing plugin gives none."""
    if event.format_key not in enabled_format_keys(event.municipality):
        return []
    tools = plugin_manager().call_one(event.format_key, "event_tools", event=event, viewer=viewer)
    return [(label, url) for label, url in tools or []]


def tool_links(event, viewer, tools) -> list[tuple[str, str]]:
    """For a format's ``event_tools``: ``(label, url)`` of each
    ``(role, label, endpoint)`` in ``tools`` that ``viewer`` holds the role
    for in the event's municipality; the URL is ``endpoint`` for ``event``."""
    if not viewer.is_authenticated:
        return []
    return [(label, url_for(endpoint, event_id=event.id, municipality_slug=event.municipality.slug))
            for role, label, endpoint in tools if viewer.has_role(event.municipality, role)]
