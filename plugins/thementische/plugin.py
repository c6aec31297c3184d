"""Hook implementations of Thementische; the core finds this module through
the ``dialogplatform.plugins`` entry point."""
from flask_babel import lazy_gettext as _l

from dialogplatform.plugin_api import Event, FormatFigures, Role, count_by_event, db, tool_links
from dialogplatform.plugin_system import FormatInfo, PluginBlueprint, RecommendationSource, hookimpl

from . import demo, forms, panels, services, views
from . import evaluation as results
from .models import Statement, ThemeTable
from .services import KEY


@hookimpl
def format_info():
    return FormatInfo(
        key=KEY,
        name=_l("Theme tables"),
        description=_l("Moderated theme tables: participants choose tables such as housing, work or "
                       "education; at each table a moderator records what is said to the guiding questions, "
                       "and project ideas become follow-up round tables."),
        default_settings={"rounds": 1},
        organise_endpoint="thementische_organise.overview",
    )


@hookimpl
def blueprints():
    return [PluginBlueprint(views.event_bp, "event"), PluginBlueprint(views.organise_bp, "organise")]


@hookimpl
def event_settings_form(format_key):
    return forms.SettingsForm


@hookimpl
def registration_fields(event):
    tables = services.tables_of(event)
    return forms.choice_fields(tables) if tables else None


@hookimpl
def recommendation_sources(event):
    return [RecommendationSource(ref=f"idea:{idea.id}", text=idea.text, topic=idea.table.theme,
                                 kind=str(_l("Project idea")), addressee="municipality")
            for idea in services.ideas_of(event)]


@hookimpl
def privacy_export(user):
    tables = db.session.scalars(db.select(ThemeTable).filter_by(moderator_id=user.id)).all()
    if not tables:
        return None
    events = {e.id: e for e in db.session.scalars(db.select(Event).where(
        Event.id.in_({t.event_id for t in tables})))}
    return {"moderated_tables": [
        {"event_id": t.event_id, "event": events[t.event_id].title_in(events[t.event_id].municipality.default_language),
         "table": t.theme} for t in tables]}


@hookimpl
def privacy_erase(user):
    db.session.execute(db.update(ThemeTable).where(ThemeTable.moderator_id == user.id).values(moderator_id=None))


@hookimpl
def anonymise_event(event):
    db.session.execute(db.update(Statement).where(Statement.event_id == event.id, Statement.contact_name != "")
                       .values(contact_name=""))


@hookimpl
def participation_figures(events):
    """The statements the table moderators recorded are the contributions;
    the people at the tables are the core's sign-ups and check-ins
    (moderators type what is said, so no one contributes anonymously)."""
    return {event_id: FormatFigures(contributions=number)
            for event_id, number in count_by_event(Statement, events).items()}


door_list_columns = hookimpl(services.door_list_columns)


@hookimpl
def event_tools(event, viewer):
    return tool_links(event, viewer, [
        (Role.ORGANISER, _l("Tables and guiding questions"), "thementische_event.manage"),
        (Role.ORGANISER, _l("Seating"), "thementische_event.seating"),
        (Role.MODERATOR, _l("Wall view for the projector"), "thementische_event.wall"),
        (Role.ORGANISER, _l("Project ideas and follow-up"), "thementische_event.ideas"),
    ])


event_panels = hookimpl(panels.panels)
evaluation = hookimpl(results.sections)


@hookimpl
def evaluations(events):
    return results.sections_of(events)


process_report_sections = hookimpl(results.process_sections)
demo_data = hookimpl(demo.load)
duplicate_event = hookimpl(services.copy_set_up)
