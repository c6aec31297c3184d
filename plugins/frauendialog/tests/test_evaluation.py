"""Aggregate only: no group below the threshold shows up anywhere, and no
number can be subtracted from another to find one."""
import csv
import io
import re

import pytest

from dialogplatform.plugin_api import db
from dialogplatform.testing import make_event, submit
from dialogplatform_formats.frauendialog import evaluation, services
from dialogplatform_formats.frauendialog.suppression import suppress

from .helpers import add_contributions, designate, event_url, plugin_url

SECRET = "Ich bin die einzige Frau aus Eritrea im Haus Lindenweg"


def test_suppress_keeps_big_groups_and_merges_small_ones_only_when_the_merge_is_big():
    dropped = suppress({"a": 6, "b": 1, "c": 3}, 5)
    assert dropped.groups == [("a", 6)] and dropped.other == 0 and dropped.total == 6
    merged = suppress({"a": 6, "b": 3, "c": 3}, 5)
    assert merged.groups == [("a", 6)] and merged.other == 6 and merged.total == 12
    assert suppress({"a": 2}, 1).threshold == 5  # never below 5
    assert suppress({"a": 6}, 7).groups == []


@pytest.fixture
def contributed(dialogue):
    """Kinderbetreuung/wish: 6; Wohnen/concern: 5; Sicherheit/concern: 1 (identifying); Gesundheit/issue: 2."""
    dialogue.evaluation_published = True
    db.session.commit()
    add_contributions(dialogue, "Kinderbetreuung", "wish", 6)
    add_contributions(dialogue, "Wohnen", "concern", 5, text="Keine Wohnung")
    add_contributions(dialogue, "Sicherheit im Alltag", "concern", 1, text=SECRET)
    add_contributions(dialogue, "Gesundheit", "issue", 2, text="Ärztin gesucht")
    return dialogue


def _csv(response):
    return list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff")), delimiter=";"))


def test_evaluation_page_and_csv_show_only_groups_that_pass(client, contributed):
    html = client.get(f"/testort/e/{contributed.id}/evaluation").get_data(as_text=True)
    assert "Kinderbetreuung" in html and "Wohnen" in html
    assert "Sicherheit im Alltag" not in html and "Gesundheit" not in html
    assert "weniger als 5 Beiträgen" in html
    rows = _csv(client.get(plugin_url(contributed, "evaluation.csv")))
    assert rows[0] == ["Thema", "Art", "Beiträge"]
    assert rows[1:] == [["Kinderbetreuung", "Wunsch", "5–9"], ["Wohnen", "Sorge", "5–9"],
                        ["Summe der gezeigten Gruppen", "", "10–14"]]


def test_small_groups_are_merged_only_when_the_merged_group_passes(client, contributed):
    add_contributions(contributed, "Begegnung und Freizeit", "wish", 2, text="Frauencafé")  # 1 + 2 + 2 = 5
    rows = _csv(client.get(plugin_url(contributed, "evaluation.csv")))
    assert rows[-2] == ["Andere Themen (jeweils weniger als 5 Beiträge)", "", "5–9"]
    assert rows[-1] == ["Summe der gezeigten Gruppen", "", "15–19"]
    assert not any("Begegnung" in cell or "Sicherheit" in cell for row in rows for cell in row)


def test_a_single_contribution_cannot_be_reidentified(logged_in, client, contributed, enabled, staff, app):
    """Try every output, with filters in the query string, as the public and as staff."""
    designate(contributed, staff["designated"])
    outputs = []
    for who in (None, enabled.organiser, staff["designated"]):
        viewer = logged_in(who) if who else client
        for query in ("", "?topic=Sicherheit+im+Alltag", "?kind=concern&threshold=1", "?min=1&all=1"):
            for url in (f"/testort/e/{contributed.id}/evaluation", plugin_url(contributed, "evaluation.csv"),
                        event_url(contributed)):
                outputs.append(viewer.get(url + query).get_data(as_text=True))
        if who:
            outputs.append(viewer.get(plugin_url(contributed, "contributions")).get_data(as_text=True))
    api = client.get("/api/v1/evaluations?municipality=testort").get_data(as_text=True)
    assert "Kinderbetreuung" in api  # the open-data API goes through the same suppression
    outputs += [api, client.get("/api/v1/events?municipality=testort").get_data(as_text=True)]
    with app.test_request_context(headers={"Accept-Language": "de"}):
        outputs.append(str([vars(source) for source in evaluation.recommendation_sources(contributed)]))
        outputs.append(str([vars(section) for section in evaluation.sections(contributed)]))
    for output in outputs:
        output = re.sub(r"<select.*?</select>", "", output, flags=re.S)  # the form lists every topic
        assert SECRET not in output and "Sicherheit im Alltag" not in output and "Eritrea" not in output
        assert "Ärztin gesucht" not in output
    # No subtraction: the real numbers (14 in all, 6 and 5 shown) are never given, only bands.
    rows = _csv(client.get(plugin_url(contributed, "evaluation.csv")))
    assert rows[-1][-1] == "10–14"
    assert not any(re.search(r"[>;]1[14][<\r]|[>;][56][<\r]", output) for output in outputs)


def test_staff_see_texts_of_passing_groups_only(logged_in, contributed, enabled):
    html = logged_in(enabled.organiser).get(plugin_url(contributed, "contributions")).get_data(as_text=True)
    assert "Mehr Kita-Plätze 0" in html and "Keine Wohnung 4" in html
    assert SECRET not in html


def test_threshold_can_be_raised(client, logged_in, contributed, enabled):
    contributed.settings = {"threshold": 6}
    db.session.commit()
    rows = _csv(client.get(plugin_url(contributed, "evaluation.csv")))
    # Wohnen (5) is now small too; merged with the others (5 + 1 + 2) it passes as one group.
    assert rows[1:] == [["Kinderbetreuung", "Wunsch", "5–9"],
                        ["Andere Themen (jeweils weniger als 6 Beiträge)", "", "5–9"],
                        ["Summe der gezeigten Gruppen", "", "10–14"]]
    assert "Keine Wohnung" not in logged_in(enabled.organiser).get(
        plugin_url(contributed, "contributions")).get_data(as_text=True)


def test_a_stored_threshold_below_five_is_ignored(client, contributed):
    contributed.settings = {"threshold": 1}
    db.session.commit()
    assert services.settings_of(contributed)["threshold"] == 5
    assert "Sicherheit" not in client.get(plugin_url(contributed, "evaluation.csv")).get_data(as_text=True)


def test_organiser_cannot_set_the_threshold_below_five(logged_in, dialogue, enabled):
    client = logged_in(enabled.organiser)
    url = f"/testort/organise/events/{dialogue.id}"
    page = client.get(url).get_data(as_text=True)
    assert 'name="ext__frauendialog__threshold"' in page
    data = {"starts_at": dialogue.starts_at.strftime("%Y-%m-%dT%H:%M"),
            "ends_at": dialogue.ends_at.strftime("%Y-%m-%dT%H:%M"), "place_name": "Rathaus",
            "title_de": "Frauendialog im Stadtteil", "max_companions": "0",
            "ext__frauendialog__topics_de": "Kinderbetreuung", "ext__frauendialog__threshold": "3",
            "ext__frauendialog__retention_days": "30"}
    response = submit(client, url, data)
    assert response.status_code == 200
    assert "Bitte geben Sie eine Zahl von 5 bis 100 ein" in response.get_data(as_text=True)
    db.session.expire_all()
    assert services.settings_of(dialogue)["threshold"] == 5 and "threshold" not in (dialogue.settings or {})
    response = submit(client, url, {**data, "ext__frauendialog__threshold": "8"})
    assert response.status_code == 302
    db.session.expire_all()
    assert services.settings_of(dialogue)["threshold"] == 8


def test_unpublished_evaluation_csv_is_for_organisers_only(logged_in, client, enabled):
    event = make_event(enabled.municipality, "frauendialog")
    add_contributions(event, "Wohnen", "wish", 5)
    assert client.get(plugin_url(event, "evaluation.csv")).status_code == 404
    assert logged_in(enabled.organiser).get(plugin_url(event, "evaluation.csv")).status_code == 200


def test_recommendation_sources_are_group_summaries(app, contributed):
    with app.test_request_context(headers={"Accept-Language": "de"}):
        sources = evaluation.recommendation_sources(contributed)
        assert [(s.ref, s.text) for s in sources] == [
            ("wish:Kinderbetreuung", "Wunsch zu „Kinderbetreuung“ (5–9 Beiträge)"),
            ("concern:Wohnen", "Sorge zu „Wohnen“ (5–9 Beiträge)"),
        ]
