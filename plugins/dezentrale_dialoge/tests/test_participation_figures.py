"""Participation figures of the Stuttgart demo meetings: the walk-ins the
moderators counted reach the open-data API and the report."""
from dialogplatform.plugin_api import db
from dialogplatform.testing import api_figures, load_demo_at, log_in_demo_organiser, report_figures
from dialogplatform_formats.dezentrale_dialoge.models import Entry, Meeting


def test_the_stuttgart_meetings_count_the_walk_ins_and_the_concerns_and_wishes(client, clock):
    load_demo_at(clock)
    walk_ins = dict(db.session.execute(db.select(Meeting.event_id, Meeting.walk_ins)).all())
    entries = dict(db.session.execute(db.select(Entry.event_id, db.func.count()).group_by(Entry.event_id)).all())
    published = api_figures(client, "stuttgart", "dezentrale_dialoge")
    assert set(published) == set(walk_ins)  # all ten meetings are published
    assert sum(figures["walk_ins"] for figures in published.values()) == sum(walk_ins.values()) > 100
    for event_id, figures in published.items():
        assert figures["walk_ins"] == walk_ins[event_id]
        assert figures["contributions"] == entries.get(event_id, 0)
        assert figures["anonymous_contributors"] == 0  # moderators type what is said
        assert figures["people"] == figures["attended"] + figures["walk_ins"]

    past = max((event_id for event_id in walk_ins if walk_ins[event_id]), key=lambda event_id: walk_ins[event_id])
    log_in_demo_organiser(client, "stuttgart")
    shown = report_figures(client, "stuttgart", past)
    assert shown["walk_ins"] == str(walk_ins[past]) and shown["people"] == str(published[past]["people"])
    assert shown["contributions"] == str(entries[past])
