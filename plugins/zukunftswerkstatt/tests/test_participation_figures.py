"""Participation figures of the Ostfildern demo workshop: the devices that
wrote cards or gave dots, and the cards, reach the open-data API and the
report; they survive the anonymisation the demo shows."""
from dialogplatform.plugin_api import Event, db
from dialogplatform.testing import api_figures, load_demo_at, log_in_demo_organiser, report_figures
from dialogplatform_formats.zukunftswerkstatt import plugin
from dialogplatform_formats.zukunftswerkstatt.models import Card, Vote


def _devices(event_id):
    ids = set()
    for model in (Card, Vote):
        ids |= set(db.session.scalars(db.select(model.participant_id).where(
            model.event_id == event_id, model.participant_id.is_not(None))))
    return ids


def test_the_ostfildern_workshop_counts_its_devices_and_cards(client, clock):
    load_demo_at(clock)
    published = api_figures(client, "ostfildern", "zukunftswerkstatt")
    past = next(event_id for event_id in published if published[event_id]["contributions"])
    cards = db.session.scalar(db.select(db.func.count()).select_from(Card).where(
        Card.event_id == past, Card.hidden.is_(False)))
    devices = _devices(past)
    assert published[past]["contributions"] == cards > 0
    assert published[past]["anonymous_contributors"] == len(devices) > 0
    assert published[past]["people"] == len(devices)  # nobody was checked in: the devices are the people

    log_in_demo_organiser(client, "ostfildern")
    shown = report_figures(client, "ostfildern", past)
    assert (shown["anonymous_contributors"], shown["contributions"]) == (str(len(devices)), str(cards))

    # The retention job runs again on the anonymised workshop: nothing changes.
    plugin.anonymise_event(db.session.get(Event, past))
    db.session.commit()
    assert _devices(past) == devices
    assert api_figures(client, "ostfildern", "zukunftswerkstatt")[past] == published[past]
