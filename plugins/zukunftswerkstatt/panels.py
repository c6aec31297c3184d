"""The panel on the core's event page: the current phase and the way in."""
from flask_babel import lazy_gettext as _l

from dialogplatform.plugin_api import Role
from dialogplatform.plugin_system import Panel

from . import participants, services


def event_panel(event, viewer) -> Panel:
    staff = bool(viewer.is_authenticated and viewer.has_role(event.municipality, Role.MODERATOR))
    organiser = bool(viewer.is_authenticated and viewer.has_role(event.municipality, Role.ORGANISER))
    workshop = services.workshop_of(event)
    return Panel(
        title=_l("Future workshop"),
        template="zukunftswerkstatt/_panel.html",
        context={
            "workshop": workshop, "themes": services.themes_of(event),
            "phase_label": services.PHASE_LABELS[workshop.phase],
            "phase_question": services.PHASE_QUESTIONS[workshop.phase],
            "joined": participants.participant_id(event) is not None,
            "staff": staff, "organiser": organiser,
            "evaluation_visible": event.evaluation_published or organiser,
        },
    )
