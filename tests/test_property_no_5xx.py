"""No input finds a server error: a property test over every route.

Every rule of ``app.url_map`` (the core and every installed plugin, found
from the map, not a hand list) is sent generated values for each path
parameter, the usual query parameters and, for POST, the fields of the
form the route renders (or arbitrary ones) with a valid CSRF token; as an
anonymous visitor, as an organiser (admin of a demo municipality) and as an
instance admin, with odd headers too. No answer may be a 5xx, and a refused
request (4xx) may not have stored anything. Values include NUL, bytes that are not UTF-8
(lone surrogates arrive so), huge and negative numbers, far dates, RTL and
combining marks. Derandomized and bounded, so CI runs the same examples
in about a minute per database.
"""
import re
from html.parser import HTMLParser
from urllib.parse import quote

import pytest
from conftest import log_in, make_user
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select, text

from dialogplatform.demo import load_demo
from dialogplatform.extensions import db
from dialogplatform.services.accounts import find_user

DEMO_PASSWORD = "demo-passwort-123"
NASTY = ["", " ", "\x00", "a\x00b", "\ud800", "x\udfffy", "\r\nX-Injected: 1", "\u200f\u202eRTL\u202c",
         "e\u0301\u0301\u0301", "😀👩‍👩‍👧", "x" * 5000, "<script>alert(1)</script>", "'; DROP TABLE event; --",
         "١٢٣", "²", "=cmd|' /C calc'!A0", "../../etc/passwd", "%", "%FF", "null", "-1", "0"]
NUMBERS = ["1", "2", "3", "7", "0", "-1", "2147483647", "2147483648", "9223372036854775808", "1" + "0" * 30,
           "1e3", "٣", "²", " 1"]
DATES = ["9999-12-31", "0001-01-01", "2026-02-30", "2026-13-01", "2030-06-01", "1900-01-01", "99999-01-01"]
TEXT = st.one_of(st.sampled_from(NASTY), st.text(max_size=80))
# Bytes that are not UTF-8 (e.g. lone surrogates encoded) reach the app as they would over HTTP.
RAW = st.one_of(TEXT, st.binary(min_size=1, max_size=12))
VALUES = st.one_of(TEXT, st.sampled_from(NUMBERS + DATES), RAW)
QUERY_NAMES = ["from", "to", "format", "lang", "process", "page", "per_page", "q", "next", "status",
               "municipality", "language", "card", "round", "code", "topic", "addressee", "v"]
ARBITRARY_FIELDS = ["name", "email", "title", "text", "body", "subject", "password", "note", "capacity",
                    "starts_at", "date", "role", "status", "theme", "question", "card_id", "process_id"]
PARAMETER = re.compile(r"<(?:(\w+)(?:\([^)]*\))?:)?(\w+)>")
SESSION_ENDERS = {"auth.logout", "account.delete"}  # would end the session the test runs in
EXAMPLES_PER_RULE = 2
# The values that broke pages before (issue 14, finding 13), sent to every rule.
HOSTILE_IDS = ["2147483648", "9223372036854775808", "²", "0"]
HOSTILE_TEXT = ["a\x00", b"1-\xff", "\u00b2-x", b"\xed\xa0\x80", "x" * 300]
HOSTILE_QUERY = {"from": ["0001-01-01"], "to": ["9999-12-31"], "process": ["²", "2147483648"],
                 "page": ["²", "99999999999999999999"], "lang": ["\x00", "xx"], "next": ["/%09/evil.example/", "//x"],
                 "q": ["a\x00b", "%"], "format": ["json", "\ud800"], "card": ["9223372036854775808", "²"]}
HOSTILE_FIELDS = ["a\x00b", "2147483648", "x" * 300, "9999-12-31", "²", "Titel\r\nBEGIN:VEVENT", "-1",
                  "\udfff", "0001-01-01"]
HEADER_NAMES = ["Accept-Language", "User-Agent", "Referer", "HX-Request", "HX-Target", "X-Forwarded-For"]
HEADER_VALUES = st.one_of(st.sampled_from(["", "x" * 3000, "de;q=abc, *;q=-1", "true", "\x7f"]),
                          st.text(st.characters(min_codepoint=32, max_codepoint=255), max_size=100))
HOSTILE_HEADERS = {"Accept-Language": "x" * 3000 + ";q=2", "User-Agent": "\xff" * 500, "HX-Request": "true"}
NOT_HTML = (".pdf", ".csv", ".ics", ".atom", ".json", "/logo")


class FormParser(HTMLParser):
    """The POST forms of a page: action and fields with their values."""

    def __init__(self):
        super().__init__()
        self.forms, self._current = [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "get").lower() == "post":
            self._current = {"action": attrs.get("action") or "", "fields": {}}
            self.forms.append(self._current)
        elif self._current is not None and tag in ("input", "textarea", "select", "button") and attrs.get("name"):
            self._current["fields"].setdefault(attrs["name"], attrs.get("value") or "")

    def handle_endtag(self, tag):
        if tag == "form":
            self._current = None


def _shape(path: str) -> str:
    """/x/e/12/tables/3 -> /x/e/N/tables/N: forms of one route look alike."""
    return re.sub(r"/\d+(?=/|$)", "/N", path.split("?", 1)[0])


def _encode(value) -> str:
    raw = value if isinstance(value, bytes) else value.encode("utf-8", "surrogatepass")
    return quote(raw, safe="")


def _row_counter():
    """One statement that counts the rows of every table."""
    statement = text(" UNION ALL ".join(f"SELECT '{table.name}', COUNT(*) FROM \"{table.name}\""
                                        for table in db.metadata.sorted_tables))

    def count() -> dict:
        with db.engine.connect() as connection:
            return dict(connection.execute(statement).all())

    return count


class Visitor:
    """One kind of visitor: a test client and its CSRF token."""

    def __init__(self, app, name):
        self.name, self.client = name, app.test_client()
        page = self.client.get("/auth/forgot").get_data(as_text=True)
        self.token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)


@pytest.fixture
def demo(app, db):
    load_demo(password_factory=lambda: DEMO_PASSWORD)
    make_user("root@instance.example", instance_admin=True)
    db.session.commit()
    return app


def _visitors(app):
    anonymous, organiser, root = Visitor(app, "anonymous"), Visitor(app, "organiser"), Visitor(app, "instance admin")
    log_in(organiser.client, find_user("organisation@schwaebisch-gmuend.example"), DEMO_PASSWORD)
    log_in(root.client, find_user("root@instance.example"))
    return [anonymous, organiser, root]


def _forms(visitor, paths) -> dict:
    """The POST forms on the pages staff and visitors use, by route shape:
    their fields and default values."""
    forms = {}
    for path in paths:
        response = visitor.client.get(path)
        if response.status_code == 200 and response.mimetype == "text/html":
            parser = FormParser()
            parser.feed(response.get_data(as_text=True))
            for form in parser.forms:
                forms.setdefault(_shape(form["action"] or path), form["fields"])
    return forms


def _known_pages(app):
    from dialogplatform.models import Event, Municipality

    slugs = db.session.scalars(select(Municipality.slug).order_by(Municipality.id)).all()
    events = db.session.execute(select(Event.id, Municipality.slug).join(Municipality)).all()
    pages = ["/", "/auth/login", "/auth/register", "/auth/forgot", "/account/settings", "/account/password",
             "/admin/", "/admin/funding/new", "/admin/municipalities/new"]
    simple = [rule.rule for rule in app.url_map.iter_rules() if "GET" in rule.methods and "static" not in rule.endpoint
              and set(rule.arguments) <= {"municipality_slug", "event_id"} and not rule.rule.endswith(NOT_HTML)]
    for rule in simple:
        if "event_id" in rule:
            pages += [rule.replace("<municipality_slug>", slug).replace("<int:event_id>", str(event_id))
                      for event_id, slug in events if slug == "schwaebisch-gmuend"]
        else:
            pages += [rule.replace("<municipality_slug>", slug) for slug in slugs[:2]]
    return slugs, pages


def _path_value(converter, name, slugs):
    if name == "municipality_slug":
        return st.one_of(st.sampled_from(slugs), RAW)
    if converter == "int":
        return st.one_of(st.integers(1, 40).map(str), st.sampled_from(NUMBERS))
    return RAW


def _with_query(path, query: dict) -> str:
    return path + ("?" + "&".join(f"{_encode(key)}={_encode(value)}" for key, value in query.items()) if query else "")


def _body(fields: dict, values: dict, token: str) -> str:
    body = {**fields, **values, "csrf_token": token}
    return "&".join(f"{_encode(key)}={_encode(value)}" for key, value in body.items())


def _drawn_request(draw, rule, visitor, slugs, forms):
    path = PARAMETER.sub(lambda m: _encode(draw(_path_value(m.group(1), m.group(2), slugs))), rule.rule)
    path = _with_query(path, draw(st.dictionaries(st.sampled_from(QUERY_NAMES), VALUES, max_size=3)))
    method = draw(st.sampled_from(sorted(rule.methods & {"GET", "POST"})))
    headers = draw(st.dictionaries(st.sampled_from(HEADER_NAMES), HEADER_VALUES, max_size=2))
    if method == "GET":
        return method, path, None, headers
    fields = forms.get(_shape(path)) or dict.fromkeys(draw(st.lists(st.sampled_from(ARBITRARY_FIELDS), max_size=4)), "")
    values = {name: draw(VALUES) for name in fields if name != "csrf_token" and draw(st.booleans())}
    return method, path, _body(fields, values, visitor.token), headers


def _hostile_requests(rule, visitor, known, forms, turn):
    """Besides the drawn ones, each rule gets the values that broke pages
    before: in a path that exists, every query value and form field hostile
    at once; then each path parameter hostile in turn."""
    def pick(values, offset=0):
        return values[(turn + offset) % len(values)]

    methods = sorted(rule.methods & {"GET", "POST"})
    real = PARAMETER.sub(lambda m: known.get(m.group(2), "1"), rule.rule)
    path = _with_query(real, {name: pick(values) for name, values in HOSTILE_QUERY.items()})
    if "GET" in methods:
        yield "GET", path, None, HOSTILE_HEADERS
    if "POST" in methods:
        fields = forms.get(_shape(real)) or dict.fromkeys(ARBITRARY_FIELDS, "")
        values = {name: pick(HOSTILE_FIELDS, index) for index, name in enumerate(fields) if name != "csrf_token"}
        yield "POST", path, _body(fields, values, visitor.token), HOSTILE_HEADERS
    for hostile in PARAMETER.finditer(rule.rule):
        value = _encode(pick(HOSTILE_IDS if hostile.group(1) == "int" else HOSTILE_TEXT))
        path = PARAMETER.sub(
            lambda m, value=value, hostile=hostile: (
                value if m.group(0) == hostile.group(0) else known.get(m.group(2), "1")),
            rule.rule)
        yield methods[0], path, _body({}, {}, visitor.token) if methods[0] == "POST" else None, {}


def _failure(visitor, method, path, body, headers, row_counts) -> str | None:
    """What went wrong with this request, if anything: a 5xx, or rows
    stored although the request was refused."""
    before = row_counts() if method == "POST" else None
    try:
        response = visitor.client.open(path, method=method, data=body, headers=headers,
                                       content_type="application/x-www-form-urlencoded")
    except Exception as error:  # noqa: BLE001 - what a server would answer 500 to
        return f"{type(error).__name__}: {method} {path} {body!r:.300}"
    if response.status_code >= 500:
        return f"{response.status_code}: {method} {path} {body!r:.300}"
    if before is not None and 400 <= response.status_code < 500:
        after = row_counts()
        changed = {name: (before[name], after[name]) for name in before if before[name] != after[name]}
        if changed:
            return f"{response.status_code} but stored rows {changed}: {method} {path} {body!r:.300}"
    return None


def _check_rule(rule, visitor, context, failures):
    slugs, known, forms, row_counts, turn = context

    @settings(max_examples=EXAMPLES_PER_RULE, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    @given(st.data())
    def probe(data):
        failure = _failure(visitor, *_drawn_request(data.draw, rule, visitor, slugs, forms), row_counts)
        assert failure is None, failure

    found = [_failure(visitor, *request, row_counts)
             for request in _hostile_requests(rule, visitor, known, forms, turn)]
    try:
        probe()
    except AssertionError as failure:
        found.append(str(failure))
    failures += [f"{visitor.name} {rule.endpoint}: {failure}" for failure in found if failure]


def test_no_route_answers_5xx_to_any_input(demo):
    from dialogplatform.models import Event, Municipality

    slugs, pages = _known_pages(demo)
    anonymous, organiser, root = _visitors(demo)
    forms = {**_forms(anonymous, pages[:4]), **_forms(organiser, pages)}
    event_id = db.session.scalar(select(func.min(Event.id)).join(Municipality).where(Municipality.slug == slugs[0]))
    known = {"municipality_slug": slugs[0], "event_id": str(event_id)}
    row_counts = _row_counter()
    rules = sorted((rule for rule in demo.url_map.iter_rules() if rule.methods & {"GET", "POST"}),
                   key=lambda rule: rule.rule)
    assert len(rules) > 150  # the plugins' routes are in
    failures = []
    demo.config["PROPAGATE_EXCEPTIONS"] = False  # answer as production does: an error page
    try:
        for turn, rule in enumerate(rules):
            # The instance admin's own pages are /admin/...; the organiser reaches staff pages.
            for visitor in [anonymous] + ([root] if rule.rule.startswith("/admin") else [organiser]):
                if visitor is anonymous or rule.endpoint not in SESSION_ENDERS:
                    _check_rule(rule, visitor, (slugs, known, forms, row_counts, turn), failures)
    finally:
        demo.config["PROPAGATE_EXCEPTIONS"] = None
    assert not failures, "\n".join(failures)
