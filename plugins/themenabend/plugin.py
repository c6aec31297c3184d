"""Hook implementations of the Themenabend; the core finds this module
through the ``dialogplatform.plugins`` entry point."""
from flask_babel import lazy_gettext as _l

from dialogplatform.plugin_api import FormatFigures, count_by_event
from dialogplatform.plugin_system import FormatInfo, PluginBlueprint, hookimpl

from . import demo, forms, panels, services, views
from . import evaluation as results
from .models import Question

KEY = "themenabend"


@hookimpl
def format_info():
    return FormatInfo(
        key=KEY,
        name=_l("Themed evening"),
        description=_l("An evening on one topic. Residents send questions and concerns beforehand; "
                       "they are grouped by theme and answered on the evening, e.g. by the police or "
                       "the job centre."),
        organise_endpoint="themenabend_organise.evenings",
        menu_label=_l("Themed evenings"),
    )


@hookimpl
def blueprints():
    return [PluginBlueprint(views.public, "event"), PluginBlueprint(views.manage, "event"),
            PluginBlueprint(views.organise, "organise")]


@hookimpl
def event_settings_form(format_key):
    return forms.SettingsForm


@hookimpl
def event_panels(event, viewer):
    return [panels.public_panel(event, viewer)]


@hookimpl
def participation_figures(events):
    """The questions sent in (those the organisers hid are not counted, as
    in the evaluation). A name is optional and removed after the retention
    period, so askers cannot be told apart: each question counts as one
    asker."""
    questions = count_by_event(Question, events, Question.hidden.is_(False))
    return {event_id: FormatFigures(anonymous_contributors=number, contributions=number)
            for event_id, number in questions.items()}


evaluation = hookimpl(results.sections)
process_report_sections = hookimpl(results.process_sections)
recommendation_sources = hookimpl(results.recommendation_sources)
anonymise_event = hookimpl(services.anonymise)
demo_data = hookimpl(demo.load)
