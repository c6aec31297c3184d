"""A protected format (the women's dialogue, and a third-party format the
core has never seen) seen from outside: one more woman signed up, or one
more contribution, moves no public number; small counts read "fewer than
5"; a curious instance admin sees counts, not names; the organisers read the
contributions in an order that is not the order in which they were given.
"""
import os
import re
import secrets

import pytest
from conftest import ROOT, TEST_PASSWORD, enable, make_event
from live_http import Visitor
from process_helpers import make_process

from dialogplatform.extensions import db
from dialogplatform.models import FormatSetting, Registration
from dialogplatform_formats.frauendialog.models import Contribution

THIRD_PARTY = "fixture_plugins.protected_format"


def sign_up(event, name, *, checked_in=False):
    from dialogplatform.models.types import utcnow

    db.session.add(Registration(
        event_id=event.id, name=name, email=f"{name.lower()}@example.org", status="confirmed", language="de",
        answers={event.format_key: {"is_woman": True}}, token_nonce=secrets.token_hex(8),
        checked_in_at=utcnow() if checked_in else None))
    db.session.commit()


def contribute(event, count, text="Mehr Kita-Plätze"):
    db.session.add_all(Contribution(event_id=event.id, topic="Kinderbetreuung", kind="wish", text=f"{text} {n}",
                                    source="online") for n in range(count))
    db.session.commit()


def protected_event(people, key, *, women=6):
    """A published protected event in a published process, its evaluation
    published, with ``women`` sign-ups, beside a public themed evening."""
    process = make_process(people.municipality)
    event = make_event(people.municipality, key, title="Geschützter Kreis", capacity=40, evaluation_published=True,
                       process_id=process.id, process_step=2)
    for n in range(women):
        sign_up(event, f"Frau{n}")
    evening = make_event(people.municipality, "themenabend", process_id=process.id, process_step=2)
    sign_up(evening, "Anwohner")
    return event


def _without_tokens(text: str) -> str:
    """Pages carry a fresh CSRF token and form key per request."""
    return re.sub(r'<input[^>]*type="hidden"[^>]*>|name="csrf_token"[^>]*>', "", text)


def _tables(html: str) -> str:
    """The tables of a report (its header has the time it was made)."""
    return "".join(re.findall(r"<table.*?</table>", html, flags=re.S))


def public_numbers(base_url, event) -> dict:
    """Everything a visitor (and an organiser reading the reports) sees
    that could count the participants of ``event``."""
    slug = event.municipality.slug
    visitor = Visitor(base_url)
    paths = ["/overview", "/api/v1/events", "/api/v1/evaluations", "/api/v1/recommendations", f"/{slug}/",
             f"/{slug}/e/{event.id}/", f"/{slug}/e/{event.id}/evaluation", f"/{slug}/feed.atom",
             f"/{slug}/calendar.ics", f"/{slug}/e/{event.id}/event.ics", f"/{slug}/recommendations/feed.atom"]
    seen = {}
    for path in paths:
        answer = visitor.get(path)
        assert answer.status == 200, (path, answer.text[:500])
        seen[path] = _without_tokens(answer.text)
    organiser = Visitor(base_url)
    organiser.log_in("organiser@testort.example", TEST_PASSWORD)
    for path in (f"/{slug}/e/{event.id}/report", f"/{slug}/p/{event.process_id}/report"):
        answer = organiser.get(path)
        assert answer.status == 200, path
        seen[path] = _tables(answer.text)
    return seen


def assert_nothing_moved(before: dict, after: dict):
    moved = [path for path in before if before[path] != after[path]]
    assert moved == [], f"one more sign-up shows in {moved}"


@pytest.fixture
def third_party_server(start_server, monkeypatch):
    """A server with a protected format the core has never seen."""
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(ROOT / "tests"), os.environ.get("PYTHONPATH")])))
    return start_server(PLUGIN_MODULES=[THIRD_PARTY])


def _enable_third_party(people):
    db.session.add(FormatSetting(municipality_id=people.municipality.id, format_key="sheltered", enabled=True,
                                 settings={}))
    db.session.commit()


def _server_with(request, people, plugin) -> str:
    """The URL of a server that has ``plugin``, enabled in Testort."""
    if plugin == "frauendialog":
        enable(people.municipality, plugin)
        return request.getfixturevalue("server").url
    _enable_third_party(people)
    return request.getfixturevalue("third_party_server").url


def test_one_more_woman_or_contribution_moves_no_public_number(server, people):
    enable(people.municipality, "frauendialog")
    event = protected_event(people, "frauendialog")
    contribute(event, 6)
    before = public_numbers(server.url, event)
    assert "Kinderbetreuung" in before["/api/v1/evaluations"]  # the evaluation is there, in bands
    sign_up(event, "Neue")
    assert_nothing_moved(before, public_numbers(server.url, event))
    contribute(event, 1, text="Noch ein Wunsch")
    assert_nothing_moved(before, public_numbers(server.url, event))


def test_one_more_sign_up_moves_no_public_number_of_a_format_the_core_never_saw(third_party_server, people):
    _enable_third_party(people)
    event = protected_event(people, "sheltered")
    before = public_numbers(third_party_server.url, event)
    assert "Sign-ups by language" in before[f"/testort/e/{event.id}/evaluation"]
    sign_up(event, "Neue", checked_in=True)
    assert_nothing_moved(before, public_numbers(third_party_server.url, event))


@pytest.mark.parametrize("plugin", ["frauendialog", "sheltered"])
def test_small_counts_read_fewer_than_5(request, people, plugin):
    base_url = _server_with(request, people, plugin)
    event = protected_event(people, plugin, women=3)
    organiser = Visitor(base_url)
    organiser.log_in("organiser@testort.example", TEST_PASSWORD)
    row = organiser.get(f"/testort/e/{event.id}/report?lang=de").text
    row = row[re.search(r"<th[^>]*>(<span[^>]*>)?Geschützter Kreis", row).start():]
    row = row[:row.index("</tr>")]
    # Every figure of the row: signed up, attended, walk-ins, anonymous contributors, contributions, reached.
    assert row.count("weniger als 5") == 6
    assert not re.search(r'class="num">\d', row)  # no "3 signed up / 0 attended"
    if plugin == "sheltered":
        evaluation = Visitor(base_url).get(f"/testort/e/{event.id}/evaluation?lang=en").text
        assert "fewer than 5" in evaluation and not re.search(r"<td>\d+</td>", evaluation)


@pytest.mark.parametrize("plugin", ["frauendialog", "sheltered"])
def test_a_curious_instance_admin_sees_counts_not_names(request, people, plugin):
    base_url = _server_with(request, people, plugin)
    event = protected_event(people, plugin)
    admin = Visitor(base_url)
    admin.log_in("root@instance.example", TEST_PASSWORD)
    counts = admin.get(f"/testort/organise/events/{event.id}/registrations?lang=de")
    assert counts.status == 200 and "5–9" in counts.text
    pages = [counts.text]
    for path in ("registrations.csv", "door-list", "check-in", "assisted", "message"):
        answer = admin.get(f"/testort/organise/events/{event.id}/{path}")
        assert answer.status == 403, path
        pages.append(answer.text)
    if plugin == "frauendialog":
        for path in ("participants", "contributions", "live"):
            answer = admin.get(f"/testort/e/{event.id}/frauendialog/{path}")
            assert answer.status == 403, path
            pages.append(answer.text)
    pages.append(admin.get(f"/testort/e/{event.id}/").text)
    assert not any("Frau0" in page or "frau0@example.org" in page for page in pages)
    organiser = Visitor(base_url)
    organiser.log_in("organiser@testort.example", TEST_PASSWORD)
    assert "Frau0" in organiser.get(f"/testort/organise/events/{event.id}/registrations").text


def test_organisers_read_contributions_in_an_order_that_is_not_the_order_given(server, people):
    enable(people.municipality, "frauendialog")
    event = protected_event(people, "frauendialog")
    contribute(event, 12, text="Beitrag")
    organiser = Visitor(server.url)
    organiser.log_in("organiser@testort.example", TEST_PASSWORD)

    def order():
        html = organiser.get(f"/testort/e/{event.id}/frauendialog/contributions").text
        return [int(number) for number in re.findall(r"Beitrag (\d+)", html)]

    shown = order()
    assert sorted(shown) == list(range(12))
    assert shown not in (list(range(12)), list(range(11, -1, -1)))
    assert order() == shown


def test_a_moderator_hides_an_identifying_contribution_and_the_log_keeps_the_reason_only(server, people):
    enable(people.municipality, "frauendialog")
    event = protected_event(people, "frauendialog")
    contribute(event, 4)
    contribute(event, 1, text="Ich bin die einzige Eritreerin im Haus Lindenweg")
    organiser = Visitor(server.url)
    organiser.log_in("organiser@testort.example", TEST_PASSWORD)
    page = organiser.get(f"/testort/e/{event.id}/frauendialog/contributions").text
    item = next(part for part in page.split("<li>") if "Eritreerin" in part)
    link = re.search(r'href="(/testort/e/\d+/frauendialog/contributions/[0-9a-f]+)"', item).group(1)
    assert organiser.post(link, {"action": "hide", "reason": "identifying"}).status == 400  # no CSRF token
    assert organiser.submit(link, {"action": "hide", "reason": "identifying"}).status == 302
    page = organiser.get(f"/testort/e/{event.id}/frauendialog/contributions").text
    assert "Eritreerin" not in page and "Lindenweg" not in page
    admin = Visitor(server.url)
    admin.log_in("admin@testort.example", TEST_PASSWORD)
    log = admin.get("/testort/admin/audit").text
    assert "frauendialog.contribution_hide" in log and "identifying" in log
    assert "Eritreerin" not in log and "Lindenweg" not in log
