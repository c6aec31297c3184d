"""Hook implementations of the women's dialogue; the core finds this module
through the ``dialogplatform.plugins`` entry point."""
from flask_babel import lazy_gettext as _l

from dialogplatform.plugin_api import FormatFigures, Role, count_by_event, tool_links
from dialogplatform.plugin_system import FormatInfo, PluginBlueprint, hookimpl

from . import demo, forms, panels, services, views
from . import evaluation as results
from .models import Contribution


@hookimpl
def format_info():
    return FormatInfo(
        key=services.KEY,
        name=_l("Women's dialogue"),
        description=_l("A protected space for women: only women sign up, nobody sees who takes part, "
                       "childcare and female interpreters on request. Contributions are anonymous and "
                       "evaluated in aggregate only."),
        retention_days=services.RETENTION_DAYS,
        protected=True,
        event_defaults={"women_only": True},
        organise_endpoint="frauendialog_organise.overview",
        menu_label=_l("Women's dialogues"),
    )


@hookimpl
def blueprints():
    return [PluginBlueprint(views.event_bp, "event"), PluginBlueprint(views.organise_bp, "organise")]


@hookimpl
def event_settings_form(format_key):
    return forms.SettingsForm


@hookimpl
def registration_fields(event):
    return [("is_woman", forms.statement_field()), ("female_interpreter", forms.female_interpreter_field())]


@hookimpl
def can_register(event, person):
    """Every path into the sign-up (form, assisted, walk-in, API) must carry
    the statement; the form's validator already says so next to the field."""
    if not person.answers.get("is_woman"):
        return _l("This dialogue is for women only. Please confirm that you are a woman.")
    return None


@hookimpl
def participation_figures(events):
    """Every contribution counts, hidden ones too (as in the evaluation).
    Those sent online are anonymous contributors (nothing tells two from
    one woman apart, so each counts as one); those a moderator entered
    live came from women in the room. The core protects the numbers."""
    given = count_by_event(Contribution, events)
    online = count_by_event(Contribution, events, Contribution.source == "online")
    return {event_id: FormatFigures(anonymous_contributors=online.get(event_id, 0), contributions=number)
            for event_id, number in given.items()}


@hookimpl
def event_tools(event, viewer):
    """Organisers and the event's designated moderators only."""
    if not services.may_see_participants(event, viewer):
        return None
    return tool_links(event, viewer, [
        (Role.MODERATOR, _l("Participant list"), "frauendialog_event.participants"),
        (Role.MODERATOR, _l("Enter contributions"), "frauendialog_event.live"),
        (Role.MODERATOR, _l("Contributions by topic"), "frauendialog_event.contributions"),
        (Role.ORGANISER, _l("Designated moderators"), "frauendialog_event.moderators"),
    ])


event_panels = hookimpl(panels.panels)
evaluation = hookimpl(results.sections)


@hookimpl
def evaluations(events):
    return results.sections_of(events)


recommendation_sources = hookimpl(results.recommendation_sources)
privacy_export = hookimpl(services.privacy_export)
privacy_erase = hookimpl(services.privacy_erase)
anonymise_event = hookimpl(services.anonymise_event)
demo_data = hookimpl(demo.load)
duplicate_event = hookimpl(services.copy_set_up)
