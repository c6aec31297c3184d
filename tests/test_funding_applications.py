"""Funding from application to report: a municipality's applications, the
report named by the granted one and submitted as Verwendungsnachweis, the
Land's view of all applications per programme and the Beirat's quality
table (also as CSV)."""
import csv
import io
from datetime import UTC, date, datetime

import pytest
from conftest import log_in, make_user, submit
from odfdo import Document
from process_helpers import make_process, make_recommendation

from dialogplatform.extensions import db
from dialogplatform.models import AuditEntry, FundingApplication, ProcessActor, Role, SteeringMember
from dialogplatform.services import funding
from dialogplatform.services.accounts import grant_role

SECRET_NAME = "Geheime Teilnehmerin"


@pytest.fixture
def catalogue(app):
    funding.ensure_catalogue()
    db.session.commit()
    return {p.key: p for p in funding.programmes()}


def _client(app, user):
    client = app.test_client()
    log_in(client, user)
    return client


def _apply(client, slug, programme, **fields):
    data = {"programme_id": str(programme.id), "process_id": "", "status": "submitted",
            "amount_requested_eur": "4500", "amount_granted_eur": "", "applied_on": "2030-02-01", "decided_on": "",
            "documentation_due": "", "documentation_submitted_on": "", "lpb_contact": "", "notes": "", **fields}
    return submit(client, f"/{slug}/organise/funding/new", data)


def _application(**filters):
    return db.session.scalars(db.select(FundingApplication).filter_by(**filters)).one()


def test_organiser_records_applications_and_sees_the_sums(app, people, catalogue):
    client = _client(app, people.organiser)
    dashboard = client.get("/testort/organise/").get_data(as_text=True)
    assert 'href="/testort/organise/funding/"' in dashboard
    process = make_process(people.municipality, "Zusammenleben")
    process_page = client.get(f"/testort/organise/processes/{process.id}/").get_data(as_text=True)
    assert 'href="/testort/organise/funding/"' in process_page
    response = _apply(client, "testort", catalogue["kommunale_fluechtlingsdialoge"], process_id=str(process.id),
                      status="granted", amount_granted_eur="4000", decided_on="2030-03-01",
                      documentation_due="2030-12-31", lpb_contact="LpB Referat Kommunen", notes="Antrag per Post")
    assert response.status_code == 302
    _apply(client, "testort", catalogue["gut_beraten"], amount_requested_eur="3000")
    _apply(client, "testort", catalogue["vielfalt_gefaellt"], status="declined", amount_requested_eur="20000")
    page = client.get("/testort/organise/funding/").get_data(as_text=True)
    for expected in ("Kommunale Flüchtlingsdialoge", "Gut Beraten", "Vielfalt gefällt", "Zusammenleben",
                     "Bewilligt", "Abgelehnt", "4.000"):
        assert expected in page, expected
    # Requested: 4.500 + 3.000 (the declined one does not count); granted: 4.000.
    total = page[page.index("<tfoot>"):page.index("</tfoot>")]
    assert "7.500" in total and "4.000" in total
    edit = client.get(f"/testort/organise/funding/{_application(status='granted').id}").get_data(as_text=True)
    assert "LpB Referat Kommunen" in edit and "Antrag per Post" in edit
    assert '<nav aria-label="Brotkrümelnavigation"' in edit or 'class="breadcrumbs"' in edit


def test_bad_input_is_explained_in_german(app, people, catalogue):
    client = _client(app, people.organiser)
    response = _apply(client, "testort", catalogue["gut_beraten"], programme_id="", status="planned",
                      amount_granted_eur="500", applied_on="2030-05-01", decided_on="2030-04-01",
                      amount_requested_eur="-3")
    body = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Bitte wählen Sie ein Förderprogramm." in body
    assert "Zwischen 0 und 10000000." in body
    assert db.session.scalar(db.select(db.func.count()).select_from(FundingApplication)) == 0


def test_edit_and_delete_after_confirmation(app, people, catalogue):
    client = _client(app, people.admin)
    _apply(client, "testort", catalogue["gut_beraten"])
    application = _application()
    url = f"/testort/organise/funding/{application.id}"
    assert submit(client, url, {"programme_id": str(catalogue["gut_beraten"].id), "process_id": "",
                                "status": "granted", "amount_requested_eur": "3000", "amount_granted_eur": "2500",
                                "applied_on": "2030-02-01", "decided_on": "2030-03-01"}).status_code == 302
    db.session.expire_all()
    assert (_application().status, _application().amount_granted_eur) == ("granted", 2500)
    confirm = client.get(f"{url}/delete")
    assert confirm.status_code == 200 and "Gut Beraten" in confirm.get_data(as_text=True)
    assert client.post(f"{url}/delete").status_code == 400  # no CSRF token: nothing happens
    assert submit(client, f"{url}/delete", {}).status_code == 302
    assert db.session.scalar(db.select(db.func.count()).select_from(FundingApplication)) == 0
    assert "Gut Beraten" not in client.get("/testort/organise/funding/").get_data(as_text=True)


def test_another_municipality_never_sees_or_changes_an_application(app, people, catalogue):
    _apply(_client(app, people.organiser), "testort", catalogue["gut_beraten"], lpb_contact="Frau Geheim")
    application = _application()
    other = _client(app, people.other_admin)
    assert "Gut Beraten" not in other.get("/anderswo/organise/funding/").get_data(as_text=True)
    # Under its own address the other municipality does not find it ...
    assert other.get(f"/anderswo/organise/funding/{application.id}").status_code == 404
    assert submit(other, "/anderswo/organise/funding/", {},
                  post_url=f"/anderswo/organise/funding/{application.id}/delete").status_code == 404
    # ... and under Testort's it is refused.
    for url in ("/testort/organise/funding/", f"/testort/organise/funding/{application.id}",
                f"/testort/organise/funding/{application.id}/delete"):
        assert other.get(url).status_code == 403, url
    helper = make_user("helfer@testort.example")
    grant_role(helper, people.municipality, Role.HELPER)
    db.session.commit()
    assert _client(app, helper).get("/testort/organise/funding/").status_code == 403
    db.session.expire_all()
    assert _application().lpb_contact == "Frau Geheim"


def test_report_names_the_granted_application_and_is_marked_as_verwendungsnachweis(app, people, catalogue, clock):
    clock.set_time(datetime(2031, 1, 15, 10, 0, tzinfo=UTC))
    # The process form recorded another programme: the granted application wins.
    process = make_process(people.municipality, "Zusammenleben", funding_programme_id=catalogue["gut_beraten"].id,
                           funding_amount_eur=1000)
    client = _client(app, people.organiser)
    report = client.get(f"/testort/p/{process.id}/report").get_data(as_text=True)
    cover = report[report.index('class="cover"'):report.index("</section>", report.index('class="cover"'))]
    assert "Gut Beraten" in cover and "1.000 EUR" in cover  # no application yet: the process's fields
    _apply(client, "testort", catalogue["kommunale_fluechtlingsdialoge"], process_id=str(process.id),
           status="granted", amount_requested_eur="5000", amount_granted_eur="4500", decided_on="2030-03-01",
           documentation_due="2031-03-31")
    report = client.get(f"/testort/p/{process.id}/report").get_data(as_text=True)
    cover = report[report.index('class="cover"'):report.index("</section>", report.index('class="cover"'))]
    assert "Kommunale Flüchtlingsdialoge" in cover and "4.500 EUR" in cover and "31. März 2031" in cover
    assert "Gut Beraten" not in cover
    odt = Document(io.BytesIO(client.get(f"/testort/p/{process.id}/report.odt").get_data())).get_formatted_text()
    assert "Kommunale Flüchtlingsdialoge" in odt and "4.500 EUR" in odt and "Gut Beraten" not in odt
    assert "Noch nicht als Verwendungsnachweis eingereicht." in report
    response = submit(client, f"/testort/p/{process.id}/report", {"submitted_on": "2031-01-14"},
                      post_url=f"/testort/p/{process.id}/report/submitted")
    assert response.status_code == 302
    report = client.get(f"/testort/p/{process.id}/report").get_data(as_text=True)
    assert "Als Verwendungsnachweis eingereicht am 14. Januar 2031." in report
    assert f'href="/testort/organise/funding/{_application().id}"' in report
    db.session.expire_all()
    application = _application()
    assert (application.status, application.documentation_submitted_on) == ("documentation_submitted",
                                                                             date(2031, 1, 14))
    page = client.get(f"/testort/organise/funding/{application.id}").get_data(as_text=True)
    assert "am 14. Januar 2031 als Verwendungsnachweis eingereicht" in page
    assert "Verwendungsnachweis eingereicht (14.01.2031)" in client.get("/testort/organise/funding/").get_data(
        as_text=True)
    entry = db.session.scalars(db.select(AuditEntry).filter_by(action="report.submitted_as_verwendungsnachweis")).one()
    assert (entry.target_id, entry.details, entry.actor_id) == (process.id, {"application": application.id},
                                                                people.organiser.id)
    # A date is needed; the error is in German and nothing changes.
    response = submit(client, f"/testort/p/{process.id}/report", {"submitted_on": ""},
                      post_url=f"/testort/p/{process.id}/report/submitted")
    assert response.status_code == 422 and "Bitte geben Sie ein Datum ein." in response.get_data(as_text=True)
    # Another municipality's staff cannot mark it.
    other = _client(app, people.other_admin)
    assert other.post(f"/testort/p/{process.id}/report/submitted", data={"submitted_on": "2031-01-01"}
                      ).status_code in (400, 403)
    db.session.expire_all()
    assert process.report_submitted_on == date(2031, 1, 14)


@pytest.fixture
def network(app, people, catalogue):
    """Testort: a granted application whose report is in, a process in step 3
    with published maps, a steering group and recommendations (one done);
    Anderswo: an application submitted, no process; a participant's name in
    an event so that nothing of it may show on the Land's pages."""
    from conftest import make_event
    from process_helpers import register

    process = make_process(people.municipality, "Zusammenleben", current_step=3)
    process.analysis_published = True
    process.steps[2].ends_on = date(2030, 6, 30)
    db.session.add_all([ProcessActor(process=process, kind="police", name="Polizei"),
                        SteeringMember(process=process, name="Mitglied")])
    db.session.add_all([
        FundingApplication(municipality_id=people.municipality.id, programme=catalogue["kommunale_fluechtlingsdialoge"],
                           process=process, status="documentation_submitted", amount_requested_eur=5000,
                           amount_granted_eur=4500, applied_on=date(2030, 1, 10), decided_on=date(2030, 2, 1),
                           documentation_submitted_on=date(2030, 12, 1), lpb_contact="Frau Lpb-Kontakt",
                           notes="Interne Notiz"),
        FundingApplication(municipality_id=people.other_municipality.id, status="granted",
                           programme=catalogue["kommunale_fluechtlingsdialoge"], amount_requested_eur=3000,
                           amount_granted_eur=3000, applied_on=date(2030, 3, 1)),
        FundingApplication(municipality_id=people.other_municipality.id, programme=catalogue["gut_beraten"],
                           status="submitted", amount_requested_eur=2000, applied_on=date(2030, 4, 1)),
    ])
    db.session.commit()
    for status in ("open", "forwarded", "done"):
        make_recommendation(people.municipality, f"Empfehlung {status}", status=status, process=process)
    register(make_event(people.municipality, "themenabend", process_id=process.id, process_step=2), SECRET_NAME)
    return process


def test_land_sees_every_application_per_programme_and_who_handed_in_the_report(app, people, network, clock):
    clock.set_time(datetime(2031, 1, 15, 10, 0, tzinfo=UTC))
    client = _client(app, people.land)
    start = client.get("/testort/").get_data(as_text=True)
    assert 'href="/land/"' in start  # the Land's menu entry
    assert 'href="/land/funding/"' in client.get("/land/").get_data(as_text=True)
    page = client.get("/land/funding/").get_data(as_text=True)
    section = page[page.index("Kommunale Flüchtlingsdialoge"):page.index("</section>",
                                                                          page.index("Kommunale Flüchtlingsdialoge"))]
    assert "Testort" in section and "Anderswo" in section
    assert "eingereicht am 01.12.2030" in section  # Testort's report is in
    assert "noch nicht eingereicht" in section  # Anderswo's is not
    assert "4.500" in section and "7.500" in section  # Testort's grant and the sum of both
    gut = page[page.index("Gut Beraten"):page.index("</section>", page.index("Gut Beraten"))]
    assert "Anderswo" in gut and "Eingereicht" in gut and "Testort" not in gut
    for staff_only in ("Frau Lpb-Kontakt", "Interne Notiz", SECRET_NAME):
        assert staff_only not in page


def test_beirat_table_and_its_csv(app, people, network, clock):
    clock.set_time(datetime(2031, 1, 15, 10, 0, tzinfo=UTC))
    client = _client(app, people.land)
    page = client.get("/land/quality/").get_data(as_text=True)
    rows = {name: page[page.index(f'<th scope="row">{name}</th>'):].split("</tr>")[0]
            for name in ("Testort", "Anderswo")}
    assert rows["Testort"].count(">erledigt<") == 3  # step 3 ended before today
    assert "veröffentlicht" in rows["Testort"] and ">ja<" in rows["Testort"]
    assert rows["Testort"].rstrip().endswith('<td class="number">2</td>')  # open and forwarded; done is not open
    assert rows["Anderswo"].count(">nicht erledigt<") == 3 and "nicht erstellt" in rows["Anderswo"]
    assert 'href="/land/quality.csv"' in page and SECRET_NAME not in page
    response = client.get("/land/quality.csv")
    assert response.mimetype == "text/csv" and "attachment" in response.headers["Content-Disposition"]
    table = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff")), delimiter=";"))
    assert table[0][0] == "Kommune"
    by_name = {row[0]: row for row in table[1:]}
    assert by_name["Testort"][1:] == ["1", "ja", "ja", "ja", "veröffentlicht", "ja", "2"]
    assert by_name["Anderswo"][1:] == ["0", "nein", "nein", "nein", "nicht erstellt", "nein", "0"]


def test_quality_csv_cannot_inject_a_formula(app, people, network):
    people.other_municipality.name = "=HYPERLINK(\"http://evil.example\")"
    db.session.commit()
    body = _client(app, people.land).get("/land/quality.csv").get_data(as_text=True)
    assert "'=HYPERLINK" in body and ";=HYPERLINK" not in body and "\n=HYPERLINK" not in body


@pytest.mark.parametrize("who", ["participant", "organiser", "admin", "other_admin"])
def test_only_the_land_role_reaches_the_land_pages(app, people, network, who):
    client = _client(app, getattr(people, who))
    for url in ("/land/", "/land/funding/", "/land/quality/", "/land/quality.csv"):
        assert client.get(url).status_code == 403, url
    assert 'href="/land/"' not in client.get("/testort/").get_data(as_text=True)


def test_guests_are_sent_to_the_log_in(app, network):
    response = app.test_client().get("/land/funding/")
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]


def test_the_land_role_reaches_no_municipality_staff_page(app, people, network):
    client = _client(app, people.land)
    for url in ("/testort/organise/funding/", f"/testort/p/{network.id}/report", "/testort/organise/",
                "/testort/organise/recommendations/"):
        assert client.get(url).status_code == 403, url
