"""The formats' links in the organiser menu.

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
