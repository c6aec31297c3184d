"""No request finds a 500 (issue 14, finding 13), proven over HTTP.

An attacker's inputs (huge ids, NUL and undecodable bytes in the path, a
forged personal link, a host header of 3,000 characters) get a 4xx page in
the visitor's language; a Redis that accepts connections but never answers
costs a sign-up a moment, not ten seconds and a 500.
"""
import socket
import threading
import time

import pytest
from conftest import make_event
from live_http import Visitor

ENGLISH = {"Accept-Language": "en"}


@pytest.fixture
def hanging_redis():
    """A server that accepts connections and never answers: Redis hanging."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    accepted, stop = [], threading.Event()

    def accept():
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                accepted.append(listener.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"redis://127.0.0.1:{listener.getsockname()[1]}/0"
    stop.set()
    thread.join(timeout=5)
    for connection in accepted:
        connection.close()
    listener.close()


@pytest.fixture
def event(people, db):
    event = make_event(people.municipality, "themenabend")
    db.session.commit()
    return event


def test_huge_ids_are_no_page(server, event):
    visitor = Visitor(server.url, headers=ENGLISH)
    for number in (2**31, 2**63, 10**30):
        for path in (f"/testort/e/{number}/", f"/testort/p/{number}/", f"/testort/recommendations/{number}",
                     f"/testort/e/{number}/signup", f"/testort/organise/events/{number}"):
            answer = visitor.get(path)
            assert answer.status in (302, 404), (path, answer.status)
            assert answer.status == 302 or "Page not found" in answer.text


def test_nul_and_undecodable_bytes_in_the_path_are_no_page(server, event):
    visitor = Visitor(server.url, headers=ENGLISH)
    for path in ("/testort%00/", "/testort/e/%00/", "/%FF/", "/testort/r/%C2%B2-x", "/testort/r/1-%FF",
                 "/testort/r/%ED%A0%80", f"/testort/e/{event.id}/event.ics%00"):
        answer = visitor.get(path)
        assert answer.status == 404, (path, answer.status)
        assert "Page not found" in answer.text


def test_forged_personal_links_are_no_page(server, event):
    visitor = Visitor(server.url, headers=ENGLISH)
    for token in ("1-" + "a" * 40, "99999999999-" + "0" * 40, "1-" + "A" * 40, "-", "1-", "%C2%B2-x", "1-%FF"):
        answer = visitor.get(f"/testort/r/{token}")
        assert answer.status == 404, (token, answer.status)


def test_bad_query_values_answer_a_page_or_400(server, event):
    visitor = Visitor(server.url, headers=ENGLISH)
    for path in ("/testort/?to=9999-12-31", "/testort/?from=0001-01-01", "/testort/?page=%C2%B2",
                 "/testort/recommendations?process=%C2%B2"):
        assert visitor.get(path).status == 200, path
    answer = visitor.get("/api/v1/events?process=%C2%B2")
    assert answer.status == 400 and "process" in answer.text


def test_a_host_of_3000_characters_is_a_bad_request_in_the_visitors_language(start_server, event):
    running = start_server(PROXY_FIX=True)
    for headers in ({"X-Forwarded-Host": "a" * 3000}, {"X-Forwarded-Host": "a" * 64 + ".example"},
                    {"Host": "a" * 3000}):
        answer = Visitor(running.url, headers={**ENGLISH, **headers}).get("/testort/")
        assert answer.status == 400, (headers, answer.status)
        assert "Bad request" in answer.text and 'lang="en"' in answer.text


def test_a_hanging_redis_is_given_up_and_sign_ups_go_on(start_server, hanging_redis, event, smtp_server):
    running = start_server(PAGE_CACHE_URL=hanging_redis, RATELIMIT_STORAGE_URI=hanging_redis,
                           RATELIMIT_ENABLED=True)
    for number in range(3):  # each worker meets the hanging Redis once, then falls back
        visitor = Visitor(running.url)
        started = time.monotonic()
        page = visitor.get(f"/testort/e/{event.id}/", follow=True)
        answer = visitor.submit(f"/testort/e/{event.id}/signup", {
            "name": f"Amal {number}", "email": f"amal{number}@example.org", "childcare_count": "0", "consent": "y"})
        elapsed = time.monotonic() - started
        assert page.status == 200
        assert answer.status == 302, answer.text[:500]
        assert elapsed < 5, elapsed
