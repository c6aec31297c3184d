"""Static files: addresses with the content's hash, kept for a year."""
import re


def test_pages_link_static_files_by_content_hash_kept_for_a_year(client):
    html = client.get("/").get_data(as_text=True)
    style = re.search(r'href="(/static/style\.css\?v=[0-9a-f]{12})"', html).group(1)
    script = re.search(r'src="(/static/app\.js\?v=[0-9a-f]{12})"', html).group(1)
    for address in (style, script):
        response = client.get(address)
        assert response.status_code == 200
        cache_control = response.headers["Cache-Control"]
        assert "max-age=31536000" in cache_control and "immutable" in cache_control
        assert "no-cache" not in cache_control


def test_addresses_without_the_current_hash_are_asked_again(client):
    for address in ("/static/style.css", "/static/style.css?v=000000000000"):
        response = client.get(address)
        assert response.status_code == 200
        assert "no-cache" in response.headers["Cache-Control"]
        assert "immutable" not in response.headers["Cache-Control"]


def test_the_hash_follows_the_content(client):
    from hashlib import sha256

    from dialogplatform import static_files

    app = client.application
    with open(f"{app.static_folder}/style.css", "rb") as handle:
        expected = sha256(handle.read()).hexdigest()[:12]
    assert static_files.version_of(app, "static", "style.css") == expected
    assert static_files.version_of(app, "static", "../config.py") is None  # never outside the folder
