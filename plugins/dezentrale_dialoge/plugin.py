"""Hook implementations of the Dezentrale Dialoge; the core finds this module
through the ``dialogplatform.plugins`` entry point."""
from flask_babel import lazy_gettext as _l

from dialogplatform.plugin_api import FormatFigures, Role, count_by_event, db, tool_links
from dialogplatform.plugin_system import FormatInfo, PluginBlueprint, RecommendationSource, hookimpl

from . import demo, panels, privacy, services, views
from . import evaluation as results
from .forms import KIND_LABELS
from .models import Entry, Meeting
from .services import KEY


@hookimpl
def format_info():
    return FormatInfo(
        key=KEY,
        name=_l("Decentralised dialogues"),
        description=_l("One dialogue series across many sites and stages, e.g. first in refugee "
                       "accommodations, then in multi-generation houses and neighbourhood meetings. "
                       "Moderators record concerns and wishes by topic; the sites are compared side by side."),
        organise_endpoint="dezentrale_dialoge_organise.index",
    )


@hookimpl
def blueprints():
    return [PluginBlueprint(views.moderate, "event"), PluginBlueprint(views.organise, "organise"),
            PluginBlueprint(views.public, "public")]


@hookimpl
def event_panels(event, viewer):
    return [panels.meeting_panel(event, viewer)]


@hookimpl
def recommendation_sources(event):
    """Each concern and wish of the meeting, grouped by topic."""
    entries = db.session.scalars(
        db.select(Entry).filter_by(event_id=event.id).order_by(Entry.topic, Entry.kind, Entry.id))
    return [RecommendationSource(ref=f"entry:{entry.id}", text=entry.text, topic=entry.topic,
                                 kind=str(KIND_LABELS[entry.kind])) for entry in entries]


@hookimpl
def participation_figures(events):
    """Walk-ins as the moderator counted them; the concerns and wishes
    recorded are the contributions (typed by the moderator: no one
    contributed anonymously)."""
    ids = [event.id for event in events]
    walk_ins = dict(db.session.execute(
        db.select(Meeting.event_id, Meeting.walk_ins).where(Meeting.event_id.in_(ids))).all())
    entries = count_by_event(Entry, events)
    return {event_id: FormatFigures(walk_ins=walk_ins.get(event_id) or 0, contributions=entries.get(event_id, 0))
            for event_id in ids}


@hookimpl
def event_tools(event, viewer):
    """The live entry once the meeting belongs to a series (it needs its site)."""
    if services.meeting_of(event) is None:
        return tool_links(event, viewer, [
            (Role.ORGANISER, _l("Choose series, stage and site"), "dezentrale_dialoge_organise.link_meeting")])
    return tool_links(event, viewer, [
        (Role.MODERATOR, _l("Record concerns, wishes and attendance"), "dezentrale_dialoge_moderate.live"),
        (Role.ORGANISER, _l("Change series, stage or site"), "dezentrale_dialoge_organise.link_meeting"),
    ])


evaluation = hookimpl(results.meeting_sections)


@hookimpl
def evaluations(events):
    return results.sections_of(events)


process_report_sections = hookimpl(results.process_sections)
privacy_export = hookimpl(privacy.export)
privacy_erase = hookimpl(privacy.erase)
anonymise_event = hookimpl(privacy.anonymise)
demo_data = hookimpl(demo.load)
duplicate_event = hookimpl(services.copy_set_up)
