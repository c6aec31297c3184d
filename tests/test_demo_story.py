"""The demo tells each pilot's story on any day and at any hour it is loaded.

A resident opens a pilot's page and finds a dialogue to sign up for (and is
signed up), a past dialogue whose page leads to published results, the one
full event with its waiting list, and in Lörrach a pop-up box that takes
feedback right now. Running the demo again weeks later moves nothing a
person made or edited.
"""
import re
from datetime import datetime, timedelta
from html.parser import HTMLParser
from zoneinfo import ZoneInfo

import pytest
from conftest import log_in
from markupsafe import escape

from dialogplatform.demo import load_demo
from dialogplatform.models import Event, Municipality, Process, Recommendation, Registration, User

BERLIN = ZoneInfo("Europe/Berlin")
PASSWORD = "demo-passwort-123"
MOMENTS = [  # night, noon and late evening; winter, summer, the days the clocks change
    datetime(2026, 1, 14, 3, 0, tzinfo=BERLIN),
    datetime(2026, 7, 3, 12, 0, tzinfo=BERLIN),
    datetime(2026, 10, 25, 23, 30, tzinfo=BERLIN),
    datetime(2027, 3, 28, 3, 0, tzinfo=BERLIN),
]
# slug: (a text of the past dialogue's published results, in the pilot's format)
PAST_RESULTS = {
    "schwaebisch-gmuend": "Mietpatenschaft",  # theme tables: a project idea
    "ostfildern": "Mehr Vorbereitungsklassen an den Schulen in Ostfildern einrichten",  # action plan
    "stuttgart": "Behördengänge",  # decentralised meetings: concerns and wishes by topic
    "loerrach": "Stetten, Hebelplatz",  # the earlier box campaign
    "weinheim": "Polizeipräsidium Mannheim",  # themed evening: answered questions
}
EVENT_LINK = r'href="/{slug}/e/(\d+)/"'


class Forms(HTMLParser):
    """The POST forms of a page: their action and fields as a browser would send them untouched."""

    def __init__(self, html):
        super().__init__()
        self.forms, self._select, self._textarea = [], None, None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "").lower() == "post":
            self.forms.append({"action": attrs.get("action"), "fields": {}, "required": set(), "choices": {}})
        if not self.forms:
            return
        form = self.forms[-1]
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if "required" in attrs:
                form["required"].add(name)
            if kind in ("checkbox", "radio"):
                form["choices"].setdefault(name, []).append(attrs.get("value", "y"))
                if "checked" in attrs:
                    form["fields"][name] = attrs.get("value", "y")
            elif kind not in ("submit", "button"):
                form["fields"][name] = attrs.get("value", "")
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select:
            if self._select not in form["fields"] or "selected" in attrs:
                form["fields"][self._select] = attrs.get("value", "")
        elif tag == "textarea" and name:
            self._textarea = name
            form["fields"][name] = ""
            if "required" in attrs:
                form["required"].add(name)

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        if tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea and self.forms:
            self.forms[-1]["fields"][self._textarea] += data

    def with_field(self, name):
        return next(form for form in self.forms if name in form["fields"] or name in form["choices"])


def send(client, url, field, values):
    """Open ``url``, fill its form holding ``field`` with ``values``, tick
    every required box (and the first of each required choice), send it."""
    page = client.get(url)
    assert page.status_code == 200, url
    form = Forms(page.get_data(as_text=True)).with_field(field)
    data = dict(form["fields"])
    for name in form["required"]:
        if name in form["choices"] and name not in data:
            data[name] = form["choices"][name][0]
        elif not data.get(name):
            data[name] = "Beispiel"
    data.update(values)
    return client.post(form["action"] or url, data=data)


def _open_for_sign_up(client, slug, event_id):
    form = client.get(f"/{slug}/e/{event_id}/signup")
    return form.status_code == 200 and "ausgebucht" not in form.get_data(as_text=True)


def _sections(client, slug):
    html = client.get(f"/{slug}/").get_data(as_text=True)
    upcoming, past = html.split('id="past-heading"')
    return upcoming, past


def _event_ids(html, slug):
    return list(dict.fromkeys(int(i) for i in re.findall(EVENT_LINK.format(slug=slug), html)))


@pytest.fixture(params=MOMENTS, ids=lambda moment: moment.strftime("%Y-%m-%d_%H%M"))
def demo(request, app, db, clock):
    clock.set_time(request.param)
    load_demo(password_factory=lambda: PASSWORD)
    return request.param


@pytest.mark.parametrize("slug", PAST_RESULTS)
def test_every_pilot_has_a_dialogue_to_sign_up_for_and_past_results(demo, client, db, slug):
    upcoming, past = _sections(client, slug)
    open_ids = [event_id for event_id in _event_ids(upcoming, slug) if _open_for_sign_up(client, slug, event_id)]
    assert open_ids, f"{slug}: nothing to sign up for"
    sent = send(client, f"/{slug}/e/{open_ids[0]}/signup", "name",
                {"name": "Rana Said", "email": f"rana@{slug}.example", "consent": "y"})
    assert sent.status_code == 302 and sent.headers["Location"].endswith("/signup/sent"), \
        sent.get_data(as_text=True)[-3000:]
    receipt = client.get(sent.headers["Location"]).get_data(as_text=True)
    assert "status-pending" in receipt and f"r•••@{slug}.example" in receipt  # a seat held, not the waiting list
    assert db.session.scalars(db.select(Registration).filter_by(email=f"rana@{slug}.example")).one()

    expected = PAST_RESULTS[slug]
    found = []
    for event_id in _event_ids(past, slug):
        results = f"/{slug}/e/{event_id}/evaluation"
        if results in client.get(f"/{slug}/e/{event_id}/").get_data(as_text=True):
            page = client.get(results)
            found.append(page.status_code == 200 and expected in page.get_data(as_text=True))
    assert any(found), f"{slug}: no past dialogue leads to results showing {expected!r}"


@pytest.mark.parametrize("slug", PAST_RESULTS)
def test_upcoming_demo_dialogues_read_in_german_english_and_arabic(demo, client, db, slug):
    upcoming, _past = _sections(client, slug)
    ids = _event_ids(upcoming, slug)
    assert ids
    for event_id in ids:
        event = db.session.get(Event, event_id)
        for language in ("de", "en", "ar"):
            page = client.get(f"/{slug}/e/{event_id}/?lang={language}").get_data(as_text=True)
            assert escape(event.title.get(language, "-")) in page, (slug, event_id, language)
            assert escape(event.description.get(language, "-")) in page, (slug, event_id, language)


def test_the_full_event_shows_its_waiting_list(demo, client):
    upcoming, _past = _sections(client, "stuttgart")
    assert "Warteliste" in upcoming
    full = [event_id for event_id in _event_ids(upcoming, "stuttgart")
            if "ausgebucht" in client.get(f"/stuttgart/e/{event_id}/").get_data(as_text=True)]
    assert len(full) == 1
    sent = send(client, f"/stuttgart/e/{full[0]}/signup", "name",
                {"name": "Jonas Weber", "email": "jonas@stuttgart.example", "consent": "y"})
    receipt = client.get(sent.headers["Location"]).get_data(as_text=True)
    assert "status-waitlisted" in receipt and "Sie stehen auf der Warteliste" in receipt


def test_a_loerrach_pop_up_box_takes_feedback_right_now(demo, client):
    upcoming, _past = _sections(client, "loerrach")
    stations = []
    for event_id in _event_ids(upcoming, "loerrach"):
        page = client.get(f"/loerrach/e/{event_id}/").get_data(as_text=True)
        stations += re.findall(r'href="(/loerrach/e/\d+/freiraumkisten/s/[a-z0-9]+)"', page)
    accepted = []
    for station in dict.fromkeys(stations):
        if 'name="text"' in client.get(station).get_data(as_text=True):
            sent = send(client, station, "text", {"text": "Mehr Bänke im Schatten, bitte."})
            accepted.append(sent.status_code == 302 and "/thanks" in sent.headers["Location"])
    assert any(accepted), "no box is open at this moment"


def test_running_the_demo_again_later_changes_nothing_people_made(demo, client, clock, db):
    upcoming, _past = _sections(client, "ostfildern")
    event_id = _event_ids(upcoming, "ostfildern")[0]
    signed_up = send(client, f"/ostfildern/e/{event_id}/signup", "name",
                     {"name": "Rana Said", "email": "rana@ostfildern.example", "consent": "y"})
    assert signed_up.status_code == 302
    organiser = db.session.scalars(db.select(User).filter_by(email="organisation@ostfildern.example")).one()
    log_in(client, organiser, PASSWORD)
    edited = send(client, f"/ostfildern/organise/events/{event_id}", "title_de",
                  {"title_de": "Jugendwerkstatt im Scharnhauser Park"})
    assert edited.status_code == 302, edited.get_data(as_text=True)[-3000:]
    gmuend = db.session.scalars(db.select(User).filter_by(email="organisation@schwaebisch-gmuend.example")).one()
    log_in(client, gmuend, PASSWORD)
    [process] = db.session.scalars(db.select(Process))
    renamed = send(client, f"/schwaebisch-gmuend/organise/processes/{process.id}/", "title_de",
                   {"title_de": "Gmünder Dialog"})
    assert renamed.status_code == 302, renamed.get_data(as_text=True)[-3000:]
    db.session.expire_all()
    before = _snapshot(db)

    clock.set_time(demo + timedelta(days=40))
    load_demo(password_factory=lambda: PASSWORD)

    db.session.expire_all()
    assert _snapshot(db) == before
    event = db.session.get(Event, event_id)
    assert event.title["de"] == "Jugendwerkstatt im Scharnhauser Park"
    assert db.session.scalars(db.select(Registration).filter_by(email="rana@ostfildern.example")).one()
    assert [p.title["de"] for p in db.session.scalars(db.select(Process))] == ["Gmünder Dialog"]


def _snapshot(db):
    """Every event's dates, title and registrations; how many pilots, accounts, processes, recommendations."""
    events = {event.id: (event.starts_at, event.ends_at, event.title, event.description)
              for event in db.session.scalars(db.select(Event))}
    registrations = {r.id: (r.event_id, r.email, r.status) for r in db.session.scalars(db.select(Registration))}
    counts = [db.session.query(model).count() for model in (Municipality, User, Process, Recommendation)]
    return events, registrations, counts
