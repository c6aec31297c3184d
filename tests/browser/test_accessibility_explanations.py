"""The accessibility statement and the explanations in Leichte Sprache and
German Sign Language pass axe-core's WCAG 2.1 A/AA rules, in German and Arabic,
with a video uploaded and with none."""
import io

import pytest
from a11y import violations
from werkzeug.datastructures import FileStorage

from dialogplatform.extensions import db
from dialogplatform.services import sign_language
from dialogplatform.testing.browser import log_in_page

pytestmark = pytest.mark.browser
PAGES = ("/testort/", "/testort/accessibility", "/testort/leichte-sprache", "/testort/gebaerdensprache",
         "/accessibility")
MP4 = b"\x00\x00\x00\x20ftypisom\x00\x00\x02\x00isomiso2avc1mp41" + b"\x00" * 64


@pytest.mark.parametrize("language", ["de", "ar"])
@pytest.mark.parametrize("with_video", [False, True])
def test_statement_and_explanations_have_no_wcag_violations(app, people, live_server, page, language, with_video):
    people.municipality.contact_email = "barrierefrei@testort.example"
    people.municipality.accessibility_limitations = "Der Flyer ist ein Scan."
    if with_video:
        with app.test_request_context():
            sign_language.save(people.municipality, FileStorage(io.BytesIO(MP4), "dgs.mp4", content_type="video/mp4"))
    db.session.commit()
    page.goto(f"{live_server}/?lang={language}")
    found = []
    for path in PAGES:
        page.goto(live_server + path)
        found += violations(page)
    assert found == []


def test_the_admin_page_has_no_wcag_violations(people, live_server, page):
    log_in_page(page, live_server, people.admin)
    page.goto(f"{live_server}/testort/admin/accessibility")
    assert page.get_by_label("Bundesland").count() == 1
    assert violations(page) == []
