"""Hook implementations of the women's dialogue; the core finds this module
through the ``dialogplatform.plugins`` entry point.

The core calls the event hooks only for events of this format."""
from flask import url_for
from flask_babel import lazy_gettext as _l

from dialogplatform.models import Role
from dialogplatform.plugin_system import FormatInfo, PluginBlueprint, hookimpl

from . import models  # noqa: F401  (registers the tables with the metadata)
from . import services

KEY = services.KEY


@hookimpl
def format_info():
    return FormatInfo(
        key=KEY,
        name=_l("Women's dialogue"),
        description=_l("A protected space for women: only women sign up, nobody sees who takes part, "
                       "childcare and female interpreters on request. Contributions are anonymous and "
                       "evaluated in aggregate only."),
        default_settings={},
        retention_days=services.RETENTION_DAYS,
        protected=True,
    )


@hookimpl
def blueprints():
    from .views import event_bp, organise_bp

    return [PluginBlueprint(event_bp, "event"), PluginBlueprint(organise_bp, "organise")]


@hookimpl
def event_settings_form(format_key):
    if format_key != KEY:
        return None
    from .forms import SettingsForm

    return SettingsForm


@hookimpl
def registration_fields(event):
    from .forms import female_interpreter_field, statement_field

    return [("is_woman", statement_field()), ("female_interpreter", female_interpreter_field())]


@hookimpl
def can_register(event, person):
    """Every path into the sign-up (form, assisted, walk-in, API) must carry
    the statement; the form's validator already says so next to the field."""
    if not person.answers.get("is_woman"):
        return _l("This dialogue is for women only. Please confirm that you are a woman.")
    return None


@hookimpl
def event_panels(event, viewer):
    from .panels import panels

    return panels(event, viewer)


@hookimpl
def evaluation(event):
    from .evaluation import sections

    return sections(event)


@hookimpl
def recommendation_sources(event):
    from .evaluation import recommendation_sources as sources

    return sources(event)


@hookimpl
def navigation(municipality, viewer):
    if not (viewer.is_authenticated and viewer.has_role(municipality, Role.ORGANISER)):
        return None
    return [(_l("Women's dialogues"), url_for("frauendialog_organise.overview", municipality_slug=municipality.slug))]


@hookimpl
def privacy_export(user):
    return services.privacy_export(user)


@hookimpl
def privacy_erase(user):
    services.privacy_erase(user)


@hookimpl
def anonymise_event(event):
    if event.format_key == KEY:
        services.anonymise_event(event)


@hookimpl
def demo_data(municipality, session):
    from .demo import load

    load(municipality, session)
