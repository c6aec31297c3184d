"""A second throwaway format whose per-format hooks answer for any event and
record each call: the core must ask it about its own events only."""
from wtforms import Form, StringField

from dialogplatform.plugin_system import FormatFigures, FormatInfo, Panel, RecommendationSource, Section, hookimpl

KEY = "otherformat"
CALLS: list[tuple[str, str]] = []  # (hook, format key of what it was asked about)


@hookimpl
def format_info():
    return FormatInfo(key=KEY, name="Other format", description="Answers every per-format hook.")


class OtherSettings(Form):
    other_motto = StringField("Other motto")


@hookimpl
def event_settings_form(format_key):
    CALLS.append(("event_settings_form", format_key))
    return OtherSettings


@hookimpl
def event_panels(event, viewer):
    CALLS.append(("event_panels", event.format_key))
    return [Panel(title="Other panel", template="sampleformat/sample_panel.html", context={"motto": "other"})]


@hookimpl
def evaluation(event):
    CALLS.append(("evaluation", event.format_key))
    return [Section(title="Other results", text="other")]


@hookimpl
def evaluations(format_key, events):
    CALLS.extend(("evaluations", event.format_key) for event in events)
    return {event.id: [Section(title="Other results", text="other")] for event in events}


@hookimpl
def registration_fields(event):
    CALLS.append(("registration_fields", event.format_key))
    return [("other", StringField("Other question"))]


@hookimpl
def can_register(event, person):
    CALLS.append(("can_register", event.format_key))
    return "The other format refuses everyone."


@hookimpl
def recommendation_sources(event):
    CALLS.append(("recommendation_sources", event.format_key))
    return [RecommendationSource(ref="other:1", text="Other idea")]


@hookimpl
def anonymise_event(event):
    CALLS.append(("anonymise_event", event.format_key))


@hookimpl
def participation_figures(format_key, events):
    CALLS.extend(("participation_figures", event.format_key) for event in events)
    return {event.id: FormatFigures(walk_ins=99) for event in events}


@hookimpl
def door_list_columns(event, registrations):
    CALLS.append(("door_list_columns", event.format_key))
    return [("Other column", {r.id: "other" for r in registrations})]


@hookimpl
def event_tools(event, viewer):
    CALLS.append(("event_tools", event.format_key))
    return [("Other tool", "/other-tool")]


@hookimpl
def duplicate_event(origin, copy):
    CALLS.append(("duplicate_event", origin.format_key))
