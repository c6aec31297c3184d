"""A throwaway format used by the core's tests (never installed)."""
import click
from flask import Blueprint, current_app, g
from wtforms import Form, StringField
from wtforms.validators import Length

from dialogplatform.plugin_system import FormatFigures, FormatInfo, Panel, PluginBlueprint, Section, hookimpl


@hookimpl
def format_info():
    return FormatInfo(key="sampleformat", name="Sample format", description="A format for tests.",
                      organise_endpoint="sampleformat_organise.overview", menu_label="Sample formats")


class SampleSettings(Form):
    motto = StringField("Motto", validators=[Length(max=50)])


@hookimpl
def event_settings_form(format_key):
    return SampleSettings


@hookimpl
def event_panels(event, viewer):
    return [Panel(title="Sample panel", template="sampleformat/sample_panel.html",
                  context={"motto": event.settings.get("motto", "")})]


@hookimpl
def evaluation(event):
    return [Section(title="Sample results", table=[["Theme", "Count"], ["Wohnen", 3]]),
            Section(title="Sample staff notes", text="Call Bernd M., 0170-123", staff_only=True)]


@hookimpl
def evaluations(events):
    """The same sections, for all of a report's events at once."""
    return {event.id: evaluation(event) for event in events}


@hookimpl
def navigation(municipality, viewer):
    return [("Sample overview", f"/{municipality.slug}/sample")]


@hookimpl
def event_tools(event, viewer):
    return [("Sample tool", f"/{event.municipality.slug}/e/{event.id}/sampleformat/hello")]


@hookimpl
def duplicate_event(origin, copy):
    """The sample format keeps no rows of its own: nothing to copy."""


@hookimpl
def moderation_queue(municipality):
    return [("Sample posts to review", 3, f"/{municipality.slug}/sample-review")]


sample_bp = Blueprint("sampleformat", __name__, template_folder="templates")
sample_organise_bp = Blueprint("sampleformat_organise", __name__)


@sample_bp.get("/hello")
def hello():
    return f"event {g.event.id} in {g.municipality.slug}"


@sample_organise_bp.get("/")
def overview():
    return f"organise {g.municipality.slug}"


@hookimpl
def blueprints():
    return [PluginBlueprint(sample_bp, "event"), PluginBlueprint(sample_organise_bp, "organise")]


@hookimpl
def registration_fields(event):
    from wtforms import SelectChoice, SelectField

    choices = [SelectChoice("wohnen", "Wohnen"), SelectChoice("arbeit", "Arbeit")]
    return [("table", SelectField("Preferred table", choices=choices))]


@hookimpl
def short_link(municipality, code):
    return f"/{municipality.slug}/f/sampleformat/" if code == "sample" else None


@hookimpl
def door_list_columns(event, registrations):
    return [("Preferred table", {r.id: (r.answers or {}).get("sampleformat", {}).get("table", "")
                                 for r in registrations})]


@hookimpl
def can_register(event, person):
    if person.name.strip().lower() == "nobody":
        return "Nobody may not sign up for the sample format."
    return None


@hookimpl
def recommendation_sources(event):
    from dialogplatform.plugin_system import RecommendationSource

    return [
        RecommendationSource(ref="idea:1", text="Sprachcafé im Rathaus einrichten", topic="Bildung",
                             kind="Projektidee", addressee="municipality"),
        RecommendationSource(ref="idea:2", text="Mehr Polizeistreifen am Bahnhof", topic="Sicherheit",
                             kind="Projektidee", addressee="land"),
    ]


@hookimpl
def process_report_sections(process):
    return [Section(title="Sample across the process", table=[["Process", "Ideas"], [str(process.id), 2]])]


ERASED_USERS: list[int] = []
ANONYMISED_EVENTS: list[int] = []


@hookimpl
def participation_figures(format_key, events):
    """Walk-ins as the event's settings say (none unless a test sets them)."""
    return {event.id: FormatFigures(walk_ins=(event.settings or {}).get("walk_ins", 0)) for event in events}


@hookimpl
def privacy_export(user):
    return {"notes": [f"a note written by {user.email}"]}


@hookimpl
def privacy_erase(user):
    ERASED_USERS.append(user.id)


@hookimpl
def anonymise_event(event):
    ANONYMISED_EVENTS.append(event.id)


@hookimpl
def register_cli(group):
    @group.command("sampleformat-hello")
    def hello_command():
        click.echo(f"sample greetings from {current_app.config['BASE_URL']}")  # runs in the app context
