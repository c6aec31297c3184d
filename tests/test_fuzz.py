"""Property-based tests: every public form and the API take arbitrary text
(RTL marks, combining characters, emoji, huge and empty values) without a
server error and without half-saved rows."""
import re
from html.parser import HTMLParser

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from dialogplatform.demo import load_demo
from dialogplatform.extensions import db

NASTY = st.sampled_from(["", " ", "\u200f\u202eRTL\u202c", "e\u0301\u0301\u0301", "😀👩‍👩‍👧", "x" * 20000,
                         "<script>alert(1)</script>", "'; DROP TABLE event; --", "\x00", "١٢٣", "=cmd|' /C calc'!A0"])
VALUES = st.one_of(NASTY, st.text(max_size=300))
FUZZ = settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))


class FormParser(HTMLParser):
    """Collects the POST forms of a page: action and field names."""

    def __init__(self):
        super().__init__()
        self.forms, self._current = [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("method", "get").lower() == "post":
            self._current = {"action": attrs.get("action") or "", "fields": {}}
            self.forms.append(self._current)
        elif self._current is not None and tag in ("input", "textarea", "select") and attrs.get("name"):
            self._current["fields"][attrs["name"]] = attrs.get("value", "")

    def handle_endtag(self, tag):
        if tag == "form":
            self._current = None


def _row_count():
    total = 0
    with db.engine.connect() as connection:
        for table in db.metadata.sorted_tables:
            total += connection.execute(select(func.count()).select_from(table)).scalar()
    return total


def _public_forms(client):
    """POST forms that anonymous visitors find on the demo's public pages."""
    seen, forms = set(), []
    pages = ["/", "/auth/register", "/auth/login", "/auth/forgot"]
    html = "".join(client.get(f"/{slug}/").get_data(as_text=True) for slug in
                   ("weinheim", "loerrach", "ostfildern", "stuttgart", "schwaebisch-gmuend"))
    pages += sorted(set(re.findall(r'href="(/[a-z-]+/e/\d+/)"', html)))[:12]
    for page in pages:
        body = client.get(page).get_data(as_text=True)
        for link in re.findall(r'href="(/[a-z-]+/e/\d+/(?:signup|[a-z_]+/[^"]*))"', body):
            if link not in pages and len(pages) < 40:
                pages.append(link)
        parser = FormParser()
        parser.feed(body)
        for form in parser.forms:
            action = form["action"] or page
            key = (re.sub(r"\d+", "N", action), tuple(sorted(form["fields"])))
            if "/auth/logout" in action or key in seen:
                continue
            seen.add(key)
            forms.append((page, action, form["fields"]))
    return forms


@pytest.fixture
def demo(app, db):
    load_demo(password_factory=lambda: "demo-passwort-123")
    return app


def test_every_public_form_survives_arbitrary_input(demo, client):
    forms = _public_forms(client)
    assert len(forms) >= 6, forms
    for page, action, fields in forms:
        editable = [name for name in fields if name != "csrf_token"]

        @FUZZ
        @given(st.fixed_dictionaries({name: VALUES for name in editable}))
        def post(values):
            token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', client.get(page).get_data(as_text=True))
            before = _row_count()
            response = client.post(action, data={**fields, **values, "csrf_token": token.group(1) if token else ""})
            assert response.status_code < 500, (action, values)
            if response.status_code != 302:  # refused: nothing may have been stored
                assert _row_count() == before, (action, values)

        post()


@FUZZ
@given(query=st.dictionaries(st.sampled_from(["page", "per_page", "status", "format", "language", "from", "to",
                                              "municipality", "q", "lang"]), VALUES, max_size=4))
def test_api_and_lists_survive_arbitrary_query_strings(app, client, query):
    for url in ("/api/v1/events", "/api/v1/municipalities", "/api/v1/recommendations", "/", "/overview"):
        response = client.get(url, query_string=query)
        assert response.status_code < 500, (url, query)
