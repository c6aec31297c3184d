"""Logos are checked by content, size-limited and never served as HTML."""
import io
import struct
import zlib

from conftest import log_in, submit
from PIL import Image

PROFILE = {"name": "Testort", "default_language": "de", "languages": ["de"], "contact_email": "",
           "contact_phone": "", "contact_address": "", "colour": "#123456", "retention_days": "180",
           "imprint_de": "<p>I</p>", "privacy_text_de": "<p>Datenschutz</p>"}


def _png(size=(40, 20)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "#1d4f91").save(buffer, "PNG")
    return buffer.getvalue()


def _upload(client, data, name="logo.png"):
    return submit(client, "/testort/admin/", {**PROFILE, "logo": (io.BytesIO(data), name)},
                  content_type="multipart/form-data")


def test_admin_uploads_a_logo_that_is_served_as_an_image(client, people):
    log_in(client, people.admin)
    assert _upload(client, _png()).status_code == 302
    response = client.get("/testort/logo")
    assert response.status_code == 200 and response.mimetype == "image/png"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response.headers["Content-Security-Policy"]
    assert '/testort/logo"' in client.get("/testort/").get_data(as_text=True)


def test_html_disguised_as_an_image_is_refused(client, people):
    log_in(client, people.admin)
    page = _upload(client, b"<html><script>alert(1)</script></html>", name="logo.png")
    assert page.status_code == 200
    assert "PNG, JPEG oder WebP" in page.get_data(as_text=True) or "PNG, JPEG or WebP" in page.get_data(as_text=True)
    assert client.get("/testort/logo").status_code == 404


def test_oversized_logos_are_refused(client, people):
    log_in(client, people.admin)
    assert _upload(client, _png((2500, 100))).status_code == 200
    assert _upload(client, _png() + b"\0" * (600 * 1024)).status_code == 200
    assert client.get("/testort/logo").status_code == 404


def _pixel_bomb() -> bytes:
    """A tiny PNG whose header claims 100,000 x 100,000 pixels."""
    data = bytearray(_png((1, 1)))
    data[16:24] = struct.pack(">II", 100_000, 100_000)  # IHDR width and height
    data[29:33] = struct.pack(">I", zlib.crc32(bytes(data[12:29])))
    return bytes(data)


def test_a_pixel_bomb_is_refused_not_a_server_error(client, people):
    log_in(client, people.admin)
    page = _upload(client, _pixel_bomb())
    assert page.status_code == 200
    assert "2000 × 2000" in page.get_data(as_text=True)
    assert client.get("/testort/logo").status_code == 404


def test_privacy_page_says_whether_a_cdn_is_used(client, people, make_app):
    assert "keine Daten an andere Server" in client.get("/testort/privacy").get_data(as_text=True) or \
        "no data to other servers" in client.get("/testort/privacy").get_data(as_text=True)
    cdn = make_app(HTMX_SOURCE="cdn")
    with cdn.app_context():
        assert "jsDelivr" in cdn.test_client().get("/testort/privacy").get_data(as_text=True)
