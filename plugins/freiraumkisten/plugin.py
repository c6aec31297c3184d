"""Hook implementations of the Freiraumkisten; the core finds this module
through the ``dialogplatform.plugins`` entry point."""
from flask import url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from dialogplatform.plugin_api import FormatFigures, Role, count_by_event, db, tool_links
from dialogplatform.plugin_system import FormatInfo, PluginBlueprint, RecommendationSource, hookimpl

from . import demo, forms, panels, privacy, services, views
from . import evaluation as results
from .models import Post, PostStatus
from .services import station_by_short_code, topic_label

KEY = "freiraumkisten"


@hookimpl
def format_info():
    return FormatInfo(
        key=KEY,
        name=_l("Pop-up boxes in public space"),
        description=_l("A box stands at places and times in public space. Passers-by leave short feedback "
                       "on the spot or through a QR code on their phone, anonymously and in their language; "
                       "moderators review it and the evaluation compares places, topics and moods."),
        signup=False,  # passers-by give feedback; nobody signs up
        organise_endpoint="freiraumkisten_organise.campaigns",
        menu_label=_l("Pop-up boxes"),
    )


@hookimpl
def blueprints():
    return [PluginBlueprint(views.public, "event"), PluginBlueprint(views.staff, "event"),
            PluginBlueprint(views.organise, "organise")]


@hookimpl
def event_settings_form(format_key):
    return forms.SettingsForm


@hookimpl
def recommendation_sources(event):
    """Approved feedback texts; hidden and pending posts never become recommendations."""
    posts = db.session.scalars(
        db.select(Post).filter_by(event_id=event.id, status=PostStatus.APPROVED).order_by(Post.created_at, Post.id)
    )
    return [RecommendationSource(ref=f"post:{post.id}", text=post.text, topic=topic_label(post.topic),
                                 kind=_("Feedback")) for post in posts]


@hookimpl
def participation_figures(events):
    """Each post that moderation did not hide is one passer-by's feedback:
    nothing about the device is stored, so a post counts as one anonymous
    contributor (the form is rate-limited per device and station)."""
    posts = count_by_event(Post, events, Post.status != PostStatus.HIDDEN)
    return {event_id: FormatFigures(anonymous_contributors=number, contributions=number)
            for event_id, number in posts.items()}


@hookimpl
def short_link(municipality, code):
    """A poster's short address leads to the station's feedback form."""
    station = station_by_short_code(municipality, code)
    if station is None:
        return None
    return url_for("freiraumkisten_public.station", municipality_slug=municipality.slug,
                   event_id=station.event_id, code=station.code)


@hookimpl
def event_tools(event, viewer):
    return tool_links(event, viewer, [
        (Role.MODERATOR, _l("Moderation"), "freiraumkisten_staff.moderation"),
        (Role.MODERATOR, _l("Moderation log"), "freiraumkisten_staff.moderation_log"),
        (Role.ORGANISER, _l("Places and times"), "freiraumkisten_staff.stations"),
    ])


@hookimpl
def moderation_queue(municipality):
    """Posts waiting for review, per campaign (one query)."""
    return [(title, count, url_for("freiraumkisten_staff.moderation", event_id=event_id,
                                   municipality_slug=municipality.slug))
            for event_id, title, count in services.pending_by_event(municipality)]


event_panels = hookimpl(panels.panels)
evaluation = hookimpl(results.sections)


@hookimpl
def evaluations(events):
    return results.sections_of(events)


privacy_export = hookimpl(privacy.export)
privacy_erase = hookimpl(privacy.erase)
anonymise_event = hookimpl(privacy.anonymise_event)
demo_data = hookimpl(demo.load)
duplicate_event = hookimpl(services.copy_set_up)
