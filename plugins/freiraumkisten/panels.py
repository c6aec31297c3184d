"""Panels on the event page: where and when the box stands (everyone), and
the links staff need (helpers, moderators, organisers)."""
from flask_babel import lazy_gettext as _l

from dialogplatform.plugin_api import Role, utcnow
from dialogplatform.plugin_system import Panel

from . import services


def _has(viewer, event, role) -> bool:
    return bool(viewer is not None and viewer.is_authenticated and viewer.has_role(event.municipality, role))


def panels(event, viewer) -> list[Panel]:
    stations = services.stations_of(event)
    now = utcnow()
    result = [Panel(
        title=_l("Where the box stands"),
        template="freiraumkisten/_stations_panel.html",
        context={
            "stations": [(station, services.station_closed_reason(event, station, now) is None,
                          [w for w in station.windows if w.ends_at > now]) for station in stations],
            "campaign_closed": services.campaign_closed_reason(event, now),
        },
    )]
    if _has(viewer, event, Role.HELPER):
        result.append(Panel(
            title=_l("For the team at the box"),
            template="freiraumkisten/_staff_panel.html",
            context={
                "stations": stations,
                "moderator": _has(viewer, event, Role.MODERATOR),
                "organiser": _has(viewer, event, Role.ORGANISER),
                "counts": services.status_counts(event) if _has(viewer, event, Role.MODERATOR) else None,
            },
        ))
    return result
