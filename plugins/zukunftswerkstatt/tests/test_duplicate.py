"""Duplicating a workshop takes its themes along; cards, dots, the action
plan, the phase and the join code stay with the original."""
from dialogplatform.plugin_api import db
from dialogplatform.testing import duplicate_from_hub
from dialogplatform_formats.zukunftswerkstatt import services
from dialogplatform_formats.zukunftswerkstatt.models import Card, Measure

from .helpers import add_card, url


def test_the_copy_has_the_themes_but_no_cards_plan_or_phase(logged_in, people, workshop):
    services.add_theme(workshop, "Mobilität")
    card = add_card(workshop, "Zu wenig bezahlbare Wohnungen")
    services.add_measure(workshop, what="Wohnungsbörse einrichten", who="Sozialamt", due_on=None,
                         addressee="municipality", card=card)
    services.set_phase(workshop, "realisation")
    client = logged_in(people.organiser)

    copy = duplicate_from_hub(client, workshop)

    html = client.get(url(copy, "manage")).get_data(as_text=True)
    for name in [theme.name for theme in services.themes_of(workshop)]:
        assert name.replace("&", "&amp;") in html
    assert "Mobilität" in html and "Zu wenig bezahlbare Wohnungen" not in html
    assert "Wohnungsbörse einrichten" not in client.get(url(copy, "plan")).get_data(as_text=True)
    assert "Wohnungsbörse einrichten" in client.get(url(workshop, "plan")).get_data(as_text=True)
    assert [theme.name for theme in services.themes_of(copy)] == [theme.name for theme in services.themes_of(workshop)]
    assert services.workshop_of(copy).phase == "critique"
    assert services.workshop_of(copy).join_code != services.workshop_of(workshop).join_code
    assert db.session.scalar(db.select(db.func.count(Card.id)).filter_by(event_id=copy.id)) == 0
    assert db.session.scalar(db.select(db.func.count(Measure.id)).filter_by(event_id=copy.id)) == 0
