"""Pages run a number of SQL queries that does not grow with the rows."""
from contextlib import contextmanager

from conftest import enable, log_in, make_event
from process_helpers import fill, make_process
from sqlalchemy import event as sa_event

from dialogplatform.extensions import db
from dialogplatform.services import signups


@contextmanager
def counted(app):
    """Count the SQL statements the app sends (all app engines share the URL)."""
    statements = []

    def count(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    engine = db.engine
    sa_event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        sa_event.remove(engine, "before_cursor_execute", count)


def queries_for(client, app, url):
    with counted(app) as statements:
        response = client.get(url)
    assert response.status_code == 200
    return len(statements)


def test_municipality_page_queries_do_not_grow_with_events(client, app, people):
    for _ in range(2):
        make_event(people.municipality, "themenabend", capacity=10)
    few = queries_for(client, app, "/testort/")
    for _ in range(12):
        make_event(people.municipality, "themenabend", capacity=10)
    assert queries_for(client, app, "/testort/") == few


def test_registration_list_queries_do_not_grow_with_registrations(client, app, people):
    event = make_event(people.municipality, "themenabend", capacity=500)

    def add(count, offset):
        with app.test_request_context():
            for n in range(offset, offset + count):
                signups.register(event.id, signups.Person(name=f"P{n}", email=f"p{n}@example.org",
                                                          interpreter_language="ar", childcare_count=1),
                                 source="assisted")

    add(3, 0)
    log_in(client, people.organiser)
    url = f"/testort/organise/events/{event.id}/registrations"
    few = queries_for(client, app, url)
    add(30, 100)
    assert queries_for(client, app, url) == few
    csv_url = f"/testort/organise/events/{event.id}/registrations.csv"
    with counted(app) as statements:
        assert client.get(csv_url).status_code == 200
    assert len(statements) <= few


def test_event_page_queries_do_not_grow_with_registrations(client, app, people):
    event = make_event(people.municipality, "themenabend", capacity=500)
    with app.test_request_context():
        signups.register(event.id, signups.Person(name="A", email="a@example.org"), source="assisted")
    few = queries_for(client, app, f"/testort/e/{event.id}/")
    with app.test_request_context():
        for n in range(20):
            signups.register(event.id, signups.Person(name=f"P{n}", email=f"x{n}@example.org"), source="assisted")
    assert queries_for(client, app, f"/testort/e/{event.id}/") == few


def _workshop_with_results(event):
    """A future workshop's themes, a card in each and a measure."""
    from dialogplatform_formats.zukunftswerkstatt import services as workshop

    workshop.add_default_themes(event)
    for n, theme in enumerate(workshop.themes_of(event)):
        workshop.write_card(event, theme_id=theme.id, phase="critique", text=f"Karte {n}", language="de",
                            participant_id=f"p{n}")
    workshop.add_measure(event, what="Sprachcafé", who="VHS", due_on=None, addressee="municipality",
                         theme_id=workshop.themes_of(event)[0].id)


def _tables_with_results(event):
    """Theme tables with questions, a statement per table and question (the
    first an idea with a contact person) and the sign-ups seated in round 1."""
    from dialogplatform_formats.thementische import services as tables

    tables.add_default_tables(event)
    tables.add_default_questions(event)
    for t, table in enumerate(tables.tables_of(event)[:2]):
        for n, question in enumerate(tables.questions_of(event)):
            tables.add_statement(event, table, question, f"Aussage {t}.{n}", is_idea=n == 0,
                                 contact_name="Frau Beispiel" if n == 0 else "")
    tables.assign_round(event, 1)


def _campaign_with_results(event):
    """A Freiraumkiste with approved paper cards and one held for review."""
    from dialogplatform_formats.freiraumkisten import services as boxes
    from dialogplatform_formats.freiraumkisten.models import PostSource

    station = boxes.create_station(event, "Marktplatz")
    for n, mood in enumerate(("good", "bad", "mixed")):
        boxes.submit(event, station, topic="", mood=mood, text=f"Rückmeldung {n}", language="de",
                     source=PostSource.PAPER, approved=True)
    boxes.submit(event, station, topic="", mood="good", text="Noch offen", language="de", source=PostSource.PAPER)


def _series_site(municipality):
    """A published series with a stage and a site for Dezentrale Dialoge meetings."""
    from dialogplatform_formats.dezentrale_dialoge import services as dialogues
    from dialogplatform_formats.dezentrale_dialoge.models import Series, Site

    series = dialogues.save_series(Series(municipality_id=municipality.id), "Dialoge Testort", "", ["Wohnen"], True)
    site = dialogues.save_site(Site(municipality_id=municipality.id),
                               {"name": "Unterkunft Nord", "kind": "accommodation"})
    return dialogues.add_stage(series, "1. Unterkünfte"), site


def _meeting_with_results(event, stage, site):
    from dialogplatform_formats.dezentrale_dialoge import services as dialogues

    dialogues.link_meeting(event, stage, site)
    dialogues.set_walk_ins(dialogues.meeting_of(event), 3)
    for kind, topic in (("concern", "Wohnen"), ("wish", "Wohnen"), ("wish", "Sprachkurse")):
        dialogues.record_entry(event, kind, topic, f"{topic} ({kind})", None)


def _womens_dialogue_with_results(event):
    """Enough contributions on one topic to pass the small-group threshold."""
    from dialogplatform_formats.frauendialog import services as dialogue

    for n in range(6):
        dialogue.add_contribution(event, "wish", "Kinderbetreuung", f"Wunsch {n}", "live")


def test_process_report_queries_do_not_grow_with_events(people, sample_app):
    """The council report (page, PDF and ODT share its data): participation
    figures, languages, steps and the evaluations of the formats that batch
    them (``evaluations``) cost the same for 2 events of each as for 8."""
    formats = ("sampleformat", "themenabend", "zukunftswerkstatt", "thementische", "freiraumkisten",
               "dezentrale_dialoge", "frauendialog")
    for key in formats:
        enable(people.municipality, key)
    process = make_process(people.municipality)
    stage, site = _series_site(people.municipality)
    results = {"zukunftswerkstatt": _workshop_with_results, "thementische": _tables_with_results,
               "freiraumkisten": _campaign_with_results,
               "dezentrale_dialoge": lambda event: _meeting_with_results(event, stage, site),
               "frauendialog": _womens_dialogue_with_results}

    def add(count):
        for n in range(count):
            for key in formats:
                event = make_event(people.municipality, key, title=f"{key} {n}", process_id=process.id,
                                   process_step=1 + n % 3)
                fill(event)
                if key in results:
                    results[key](event)

    add(2)
    client = sample_app.test_client()
    log_in(client, people.organiser)
    url = f"/testort/p/{process.id}/report"
    few = queries_for(client, sample_app, url)
    page = client.get(url).get_data(as_text=True)
    # Each format's evaluation is in the report: a workshop card, a table's
    # statement, a box's text, a meeting's topic, a women's dialogue's topic.
    for shown in ("Karte 2", "Aussage 1.2", "Rückmeldung 2", "Sprachkurse", "Kinderbetreuung"):
        assert shown in page
    add(6)
    assert queries_for(client, sample_app, url) == few
