"""The process report a mayor hands to the council: cover, key figures,
the staff's own texts, maps and steering group, as web page, PDF and
editable OpenDocument text, with no personal or staff-only data."""
import io
import re
import shutil
import subprocess
import zipfile
from datetime import UTC, date, datetime

import pytest
from conftest import enable, log_in, make_event, submit
from odfdo import Document
from PIL import Image
from process_helpers import fill, make_process, make_recommendation

from dialogplatform.extensions import db as _db
from dialogplatform.models import ProcessActor, ProcessActorRelation, ProcessTopic, SteeringMeeting, SteeringMember
from dialogplatform.services import funding, logos

PERSONAL = ("Amal", "amal@example.org", "Zahra", "Farid", "Bernd Geheim", "kontakt@verein.example",
            "Frau Kontakt", "Geheimes Protokoll")


def _png(colour="#1d4f91") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (120, 60), colour).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def council(people, sample_app):
    """A funded process with a logo, an event with sign-ups (one at local
    midnight), a steering group with one member who agreed to be named and
    one who did not, a published actor and topic map and a recommendation
    whose contact person is for staff only."""
    enable(people.municipality, "sampleformat")
    funding.ensure_catalogue()
    municipality = _db.session.get(type(people.municipality), people.municipality.id)
    logos.save(municipality, _png())
    programme = next(p for p in funding.programmes() if p.key == "kommunale_fluechtlingsdialoge")
    process = make_process(people.municipality, "Zusammenleben in Testort", current_step=2,
                           funding_programme_id=programme.id, funding_amount_eur=4500,
                           documentation_due=date(2030, 12, 31))
    process.steps[0].starts_on, process.steps[2].ends_on = date(2030, 3, 1), date(2030, 11, 30)
    process.analysis_published = True
    process.members.extend([
        SteeringMember(name="Dr. Anna Beispiel", organisation="Caritas", role="Vorsitz", public_consent=True),
        SteeringMember(name="Bernd Geheim", organisation="Verwaltung", role="Mitglied", public_consent=False)])
    process.meetings.append(SteeringMeeting(held_on=date(2030, 3, 5), minutes="Geheimes Protokoll", public=False))
    verein = ProcessActor(process=process, kind="clubs", name="Verein Miteinander",
                          contact="Frau Kontakt, kontakt@verein.example")
    amt = ProcessActor(process=process, kind="administration", name="Amt für Integration", contact="")
    _db.session.add_all([verein, amt])
    _db.session.flush()
    _db.session.add(ProcessActorRelation(process=process, source_id=amt.id, target_id=verein.id, kind="funds"))
    topic = ProcessTopic(process=process, name="Wohnen", concerns="Zu wenig Wohnungen", options="Runder Tisch")
    topic.actors = [verein]
    _db.session.add(topic)
    _db.session.commit()
    # 22:00 UTC is midnight in Weinheim in summer: a day-long campaign.
    kickoff = make_event(people.municipality, "sampleformat", title="Auftakt im Rathaus", process_id=process.id,
                         process_step=2)
    kickoff.starts_at = datetime(2030, 5, 1, 22, 0, tzinfo=UTC)
    kickoff.ends_at = datetime(2030, 5, 2, 21, 0, tzinfo=UTC)
    _db.session.commit()
    fill(kickoff)
    recommendation = make_recommendation(people.municipality, "Sprachcafé im Stadtteil", process=process,
                                         detail="Amt für Integration")
    recommendation.contact = "Frau Kontakt 0621 12345"
    _db.session.commit()
    return process


def _organiser(sample_app, people):
    client = sample_app.test_client()
    log_in(client, people.organiser)
    return client


def _texts(client, process, introduction="", conclusion="", note=""):
    url = f"/testort/p/{process.id}/report/texts"
    return submit(client, url, {"report_introduction": introduction, "report_conclusion": conclusion,
                                "step1_note": "", "step2_note": note, "step3_note": ""})


def test_staff_write_introduction_conclusion_and_step_notes_that_the_report_shows(people, sample_app, council):
    client = _organiser(sample_app, people)
    response = _texts(client, council, "Der Gemeinderat hat 2030 den Dialog beschlossen.",
                      "Wir danken allen Beteiligten.", "Der Auftakt war gut besucht.")
    assert response.status_code == 302 and response.location.endswith(f"/testort/p/{council.id}/report")
    html = client.get(response.location).get_data(as_text=True)
    for text in ("Der Gemeinderat hat 2030 den Dialog beschlossen.", "Wir danken allen Beteiligten.",
                 "Der Auftakt war gut besucht."):
        assert text in html
    assert html.index("Einleitung") < html.index("Schritte des Prozesses") < html.index("Fazit")
    # The form shows what was saved, and the public process page does not show it.
    form = client.get(f"/testort/p/{council.id}/report/texts").get_data(as_text=True)
    assert "Wir danken allen Beteiligten." in form
    assert "Wir danken allen Beteiligten." not in sample_app.test_client().get(
        f"/testort/p/{council.id}/").get_data(as_text=True)


def test_the_texts_form_needs_its_csrf_token(people, sample_app, council):
    client = _organiser(sample_app, people)
    response = client.post(f"/testort/p/{council.id}/report/texts", data={"report_introduction": "Ohne Token"})
    assert response.status_code in (200, 400)
    assert "Ohne Token" not in client.get(f"/testort/p/{council.id}/report").get_data(as_text=True)


def test_the_report_page_has_cover_key_figures_steering_group_and_maps(people, sample_app, council):
    html = _organiser(sample_app, people).get(f"/testort/p/{council.id}/report").get_data(as_text=True)
    cover = html[html.index('class="cover"'):html.index('class="key-figures-page"')]
    assert 'src="data:image/png;base64,' in cover  # the municipality's logo
    for text in ("Testort", "Dokumentationsbericht", "Zusammenleben in Testort", "1. März 2030",
                 "30. November 2030", "Kommunale Flüchtlingsdialoge", "4.500 EUR"):
        assert text in cover, text
    figures = html[html.index('class="key-figures"'):]
    figures = figures[:figures.index("</dl>")]
    numbers = dict(re.findall(r"<dt>([^<]+)</dt><dd>(\d+)</dd>", figures))
    # fill(): 4 signed up, 2 checked in (one sign-up, one walk-in at the door); one recommendation.
    assert numbers == {"Veranstaltungen": "1", "Erreichte Menschen": "2", "Angemeldete Menschen": "4",
                       "Beiträge": "0", "Handlungsempfehlungen": "1"}
    assert "Dr. Anna Beispiel" in html and "Caritas" in html
    assert "1 weiteres Mitglied möchte nicht namentlich genannt werden." in html
    assert "Verein Miteinander" in html and "Amt für Integration" in html and "Wohnen" in html
    assert html.count('src="data:image/svg+xml;base64,') >= 2  # actor map and topic map


def test_no_personal_or_staff_only_data_on_the_page_in_the_pdf_or_the_odt(people, sample_app, council, tmp_path):
    client = _organiser(sample_app, people)
    html = client.get(f"/testort/p/{council.id}/report").get_data(as_text=True)
    odt = client.get(f"/testort/p/{council.id}/report.odt").get_data()
    with zipfile.ZipFile(io.BytesIO(odt)) as archive:
        odt_xml = "".join(archive.read(name).decode("utf-8", "replace") for name in archive.namelist()
                          if name.endswith(".xml"))
    for text in PERSONAL + ("Frau Kontakt 0621 12345",):
        assert text not in html, text
        assert text not in odt_xml, text
    pdf = client.get(f"/testort/p/{council.id}/report.pdf").get_data()
    if shutil.which("pdftotext"):  # poppler-utils, where installed
        (tmp_path / "report.pdf").write_bytes(pdf)
        text = subprocess.run(["pdftotext", str(tmp_path / "report.pdf"), "-"], capture_output=True, text=True,
                              check=True).stdout
        assert "Dr. Anna Beispiel" in text
        assert not [item for item in PERSONAL if item in text]


def test_pdf_is_a4_with_the_cover_texts(people, sample_app, council, tmp_path):
    client = _organiser(sample_app, people)
    _texts(client, council, "Einleitung für den Gemeinderat.")
    response = client.get(f"/testort/p/{council.id}/report.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    pdf = response.get_data()
    assert pdf.startswith(b"%PDF-")
    if shutil.which("pdftotext"):
        (tmp_path / "report.pdf").write_bytes(pdf)
        first = subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(tmp_path / "report.pdf"), "-"],
                               capture_output=True, text=True, check=True).stdout
        for text in ("Testort", "Zusammenleben in Testort", "Kommunale Flüchtlingsdialoge", "4.500 EUR"):
            assert text in first, text
        second = subprocess.run(["pdftotext", "-f", "2", "-l", "2", str(tmp_path / "report.pdf"), "-"],
                                capture_output=True, text=True, check=True).stdout
        assert "Kennzahlen" in second


def test_odt_opens_with_title_introduction_key_figures_and_images(people, sample_app, council):
    client = _organiser(sample_app, people)
    _texts(client, council, "Einleitung für den Gemeinderat.", "Ein gutes Jahr.", "Notiz zum Auftakt.")
    response = client.get(f"/testort/p/{council.id}/report.odt")
    assert response.status_code == 200
    assert response.mimetype == "application/vnd.oasis.opendocument.text"
    assert "attachment" in response.headers["Content-Disposition"]
    document = Document(io.BytesIO(response.get_data()))
    text = document.get_formatted_text()
    for expected in ("Zusammenleben in Testort", "Dokumentationsbericht", "Kommunale Flüchtlingsdialoge",
                     "4.500 EUR", "Kennzahlen", "Erreichte Menschen", "Einleitung für den Gemeinderat.",
                     "Notiz zum Auftakt.", "Ein gutes Jahr.", "Dr. Anna Beispiel", "Verein Miteinander",
                     "Sprachcafé im Stadtteil", "Auftakt im Rathaus"):
        assert expected in text, expected
    assert text.index("Kennzahlen") < text.index("Einleitung für den Gemeinderat.") < text.index("Ein gutes Jahr.")
    figures = text[text.index("Kennzahlen"):text.index("Einleitung für den Gemeinderat.")]
    numbers = dict((label, number) for number, label in re.findall(r"(\d+)\s+([A-Za-zÄÖÜäöü ]+?)\n", figures))
    assert numbers == {"Veranstaltungen": "1", "Erreichte Menschen": "2", "Angemeldete Menschen": "4",
                       "Beiträge": "0", "Handlungsempfehlungen": "1"}
    pictures = [name for name in zipfile.ZipFile(io.BytesIO(response.get_data())).namelist()
                if name.startswith("Pictures/")]
    assert any(name.endswith(".png") for name in pictures)  # the logo
    assert sum(name.endswith(".svg") for name in pictures) >= 2  # the maps (and charts)


def test_dates_and_times_read_in_the_locale_without_seconds(people, sample_app, council):
    client = _organiser(sample_app, people)
    html = client.get(f"/testort/p/{council.id}/report").get_data(as_text=True)
    document = Document(io.BytesIO(client.get(f"/testort/p/{council.id}/report.odt").get_data()))
    for output in (html, document.get_formatted_text()):
        assert "00:00:00" not in output and ":00:00" not in output
        assert "02.05.2030" in output  # the midnight start reads as its day


def test_another_municipalitys_staff_reach_neither_the_report_nor_its_texts(people, sample_app, council):
    urls = [f"/p/{council.id}/report", f"/p/{council.id}/report.pdf", f"/p/{council.id}/report.odt",
            f"/p/{council.id}/report/texts"]
    other = sample_app.test_client()
    log_in(other, people.other_admin)
    assert [other.get(f"/testort{url}").status_code for url in urls] == [403] * 4
    assert [other.get(f"/anderswo{url}").status_code for url in urls] == [404] * 4
    token_page = other.get("/anderswo/organise/processes/new")
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', token_page.get_data(as_text=True))
    data = {"report_introduction": "Fremd", **({"csrf_token": token.group(1)} if token else {})}
    assert other.post(f"/anderswo/p/{council.id}/report/texts", data=data).status_code == 404
    assert other.post(f"/testort/p/{council.id}/report/texts", data=data).status_code == 403
    moderator = sample_app.test_client()
    log_in(moderator, people.moderator)
    assert [moderator.get(f"/testort{url}").status_code for url in urls] == [403] * 4
    organiser = _organiser(sample_app, people)
    assert "Fremd" not in organiser.get(f"/testort/p/{council.id}/report").get_data(as_text=True)


def test_every_word_of_the_pdf_stays_within_the_margins(people, sample_app, council, tmp_path):
    """The participation table ran into the right margin; now long words
    wrap and wide tables get a landscape page (checked with poppler's word
    boxes where it is installed, else the PDF is only made)."""
    make_event(people.municipality, "sampleformat", process_id=council.id, process_step=3,
               title="Donaudampfschifffahrtsgesellschaftskapitänsmützenversammlungsprotokoll")
    pdf = _organiser(sample_app, people).get(f"/testort/p/{council.id}/report.pdf").get_data()
    assert pdf.startswith(b"%PDF-")
    if not shutil.which("pdftotext"):
        return
    (tmp_path / "report.pdf").write_bytes(pdf)
    boxes = subprocess.run(["pdftotext", "-bbox", str(tmp_path / "report.pdf"), "-"], capture_output=True,
                           text=True, check=True).stdout
    outside = []
    for width, body in re.findall(r'<page width="([\d.]+)"[^>]*>(.*?)</page>', boxes, re.S):
        right_margin = float(width) - 18 / 25.4 * 72  # 18 mm
        outside += [word for x_max, word in re.findall(r'xMax="([\d.]+)"[^>]*>([^<]*)</word>', body)
                    if float(x_max) > right_margin + 1]
    assert "Donaudampf" in boxes and not outside, outside[:10]
