"""Documentation reports of a process and of an event: web page and PDF."""
import shutil
import subprocess
from datetime import date

import pytest
from conftest import enable, log_in, make_event
from process_helpers import QueryCounter, fill, make_process, make_recommendation

from dialogplatform.extensions import db as _db
from dialogplatform.services import funding
from dialogplatform.services.participation import figures_for
from dialogplatform.services.reports import signup_languages


def test_signup_languages_come_from_one_query(people, db):
    events = [make_event(people.municipality, "themenabend", title=f"Dialog {i}") for i in range(4)]
    for event in events:
        fill(event)
    with QueryCounter(db.engine) as counter:
        breakdown = signup_languages([event.id for event in events])
    assert counter.count == 1
    first = breakdown[events[0].id]
    assert first.languages == {"ar": 2, "de": 1}
    assert first.interpreters == {"ar": 1}


def test_report_figures_are_the_participation_figures(people, db):
    """Sign-ups and attendance come from services.participation alone."""
    from dialogplatform.services.reports import event_reports

    event = make_event(people.municipality, "themenabend", title="Dialog")
    fill(event)
    (report,) = event_reports([event])
    assert report.figures == figures_for([event])[event.id]
    assert (report.registered, report.attended) == (4, 2)


@pytest.fixture
def reported(people, sample_app):
    """A funded process with two events of the sample format, sign-ups and
    a recommendation."""
    enable(people.municipality, "sampleformat")
    funding.ensure_catalogue()
    _db.session.commit()
    programme = next(p for p in funding.programmes() if p.key == "kommunale_fluechtlingsdialoge")
    process = make_process(people.municipality, current_step=2, funding_programme_id=programme.id,
                           funding_amount_eur=4500, documentation_due=date(2030, 12, 31))
    kickoff = make_event(people.municipality, "sampleformat", title="Auftakt", days=-30,
                         process_id=process.id, process_step=2)
    draft = make_event(people.municipality, "sampleformat", title="Entwurf", status="draft",
                       process_id=process.id, process_step=3)
    fill(kickoff)
    make_recommendation(people.municipality, "Streifen am Bahnhof", process=process, addressee="land",
                        detail="Polizei", status="answered", answer="Ja")
    return process, kickoff, draft


def test_process_report_documents_steps_figures_evaluations_recommendations_and_funding(people, sample_app, reported):
    process, kickoff, draft = reported
    client = sample_app.test_client()
    log_in(client, people.organiser)
    html = client.get(f"/testort/p/{process.id}/report").get_data(as_text=True)
    assert "Auftakt" in html and "Entwurf" not in html  # drafts are not documented
    row = html[html.index("<th scope=\"row\"><span dir=\"auto\">Auftakt"):]
    row = row[:row.index("</tr>")]
    assert "<td class=\"num\">4</td>" in row and "<td class=\"num\">2</td>" in row  # registered, attended
    assert "Sample results" in html  # the format's evaluation of the event (hook "evaluation")
    assert "Sample across the process" in html  # hook "process_report_sections"
    assert "Streifen am Bahnhof" in html and "Polizei" in html
    assert "Kommunale Flüchtlingsdialoge" in html and "4.500 EUR" in html
    assert f"/testort/p/{process.id}/report.pdf" in html


def test_report_is_in_the_municipalitys_language(people, sample_app, reported):
    process, _kickoff, _draft = reported
    municipality = _db.session.get(type(people.municipality), people.municipality.id)
    municipality.default_language = "en"
    _db.session.commit()
    client = sample_app.test_client()
    log_in(client, people.organiser)
    html = client.get(f"/testort/p/{process.id}/report?lang=de").get_data(as_text=True)
    assert "Participation" in html and "Steps of the process" in html
    municipality.default_language = "de"
    _db.session.commit()
    german = client.get(f"/testort/p/{process.id}/report?lang=en").get_data(as_text=True)
    assert "Beteiligung" in german and "Steps of the process" not in german


def test_process_report_as_pdf_on_a4(people, sample_app, reported, tmp_path):
    process, _kickoff, _draft = reported
    client = sample_app.test_client()
    log_in(client, people.organiser)
    response = client.get(f"/testort/p/{process.id}/report.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    pdf = response.get_data()
    assert pdf.startswith(b"%PDF-")
    if shutil.which("pdftotext") and shutil.which("pdfinfo"):  # poppler-utils
        (tmp_path / "report.pdf").write_bytes(pdf)
        info = subprocess.run(["pdfinfo", str(tmp_path / "report.pdf")], capture_output=True, text=True).stdout
        assert "(A4)" in info
        text = subprocess.run(["pdftotext", str(tmp_path / "report.pdf"), "-"], capture_output=True,
                              text=True, check=True).stdout
        assert "Kommunale Flüchtlingsdialoge" in text and "Streifen am Bahnhof" in text


def test_event_report_as_page_and_pdf(people, sample_app, reported):
    _process, kickoff, _draft = reported
    client = sample_app.test_client()
    log_in(client, people.organiser)
    html = client.get(f"/testort/e/{kickoff.id}/report").get_data(as_text=True)
    assert "Sample results" in html and "<td class=\"num\">4</td>" in html
    assert client.get(f"/testort/e/{kickoff.id}/report.pdf").get_data().startswith(b"%PDF-")


def test_protected_format_shows_totals_only(people, db):
    from dialogplatform.services.reports import event_reports

    event = make_event(people.municipality, "frauendialog", title="Frauendialog")
    fill(event)
    (report,) = event_reports([event])
    assert report.protected and (report.figures.signed_up, report.figures.attended) == (4, 2)


def test_roles_on_reports(people, client, sample_app, reported):
    process, kickoff, _draft = reported
    urls = [f"/testort/p/{process.id}/report", f"/testort/e/{kickoff.id}/report"]
    client = sample_app.test_client()
    assert all(client.get(url).status_code == 302 for url in urls)
    for user, expected in ((people.participant, 403), (people.moderator, 403), (people.other_admin, 403)):
        fresh = sample_app.test_client()
        log_in(fresh, user)
        assert [fresh.get(url).status_code for url in urls] == [expected] * len(urls), user.email
    other = sample_app.test_client()
    log_in(other, people.other_admin)
    assert other.get(f"/anderswo/p/{process.id}/report").status_code == 404
    assert other.get(f"/anderswo/e/{kickoff.id}/report.pdf").status_code == 404
