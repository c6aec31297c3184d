"""Hook implementations of the Zukunftswerkstatt; the core finds this module
through the ``dialogplatform.plugins`` entry point."""
import secrets

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import distinct, func, union

from dialogplatform.plugin_api import FormatFigures, Role, count_by_event, db, tool_links
from dialogplatform.plugin_system import FormatInfo, PluginBlueprint, RecommendationSource, hookimpl

from . import demo, forms, panels, services, views
from . import evaluation as results
from .models import ANONYMISED, Card, Vote

KEY = "zukunftswerkstatt"


@hookimpl
def format_info():
    return FormatInfo(
        key=KEY,
        name=_l("Future workshop"),
        description=_l("Refugees, volunteers and administration work on themes in three phases: critique "
                       "(what bothers us), fantasy (what we wish for) and realisation (what we will do). "
                       "Cards are written on phones, the best ones are chosen with dots, and an action "
                       "plan says who does what by when."),
        default_settings={"dots_per_participant": 5},
        organise_endpoint="zukunftswerkstatt_organise.workshops",
        menu_label=_l("Future workshops"),
    )


@hookimpl
def blueprints():
    return [PluginBlueprint(views.event_bp, "event"), PluginBlueprint(views.organise, "organise")]


@hookimpl
def event_settings_form(format_key):
    return forms.SettingsForm


@hookimpl
def event_panels(event, viewer):
    return [panels.event_panel(event, viewer)]


@hookimpl
def recommendation_sources(event):
    """The measures of the action plan."""
    return [RecommendationSource(
        ref=f"measure:{measure.id}",
        text=measure.what + (f" ({measure.who}, {measure.due_on.isoformat()})" if measure.due_on
                             else f" ({measure.who})" if measure.who else ""),
        topic=measure.theme.name if measure.theme else "",
        kind=_("Measure"),
        addressee=measure.addressee,
    ) for measure in services.measures_of(event)]


@hookimpl
def privacy_export(user):
    """Cards are anonymous; only cards staff wrote on someone's behalf carry
    the staff account (as their writer)."""
    cards = db.session.scalars(db.select(Card).filter_by(created_by_id=user.id).order_by(Card.id)).all()
    if not cards:
        return None
    return {"cards_written_on_behalf": [
        {"event_id": card.event_id, "phase": card.phase, "text": card.text, "language": card.language,
         "created_at": card.created_at.isoformat() if card.created_at else None} for card in cards]}


@hookimpl
def privacy_erase(user):
    """The cards stay (they are the participants' words), the link to the
    staff account goes."""
    db.session.execute(db.update(Card).where(Card.created_by_id == user.id).values(created_by_id=None))


@hookimpl
def anonymise_event(event):
    """Replace each participant id by a new random one: the phone's cookie
    no longer leads to its cards and dots, while the number of devices in
    the participation figures stays right (a vote stays a row, so counts
    do too). Idempotent: replaced ids start with "anon:", which a cookie's
    id (URL-safe base64) never contains."""
    ids = set()
    for model in (Card, Vote):
        ids.update(db.session.scalars(db.select(model.participant_id).where(
            model.event_id == event.id, model.participant_id.is_not(None),
            model.participant_id.not_like(f"{ANONYMISED}%")).distinct()))
    for old in ids:
        new = ANONYMISED + secrets.token_hex(12)
        for model in (Card, Vote):
            db.session.execute(db.update(model).where(model.event_id == event.id, model.participant_id == old)
                               .values(participant_id=new))


@hookimpl
def participation_figures(events):
    """The devices (phones, the hall's tablet) that wrote cards or gave dots,
    each known only by its random participant id, and the cards shown
    (hidden ones are not counted). Cards staff wrote on someone's behalf
    count as cards, not as devices."""
    ids = [event.id for event in events]
    used = union(
        db.select(Card.event_id, Card.participant_id).where(Card.event_id.in_(ids), Card.participant_id.is_not(None)),
        db.select(Vote.event_id, Vote.participant_id).where(Vote.event_id.in_(ids), Vote.participant_id.is_not(None)),
    ).subquery()
    devices = dict(db.session.execute(
        db.select(used.c.event_id, func.count(distinct(used.c.participant_id))).group_by(used.c.event_id)).all())
    cards = count_by_event(Card, events, Card.hidden.is_(False))
    return {event_id: FormatFigures(anonymous_contributors=devices.get(event_id, 0),
                                    contributions=cards.get(event_id, 0)) for event_id in ids}


@hookimpl
def event_tools(event, viewer):
    return tool_links(event, viewer, [
        (Role.MODERATOR, _l("Run the workshop"), "zukunftswerkstatt_event.manage"),
        (Role.MODERATOR, _l("Themes"), "zukunftswerkstatt_event.themes"),
        (Role.MODERATOR, _l("Cards"), "zukunftswerkstatt_event.cards"),
        (Role.MODERATOR, _l("Wall for the projector"), "zukunftswerkstatt_event.wall"),
        (Role.MODERATOR, _l("Action plan"), "zukunftswerkstatt_event.plan"),
    ])


evaluation = hookimpl(results.sections)


@hookimpl
def evaluations(events):
    return results.sections_of(events)


demo_data = hookimpl(demo.load)
duplicate_event = hookimpl(services.copy_set_up)
