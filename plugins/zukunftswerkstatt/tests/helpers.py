"""URLs and small steps shared by the Zukunftswerkstatt tests."""
from dialogplatform.plugin_api import db
from dialogplatform.testing import csrf_token_from
from dialogplatform_formats.zukunftswerkstatt import services
from dialogplatform_formats.zukunftswerkstatt.models import Card, Theme, Vote


def url(event, path=""):
    return f"/{event.municipality.slug}/e/{event.id}/zukunftswerkstatt/{path}"


def join(client, event):
    """Join as an anonymous participant with the event's code."""
    code = services.workshop_of(event).join_code
    response = client.get(url(event, f"join?code={code}"))
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    return response


def theme(event, name="Bauen & Wohnen") -> Theme:
    return db.session.scalars(db.select(Theme).filter_by(event_id=event.id, name=name)).one()


def cards():
    db.session.expire_all()
    return db.session.scalars(db.select(Card).order_by(Card.id)).all()


def votes_on(card):
    db.session.expire_all()
    return db.session.scalar(db.select(db.func.count(Vote.id)).filter_by(card_id=card.id))


def add_card(event, text, phase="critique", theme_name="Bauen & Wohnen", participant="someone"):
    """A card written directly (the phase is checked against the workshop's)."""
    previous = services.workshop_of(event).phase
    services.set_phase(event, phase)
    card = services.write_card(event, theme_id=theme(event, theme_name).id, phase=phase, text=text,
                               language="de", participant_id=participant)
    services.set_phase(event, previous)
    return card


def csrf(client, event, page="") -> str:
    return csrf_token_from(client.get(url(event, page)).get_data(as_text=True))
