"""Recommendations: from format results or written freely, a dated history
that is never overwritten, a public tracker with filters, an Atom feed."""
from datetime import date

from conftest import enable, log_in, make_event, submit
from process_helpers import QueryCounter, make_process, make_recommendation

from dialogplatform.models import Recommendation, RecommendationUpdate


def test_organiser_turns_format_results_into_recommendations(people, sample_app, db):
    """The candidates come from the format's recommendation_sources hook."""
    enable(people.municipality, "sampleformat")
    process = make_process(people.municipality)
    event = make_event(people.municipality, "sampleformat", process_id=process.id, process_step=2)
    client = sample_app.test_client()
    log_in(client, people.organiser)
    url = f"/testort/organise/recommendations/from-event/{event.id}"
    page = client.get(url).get_data(as_text=True)
    assert "Sprachcafé im Rathaus einrichten" in page and "Mehr Polizeistreifen am Bahnhof" in page
    # A ref the format does not offer is ignored; chosen ones are taken from the format, not the request.
    response = submit(client, url, {"ref": ["idea:2", "idea:99"], "text": "eingeschleust"})
    assert response.status_code == 302
    recommendation = db.session.scalars(db.select(Recommendation)).one()
    assert (recommendation.text, recommendation.topic, recommendation.addressee) == (
        "Mehr Polizeistreifen am Bahnhof", "Sicherheit", "land")
    assert (recommendation.event_id, recommendation.source_ref, recommendation.source_kind) == (
        event.id, "idea:2", "Projektidee")
    assert recommendation.process_id == process.id  # from the event's process
    assert [u.status for u in recommendation.updates] == ["open"]
    # Choosing it again does not duplicate it; the page says it is done.
    submit(client, url, {"ref": "idea:2"})
    assert db.session.query(Recommendation).count() == 1
    assert "already a recommendation" in client.get(url + "?lang=en").get_data(as_text=True)
    # The public page names its origin.
    html = sample_app.test_client().get(f"/testort/recommendations/{recommendation.id}").get_data(as_text=True)
    assert "Mehr Polizeistreifen am Bahnhof" in html and "Sicherheit und Nachbarschaft" in html


def test_the_event_page_links_organisers_to_recommendations_from_results(people, client):
    event = make_event(people.municipality, "themenabend")
    assert "/organise/recommendations/from-event/" not in client.get(f"/testort/e/{event.id}/").get_data(as_text=True)
    log_in(client, people.organiser)
    assert f"/testort/organise/recommendations/from-event/{event.id}" in client.get(
        f"/testort/e/{event.id}/").get_data(as_text=True)


def test_updates_are_dated_and_the_history_is_kept(people, client, db):
    process = make_process(people.municipality)
    log_in(client, people.organiser)
    response = submit(client, "/testort/organise/recommendations/new", {
        "text": "Mehr Präsenz der Polizei am Bahnhof am Abend", "topic": "Sicherheit", "addressee": "land",
        "responsible_body": "Polizei", "process_id": str(process.id)})
    assert response.status_code == 302
    recommendation = db.session.scalars(db.select(Recommendation)).one()
    url = f"/testort/organise/recommendations/{recommendation.id}"
    submit(client, url, {"happened_on": "2030-02-01", "status": "forwarded", "text": "An das Polizeipräsidium"},
           post_url=url + "/updates")
    submit(client, url, {"happened_on": "2030-03-15", "status": "answered", "text": "",
                         "answer": "Ab April zusätzliche Streifen am Abend."}, post_url=url + "/updates")
    # Neither text nor answer: refused with a message, nothing added.
    page = submit(client, url + "?lang=en", {"happened_on": "2030-03-20", "status": "done"}, post_url=url + "/updates")
    assert "Please describe what happened or enter the answer." in page.get_data(as_text=True)
    db.session.expire_all()
    recommendation = db.session.get(Recommendation, recommendation.id)
    assert [(u.happened_on, u.status) for u in recommendation.updates][1:] == [
        (date(2030, 2, 1), "forwarded"), (date(2030, 3, 15), "answered")]
    assert recommendation.status == "answered"
    # Editing the text leaves the history alone.
    submit(client, url, {"text": "Mehr Polizeipräsenz am Bahnhof", "topic": "Sicherheit", "addressee": "land",
                         "responsible_body": "Polizei", "process_id": str(process.id)})
    db.session.expire_all()
    assert db.session.query(RecommendationUpdate).count() == 3
    html = client.application.test_client().get(f"/testort/recommendations/{recommendation.id}").get_data(as_text=True)
    assert "Mehr Polizeipräsenz am Bahnhof" in html
    assert "Ab April zusätzliche Streifen am Abend." in html and "An das Polizeipräsidium" in html
    assert html.index("2030-03-15") < html.index("2030-02-01")  # newest first


def test_an_older_update_added_later_does_not_change_the_status(people, db):
    from dialogplatform.services import recommendations

    recommendation = make_recommendation(people.municipality, status="answered", answer="Ja")
    recommendations.add_update(recommendation, happened_on=date(2030, 1, 20), status="forwarded", text="Nachtrag")
    assert recommendation.status == "answered"
    db.session.expire_all()
    assert [u.status for u in recommendation.updates] == ["open", "forwarded", "answered"]


def test_tracker_filters_by_status_addressee_and_topic(people, client):
    make_recommendation(people.municipality, "Sprachkurse am Abend", topic="Bildung")
    make_recommendation(people.municipality, "Streifen am Bahnhof", topic="Sicherheit", addressee="land",
                        detail="Polizei", status="answered", answer="Wird gemacht")
    make_recommendation(people.municipality, "Mietpatenschaften", topic="Wohnen", status="done")
    make_recommendation(people.other_municipality, "Fremde Empfehlung")

    def texts(query=""):
        html = client.get(f"/testort/recommendations{query}").get_data(as_text=True)
        return {text for text in ("Sprachkurse am Abend", "Streifen am Bahnhof", "Mietpatenschaften",
                                  "Fremde Empfehlung") if text in html}

    assert texts() == {"Sprachkurse am Abend", "Streifen am Bahnhof", "Mietpatenschaften"}
    assert texts("?status=answered") == {"Streifen am Bahnhof"}
    assert texts("?addressee=land") == {"Streifen am Bahnhof"}
    assert texts("?topic=Wohnen") == {"Mietpatenschaften"}
    assert texts("?status=open&topic=Sicherheit") == set()
    assert texts("?status=unknown") == texts()  # invalid filters are ignored


def test_process_tracker_shows_only_its_recommendations(people, client):
    process = make_process(people.municipality)
    hidden = make_process(people.municipality, "Interner Prozess", published=False)
    make_recommendation(people.municipality, "Aus dem Prozess", process=process)
    make_recommendation(people.municipality, "Ohne Prozess")
    html = client.get(f"/testort/p/{process.id}/recommendations").get_data(as_text=True)
    assert "Aus dem Prozess" in html and "Ohne Prozess" not in html
    assert client.get(f"/testort/p/{hidden.id}/recommendations").status_code == 404
    # The process page counts them by status.
    assert f"/testort/p/{process.id}/recommendations?status=open" in client.get(
        f"/testort/p/{process.id}/").get_data(as_text=True)


def test_tracker_needs_the_same_number_of_queries_for_more_rows(people, client, db):
    process = make_process(people.municipality)

    def add(n):
        for i in range(n):
            event = make_event(people.municipality, "themenabend", title=f"Dialog {i}")
            make_recommendation(people.municipality, f"Empfehlung {i}", process=process, event=event,
                                topic=f"Thema {i}", status="forwarded")

    def queries(url):
        with QueryCounter(db.engine) as counter:
            assert client.get(url).status_code == 200
        return counter.count

    add(3)
    few = [queries("/testort/recommendations"), queries(f"/testort/p/{process.id}/recommendations")]
    add(6)
    assert [queries("/testort/recommendations"), queries(f"/testort/p/{process.id}/recommendations")] == few


def test_atom_feed_lists_the_updates(people, client):
    recommendation = make_recommendation(people.municipality, "Streifen am Bahnhof", addressee="land",
                                         detail="Polizei", status="answered", answer="Ab April mehr Streifen.")
    response = client.get("/testort/recommendations/feed.atom")
    assert response.mimetype == "application/atom+xml"
    xml = response.get_data(as_text=True)
    assert xml.count("<entry>") == 2
    assert "Ab April mehr Streifen." in xml
    assert f"/testort/recommendations/{recommendation.id}#update-" in xml
    from xml.etree import ElementTree

    ElementTree.fromstring(response.get_data())  # well-formed


def test_roles_on_recommendation_pages(people, client):
    recommendation = make_recommendation(people.municipality)
    event = make_event(people.municipality, "themenabend")
    urls = ["/testort/organise/recommendations/", "/testort/organise/recommendations/new",
            f"/testort/organise/recommendations/{recommendation.id}",
            f"/testort/organise/recommendations/from-event/{event.id}"]
    assert all(client.get(url).status_code == 302 for url in urls)
    for user, expected in ((people.participant, 403), (people.moderator, 403), (people.other_admin, 403),
                           (people.organiser, 200), (people.admin, 200)):
        fresh = client.application.test_client()
        log_in(fresh, user)
        assert [fresh.get(url).status_code for url in urls] == [expected] * len(urls), user.email
    other = client.application.test_client()
    log_in(other, people.other_admin)
    assert other.get(f"/anderswo/recommendations/{recommendation.id}").status_code == 404
    assert other.get(f"/anderswo/organise/recommendations/{recommendation.id}").status_code == 404
    assert other.get(f"/anderswo/organise/recommendations/from-event/{event.id}").status_code == 404
    # Anyone can read the tracker and a recommendation.
    assert client.application.test_client().get(f"/testort/recommendations/{recommendation.id}").status_code == 200
