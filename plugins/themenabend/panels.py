"""The panel on the public event page: the question form and the questions.

Built in one place so the core's event page and the htmx response of the
form show exactly the same thing.
"""
from flask_babel import lazy_gettext as _l

from dialogplatform.plugin_api import Role
from dialogplatform.plugin_system import Panel

from . import services
from .forms import QuestionForm


def public_panel(event, viewer=None, form=None, saved=False) -> Panel:
    reason = services.closed_reason(event)
    if form is None and reason is None:
        form = QuestionForm(formdata=None, allow_anonymous=services.settings_of(event)["allow_anonymous"])
    can_manage = bool(viewer is not None and viewer.is_authenticated
                      and viewer.has_role(event.municipality, Role.MODERATOR))
    return Panel(
        title=_l("Questions and concerns"),
        template="themenabend/_panel.html",
        context={
            "form": form if reason is None else None,
            "closed": reason,
            "saved": saved,
            "groups": services.public_questions(event),
            "can_manage": can_manage,
        },
    )
