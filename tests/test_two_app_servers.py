"""Two app servers (gunicorn, as in production) on one database.

People arrive through either server at the same moment; the event must fill
exactly, nobody may be lost, every mail must be queued once, and both
servers must show the same seat count afterwards (their page caches share
Redis). On the PostgreSQL pass of the suite this is the production set-up.
"""
import os
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

import pytest
from conftest import csrf_token_from, free_port, make_event

from dialogplatform.models import OutboxMessage, Registration

CAPACITY = 8
PEOPLE = 24
GUNICORN = Path(sys.executable).parent / "gunicorn"


@pytest.fixture
def two_servers(app, tmp_path):
    config = app.config
    env = dict(os.environ)
    env.update({
        "DIALOGPLATFORM_INSTANCE_PATH": str(tmp_path),
        "DIALOGPLATFORM_SQLALCHEMY_DATABASE_URI": config["SQLALCHEMY_DATABASE_URI"],
        "DIALOGPLATFORM_SECRET_KEY": config["SECRET_KEY"],
        "DIALOGPLATFORM_PAGE_CACHE_URL": config["PAGE_CACHE_URL"],
        "DIALOGPLATFORM_RATELIMIT_ENABLED": "false",
        "DIALOGPLATFORM_MAIL_SEND_AFTER_REQUEST": "false",
        "DIALOGPLATFORM_HTMX_SOURCE": "local",
    })
    servers = []
    try:
        for _ in range(2):
            port = free_port()
            process = subprocess.Popen(
                [str(GUNICORN), "--bind", f"127.0.0.1:{port}", "--workers", "2", "--threads", "4",
                 "--worker-class", "gthread", "--log-level", "warning", "dialogplatform:create_app()"],
                env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
            servers.append((process, f"http://127.0.0.1:{port}"))
        for process, url in servers:
            _wait_until_up(process, url)
        yield [url for _, url in servers]
    finally:
        for process, _ in servers:
            process.terminate()
        for process, _ in servers:
            process.wait(timeout=30)


def _wait_until_up(process, url, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(process.stderr.read().decode()[-3000:])
        try:
            urllib.request.urlopen(url + "/healthz", timeout=2)
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not start")


class Visitor:
    """A browser of its own: cookies, the form's CSRF token, no redirects."""

    def __init__(self, base_url):
        self.base_url = base_url
        no_redirects = type("NoRedirects", (urllib.request.HTTPRedirectHandler,),
                            {"redirect_request": lambda *args, **kwargs: None})
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()), no_redirects)

    def get(self, path) -> str:
        return self.opener.open(self.base_url + path, timeout=30).read().decode()

    def post(self, path, data) -> int:
        body = urllib.parse.urlencode(data).encode()
        try:
            return self.opener.open(self.base_url + path, data=body, timeout=60).status
        except urllib.error.HTTPError as answer:  # 3xx without following it
            return answer.code


def test_sign_ups_through_two_servers_fill_the_event_exactly(app, db, people, two_servers):
    event = make_event(people.municipality, capacity=CAPACITY)
    path = f"/testort/e/{event.id}/signup"
    visitors = [Visitor(two_servers[number % 2]) for number in range(PEOPLE)]
    tokens = [csrf_token_from(visitor.get(path)) for visitor in visitors]
    start = threading.Barrier(PEOPLE)
    answers = [None] * PEOPLE

    def sign_up(number):
        start.wait()
        answers[number] = visitors[number].post(path, {
            "csrf_token": tokens[number], "name": f"Person {number}", "email": f"p{number}@example.org",
            "childcare_count": "0", "consent": "y"})

    threads = [threading.Thread(target=sign_up, args=(number,)) for number in range(PEOPLE)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert answers == [302] * PEOPLE
    db.session.expire_all()
    rows = db.session.scalars(db.select(Registration).filter_by(event_id=event.id)).all()
    assert sorted(row.email for row in rows) == sorted(f"p{n}@example.org" for n in range(PEOPLE))
    statuses = [row.status for row in rows]
    assert statuses.count("pending") == CAPACITY  # guests: seat held until they confirm
    assert statuses.count("waitlisted") == PEOPLE - CAPACITY
    mails = db.session.scalars(db.select(OutboxMessage.to_address)).all()
    assert sorted(mails) == sorted(f"p{n}@example.org" for n in range(PEOPLE))  # one each
    for base_url in two_servers:
        page = Visitor(base_url).get(f"/testort/e/{event.id}/")
        assert "Die Veranstaltung ist ausgebucht." in page
