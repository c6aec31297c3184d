"""Hook implementations of the Freiraumkisten; the core finds this module
through the ``dialogplatform.plugins`` entry point."""
from flask import url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from dialogplatform.extensions import db
from dialogplatform.models import Role
from dialogplatform.plugin_system import FormatInfo, PluginBlueprint, RecommendationSource, hookimpl

from . import models  # noqa: F401  (registers the tables with the metadata)

KEY = "freiraumkisten"


@hookimpl
def format_info():
    return FormatInfo(
        key=KEY,
        name=_l("Pop-up boxes in public space"),
        description=_l("A box stands at places and times in public space. Passers-by leave short feedback "
                       "on the spot or through a QR code on their phone, anonymously and in their language; "
                       "moderators review it and the evaluation compares places, topics and moods."),
        default_settings={},
        signup=False,  # passers-by give feedback; nobody signs up
    )


@hookimpl
def blueprints():
    from .views import organise, public, staff

    return [PluginBlueprint(public, "event"), PluginBlueprint(staff, "event"), PluginBlueprint(organise, "organise")]


@hookimpl
def event_settings_form(format_key):
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
def navigation(municipality, viewer):
    if not (viewer.is_authenticated and viewer.has_role(municipality, Role.ORGANISER)):
        return None
    return [(_l("Pop-up boxes"), url_for("freiraumkisten_organise.campaigns", municipality_slug=municipality.slug))]


@hookimpl
def recommendation_sources(event):
    """Approved feedback texts; hidden and pending posts never become recommendations."""
    from .models import Post, PostStatus
    from .services import topic_label

    posts = db.session.scalars(
        db.select(Post).filter_by(event_id=event.id, status=PostStatus.APPROVED).order_by(Post.created_at, Post.id)
    )

    return [RecommendationSource(ref=f"post:{post.id}", text=post.text, topic=topic_label(post.topic),
                                 kind=_("Feedback")) for post in posts]


@hookimpl
def privacy_export(user):
    from . import privacy

    return privacy.export(user)


@hookimpl
def privacy_erase(user):
    from . import privacy

    privacy.erase(user)


@hookimpl
def anonymise_event(event):
    """Idempotent: only moderator links are personal; they are set to NULL."""
    from . import privacy

    privacy.anonymise_event(event)


@hookimpl
def demo_data(municipality, session):
    from .demo import load

    load(municipality, session)
