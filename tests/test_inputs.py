"""Input parsing that no value can break (issue 14, finding 13): ids,
dates, personal links, calendar names, the sign-up's submission key,
outages of the database and Redis."""
import pytest
from conftest import make_event, submit

from dialogplatform import inputs
from dialogplatform.models import Registration


@pytest.mark.parametrize("value,expected", [
    ("42", 42), ("2147483647", 2**31 - 1), ("2147483648", None), ("9223372036854775808", None), ("0", None),
    ("-1", None), ("²", None), ("١٢", None), (" 1", None), ("", None), (None, None), ("1e3", None)])
def test_ids_from_text(value, expected):
    assert inputs.id_from(value) == expected


@pytest.mark.parametrize("value,expected", [
    ("2026-05-01", "2026-05-01"), ("9999-12-31", None), ("0001-01-01", None), ("2026-02-30", None), ("x", None)])
def test_dates_from_text(value, expected):
    parsed = inputs.date_from(value)
    assert (parsed.isoformat() if parsed else None) == expected


def test_every_rule_of_core_and_plugins_parses_ids_and_text_with_the_core_converters(app):
    converters = {type(converter) for rule in app.url_map.iter_rules() if rule.endpoint != "static"
                  for converter in rule._converters.values()}
    assert converters <= {inputs.IdConverter, inputs.TextConverter, inputs.TextPathConverter}
    assert inputs.IdConverter in converters and inputs.TextConverter in converters


def test_far_dates_in_the_event_filter_show_the_page(client, people):
    make_event(people.municipality, "themenabend")
    for query in ("to=9999-12-31", "from=0001-01-01", "from=0001-01-01&to=9999-12-31"):
        assert client.get(f"/testort/?{query}").status_code == 200


def test_the_api_refuses_ids_that_are_no_numbers(client):
    for value in ("²", "2147483648", "0", "-1"):
        response = client.get("/api/v1/events", query_string={"process": value})
        assert response.status_code == 400 and "process" in response.get_json()["error"]


def test_a_line_break_in_a_title_stays_out_of_the_calendar_structure(client, people):
    event = make_event(people.municipality, "themenabend", title="Titel\r\nBEGIN:VEVENT\r\nSUMMARY:Falsch")
    for path in (f"/testort/e/{event.id}/event.ics", "/testort/calendar.ics"):
        response = client.get(path)
        assert response.status_code == 200
        lines = response.get_data(as_text=True).split("\r\n")
        assert lines.count("BEGIN:VEVENT") == 1 and not any(line.startswith("SUMMARY:Falsch") for line in lines)


def test_a_submission_key_longer_than_its_column_is_refused(client, people, db):
    event = make_event(people.municipality, "themenabend")
    response = submit(client, f"/testort/e/{event.id}/signup", {
        "name": "Amal", "email": "amal@example.org", "childcare_count": "0", "consent": "y",
        "submission_key": "k" * 65})
    assert response.status_code == 200
    assert db.session.scalar(db.select(db.func.count()).select_from(Registration)) == 0


def test_nul_and_lone_surrogates_never_reach_the_database(app):
    with app.test_request_context("/?q=a%00b&r=%ED%A0%80", method="POST", data={"name": "x\x00y"}):
        from flask import request

        assert request.args["q"] == "ab" and "\ud800" not in request.args["r"]
        assert request.form["name"] == "xy"
    assert inputs.clean_text("a\ud800b\x00") == "a?b"


def test_an_unreachable_database_answers_503_with_a_page_in_the_visitors_language(make_app):
    down = make_app(SQLALCHEMY_DATABASE_URI="postgresql+psycopg://nobody@127.0.0.1:1/none", PAGE_CACHE_URL=None)
    client = down.test_client()
    for path in ("/", "/testort/", "/testort/e/1/signup", "/overview"):
        response = client.get(path, headers={"Accept-Language": "en"})
        assert response.status_code == 503, path
        assert response.headers["Retry-After"] == "30"
        assert "Briefly unavailable" in response.get_data(as_text=True)
    assert "Kurz nicht erreichbar" in client.get("/testort/").get_data(as_text=True)


def test_every_redis_client_gives_up_quickly(make_app):
    app = make_app(RATELIMIT_ENABLED=True, RATELIMIT_STORAGE_URI="redis://127.0.0.1:6399/0",
                   PAGE_CACHE_URL="redis://127.0.0.1:6399/1")
    from dialogplatform.extensions import limiter
    from dialogplatform.page_cache import EXTENSION

    options = app.extensions[EXTENSION].redis.connection_pool.connection_kwargs
    assert options["socket_timeout"] == options["socket_connect_timeout"] == 0.5
    limits = limiter.storage.storage.connection_pool.connection_kwargs
    assert limits["socket_timeout"] == limits["socket_connect_timeout"] == 0.5
    assert limits["retry"].get_retries() == 0 and app.config["RATELIMIT_SWALLOW_ERRORS"]


@pytest.mark.parametrize("host,valid", [
    ("example.org", True), ("example.org:8080", True), ("127.0.0.1:5000", True), ("[::1]:5000", True),
    ("app_1:8000", True), ("a" * 63 + ".de", True), ("a" * 64 + ".de", False), ("a" * 3000, False),
    ("a..b", False), ("ex ample", False), ("evil.example/x", False), ("ä.de", False)])
def test_host_names(host, valid):
    assert inputs._valid_host(host) is valid


def test_a_host_that_is_no_host_name_gets_the_error_page(client):
    response = client.get("/", headers={"Host": "a" * 3000, "Accept-Language": "en"})
    assert response.status_code == 400 and "Bad request" in response.get_data(as_text=True)
