"""Participation figures for every format (services.participation): a fixed
number of queries however many events, and the overview and the open-data
API show what the formats counted (each format's own test checks its demo)."""
import re

from conftest import enable, log_in, make_event
from process_helpers import QueryCounter, fill

from dialogplatform.plugin_system.enabling import plugin_manager
from dialogplatform.services import protection
from dialogplatform.services.participation import figures_for
from dialogplatform.testing import load_demo_at


def _events_of_every_format(municipality, per_format):
    events = []
    for key in sorted(plugin_manager().formats):
        for number in range(per_format):
            event = make_event(municipality, key, title=f"{key} {number}", days=-3)
            fill(event)
            events.append(event)
    return events


def test_figures_for_takes_the_same_queries_for_2_and_20_events_of_each_format(people, db):
    few = _events_of_every_format(people.municipality, 2)
    with QueryCounter(db.engine) as counter:
        figures = figures_for(few)
    queries = counter.count
    many = few + _events_of_every_format(people.municipality, 18)
    assert len(many) == 10 * len(few)
    with QueryCounter(db.engine) as counter:
        figures = figures_for(many)
    assert counter.count == queries
    # fill(): four people signed up, two checked in, for every event of every format
    assert {(f.signed_up, f.attended, f.failed) for f in figures.values()} == {(4, 2, False)}
    assert {f.people for f in figures.values()} == {2}


def test_the_events_api_takes_the_same_queries_for_2_and_20_events(people, client, db):
    _events_of_every_format(people.municipality, 2)

    def queries(per_page):
        # Each call its own URL: the page cache does not answer it.
        with QueryCounter(db.engine) as counter:
            response = client.get(f"/api/v1/events?municipality=testort&per_page={per_page}")
        assert response.status_code == 200
        return counter.count, response.get_json()["items"]

    queries(50)  # the app's first request also checks the schema version
    few, items = queries(100)
    assert {item["participation"]["signed_up"] for item in items} == {4}
    _events_of_every_format(people.municipality, 18)
    count, items = queries(99)
    assert len(items) == 99 and {item["format"] for item in items} == protection.public_keys()
    assert count == few


def _api_totals(client, slug):
    totals = {"signed_up": 0, "people": 0, "contributions": 0}
    url = f"/api/v1/events?municipality={slug}&per_page=100"
    while url:
        body = client.get(url).get_json()
        for item in body["items"]:
            for name in totals:
                totals[name] += item["participation"][name]
        url = body["next"]
    return totals


def test_the_overview_adds_up_walk_ins_devices_and_feedback(client, clock):
    load_demo_at(clock)
    html = client.get("/overview?lang=en").get_data(as_text=True)
    for slug in ("stuttgart", "ostfildern", "loerrach", "schwaebisch-gmuend", "weinheim"):
        row = html[html.index(f'href="/{slug}/"'):]
        row = row[:row.index("</tr>")]
        cells = re.findall(r'<td class="num">(\d+)</td>', row)
        totals = _api_totals(client, slug)
        # signed up, took part (at least), contributions: the published events of public formats
        assert [int(cell) for cell in cells] == [totals["signed_up"], totals["people"], totals["contributions"]], slug
        assert totals["people"] > 0 and totals["contributions"] > 0, slug


def test_a_format_whose_figures_fail_leaves_the_report_standing(people, make_app):
    app = make_app(PLUGIN_MODULES=["fixture_plugins.broken_panels"])
    with app.app_context():
        enable(people.municipality, "brokenpanels")
        event = make_event(people.municipality, "brokenpanels", days=-2)
        fill(event)
        client = app.test_client()
        log_in(client, people.organiser)
        response = client.get(f"/testort/e/{event.id}/report")
        assert response.status_code == 200
        html = response.get_data(as_text=True)
        row = html[html.index('<table class="participation">'):]
        cells = re.findall(r'<td class="num">(.*?)</td>', row[:row.index("</tbody>")])
        # the core's sign-ups and check-ins stand; the format's own figures read "–", explained below
        assert cells == ["4", "2", "–", "–", "–", "2"]
        assert "im Moment nicht verfügbar" in html
