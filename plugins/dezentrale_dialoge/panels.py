"""The panel on a meeting's event page: where the meeting belongs, and the
way to the live entry for moderators. Site contacts are never shown here."""
from flask_babel import lazy_gettext as _l

from dialogplatform.plugin_api import Role
from dialogplatform.plugin_system import Panel

from . import services
from .forms import SITE_KIND_LABELS


def _has(viewer, municipality, role) -> bool:
    return bool(viewer is not None and viewer.is_authenticated and viewer.has_role(municipality, role))


def meeting_panel(event, viewer):
    meeting = services.meeting_of(event)
    return Panel(title=_l("Decentralised dialogue"), template="dezentrale_dialoge/_panel.html", context={
        "meeting": meeting,
        "site_kind": str(SITE_KIND_LABELS.get(meeting.site.kind, "")) if meeting else "",
        "can_moderate": _has(viewer, event.municipality, Role.MODERATOR),
        "can_organise": _has(viewer, event.municipality, Role.ORGANISER),
    })
