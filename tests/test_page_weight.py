"""No page weighs over 100 KB transferred (HTML, CSS and JS, htmx included,
compressed as the reverse proxy sends them; images not counted)."""
import gzip
import re

from dialogplatform.demo import load_demo

LIMIT = 100 * 1024


def _weight(client, url) -> int:
    response = client.get(url)
    assert response.status_code == 200, url
    html = response.get_data()
    total = len(gzip.compress(html))
    for asset in re.findall(rb'(?:href|src)="(/static/[^"]+\.(?:css|js)(?:\?v=\w+)?)"', html):
        total += len(gzip.compress(client.get(asset.decode()).get_data()))
    return total


def test_key_pages_stay_under_100_kb(app, client, db):
    load_demo(password_factory=lambda: "demo-passwort-123")
    html = client.get("/weinheim/").get_data(as_text=True)
    event = re.search(r'href="(/weinheim/e/\d+/)"', html).group(1)
    pages = ["/", "/weinheim/", event, event + "signup", "/schwaebisch-gmuend/", "/loerrach/", "/overview"]
    weights = {url: _weight(client, url) for url in pages}
    assert all(weight < LIMIT for weight in weights.values()), weights
    # Uncompressed the heaviest still stays far below a megabyte.
    assert max(len(client.get(url).get_data()) for url in pages) < 1024 * 1024
