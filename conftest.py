"""Fixtures every test reuses (core and plugins): app, db, client, mail
server, people per role, live server and browser.

They live at the repository root so that pytest applies them to ``tests/``
and to every ``plugins/<key>/tests/`` alike: one app, one browser, one
database schema per run.

The database is chosen by one environment variable:
``DIALOGPLATFORM_TEST_DATABASE_URL`` (e.g.
``postgresql+psycopg://postgres@127.0.0.1:5432/test``); unset means a fresh
SQLite file. The schema is built by the real Alembic migrations; after each
test every table is emptied, so tests are isolated.
"""
import contextvars
import shutil
import sys
from pathlib import Path
import os
import re
import socket
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller
from flask import globals as flask_globals
from flask.testing import FlaskClient
from sqlalchemy import text

from dialogplatform import create_app, page_cache
from dialogplatform.extensions import db as _db
from dialogplatform.models.types import utcnow

TEST_PASSWORD = "correct horse battery"
ROOT = Path(__file__).resolve().parent
# Throwaway plugins of the core's tests are imported as ``fixture_plugins.*``.
sys.path.insert(0, str(ROOT / "tests"))


# -- mail ------------------------------------------------------------------
class _Collector:
    def __init__(self):
        self.messages = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        message = message_from_bytes(envelope.content, policy=policy.default)
        with self.lock:
            self.messages.append(message)
        return "250 OK"


@dataclass
class MailServer:
    host: str
    port: int
    collector: _Collector

    @property
    def messages(self):
        return list(self.collector.messages)

    def clear(self):
        self.collector.messages.clear()

    def to(self, address):
        return [m for m in self.messages if m["To"] == address]

    @staticmethod
    def text_of(message) -> str:
        return message.get_body(preferencelist=("plain",)).get_content()

    def links_in(self, message) -> list[str]:
        return re.findall(r"https?://\S+", self.text_of(message))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def smtp_server():
    collector = _Collector()
    port = free_port()
    controller = Controller(collector, hostname="127.0.0.1", port=port)
    controller.start()
    yield MailServer("127.0.0.1", port, collector)
    controller.stop()


# -- app and database ------------------------------------------------------
def _database_url(tmp_path_factory) -> str:
    url = os.environ.get("DIALOGPLATFORM_TEST_DATABASE_URL")
    if url:
        return url
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite'}"


@pytest.fixture(scope="session")
def base_config(tmp_path_factory, smtp_server):
    instance = tmp_path_factory.mktemp("instance")
    os.environ["DIALOGPLATFORM_INSTANCE_PATH"] = str(instance)
    return {
        "TESTING": True,
        "SQLALCHEMY_DATABASE_URI": _database_url(tmp_path_factory),
        "SECRET_KEY": "test-secret",
        "MAIL_SERVER": smtp_server.host,
        "MAIL_PORT": smtp_server.port,
        "MAIL_DEFAULT_SENDER": "dialog@test.example",
        "BASE_URL": "http://localhost",
        "HTMX_SOURCE": "local",
        # Limits are tested on their own app (tests/test_rate_limits.py).
        "RATELIMIT_ENABLED": False,
        # As in production: public pages come from Redis, so every test also
        # checks that what it changed shows up at once.
        "PAGE_CACHE_URL": os.environ.get("DIALOGPLATFORM_TEST_REDIS_URL", "redis://127.0.0.1:6379/0"),
    }


class IsolatedClient(FlaskClient):
    """A test client whose requests never share the test's app context.

    Tests keep an app context open to use the database; without this, Flask
    would reuse it for requests, so ``g`` (CSRF token, caches) would leak
    from one request to the next, which never happens in production.
    """

    def open(self, *args, **kwargs):
        def without_app_context():
            flask_globals._cv_app.set(None)
            return super(IsolatedClient, self).open(*args, **kwargs)

        return contextvars.copy_context().run(without_app_context)


@pytest.fixture(scope="session")
def make_app(base_config):
    """Build another app on the same database (e.g. with extra plugins)."""

    def factory(**overrides):
        app = create_app({**base_config, **overrides})
        app.test_client_class = IsolatedClient
        return app

    return factory


@pytest.fixture(scope="session")
def app(make_app):
    app = make_app()
    with app.app_context():
        _reset_schema()
        from dialogplatform.cli import upgrade_database

        upgrade_database()
    return app


def _reset_schema():
    """PostgreSQL keeps its database between runs: start from nothing.
    (SQLite gets a fresh file per run.)"""
    engine = _db.engine
    if engine.dialect.name == "postgresql":
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))


@pytest.fixture(autouse=True)
def db(app, smtp_server):
    """An app context per test; all rows are removed afterwards."""
    smtp_server.clear()
    with app.app_context():
        yield _db
        _db.session.rollback()
        _db.session.remove()
        _empty_tables()
        page_cache.invalidate()  # the tables were emptied outside the ORM
        # Uploads are files keyed by row ids, which the next test reuses.
        shutil.rmtree(Path(app.instance_path) / "uploads", ignore_errors=True)


def _empty_tables():
    tables = [t for t in reversed(_db.metadata.sorted_tables)]
    with _db.engine.begin() as connection:
        if _db.engine.dialect.name == "postgresql":
            names = ", ".join(f'"{t.name}"' for t in tables)
            connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        else:
            for table in tables:
                connection.execute(table.delete())


@pytest.fixture
def clock():
    """The platform's one clock; a test sets it with ``clock.set_time(...)``
    or ``clock.frozen(...)``. It runs in real time again after the test."""
    from dialogplatform import clock as platform_clock

    yield platform_clock
    platform_clock.set_time(None)


def noon_today_in_berlin():
    """12:00 Berlin time on today's date: a moment when every demo window of
    the day (e.g. a pop-up box open 08:00-20:00) is open."""
    from datetime import time as time_of_day
    from zoneinfo import ZoneInfo

    berlin = ZoneInfo("Europe/Berlin")
    return datetime.combine(utcnow().astimezone(berlin).date(), time_of_day(12), berlin)


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


# -- forms and people ------------------------------------------------------
def csrf_token_from(html: str) -> str:
    match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html)
    assert match, "page has no CSRF token"
    return match.group(1)


def submit(client, page_url, data, post_url=None, **kwargs):
    """Open a page like a browser, then send its form with the CSRF token."""
    page = client.get(page_url)
    token = csrf_token_from(page.get_data(as_text=True))
    return client.post(post_url or page_url, data={"csrf_token": token, **data}, **kwargs)


@dataclass
class People:
    municipality: object
    other_municipality: object
    admin: object
    organiser: object
    moderator: object
    participant: object
    other_admin: object
    instance_admin: object


def make_user(email, *, confirmed=True, instance_admin=False, language="de"):
    from dialogplatform.models import User
    from dialogplatform.services import accounts

    user = User(email=email, display_name=email.split("@")[0], language=language,
                is_instance_admin=instance_admin,
                confirmed_at=utcnow() if confirmed else None)
    accounts.set_password(user, TEST_PASSWORD)
    _db.session.add(user)
    _db.session.flush()
    return user


def make_municipality(slug, name, languages=("de", "en", "ar")):
    from dialogplatform.models import Municipality

    municipality = Municipality(slug=slug, name=name, default_language="de", languages=list(languages),
                                privacy_text="<p>Datenschutz</p>", imprint="<p>Impressum</p>")
    _db.session.add(municipality)
    _db.session.flush()
    return municipality


@pytest.fixture
def people(db):
    from dialogplatform.models import Role
    from dialogplatform.services.accounts import grant_role

    here = make_municipality("testort", "Testort")
    there = make_municipality("anderswo", "Anderswo")
    result = People(
        municipality=here, other_municipality=there,
        admin=make_user("admin@testort.example"),
        organiser=make_user("organiser@testort.example"),
        moderator=make_user("moderator@testort.example"),
        participant=make_user("resident@example.org"),
        other_admin=make_user("admin@anderswo.example"),
        instance_admin=make_user("root@instance.example", instance_admin=True),
    )
    grant_role(result.admin, here, Role.ADMIN)
    grant_role(result.organiser, here, Role.ORGANISER)
    grant_role(result.moderator, here, Role.MODERATOR)
    grant_role(result.other_admin, there, Role.ADMIN)
    _db.session.commit()
    return result


def log_in(client, user, password=TEST_PASSWORD):
    response = submit(client, "/auth/login", {"email": user.email, "password": password})
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    return response


@pytest.fixture
def as_user(client):
    """``as_user(user)`` logs the test client in as ``user``."""

    def login(user):
        log_in(client, user)
        return client

    return login


def make_event(municipality, format_key="themenabend", *, status="published", days=7, **fields):
    from dialogplatform.models import Event

    municipality = _same_session(municipality)
    starts = utcnow().replace(microsecond=0) + timedelta(days=days)
    event = Event(
        municipality=municipality, format_key=format_key, status=status,
        title={"de": fields.pop("title", "Sicherheit und Nachbarschaft"), "en": "Safety and neighbourhood"},
        description={"de": "Ein Abend mit der Polizei."},
        starts_at=starts, ends_at=starts + timedelta(hours=2),
        place_name="Rathaus", address="Obertorstraße 9, 69469 Weinheim", **fields,
    )
    _db.session.add(event)
    _db.session.commit()
    return event


@pytest.fixture
def sample_app(make_app):
    """The app with the throwaway test format "sampleformat" installed."""
    app = make_app(PLUGIN_MODULES=["fixture_plugins.sample_format"])
    with app.app_context():
        yield app


def _same_session(obj):
    """The object in the current app's session (tests that build a second
    app get fixtures created in the first one)."""
    return _db.session.get(type(obj), obj.id)


def enable(municipality, key):
    from dialogplatform.plugin_system.enabling import set_enabled

    set_enabled(_same_session(municipality), key, True)
    _db.session.commit()


# -- live server and browser ----------------------------------------------
# Appended section: a real HTTP server for the test app and Debian's chromium
# driven through Playwright. The server serves the same ``app`` (and so the
# same database) as the test: commit what the browser should see; the
# autouse ``db`` fixture empties the tables after each test as usual.
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@pytest.fixture(scope="session")
def live_server(app):
    """Base URL (no trailing slash) of ``app`` served in a daemon thread."""
    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", free_port(), app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=10)
    server.server_close()


@pytest.fixture(scope="session")
def browser():
    """Headless chromium from Debian (``playwright install`` is never run).

    Without /usr/bin/chromium the browser tests are skipped, except under CI
    (``CI`` set), where that is a failure.
    """
    if not os.path.exists(CHROMIUM):
        message = f"{CHROMIUM} is missing (Debian: apt install chromium fonts-noto-core)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
    finally:
        playwright.stop()


@pytest.fixture
def page(browser):
    """A fresh browser context (no cookies) and page per test, of a visitor
    whose browser asks for German (chromium would send en-US otherwise)."""
    context = browser.new_context(locale="de-DE")
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="session", autouse=True)
def fast_password_hashing():
    """Argon2 with its production cost makes every test user take ~100 ms;
    tests use the same algorithm with the smallest cost."""
    from argon2 import PasswordHasher

    from dialogplatform.services import accounts

    production = accounts._hasher
    accounts._hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    accounts._DUMMY_HASH = accounts._hasher.hash("not a real password")
    yield
    accounts._hasher = production


@pytest.fixture
def empty_database_url(base_config, tmp_path):
    """A second, empty database of the same kind as the test database."""
    url = base_config["SQLALCHEMY_DATABASE_URI"]
    if not url.startswith("postgresql"):
        yield f"sqlite:///{tmp_path / 'empty.sqlite'}"
        return
    import psycopg
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    name = f"{parsed.database}_scratch"
    admin = parsed.set(drivername="postgresql", database="postgres").render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    yield parsed.set(database=name).render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')



@pytest.fixture(scope="session", autouse=True)
def compiled_catalogs():
    """Compile every catalog (core and plugins) like the install step does,
    so tests can assert translated text (.mo files are not in git)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    for po_path in [*ROOT.glob("dialogplatform/translations/*/LC_MESSAGES/messages.po"),
                    *ROOT.glob("plugins/*/translations/*/LC_MESSAGES/messages.po")]:
        mo_path = po_path.with_suffix(".mo")
        if not mo_path.exists() or mo_path.stat().st_mtime < po_path.stat().st_mtime:
            with po_path.open("rb") as po_file:
                catalog = read_po(po_file)
            with mo_path.open("wb") as mo_file:
                write_mo(mo_file, catalog)


@pytest.fixture(autouse=True)
def rate_limits_off_again():
    """The limiter is one extension object: an app built with limits on
    (make_app(RATELIMIT_ENABLED=True)) switches it on for every app. Switch it
    off and forget the counts after each test."""
    yield
    from dialogplatform.extensions import limiter

    limiter.enabled = False
    try:
        limiter.reset()
    except Exception:  # e.g. a test pointed it at a Redis that is not there
        pass
