"""Participation figures as people read them, for a format's tests: from the
open-data API (formats that are not protected) and from an event's report
(any format, as its staff see it), after loading the demo at a fixed moment."""
import re
from datetime import datetime
from html import unescape
from zoneinfo import ZoneInfo

#: A summer noon: every pilot's demo has past and upcoming events.
DEMO_MOMENT = datetime(2026, 7, 3, 12, 0, tzinfo=ZoneInfo("Europe/Berlin"))
DEMO_PASSWORD = "demo-passwort-123"
NUMBERS = ("signed_up", "attended", "walk_ins", "anonymous_contributors", "contributions", "people")


def load_demo_at(clock, moment: datetime = DEMO_MOMENT) -> None:
    """The demo of every pilot and format, loaded at ``moment``."""
    from dialogplatform.demo import load_demo

    clock.set_time(moment)
    load_demo(password_factory=lambda: DEMO_PASSWORD)


def log_in_demo_organiser(client, municipality_slug: str) -> None:
    """``client`` logged in as the demo's organiser of the municipality."""
    from dialogplatform.services.accounts import find_user

    from .helpers import log_in

    log_in(client, find_user(f"organisation@{municipality_slug}.example"), DEMO_PASSWORD)


def api_figures(client, municipality_slug: str, format_key: str) -> dict[int, dict]:
    """``{event id: participation}`` of the format's published events in
    the municipality, as ``/api/v1/events`` publishes them."""
    figures, url = {}, f"/api/v1/events?municipality={municipality_slug}&per_page=100"
    while url:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.get_json()
        figures.update({item["id"]: item["participation"] for item in body["items"] if item["format"] == format_key})
        url = body["next"]
    return figures


def report_figures(client, municipality_slug: str, event_id: int) -> dict[str, str]:
    """The event report's participation row as text per figure (a protected
    format's read e.g. "40–44"); ``client`` must be logged in as staff."""
    response = client.get(f"/{municipality_slug}/e/{event_id}/report")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    table = html[html.index('<table class="participation">'):]
    row = table[table.index("<tbody>"):table.index("</tbody>")]
    cells = re.findall(r'<td class="num">(.*?)</td>', row, re.S)
    assert len(cells) == len(NUMBERS), cells
    return {name: unescape(cell).strip() for name, cell in zip(NUMBERS, cells, strict=True)}
