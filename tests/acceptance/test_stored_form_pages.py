"""Every anonymous public page from the cache, forms included (issue 21).

Proven over HTTP against gunicorn: a page with a form is served from Redis
to the second visitor, yet every visitor gets a CSRF token, session and
submission key of their own, and only their own token is accepted; a
sign-up in one municipality leaves another municipality's pages stored.
Within PAGE_CACHE_MIN_AGE a stored page may lag a commit, never a decision.
"""
import re

from conftest import csrf_token_from, enable, make_event
from live_http import Visitor

SIGNUP = {"name": "Amal", "childcare_count": "0", "consent": "y"}


def submission_key_from(html):
    return re.search(r'name="submission_key"[^>]*value="([^"]+)"', html).group(1)


def stored(server, path):
    """Visit ``path`` until a visitor gets it from the cache: the first
    renders it (and each gunicorn worker, on starting, makes every stored
    page stale, so right after the server starts it may take one more)."""
    for _ in range(5):
        if Visitor(server.url).get(path).headers.get("X-Page-Cache") == "hit":
            return
    raise AssertionError(f"{path} is never served from the cache")


def session_cookie(visitor):
    [cookie] = [cookie.value for cookie in visitor.jar if cookie.name == "session"]
    return cookie


def test_a_sign_up_page_is_stored_and_each_visitor_gets_their_own_values(people, server):
    event = make_event(people.municipality, "themenabend", capacity=10)
    path = f"/testort/e/{event.id}/signup"
    stored(server, path)
    visitors = [Visitor(server.url) for _ in range(3)]
    pages = [visitor.get(path) for visitor in visitors]
    assert [page.headers["X-Page-Cache"] for page in pages] == ["hit"] * 3
    assert all(page.headers["Cache-Control"] == "private" and "Cookie" in page.headers["Vary"] for page in pages)
    tokens = {csrf_token_from(page.text) for page in pages}
    keys = {submission_key_from(page.text) for page in pages}
    cookies = {session_cookie(visitor) for visitor in visitors}
    assert len(tokens) == len(keys) == len(cookies) == 3

    others_token = csrf_token_from(pages[1].text)
    assert visitors[0].post(path, {**SIGNUP, "email": "a@example.org", "csrf_token": others_token}).status == 400
    assert visitors[0].post(path, {**SIGNUP, "email": "a@example.org"}).status == 400
    for number, (visitor, page) in enumerate(zip(visitors, pages)):
        answer = visitor.post(path, {**SIGNUP, "email": f"p{number}@example.org",
                                     "csrf_token": csrf_token_from(page.text),
                                     "submission_key": submission_key_from(page.text)})
        assert answer.status == 302, answer.text[:2000]


def test_a_returning_visitor_keeps_their_session_on_a_stored_page(people, server):
    event = make_event(people.municipality, "themenabend", capacity=10)
    path = f"/testort/e/{event.id}/signup"
    visitor = Visitor(server.url)
    visitor.get(path)
    cookie = session_cookie(visitor)
    again = visitor.get(path)
    assert again.headers["X-Page-Cache"] == "hit" and "Set-Cookie" not in again.headers
    assert session_cookie(visitor) == cookie
    answer = visitor.post(path, {**SIGNUP, "email": "b@example.org", "csrf_token": csrf_token_from(again.text)})
    assert answer.status == 302


def test_an_event_page_with_a_question_form_is_stored(people, server):
    enable(people.municipality, "themenabend")
    event = make_event(people.municipality, "themenabend", capacity=10)
    path = f"/testort/e/{event.id}/"
    stored(server, path)
    visitors = [Visitor(server.url) for _ in range(2)]
    pages = [visitor.get(path) for visitor in visitors]
    assert [page.headers["X-Page-Cache"] for page in pages] == ["hit", "hit"]
    assert "themenabend-questions" in pages[0].text
    assert csrf_token_from(pages[0].text) != csrf_token_from(pages[1].text)


def test_a_sign_up_in_one_municipality_leaves_anothers_pages_stored(people, server):
    here = make_event(people.municipality, "themenabend", capacity=10)
    there = make_event(people.other_municipality, "themenabend", capacity=10)
    elsewhere = ["/anderswo/", f"/anderswo/e/{there.id}/", f"/anderswo/e/{there.id}/signup"]
    here_page = f"/testort/e/{here.id}/"
    for path in [*elsewhere, here_page]:
        stored(server, path)

    answer = Visitor(server.url).submit(f"/testort/e/{here.id}/signup", {**SIGNUP, "email": "c@example.org"})
    assert answer.status == 302
    for path in elsewhere:
        assert Visitor(server.url).get(path).headers.get("X-Page-Cache") == "hit", path
    after = Visitor(server.url).get(here_page)
    assert after.headers.get("X-Page-Cache") is None and "Noch 9 Plätze frei." in after.text


def test_within_the_floor_a_page_may_show_a_taken_seat_yet_the_database_decides(people, start_server, db):
    """PAGE_CACHE_MIN_AGE over gunicorn (a minute here, so the test does not
    depend on how long it takes): after a sign-up took the last seat the
    stored event page still offers it, and the next sign-up sent from it is
    decided from the database all the same: waitlisted, not given a seat."""
    from dialogplatform.models import Registration

    server = start_server(PAGE_CACHE_MIN_AGE=60)
    event = make_event(people.municipality, "themenabend", capacity=1)
    page, signup = f"/testort/e/{event.id}/", f"/testort/e/{event.id}/signup"
    stored(server, page)
    assert Visitor(server.url).submit(signup, {**SIGNUP, "email": "first@example.org"}).status == 302
    within = Visitor(server.url).get(page)
    assert within.headers.get("X-Page-Cache") == "hit" and "Noch 1 Platz frei." in within.text
    assert Visitor(server.url).submit(signup, {**SIGNUP, "email": "second@example.org"}).status == 302
    db.session.expire_all()
    statuses = dict(db.session.execute(db.select(Registration.email, Registration.status)
                                       .where(Registration.event_id == event.id)).all())
    assert statuses == {"first@example.org": "pending", "second@example.org": "waitlisted"}
