"""Lists, numbers and date ranges come from CLDR in the page's language (and
in the report's language in the PDF), never glued with a Latin comma."""
import io
import re
import subprocess
from datetime import UTC, datetime

import pytest
from conftest import enable, log_in, make_event
from flask_babel import force_locale, gettext
from odfdo import Document
from process_helpers import make_process

from dialogplatform.extensions import db as _db
from dialogplatform.services import funding

LATIN_DIGIT = re.compile(r"[0-9]")
OTHER_DIGITS = re.compile(r"[\u0660-\u0669\u06F0-\u06F9]")  # Arabic-Indic and Persian


@pytest.fixture
def event(people, sample_app):
    """Thursday 13 June 2030, 19:00–21:30 in Weinheim, in three languages."""
    enable(people.municipality, "sampleformat")
    event = make_event(people.municipality, "sampleformat", languages=["de", "ar", "en"], capacity=1500)
    event.starts_at = datetime(2030, 6, 13, 17, 0, tzinfo=UTC)
    event.ends_at = datetime(2030, 6, 13, 19, 30, tzinfo=UTC)
    _db.session.commit()
    return event


def _fact(html: str, label: str) -> str:
    """The text of the event's fact ``label`` (the <dd> after its <dt>)."""
    found = re.search(rf"<dt>{re.escape(label)}</dt>\s*<dd>(.*?)</dd>", html, re.S)
    assert found, label
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", found.group(1))).strip()


def test_arabic_and_farsi_pages_join_the_languages_without_a_latin_comma(sample_app, event):
    client = sample_app.test_client()
    arabic = _fact(client.get(f"/testort/e/{event.id}/?lang=ar").get_data(as_text=True), "لغات الحديث")
    assert ", " not in arabic and "," not in arabic
    assert arabic.count(" و") == 2, arabic  # CLDR's Arabic list: "الألمانية والعربية والإنجليزية"
    farsi = _fact(client.get(f"/testort/e/{event.id}/?lang=fa").get_data(as_text=True), "زبان‌های گفت‌وگو")
    assert ", " not in farsi and "،" in farsi and " و " in farsi, farsi


def test_an_english_page_lists_the_languages_with_and(sample_app, event):
    client = sample_app.test_client()
    english = _fact(client.get(f"/testort/e/{event.id}/?lang=en").get_data(as_text=True), "Languages spoken")
    assert english == "German, Arabic, and English"  # CLDR's English standard list (serial comma)
    german = _fact(client.get(f"/testort/e/{event.id}/?lang=de").get_data(as_text=True), "Gesprochene Sprachen")
    assert german == "Deutsch, Arabisch und Englisch"


def test_the_event_time_uses_the_locales_interval_format(sample_app, event):
    client = sample_app.test_client()
    pages = {lang: client.get(f"/testort/e/{event.id}/?lang={lang}").get_data(as_text=True)
             for lang in ("de", "ar", "fa")}
    when = {lang: re.search(r'<dd><time datetime="[^"]+">([^<]+)</time>', html).group(1)
            for lang, html in pages.items()}
    assert when["de"] == "Donnerstag, 13. Juni 2030, 19:00–21:30 Uhr"
    assert when["ar"] == "الخميس، 13 يونيو 2030، 7:00–9:30 م"
    assert when["fa"] == "پنجشنبه 13 ژوئن 2030، ساعت 19:00 تا 21:30"
    for lang in ("ar", "fa"):
        assert ", " not in when[lang] and "," not in when[lang], when[lang]


def test_a_farsi_page_writes_its_numbers_in_one_digit_system(sample_app, event):
    """Babel writes dates with Latin digits in every locale and numbers with
    Latin digits by default, so Farsi pages use Latin digits throughout,
    the catalogs' own numbers included."""
    client = sample_app.test_client()
    html = client.get(f"/testort/e/{event.id}/?lang=fa").get_data(as_text=True)
    main = html[html.index("<main"):html.index("</main>")]
    assert "1500 جای خالی" in main or "1,500 جای خالی" in main
    assert LATIN_DIGIT.search(main) and not OTHER_DIGITS.search(main)
    sign_up = client.get("/auth/register?lang=fa").get_data(as_text=True)
    assert "دست‌کم 10 نویسه" in sign_up and not OTHER_DIGITS.search(sign_up)


def _funded_process(people, amount):
    funding.ensure_catalogue()
    programme = next(p for p in funding.programmes() if p.key == "kommunale_fluechtlingsdialoge")
    return make_process(people.municipality, "Zusammenleben", funding_programme_id=programme.id,
                        funding_amount_eur=amount)


def _pdf_text(client, process, tmp_path) -> str:
    response = client.get(f"/testort/p/{process.id}/report.pdf")
    assert response.status_code == 200
    (tmp_path / "report.pdf").write_bytes(response.get_data())
    return subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(tmp_path / "report.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout


def test_the_report_writes_the_funding_amount_in_its_language(people, sample_app, tmp_path):
    process = _funded_process(people, 12000)
    client = sample_app.test_client()
    log_in(client, people.organiser)
    page = client.get(f"/testort/p/{process.id}/report?lang=en").get_data(as_text=True)
    assert "12.000 EUR" in page and "12,000" not in page  # German municipality: German report
    assert "12.000 EUR" in _pdf_text(client, process, tmp_path)
    municipality = _db.session.get(type(people.municipality), people.municipality.id)
    municipality.default_language = "en"
    _db.session.commit()
    page = client.get(f"/testort/p/{process.id}/report?lang=de").get_data(as_text=True)
    assert "12,000 EUR" in page and "12.000" not in page
    cover = _pdf_text(client, process, tmp_path)
    assert "12,000 EUR" in cover and "12.000" not in cover
    odt = Document(io.BytesIO(client.get(f"/testort/p/{process.id}/report.odt").get_data())).get_formatted_text()
    assert "12,000 EUR" in odt and "12.000" not in odt


@pytest.mark.parametrize("language,font", [("ti", "Noto-Sans-Ethiopic"), ("ps", "Noto-Naskh-Arabic"),
                                           ("ar", "Noto-Naskh-Arabic"), ("ru", "Noto-Sans")])
def test_the_pdf_report_sets_every_script_in_an_installed_font(people, sample_app, tmp_path, language, font):
    """A municipality working in Tigrinya, Pashto, Arabic or Russian gets its
    report's headings in that script, set in Debian's Noto fonts (embedded,
    not boxes of missing glyphs)."""
    municipality = _db.session.get(type(people.municipality), people.municipality.id)
    municipality.default_language = language
    _db.session.commit()
    process = _funded_process(people, 12000)
    client = sample_app.test_client()
    log_in(client, people.organiser)
    text = _pdf_text(client, process, tmp_path)
    with sample_app.test_request_context(), force_locale(language):
        heading = gettext("Report of")  # the cover page's date label
    assert heading in text
    fonts = subprocess.run(["pdffonts", str(tmp_path / "report.pdf")], capture_output=True, text=True,
                           check=True).stdout
    assert font in fonts, fonts
