"""Hook implementations of the Themenabend; the core finds this module
through the ``dialogplatform.plugins`` entry point."""
from flask import url_for
from flask_babel import lazy_gettext as _l

from dialogplatform.plugin_api import FormatFigures, Role, count_by_event, tool_links
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


@hookimpl
def event_tools(event, viewer):
    return tool_links(event, viewer, [
        (Role.MODERATOR, _l("Group and answer the questions"), "themenabend_manage.overview"),
        (Role.MODERATOR, _l("Run the evening"), "themenabend_manage.phone"),
        (Role.MODERATOR, _l("Projector view"), "themenabend_manage.present"),
    ])


@hookimpl
def moderation_queue(municipality):
    """Questions of upcoming evenings not answered yet, per evening (one query)."""
    return [(title, count, url_for("themenabend_manage.overview", event_id=event_id,
                                   municipality_slug=municipality.slug))
            for event_id, title, count in services.open_questions_by_event(municipality)]


evaluation = hookimpl(results.sections)


@hookimpl
def evaluations(events):
    return results.sections_of(events)


process_report_sections = hookimpl(results.process_sections)
recommendation_sources = hookimpl(results.recommendation_sources)
anonymise_event = hookimpl(services.anonymise)
demo_data = hookimpl(demo.load)
duplicate_event = hookimpl(services.copy_set_up)
