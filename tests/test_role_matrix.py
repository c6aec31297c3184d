"""Every GET route of the core and of every plugin, walked with every role:
never a server error, staff pages only for staff of that municipality, and
nobody outside it ever sees who signed up."""
import re

import pytest
from conftest import enable, log_in, make_user, submit

from dialogplatform.models import Role
from dialogplatform.services import signups
from dialogplatform.services.accounts import grant_role

SECRET_NAME = "Geheimnisvolle Teilnehmerin"
SECRET_EMAIL = "geheim@teilnehmerin.example"
# Signed up by the helper: theirs to see, nobody else's outside the staff.
HELPED_NAME = "Vom Helfer Angemeldet"
STAFF = re.compile(r"/(organise|admin)(/|$)")
ROLES = ["anonymous", "participant", "helper", "moderator", "organiser", "admin", "other_admin", "instance_admin"]


@pytest.fixture
def world(app, people, db):
    helper = make_user("helfer@testort.example")
    grant_role(helper, people.municipality, Role.HELPER)
    db.session.commit()
    manager = app.extensions["dialogplatform.plugins"]
    events = {}
    from conftest import make_event

    for key in manager.formats:
        enable(people.municipality, key)
        events[key] = make_event(people.municipality, key, capacity=20, title=f"Abend {key}")
    with app.test_request_context():
        registration, _ = signups.register(events["themenabend"].id, signups.Person(
            name=SECRET_NAME, email=SECRET_EMAIL), source="assisted")
        signups.register(events["themenabend"].id, signups.Person(name=HELPED_NAME), source="assisted",
                         created_by=helper)
    token = signups.personal_token(registration)
    return {"people": people, "helper": helper, "events": events, "token": token}


def _urls(app, world):
    """A concrete URL for every GET rule (ids of this municipality's data)."""
    urls = []
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.endpoint == "static" or rule.endpoint.endswith(".static"):
            continue
        key = next((k for k in world["events"] if f"/{k}" in rule.rule), "themenabend")
        values = {}
        for argument in rule.arguments:
            if argument == "municipality_slug":
                values[argument] = "testort"
            elif argument == "event_id":
                values[argument] = world["events"][key].id
            elif argument == "token":
                values[argument] = world["token"]
            elif argument == "filename":
                continue
            else:
                values[argument] = 1
        if set(rule.arguments) - set(values) - {"filename"}:
            continue
        try:
            urls.append(app.url_map.bind("localhost").build(rule.endpoint, values))
        except Exception:
            continue
    return sorted(set(urls))


def _client_for(app, world, role):
    client = app.test_client()
    people = world["people"]
    user = {"participant": people.participant, "helper": world["helper"], "moderator": people.moderator,
            "organiser": people.organiser, "admin": people.admin, "other_admin": people.other_admin,
            "instance_admin": people.instance_admin}.get(role)
    if user is not None:
        log_in(client, user)
    return client


@pytest.mark.parametrize("role", ROLES)
def test_every_route_with_every_role(app, world, role):
    client = _client_for(app, world, role)
    urls = _urls(app, world)
    assert len(urls) > 60
    problems = []
    for url in urls:
        if "/auth/logout" in url:
            continue
        response = client.get(url)
        body = response.get_data().decode("utf-8", "replace") if response.mimetype != "application/pdf" else ""
        if response.status_code >= 500:
            problems.append(f"{url}: {response.status_code}")
        staff_page = bool(STAFF.search(url)) and not url.startswith("/account")
        if role in ("anonymous", "participant", "other_admin") and staff_page and url.startswith("/testort/"):
            if response.status_code == 200:
                problems.append(f"{url}: {role} got a staff page")
        if role in ("anonymous", "other_admin") and url.startswith("/admin") and response.status_code == 200:
            problems.append(f"{url}: {role} got the instance admin")
        knows_token = "/r/" in url  # the personal link itself shows the person their data
        if role in ("anonymous", "participant", "other_admin", "helper") and not knows_token:
            if SECRET_NAME in body or SECRET_EMAIL in body:
                problems.append(f"{url}: {role} saw a participant's personal data")
        if role in ("anonymous", "participant", "other_admin") and HELPED_NAME in body:
            problems.append(f"{url}: {role} saw a person a helper signed up")
    assert problems == []
    if role == "helper":  # the helper's own sign-ups, and only those, on "My sign-ups"
        mine = client.get("/testort/organise/my-signups/").get_data(as_text=True)
        assert HELPED_NAME in mine and SECRET_NAME not in mine


def test_other_municipality_cannot_change_anything(app, world, db):
    """POSTs to this municipality's staff routes, with a valid CSRF token of
    the other municipality's admin, are refused and store nothing."""
    from sqlalchemy import func, select

    from dialogplatform.extensions import db as _db

    client = _client_for(app, world, "other_admin")
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"',
                      client.get("/anderswo/admin/members").get_data(as_text=True)).group(1)

    def rows():
        with _db.engine.connect() as connection:
            return sum(connection.execute(select(func.count()).select_from(t)).scalar()
                       for t in _db.metadata.sorted_tables if t.name != "audit_entry")

    before = rows()
    checked = 0
    for rule in app.url_map.iter_rules():
        if "POST" not in rule.methods:
            continue
        key = next((k for k in world["events"] if f"/{k}" in rule.rule), "themenabend")
        values = {a: ("testort" if a == "municipality_slug" else world["events"][key].id if a == "event_id"
                      else 1) for a in rule.arguments if a != "token"}
        if "token" in rule.arguments or "municipality_slug" not in rule.arguments:
            continue
        url = app.url_map.bind("localhost").build(rule.endpoint, values)
        if not STAFF.search(url) and not any(part in url for part in ("/manage", "/live", "/moderat", "/answer",
                                                                       "/phase", "/wall", "/participants")):
            continue
        response = client.post(url, data={"csrf_token": token, "name": "x", "text": "x", "role": "admin"})
        checked += 1
        assert response.status_code in (400, 403, 404, 405), (url, response.status_code)
    assert checked > 20
    assert rows() == before
