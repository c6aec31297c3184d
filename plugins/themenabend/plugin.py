"""Hook implementations of the Themenabend; the core finds this module
through the ``dialogplatform.plugins`` entry point."""
from flask import url_for
from flask_babel import lazy_gettext as _l

from dialogplatform.models import Role
from dialogplatform.plugin_system import FormatInfo, PluginBlueprint, hookimpl

from . import models  # noqa: F401  (registers the tables with the metadata)

KEY = "themenabend"


@hookimpl
def format_info():
    return FormatInfo(
        key=KEY,
        name=_l("Themed evening"),
        description=_l("An evening on one topic. Residents send questions and concerns beforehand; "
                       "they are grouped by theme and answered on the evening, e.g. by the police or "
                       "the job centre."),
        default_settings={},
    )


@hookimpl
def blueprints():
    from .views import manage, organise, public

    return [
        PluginBlueprint(public, "event"),
        PluginBlueprint(manage, "event"),
        PluginBlueprint(organise, "organise"),
    ]


@hookimpl
def event_settings_form(format_key):
    if format_key != KEY:
        return None
    from .forms import SettingsForm

    return SettingsForm


@hookimpl
def event_panels(event, viewer):
    if event.format_key != KEY:
        return None
    from .panels import public_panel

    return [public_panel(event, viewer)]


@hookimpl
def evaluation(event):
    if event.format_key != KEY:
        return None
    from .evaluation import sections

    return sections(event)


@hookimpl
def process_report_sections(process):
    from .evaluation import process_sections

    return process_sections(process) or None


@hookimpl
def recommendation_sources(event):
    if event.format_key != KEY:
        return None
    from .evaluation import recommendation_sources as sources

    return sources(event)


@hookimpl
def anonymise_event(event):
    if event.format_key != KEY:
        return None
    from .services import anonymise

    anonymise(event)


@hookimpl
def navigation(municipality, viewer):
    if not (viewer.is_authenticated and viewer.has_role(municipality, Role.ORGANISER)):
        return None
    return [(_l("Themed evenings"), url_for("themenabend_organise.evenings", municipality_slug=municipality.slug))]


@hookimpl
def demo_data(municipality, session):
    from .demo import load

    load(municipality, session)
