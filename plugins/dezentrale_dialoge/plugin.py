"""Hook implementations of the Dezentrale Dialoge; the core finds this module
through the ``dialogplatform.plugins`` entry point."""
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
        name=_l("Decentralised dialogues"),
        description=_l("One dialogue series across many sites and stages, e.g. first in refugee "
                       "accommodations, then in multi-generation houses and neighbourhood meetings. "
                       "Moderators record concerns and wishes by topic; the sites are compared side by side."),
        default_settings={},
    )


@hookimpl
def blueprints():
    from .views import moderate, organise, public

    return [
        PluginBlueprint(moderate, "event"),
        PluginBlueprint(organise, "organise"),
        PluginBlueprint(public, "public"),
    ]


@hookimpl
def event_panels(event, viewer):
    from .panels import meeting_panel

    return [meeting_panel(event, viewer)]


@hookimpl
def evaluation(event):
    from .evaluation import meeting_sections

    return meeting_sections(event)


@hookimpl
def process_report_sections(process):
    from .evaluation import process_sections

    return process_sections(process)


@hookimpl
def navigation(municipality, viewer):
    if not (viewer.is_authenticated and viewer.has_role(municipality, Role.ORGANISER)):
        return None
    return [(_l("Decentralised dialogues"),
             url_for("dezentrale_dialoge_organise.index", municipality_slug=municipality.slug))]


@hookimpl
def recommendation_sources(event):
    """Each concern and wish of the meeting, grouped by topic."""
    from .forms import KIND_LABELS
    from .models import Entry

    entries = db.session.scalars(
        db.select(Entry).filter_by(event_id=event.id).order_by(Entry.topic, Entry.kind, Entry.id))
    return [RecommendationSource(ref=f"entry:{entry.id}", text=entry.text, topic=entry.topic,
                                 kind=str(KIND_LABELS[entry.kind])) for entry in entries]


@hookimpl
def privacy_export(user):
    from .privacy import export

    return export(user)


@hookimpl
def privacy_erase(user):
    from .privacy import erase

    erase(user)


@hookimpl
def anonymise_event(event):
    from .privacy import anonymise

    anonymise(event)


@hookimpl
def demo_data(municipality, session):
    from .demo import load

    load(municipality, session)
