"""A visitor opens the public comparison of a series in chromium."""
import re

import pytest

from .conftest import add_entries
from .helpers import series_url

pytestmark = pytest.mark.browser


def test_visitor_sees_sites_side_by_side_with_the_recurring_topic_first(world, live_server, page):
    add_entries(world.meetings["Unterkunft Nord"], [
        ("concern", "Arbeit", "a"), ("concern", "Arbeit", "b"), ("wish", "Arbeit", "c"),
        ("wish", "Wohnen", "d"),
    ])
    add_entries(world.meetings["Unterkunft Süd"], [("concern", "Wohnen", "e")])
    add_entries(world.meetings["Treff Mitte"], [("wish", "Wohnen", "f")])

    page.goto(live_server + series_url(world.series))
    table = page.get_by_role("table", name="Anliegen und Wünsche nach Thema und Standort, gruppiert nach Stufe")
    headers = table.locator("thead th").all_inner_texts()
    assert headers[:3] == ["Thema", "1. Unterkünfte", "2. Nachbarschaftstreffs"]
    assert ["Unterkunft Nord", "Unterkunft Süd", "Treff Mitte"] == headers[-3:]
    first, second = table.locator("tbody tr").all()[:2]
    # Wohnen came up at all three sites, Arbeit (more entries) at one only.
    assert first.inner_text().split("\t")[:7] == ["Wohnen", "1", "1", "1", "3", "1", "2"]
    assert second.locator("th").inner_text() == "Arbeit"
    assert page.get_by_role("link", name=re.compile("^Anmelden für")).count() == 1  # the upcoming meeting
