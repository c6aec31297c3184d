"""Pages run a number of SQL queries that does not grow with the rows."""
from contextlib import contextmanager

from conftest import enable, log_in, make_event
from process_helpers import fill, make_process, make_recommendation
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
    # Once uncounted: a process's first request also reads the migration
    # state (once per process), which is no per-row cost.
    client.get(url)
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


def test_land_pages_queries_do_not_grow_with_municipalities(client, app, people):
    """The Land's funding view and the Beirat's table (and its CSV) over
    all municipalities: a fixed number of queries."""
    from conftest import make_municipality
    from process_helpers import make_process, make_recommendation

    from dialogplatform.models import FundingApplication, ProcessActor, SteeringMember
    from dialogplatform.services import funding

    funding.ensure_catalogue()
    programme = funding.programmes()[0]

    def add(count, offset):
        for n in range(offset, offset + count):
            municipality = make_municipality(f"ort{n}", f"Ort {n}")
            process = make_process(municipality, f"Prozess {n}", current_step=2)
            db.session.add_all([ProcessActor(process=process, kind="police", name="Polizei"),
                                SteeringMember(process=process, name="Mitglied"),
                                FundingApplication(municipality_id=municipality.id, programme_id=programme.id,
                                                   process_id=process.id, status="granted",
                                                   amount_granted_eur=1000)])
            db.session.commit()
            make_recommendation(municipality, process=process)

    add(2, 0)
    log_in(client, people.land)
    few = {url: queries_for(client, app, url) for url in ("/land/funding/", "/land/quality/", "/land/quality.csv")}
    add(8, 10)
    assert {url: queries_for(client, app, url) for url in few} == few


def test_funding_applications_list_queries_do_not_grow_with_applications(client, app, people):
    from process_helpers import make_process

    from dialogplatform.models import FundingApplication
    from dialogplatform.services import funding

    funding.ensure_catalogue()
    programmes = funding.programmes()

    def add(count):
        for n in range(count):
            process = make_process(people.municipality, f"Prozess {n}")
            db.session.add(FundingApplication(municipality_id=people.municipality.id,
                                              programme_id=programmes[n % len(programmes)].id,
                                              process_id=process.id, amount_requested_eur=100))
        db.session.commit()

    add(2)
    log_in(client, people.organiser)
    few = queries_for(client, app, "/testort/organise/funding/")
    add(10)
    assert queries_for(client, app, "/testort/organise/funding/") == few


def test_outbox_screen_queries_do_not_grow_with_mails(client, app, people):
    """Waiting, failed and sent mails of both municipalities, on the
    municipality's and the instance's screen."""
    from datetime import timedelta

    from dialogplatform.models import MailState, OutboxMessage
    from dialogplatform.models.types import utcnow

    def add(count):
        now = utcnow()
        for n in range(count):
            for municipality in (people.municipality, people.other_municipality):
                db.session.add_all([
                    OutboxMessage(to_address=f"w{n}@example.org", subject="s", body_text="b",
                                  municipality_id=municipality.id),
                    OutboxMessage(to_address=f"f{n}@example.org", subject="s", body_text="b", state=MailState.FAILED,
                                  failed_at=now, last_error="SMTPRecipientsRefused", municipality_id=municipality.id),
                    OutboxMessage(to_address=f"s{n}@example.org", subject="s", body_text="b", state=MailState.SENT,
                                  sent_at=now - timedelta(days=1), municipality_id=municipality.id)])
        db.session.commit()

    add(1)
    log_in(client, people.admin)
    instance = app.test_client()
    log_in(instance, people.instance_admin)
    few = queries_for(client, app, "/testort/admin/outbox/"), queries_for(instance, app, "/admin/outbox/")
    add(15)
    assert (queries_for(client, app, "/testort/admin/outbox/"), queries_for(instance, app, "/admin/outbox/")) == few


def test_learn_page_queries_do_not_grow_with_reports_and_events(client, app, people):
    """Reports of several municipalities, each with its contact and the
    events behind it: one page, the same number of queries."""
    from process_helpers import make_process

    from dialogplatform.models import ExperienceReport
    from dialogplatform.models.types import utcnow

    def add(count):
        for n in range(count):
            municipality = people.municipality if n % 2 else people.other_municipality
            process = make_process(municipality, current_step=3)
            for _ in range(2):
                make_event(municipality, "themenabend", days=-20, process_id=process.id, process_step=1)
            db.session.add(ExperienceReport(
                municipality_id=municipality.id, process_step_id=process.step(1).id, format_key="themenabend",
                topic=f"Thema {n}", what_worked="Vieles", do_differently="Manches", status="published",
                published_at=utcnow(), contact_id=people.organiser.id if n % 2 else people.other_admin.id))
        db.session.commit()

    add(2)
    few = queries_for(client, app, "/learn/")
    add(10)
    assert queries_for(client, app, "/learn/") == few
    assert queries_for(client, app, "/learn/?format=themenabend") == few


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


def test_land_inbox_and_public_page_queries_do_not_grow_with_recommendations(client, app, people):
    """The Land's inbox and the public page of recommendations to the Land,
    with recommendations (some answered) from two municipalities."""

    def add(count):
        for n in range(count):
            where = people.municipality if n % 2 else people.other_municipality
            make_recommendation(where, f"Empfehlung {n}", topic=f"Thema {n % 3}", addressee="land",
                                status="answered" if n % 3 == 0 else "open", answer="Antwort")

    add(3)
    log_in(client, people.land)
    urls = ["/land/recommendations/", "/recommendations/", "/api/v1/land-recommendations?per_page=100"]
    few = [queries_for(client, app, url) for url in urls]
    add(20)
    assert [queries_for(client, app, url) for url in urls] == few
