"""Event details (icon + text) fit their cards on a phone and a laptop, in
German and Arabic, and the detail filters' labels sit beside their boxes."""
import pytest
from conftest import make_event
from test_layout import LABELS, OVERFLOWS

pytestmark = pytest.mark.browser

ALL_DETAILS = dict(childcare=True, childcare_min_age=3, childcare_max_age=10, interpreters=["ar", "fa", "ti", "ku"],
                   women_only=True, step_free=True, hearing_loop=True, accessible_toilet=True)


@pytest.mark.parametrize("width", [360, 1280])
def test_details_fit_the_cards_and_filters_sit_beside_their_boxes(people, live_server, browser, width):
    make_event(people.municipality, "themenabend", title="Frauencafé mit Kinderbetreuung und Dolmetschung",
               **ALL_DETAILS)
    make_event(people.municipality, "themenabend", title="Rückblick", days=-3, **ALL_DETAILS)
    context = browser.new_context(locale="de-DE", viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        for language in ("de", "ar"):
            page.goto(f"{live_server}/testort/?lang={language}")
            assert page.locator(".event-details li").count() == 12
            page.locator(".filter-box > summary").click()  # the filters open on demand
            result = page.evaluate(OVERFLOWS)
            assert result["cards"] == 2 and result["found"] == [], result["found"][:5]
            assert page.evaluate("() => document.documentElement.scrollWidth") <= width
            labels = page.evaluate(LABELS)
            assert labels["inputs"] == 5 and labels["found"] == [], labels["found"]
            icon = page.locator(".event-details li svg").first.bounding_box()
            assert icon["width"] <= 24 and icon["height"] <= 24
    finally:
        context.close()
