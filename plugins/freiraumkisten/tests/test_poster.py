"""The poster: one A4 page with a short address /<slug>/k/<code> that leads
to the station's feedback form."""
import re
import zlib
from datetime import timedelta

import pytest

from dialogplatform.plugin_api import db, utcnow
from dialogplatform.testing import enable, log_in_page, wcag_violations
from dialogplatform_formats.freiraumkisten import services

from .conftest import make_campaign
from .helpers import base, station_url


def pdf_pages(data: bytes) -> int:
    """The page count of a PDF, read from its (possibly compressed) page tree."""
    assert data.startswith(b"%PDF-")
    inflated = [data]
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        try:
            inflated.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    counts = re.findall(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)|/Count\s+(\d+)[^>]*?/Type\s*/Pages\b",
                        b"\n".join(inflated))
    assert counts, "no page tree found"
    return max(int(a or b) for a, b in counts)


@pytest.fixture
def crowded(campaign):
    """A worst case: six languages, a long question and a dozen times."""
    municipality = campaign.people.municipality
    municipality.languages = ["de", "en", "ar", "fa", "uk", "tr"]
    campaign.event.settings = {**campaign.event.settings, "question": "Was fehlt auf diesem Platz, damit Sie hier "
                               "gerne Zeit verbringen, mit Kindern, Nachbarinnen und Nachbarn?"}
    for day in range(1, 13):
        start = utcnow() + timedelta(days=day, hours=1)
        services.add_window(campaign.station, start, start + timedelta(hours=3))
    db.session.commit()
    return campaign


def test_short_address_leads_to_the_station_s_feedback_form(client, campaign):
    code = campaign.station.code
    response = client.get(f"/testort/k/{code}")
    assert response.status_code == 302
    assert response.headers["Location"] == station_url(campaign.event, campaign.station)
    assert client.get(f"/testort/k/{code.upper()}").headers["Location"].endswith(f"/s/{code}")  # typed in capitals
    form = client.get(f"/testort/k/{code}", follow_redirects=True).get_data(as_text=True)
    assert "Was fehlt auf diesem Platz?" in form and 'name="text"' in form


def test_unknown_short_code_is_a_404_page_in_the_reader_s_language(client, campaign):
    response = client.get("/testort/k/zzzzzz")
    assert response.status_code == 404 and "Seite nicht gefunden" in response.get_data(as_text=True)
    response = client.get("/testort/k/zzzzzz", headers={"Accept-Language": "en"})
    assert response.status_code == 404 and "Page not found" in response.get_data(as_text=True)


def test_short_code_works_only_in_its_own_municipality_and_not_for_drafts(client, campaign):
    enable(campaign.people.other_municipality, "freiraumkisten")
    assert client.get(f"/anderswo/k/{campaign.station.code}").status_code == 404
    draft = make_campaign(campaign.people.municipality, status="draft")
    hidden = services.create_station(draft, "Rathausplatz")
    assert client.get(f"/testort/k/{hidden.code}").status_code == 404


def test_short_code_answers_404_when_the_format_is_off(client, campaign):
    from dialogplatform.testing import disable

    disable(campaign.people.municipality, "freiraumkisten")
    assert client.get(f"/testort/k/{campaign.station.code}").status_code == 404


def test_poster_pdf_is_one_a4_page_even_when_crowded(logged_in, crowded):
    client = logged_in(crowded.people.organiser)
    page = client.get(f"{base(crowded.event)}/stations/{crowded.station.id}/poster").get_data(as_text=True)
    pdf_link = f"{base(crowded.event)}/stations/{crowded.station.id}/poster.pdf"
    assert f'href="{pdf_link}"' in page
    assert "Weitere Termine: 5" in page  # 13 upcoming: eight fit, the rest is counted
    assert 'lang="fa" dir="rtl"' in page and 'lang="tr" dir="ltr"' in page
    response = client.get(pdf_link)
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert f"poster-{crowded.station.code}.pdf" in response.headers["Content-Disposition"]
    assert pdf_pages(response.data) == 1


@pytest.mark.parametrize("page", ["poster", "poster.pdf"])
def test_poster_is_for_this_municipality_s_organisers(logged_in, campaign, other_moderator, page):
    url = f"{base(campaign.event)}/stations/{campaign.station.id}/{page}"
    assert logged_in(campaign.people.organiser).get(url).status_code == 200
    assert logged_in(campaign.people.moderator).get(url).status_code == 403
    assert logged_in(other_moderator).get(url).status_code == 403
    enable(campaign.people.other_municipality, "freiraumkisten")
    assert logged_in(other_moderator).get(url.replace("/testort/", "/anderswo/")).status_code == 404


@pytest.mark.browser
def test_browser_prints_the_poster_on_one_a4_page(browser, live_server, crowded):
    db.session.commit()
    context = browser.new_context(locale="de-DE")
    try:
        page = log_in_page(context.new_page(), live_server, crowded.people.organiser)
        page.goto(f"{live_server}{base(crowded.event)}/stations/{crowded.station.id}/poster")
        assert wcag_violations(page) == []
        page.emulate_media(media="print")
        page.screenshot(path="/tmp/day_poster_print.png", full_page=True)
        assert pdf_pages(page.pdf(format="A4", prefer_css_page_size=True)) == 1
    finally:
        context.close()
