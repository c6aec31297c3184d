"""The read-only open-data API: published data only, never personal data,
the women's dialogue only as its aggregate; checked against its OpenAPI
document with schemathesis."""
import contextvars
import json

import pytest
import schemathesis
from conftest import enable, make_event
from flask import globals as flask_globals
from hypothesis import HealthCheck, settings
from process_helpers import fill, make_process, make_recommendation

from dialogplatform.extensions import db as _db
from dialogplatform.models import SteeringMember
from dialogplatform.services.openapi import document


@pytest.fixture
def published(people, sample_app):
    """A published process with a published event (with sign-ups and a
    published evaluation), a draft, a women's dialogue and recommendations."""
    enable(people.municipality, "sampleformat")
    process = make_process(people.municipality, rules="Alle kommen zu Wort.")
    hidden = make_process(people.municipality, "Interner Prozess", published=False)
    _db.session.add(SteeringMember(process_id=process.id, name="Aylin Kaya", organisation="Freundeskreis",
                                   role="Sprecherin", public_consent=True))
    event = make_event(people.municipality, "sampleformat", title="Auftakt", process_id=process.id, process_step=2,
                       evaluation_published=True)
    fill(event)
    make_event(people.municipality, "sampleformat", title="Entwurf", status="draft")
    women = make_event(people.municipality, "frauendialog", title="Frauenfrühstück", process_id=process.id,
                       process_step=3, evaluation_published=True)
    fill(women)
    make_recommendation(people.municipality, "Streifen am Bahnhof", process=process, event=event,
                        addressee="land", status="answered", answer="Ab April mehr Streifen.")
    make_recommendation(people.municipality, "Kinderbetreuung bei Kursen", process=hidden, event=women)
    return {"process": process, "hidden": hidden, "event": event, "women": women}


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    return response.get_json()


def test_api_publishes_processes_events_evaluations_and_recommendations(people, sample_app, published):
    client = sample_app.test_client()
    slugs = [m["slug"] for m in get(client, "/api/v1/municipalities")["items"]]
    assert slugs == ["anderswo", "testort"]

    processes = get(client, "/api/v1/processes?municipality=testort")["items"]
    assert [p["title"]["de"] for p in processes] == ["Flüchtlingsdialog Testort"]  # not the unpublished one
    assert processes[0]["steering_group_size"] == 1 and [s["number"] for s in processes[0]["steps"]] == [1, 2, 3]

    events = get(client, "/api/v1/events")["items"]
    assert [e["title"]["de"] for e in events] == ["Auftakt"]  # no draft, no women's dialogue
    assert events[0]["process_id"] == published["process"].id
    assert get(client, f"/api/v1/events?process={published['process'].id}")["total"] == 1

    evaluations = get(client, "/api/v1/evaluations")["items"]
    sample = next(item for item in evaluations if item["format"] == "sampleformat")
    assert sample["event_id"] == published["event"].id
    assert sample["sections"] == [{"title": "Sample results", "text": "", "table": [["Theme", "Count"], ["Wohnen", 3]]}]

    recommendations = get(client, "/api/v1/recommendations?municipality=testort&status=answered")["items"]
    assert [r["text"] for r in recommendations] == ["Streifen am Bahnhof"]
    assert recommendations[0]["origin"]["event_id"] == published["event"].id
    assert recommendations[0]["history"][-1]["answer"] == "Ab April mehr Streifen."


def test_women_s_dialogue_appears_only_as_its_aggregate(people, sample_app, published):
    client = sample_app.test_client()
    women = published["women"]
    everything = json.dumps([get(client, f"/api/v1/{name}?per_page=100") for name in
                             ("municipalities", "processes", "events", "evaluations", "recommendations",
                              "land-recommendations")])
    assert "Frauenfrühstück" not in everything
    evaluations = [item for item in get(client, "/api/v1/evaluations")["items"] if item["format"] == "frauendialog"]
    assert evaluations and all(set(item) == {"municipality", "format", "sections"} for item in evaluations)
    kinder = next(r for r in get(client, "/api/v1/recommendations")["items"]
                  if r["text"] == "Kinderbetreuung bei Kursen")
    assert kinder["origin"] is None and kinder["process_id"] is None  # its process is not public
    assert f'"event_id": {women.id}' not in everything


def test_api_never_returns_personal_data(people, sample_app, published):
    client = sample_app.test_client()
    everything = json.dumps([get(client, f"/api/v1/{name}?per_page=100") for name in
                             ("municipalities", "processes", "events", "evaluations", "recommendations",
                              "land-recommendations")])
    for personal in ("Amal", "Peter", "Walkin", "@example.org", "Aylin Kaya", "organiser@testort.example"):
        assert personal not in everything


def test_api_pages_and_refuses_bad_parameters(people, client):
    for i in range(5):
        make_event(people.municipality, "themenabend", title=f"Dialog {i}")
    first = get(client, "/api/v1/events?per_page=2")
    assert (len(first["items"]), first["total"], first["page"]) == (2, 5, 1)
    assert "page=2" in first["next"]
    last = get(client, "/api/v1/events?per_page=2&page=3")
    assert len(last["items"]) == 1 and last["next"] is None
    for query in ("page=0", "page=abc", "per_page=101", "per_page=", "process=-1"):
        response = client.get(f"/api/v1/events?{query}")
        assert response.status_code == 400 and "error" in response.get_json()
    assert client.get("/api/v1/recommendations?status=bogus").status_code == 400


def test_api_is_read_only(people, client):
    # No CSRF token needed and none accepted: there is nothing to post.
    assert client.post("/api/v1/events").status_code == 405
    assert client.get("/api/v1/openapi.json").get_json()["openapi"].startswith("3.")


# -- schema-based fuzzing -----------------------------------------------------
def _isolated(app):
    """Serve each request outside the test's app context, as in production."""

    def wsgi(environ, start_response):
        def run():
            flask_globals._cv_app.set(None)
            return list(app(environ, start_response))

        return contextvars.copy_context().run(run)

    return wsgi


# The document is static (only its server URL depends on the request), so
# it is loaded at import; each case is sent to the app with its data.
schema = schemathesis.openapi.from_dict(document("http://localhost/api/v1"))


@schema.parametrize()
@settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck), database=None)
def test_api_matches_its_openapi_document(case, published, sample_app):
    case.call_and_validate(app=_isolated(sample_app))


def test_served_document_is_the_one_tested(client):
    assert client.get("/api/v1/openapi.json").get_json() == document("http://localhost/api/v1")
