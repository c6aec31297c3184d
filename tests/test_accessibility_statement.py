"""The accessibility statement tells the truth (generated from the list of
known limitations), and every municipality's start page leads to an
explanation in Leichte Sprache and in German Sign Language (BITV 2.0 § 4)."""
import io
from datetime import UTC, datetime

from conftest import log_in, submit

from dialogplatform.extensions import db

SETTINGS = {"federal_state": "BW", "accessibility_limitations": "", "easy_language_text": "",
            "sign_language_video_url": ""}
# The first bytes of an MP4 file ("ftyp" box, brand isom) and of a WebM file (EBML, DocType webm).
MP4 = b"\x00\x00\x00\x20ftypisom\x00\x00\x02\x00isomiso2avc1mp41" + b"\x00" * 2000
WEBM = b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\xf7\x81\x01\x42\x82\x84webm" + b"\x00" * 2000


def _save(client, data, slug="testort", **kwargs):
    url = f"/{slug}/admin/accessibility"
    return submit(client, url, {**SETTINGS, **data}, **kwargs)


def _upload(client, payload, name, content_type):
    return _save(client, {"sign_language_video": (io.BytesIO(payload), name, content_type)},
                 content_type="multipart/form-data")


def _text(response):
    return response.get_data(as_text=True)


def test_the_statement_says_partially_compliant_with_contact_and_enforcement(client, people):
    people.municipality.contact_email = "barrierefrei@testort.example"
    people.municipality.contact_phone = "07171 12345"
    db.session.commit()
    page = _text(client.get("/testort/accessibility"))
    assert "teilweise vereinbar" in page and "vollständig vereinbar" not in page
    # The built-in list, with the alternative offered.
    assert "PDF/UA" in page and "Alternative" in page and "OpenStreetMap" in page
    # No DGS video yet: listed as a limitation.
    assert "Gebärdensprache" in page
    assert 'href="mailto:barrierefrei@testort.example"' in page and "07171 12345" in page
    assert "Schlichtungsstelle nach § 16 BGG" in page and "Mauerstraße 53, 10117 Berlin" in page
    assert "https://www.schlichtungsstelle-bgg.de" in page and "info@schlichtungsstelle-bgg.de" in page
    # Testort is in Baden-Württemberg: the state's enforcement body too.
    assert "Else-Josenhans-Straße 6, 70173 Stuttgart" in page
    assert "Selbstbewertung" in page


def test_a_municipality_outside_baden_wuerttemberg_does_not_name_the_state_commissioner(client, people):
    people.municipality.federal_state = "HE"
    db.session.commit()
    page = _text(client.get("/testort/accessibility"))
    assert "Else-Josenhans-Straße" not in page and "Hessen" in page
    assert "Schlichtungsstelle nach § 16 BGG" in page


def test_a_limitation_the_admin_adds_appears_in_the_statement_with_its_date(client, people, clock):
    clock.set_time(datetime(2027, 3, 15, 10, 0, tzinfo=UTC))
    log_in(client, people.admin)
    response = _save(client, {"accessibility_limitations": "Der Flyer zum Aktionsplan ist ein Scan.\n\n"})
    assert response.status_code == 302
    page = _text(client.get("/testort/accessibility"))
    assert "Der Flyer zum Aktionsplan ist ein Scan." in page
    assert "15. März 2027" in page and "teilweise vereinbar" in page
    assert "Barrierefreiheit" in _text(client.get("/testort/admin/audit"))


def test_the_instance_statement_is_generated_too(client, make_app, people):
    page = _text(client.get("/accessibility"))
    assert "teilweise vereinbar" in page and "PDF/UA" in page
    assert "Schlichtungsstelle nach § 16 BGG" in page
    assert "vollständig vereinbar" not in page
    configured = make_app(INSTANCE_CONTACT_EMAIL="barrieren@plattform.example",
                          INSTANCE_ACCESSIBILITY="<p>Geprüft vom Betreiber im Dezember.</p>")
    with configured.app_context():
        page = _text(configured.test_client().get("/accessibility"))
    assert 'href="mailto:barrieren@plattform.example"' in page
    assert "Geprüft vom Betreiber im Dezember." in page and "teilweise vereinbar" in page


def test_the_start_page_links_leichte_sprache_and_gebaerdensprache(client, people):
    start = _text(client.get("/testort/"))
    assert 'href="/testort/leichte-sprache"' in start and ">Leichte Sprache<" in start
    assert 'href="/testort/gebaerdensprache"' in start and ">Gebärdensprache<" in start
    easy = _text(client.get("/testort/leichte-sprache"))
    assert '<div lang="de"' in easy and "Willkommen bei Testort." in easy
    assert "Ein Passwort brauchen Sie dafür nicht." in easy
    arabic = _text(client.get("/testort/leichte-sprache?lang=ar"))
    assert "Willkommen bei Testort." in arabic and '<div lang="de" dir="ltr"' in arabic
    assert "Leichte Sprache" in arabic and "الألمانية" in arabic  # the note says: German only
    sign = _text(client.get("/testort/gebaerdensprache?lang=de"))
    assert "<video" not in sign and "noch kein Video" in sign


def test_the_admin_edits_the_leichte_sprache_text(client, people):
    log_in(client, people.admin)
    assert _save(client, {"easy_language_text": "Hier finden Sie Treffen.\nSie können mit-reden."}).status_code == 302
    easy = _text(client.get("/testort/leichte-sprache"))
    assert "Hier finden Sie Treffen.<br>Sie können mit-reden." in easy
    assert "Willkommen bei Testort." not in easy
    # Emptied again: the default text.
    _save(client, {"easy_language_text": ""})
    assert "Willkommen bei Testort." in _text(client.get("/testort/leichte-sprache"))


def test_a_sign_language_link_is_shown_and_must_be_https(client, people):
    log_in(client, people.admin)
    refused = _save(client, {"sign_language_video_url": "http://video.example/dgs"})
    assert refused.status_code == 200 and "https://" in _text(refused)
    assert _save(client, {"sign_language_video_url": "https://video.example/dgs"}).status_code == 302
    sign = _text(client.get("/testort/gebaerdensprache"))
    assert 'href="https://video.example/dgs"' in sign and "noch kein Video" not in sign
    assert "noch kein Video in Deutscher Gebärdensprache" not in _text(client.get("/testort/accessibility"))


def test_an_uploaded_sign_language_video_is_played_on_the_page(client, people):
    log_in(client, people.admin)
    assert _upload(client, MP4, "dgs.mp4", "video/mp4").status_code == 302
    sign = _text(client.get("/testort/gebaerdensprache"))
    assert "<video controls" in sign and 'src="/testort/gebaerdensprache/video" type="video/mp4"' in sign
    video = client.get("/testort/gebaerdensprache/video")
    assert video.status_code == 200 and video.mimetype == "video/mp4" and video.data == MP4
    assert video.headers["X-Content-Type-Options"] == "nosniff"
    assert "noch kein Video" not in _text(client.get("/testort/accessibility"))
    # A WebM replaces it.
    assert _upload(client, WEBM, "dgs.webm", "video/webm").status_code == 302
    assert client.get("/testort/gebaerdensprache/video").mimetype == "video/webm"


def test_a_file_that_is_not_a_video_is_refused_with_a_message(client, people):
    log_in(client, people.admin)
    for payload, name, content_type in ((b"<html><script>alert(1)</script></html>", "dgs.mp4", "video/mp4"),
                                        (MP4, "dgs.mp4", "text/html")):
        page = _upload(client, payload, name, content_type)
        assert page.status_code == 200
        assert "MP4- oder WebM-Video" in _text(page)
    assert client.get("/testort/gebaerdensprache/video").status_code == 404
    assert "<video" not in _text(client.get("/testort/gebaerdensprache"))


def test_another_municipalitys_admin_cannot_change_the_settings(client, people):
    log_in(client, people.other_admin)
    assert client.get("/testort/admin/accessibility").status_code == 403
    token_page = _text(client.get("/anderswo/admin/accessibility"))
    assert "Leichte Sprache" in token_page
    from dialogplatform.testing import csrf_token_from

    response = client.post("/testort/admin/accessibility", data={
        **SETTINGS, "csrf_token": csrf_token_from(token_page), "accessibility_limitations": "Fremd"})
    assert response.status_code == 403
    assert "Fremd" not in _text(client.get("/testort/accessibility"))
    # Nor may they send more than any other form takes.
    big = {"sign_language_video": (io.BytesIO(MP4 + b"\x00" * (3 * 1024 * 1024)), "dgs.mp4", "video/mp4")}
    assert client.post("/testort/admin/accessibility", data=big, content_type="multipart/form-data").status_code == 413
    assert client.get("/testort/gebaerdensprache/video").status_code == 404


def test_a_video_larger_than_other_uploads_is_accepted_for_the_admin_only(client, app, people):
    big = MP4 + b"\x00" * (3 * 1024 * 1024)
    assert len(big) > app.config["MAX_CONTENT_LENGTH"]
    anonymous_page = _text(client.get("/anderswo/"))
    assert "Gebärdensprache" in anonymous_page
    log_in(client, people.admin)
    assert _upload(client, big, "dgs.mp4", "video/mp4").status_code == 302
    video = client.get("/testort/gebaerdensprache/video", headers={"Range": "bytes=0-99"})
    assert video.status_code == 206 and video.data == big[:100]  # a player can seek


def test_the_admin_starts_from_the_default_text_and_saving_it_unchanged_keeps_following_it(client, people):
    log_in(client, people.admin)
    form = _text(client.get("/testort/admin/accessibility"))
    assert "Willkommen bei Testort." in form and "Sie klicken auf den Link." in form  # the text to edit
    from dialogplatform.accessibility import easy_language_default

    assert _save(client, {"easy_language_text": easy_language_default(people.municipality)}).status_code == 302
    # Not a frozen copy: the default follows the municipality's name (and the package's improvements).
    people.municipality.name = "Neuort"
    db.session.commit()
    assert "Willkommen bei Neuort." in _text(client.get("/testort/leichte-sprache"))
