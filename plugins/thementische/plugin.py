"""Hook implementations of Thementische; the core finds this module through
the ``dialogplatform.plugins`` entry point. The core calls the event hooks
only for events of this format."""
from flask import url_for
from flask_babel import lazy_gettext as _l

from dialogplatform.extensions import db
from dialogplatform.models import Role
from dialogplatform.plugin_system import FormatInfo, PluginBlueprint, RecommendationSource, hookimpl

from . import models  # noqa: F401  (registers the tables with the metadata)
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
def event_panels(event, viewer):
    from .panels import panels

    return panels(event, viewer)


@hookimpl
def evaluation(event):
    from .evaluation import sections

    return sections(event)


@hookimpl
def process_report_sections(process):
    from .evaluation import process_sections

    return process_sections(process) or None


@hookimpl
def navigation(municipality, viewer):
    if not (viewer.is_authenticated and viewer.has_role(municipality, Role.ORGANISER)):
        return None
    return [(_l("Theme tables"), url_for("thementische_organise.overview", municipality_slug=municipality.slug))]


@hookimpl
def registration_fields(event):
    from .forms import choice_fields
    from .services import tables_of

    tables = tables_of(event)
    return choice_fields(tables) if tables else None


@hookimpl
def recommendation_sources(event):
    from .services import ideas_of

    return [RecommendationSource(ref=f"idea:{idea.id}", text=idea.text, topic=idea.table.theme,
                                 kind=str(_l("Project idea")), addressee="municipality")
            for idea in ideas_of(event)]


@hookimpl
def privacy_export(user):
    from .models import ThemeTable

    tables = db.session.scalars(db.select(ThemeTable).filter_by(moderator_id=user.id)).all()
    if not tables:
        return None
    from dialogplatform.models import Event

    events = {e.id: e for e in db.session.scalars(db.select(Event).where(
        Event.id.in_({t.event_id for t in tables})))}
    return {"moderated_tables": [
        {"event_id": t.event_id, "event": events[t.event_id].title_in(events[t.event_id].municipality.default_language),
         "table": t.theme} for t in tables]}


@hookimpl
def privacy_erase(user):
    from .models import ThemeTable

    db.session.execute(db.update(ThemeTable).where(ThemeTable.moderator_id == user.id).values(moderator_id=None))


@hookimpl
def anonymise_event(event):
    if event.format_key != KEY:
        return None
    from .models import Statement

    db.session.execute(db.update(Statement).where(Statement.event_id == event.id, Statement.contact_name != "")
                       .values(contact_name=""))
    return None


@hookimpl
def demo_data(municipality, session):
    from .demo import load

    load(municipality, session)
