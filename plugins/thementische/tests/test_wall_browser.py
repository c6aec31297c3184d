"""In the browser: the projector wall fits eight tables on one 1920 × 1080
screen, every table box in view and nothing to scroll."""
import pytest

from dialogplatform.plugin_api import db
from dialogplatform.testing import log_in_page, wcag_violations
from dialogplatform_formats.thementische import services

pytestmark = pytest.mark.browser

EXTRA = ("Gesundheit", "Mobilität", "Kultur & Freizeit")


def test_eight_tables_fit_the_projector_without_scrolling(browser, live_server, people, dialogue):
    event = dialogue.event
    tables = dialogue.tables + [services.add_table(event, theme) for theme in EXTRA]
    assert len(tables) == 8
    # A busy evening: many long statements at every table and question.
    for number, table in enumerate(tables):
        for question in dialogue.questions:
            for n in range(6 + number):
                services.add_statement(event, table, question, f"Aussage {n + 1} am Tisch {table.theme}: Wir "
                                       "brauchen mehr Angebote am Abend und am Wochenende, mit Kinderbetreuung.")
    services.add_statement(event, tables[7], dialogue.questions[0], "Neueste Aussage am achten Tisch")
    db.session.commit()
    context = browser.new_context(locale="de-DE", viewport={"width": 1920, "height": 1080})
    try:
        wall = log_in_page(context.new_page(), live_server, people.moderator)
        wall.goto(f"{live_server}/testort/e/{event.id}/thementische/wall")
        boxes = wall.locator("section.tt-wall-card")
        assert boxes.count() == 8
        for index in range(8):
            box = boxes.nth(index).bounding_box()
            assert box["x"] >= 0 and box["y"] >= 0, index
            assert box["x"] + box["width"] <= 1920 and box["y"] + box["height"] <= 1080, (index, box)
            assert box["width"] > 300 and box["height"] > 300, (index, box)  # readable, not squeezed
        size = wall.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.scrollHeight]")
        assert size[0] <= 1920 and size[1] <= 1080, size
        # The newest statement of a full box is the one in view.
        newest = wall.get_by_text("Neueste Aussage am achten Tisch")
        newest_box = newest.bounding_box()
        assert newest_box["y"] + newest_box["height"] <= 1080
        for index, table in enumerate(tables, start=1):  # numbered as on the door list
            assert boxes.nth(index - 1).locator("h2").inner_text().split(maxsplit=1) == [str(index), table.theme]
        wall.screenshot(path="/tmp/day_wall_8_tables.png")
        assert wcag_violations(wall) == []
    finally:
        context.close()

