"""Protected formats are decided in one place, from ``FormatInfo.protected``,
and every output of them passes ``services.protection.count``; the core
names no format. ``fixture_plugins.protected_format`` ("sheltered") is a
protected format the core has never seen and that protects nothing itself."""
import logging
import re

import pytest
from conftest import ROOT, log_in, make_event, make_user
from process_helpers import make_process, register

from dialogplatform.extensions import db
from dialogplatform.models import FormatSetting, Role
from dialogplatform.services import protection
from dialogplatform.services.accounts import grant_role

KEY = "sheltered"


@pytest.fixture
def protected_app(make_app):
    app = make_app(PLUGIN_MODULES=["fixture_plugins.protected_format"])
    with app.app_context():
        yield app


@pytest.fixture
def circle(people, protected_app):
    """A published "sheltered" event of a published process, with three
    confirmed sign-ups (two German, one Arabic) and a published evaluation."""
    db.session.add(FormatSetting(municipality_id=people.municipality.id, format_key=KEY, enabled=True, settings={}))
    process = make_process(people.municipality)
    event = make_event(people.municipality, KEY, title="Geschützter Kreis", capacity=20, evaluation_published=True,
                       process_id=process.id, process_step=2)
    for name, language in (("Amal", "ar"), ("Berta", "de"), ("Clara", "de")):
        register(event, name, language=language)
    return event


def test_counts_below_the_threshold_read_fewer_than_and_others_are_bands(app):
    with app.test_request_context(headers={"Accept-Language": "de"}):
        assert {str(protection.count(n)) for n in range(5)} == {"weniger als 5"}
        assert [str(protection.count(n)) for n in (5, 7, 9, 10, 14, 15)] == ["5–9", "5–9", "5–9", "10–14", "10–14",
                                                                           "15–19"]
        assert str(protection.count(9, at_least=8)) == "8–9" and str(protection.count(7, at_least=8)) == "weniger als 8"


@pytest.mark.parametrize("setting,expected", [(3, 5), ("nonsense", 5), (5, 5), (10, 10)])
def test_the_threshold_can_be_raised_but_never_lowered(make_app, caplog, setting, expected):
    with caplog.at_level(logging.WARNING, logger="dialogplatform.services.protection"):
        app = make_app(PROTECTED_MIN_COUNT=setting)
    assert app.config["PROTECTED_MIN_COUNT"] == expected
    assert ("PROTECTED_MIN_COUNT" in caplog.text) == (setting in (3, "nonsense"))
    with app.test_request_context(headers={"Accept-Language": "en"}):
        assert str(protection.count(expected - 1)) == f"fewer than {expected}"


def test_protection_follows_format_info_and_an_unknown_format_is_protected(app, protected_app):
    with app.app_context():
        assert protection.is_protected("frauendialog") and not protection.is_protected("themenabend")
        assert protection.is_protected(KEY)  # not installed here: the safe answer
        assert KEY not in protection.public_keys()
    assert protection.is_protected(KEY) and "themenabend" in protection.public_keys()


def test_the_core_names_no_installed_format(app):
    """Not in code, templates, migrations, static files or demo data of the
    core: a format's behaviour comes from its FormatInfo and its hooks."""
    keys = set(app.extensions["dialogplatform.plugins"].formats)
    assert {"frauendialog", "thementische"} <= keys
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, sorted(keys))) + r")\b")
    hits = []
    for path in sorted((ROOT / "dialogplatform").rglob("*")):
        if not path.is_file() or "__pycache__" in path.parts:
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue  # images, fonts
        hits += [f"{path.relative_to(ROOT)}:{text.count(chr(10), 0, m.start()) + 1}: {m.group()}"
                 for m in pattern.finditer(text)]
    assert hits == []


def test_evaluation_page_of_an_unknown_protected_format_shows_bands_and_no_chart(protected_app, circle):
    client = protected_app.test_client()
    html = client.get(f"/testort/e/{circle.id}/evaluation?lang=de").get_data(as_text=True)
    table = html[html.index("<tbody>"):html.index("</tbody>")]
    assert "weniger als 5" in table and not re.search(r"<td>\d+</td>", table)
    assert "chart" not in html[html.index("Sign-ups by language"):]


def test_open_data_of_an_unknown_protected_format(protected_app, circle):
    client = protected_app.test_client()
    assert client.get("/api/v1/events?municipality=testort").get_json()["items"] == []
    [item] = client.get("/api/v1/evaluations?municipality=testort&lang=en").get_json()["items"]
    assert "event_id" not in item and "title" not in item
    assert item["sections"][0]["table"][1:] == [["ar", "fewer than 5"], ["de", "fewer than 5"]]


def test_reports_band_a_protected_event_and_leave_it_out_of_totals(protected_app, people, circle):
    client = protected_app.test_client()
    log_in(client, people.organiser)
    html = client.get(f"/testort/e/{circle.id}/report").get_data(as_text=True)
    participation = html[html.index("<tbody>"):html.index("</tbody>")]
    # Signed up, attended, walk-ins, anonymous contributors, contributions, took part: all banded.
    assert participation.count("weniger als 5") == 6 and ">3<" not in participation and ">0<" not in participation
    process = client.get(f"/testort/p/{circle.process_id}/report").get_data(as_text=True)
    totals = process[process.index("<tfoot>"):process.index("</tfoot>")]
    assert re.findall(r'class="num">(\d+)<', totals) == ["0"] * 6
    section = process[process.index("Sheltered circles"):]
    assert not re.search(r"<td>\d+</td>", section[:section.index("</table>")])


def test_overview_leaves_out_protected_events(protected_app, circle, people):
    themed = make_event(people.municipality, "themenabend")
    register(themed, "Dora")
    html = protected_app.test_client().get("/overview").get_data(as_text=True)
    row = html[html.index("Testort</a>"):]
    cells = [cell.split(">", 1)[1] for cell in row[:row.index("</tr>")].split("<td")[1:]]
    assert cells[3].startswith("1<")  # Dora only, not the three in the protected circle


def test_instance_admin_sees_counts_not_names(protected_app, circle, people):
    client = protected_app.test_client()
    log_in(client, people.instance_admin)
    page = client.get(f"/testort/organise/events/{circle.id}/registrations")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "weniger als 5" in html
    assert "Amal" not in html and "amal@example.org" not in html
    for path in ("registrations.csv", "door-list", "check-in", "assisted", "message"):
        assert client.get(f"/testort/organise/events/{circle.id}/{path}").status_code == 403, path
    organiser = protected_app.test_client()
    log_in(organiser, people.organiser)
    assert "Amal" in organiser.get(f"/testort/organise/events/{circle.id}/registrations").get_data(as_text=True)


def test_an_instance_admin_who_organises_there_sees_names(protected_app, circle, people):
    admin = make_user("root-and-organiser@instance.example", instance_admin=True)
    grant_role(admin, people.municipality, Role.ORGANISER)
    db.session.commit()
    client = protected_app.test_client()
    log_in(client, admin)
    assert "Amal" in client.get(f"/testort/organise/events/{circle.id}/registrations").get_data(as_text=True)


def test_event_page_of_a_protected_format_shows_no_seats(protected_app, circle):
    html = protected_app.test_client().get(f"/testort/e/{circle.id}/?lang=en").get_data(as_text=True)
    # The event's start time may hold a "17" (10:18:17): look at the words only.
    words = re.sub(r"<time[^>]*>.*?</time>", "", html, flags=re.S)
    assert "seats left" not in words and not re.search(r"\b17\b", words)
