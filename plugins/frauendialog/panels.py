"""Panels on the event page. The public panel never mentions who or how many
take part; staff links appear only for those allowed to follow them."""
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

from dialogplatform.plugin_api import Role
from dialogplatform.plugin_system import Panel

from . import services
from .forms import ContributionForm


def contribution_panel(event, form=None) -> Panel:
    reason = services.closed_reason(event)
    if form is None and reason is None:
        form = ContributionForm(formdata=None, topics=services.topic_choices(event, str(get_locale())))
    return Panel(title=_l("Your topics and wishes"), template="frauendialog/_panel.html",
                 context={"form": form if reason is None else None, "closed": reason})


def panels(event, viewer) -> list[Panel]:
    result = [contribution_panel(event)]
    if services.may_see_participants(event, viewer):
        result.append(Panel(title=_l("For the organisers and designated moderators"),
                            template="frauendialog/_staff_panel.html",
                            context={"is_organiser": viewer.has_role(event.municipality, Role.ORGANISER)}))
    return result
