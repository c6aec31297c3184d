"""Layout that holds on a phone, a tablet, a laptop and a large screen:
nothing runs out of its card, and a box's label sits beside the box."""
import re

import pytest
from conftest import noon_today_in_berlin

from dialogplatform.demo import PILOTS, load_demo

pytestmark = pytest.mark.browser
WIDTHS = [360, 768, 1280, 1920]

# Every element and every line of text inside a card, compared with the card's box.
OVERFLOWS = """() => {
  const found = [];
  const cards = [...document.querySelectorAll('.event-item, .card')];
  for (const [index, card] of cards.entries()) {
    const box = card.getBoundingClientRect();
    const boxes = [];
    for (const el of card.querySelectorAll('*')) {
      for (const r of el.getClientRects()) boxes.push([el.tagName.toLowerCase(), r]);
    }
    const walker = document.createTreeWalker(card, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.textContent.trim()) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const r of range.getClientRects()) boxes.push(['"' + node.textContent.trim().slice(0, 30) + '"', r]);
    }
    for (const [what, r] of boxes) {
      if (r.width === 0 && r.height === 0) continue;
      if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1) {
        found.push(`card ${index}: ${what} [${Math.round(r.left)}-${Math.round(r.right)}] ` +
                   `outside [${Math.round(box.left)}-${Math.round(box.right)}]`);
      }
    }
  }
  return {cards: cards.length, found};
}"""

# Each checkbox and radio button with its label: on the same line (their boxes
# overlap vertically) and the label not underneath the box.
LABELS = """() => {
  const found = [];
  const inputs = [...document.querySelectorAll('input[type=checkbox], input[type=radio]')];
  for (const input of inputs) {
    const label = document.querySelector(`label[for="${input.id}"]`);
    if (!label) { found.push(`${input.name}: no label`); continue; }
    const box = input.getBoundingClientRect();
    const line = label.getClientRects()[0];
    if (!(line.top < box.bottom && box.top < line.bottom)) {
      found.push(`${input.id}: label [${Math.round(line.top)}-${Math.round(line.bottom)}] not beside ` +
                 `box [${Math.round(box.top)}-${Math.round(box.bottom)}]`);
    }
  }
  return {inputs: inputs.length, found};
}"""


@pytest.fixture
def demo(app, db, clock):
    clock.set_time(noon_today_in_berlin())
    load_demo(password_factory=lambda: "demo-passwort-123")
    return app


@pytest.fixture
def sized_page(browser):
    contexts = []

    def open_page(width, language="de-DE"):
        context = browser.new_context(locale=language, viewport={"width": width, "height": 900})
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_nothing_runs_out_of_an_event_card(demo, live_server, sized_page, width):
    cards = 0
    for language in ("de", "ar"):
        page = sized_page(width)
        for slug, _ in PILOTS:
            page.goto(f"{live_server}/{slug}/?lang={language}")
            result = page.evaluate(OVERFLOWS)
            assert result["found"] == [], f"{slug} ({language}) at {width}px: {result['found'][:5]}"
            cards += result["cards"]
            assert page.evaluate("() => document.documentElement.scrollWidth") <= width, slug
    print(f"\n{width}px: {cards} cards checked on {2 * len(PILOTS)} pages")
    assert cards >= 2  # the demo lists upcoming dialogues, in both languages


@pytest.mark.parametrize("width", WIDTHS)
def test_checkbox_and_radio_labels_sit_beside_their_boxes(demo, live_server, sized_page, width):
    page = sized_page(width)
    checked, forms = 0, 0
    for slug, _ in PILOTS:
        page.goto(f"{live_server}/{slug}/")
        signup = next((href for href in page.eval_on_selector_all(
            "a[href]", "els => els.map(e => e.getAttribute('href'))") if re.search(r"/e/\d+/$", href)), None)
        if signup is None:
            continue
        page.goto(f"{live_server}{signup}signup")
        result = page.evaluate(LABELS)
        assert result["found"] == [], f"{slug} at {width}px: {result['found']}"
        checked += result["inputs"]
        forms += 1 if result["inputs"] else 0
    print(f"\n{width}px: {checked} checkboxes and radio buttons on {forms} sign-up forms")
    assert forms >= 1 and checked >= 4  # accessibility choices and the consent box at least
