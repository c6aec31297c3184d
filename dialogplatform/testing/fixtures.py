"""The kit's pytest fixtures (registered by ``dialogplatform.testing``)."""
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from dialogplatform.extensions import db as _db

from .app import IsolatedClient, app_config, compile_catalogs
from .database import build_schema, database_url, empty_tables
from .helpers import enable, log_in, make_municipality, make_user
from .mail import start_mail_server


@pytest.fixture(scope="session")
def smtp_server():
    """The SMTP sink the app sends to: ``smtp_server.messages``,
    ``.to(address)``, ``.text_of(message)``, ``.links_in(message)``."""
    server, controller = start_mail_server()
    yield server
    controller.stop()


@pytest.fixture(scope="session")
def base_config(tmp_path_factory, smtp_server):
    """The settings every test app starts from."""
    return app_config(database_url(tmp_path_factory), smtp_server, tmp_path_factory.mktemp("instance"))


@pytest.fixture(scope="session")
def make_app(base_config):
    """``make_app(SETTING=value, ...)``: another app on the same database,
    e.g. with rate limits on or an extra plugin module (``PLUGIN_MODULES``)."""
    from dialogplatform import create_app

    def factory(**overrides):
        app = create_app({**base_config, **overrides})
        app.test_client_class = IsolatedClient
        return app

    return factory


@pytest.fixture(scope="session")
def app(make_app):
    """The app with every installed format, on a freshly migrated database."""
    app = make_app()
    compile_catalogs(app)
    with app.app_context():
        build_schema()
    return app


@pytest.fixture(autouse=True)
def db(app, smtp_server):
    """Flask-SQLAlchemy's ``db`` inside an app context open for the whole
    test; every row is removed afterwards and the mail sink emptied before."""
    from dialogplatform import page_cache

    smtp_server.clear()
    with app.app_context():
        yield _db
        _db.session.rollback()
        _db.session.remove()
        empty_tables()
        page_cache.invalidate()  # the tables were emptied outside the ORM
        # Uploads are files keyed by row ids, which the next test reuses.
        shutil.rmtree(Path(app.instance_path) / "uploads", ignore_errors=True)


@pytest.fixture
def client(app):
    """A test client (an anonymous visitor until logged in)."""
    return app.test_client()


@pytest.fixture
def runner(app):
    """Runs the app's CLI: ``runner.invoke(args=["demo"])``."""
    return app.test_cli_runner()


@pytest.fixture
def clock():
    """The platform's one clock; a test sets it with ``clock.set_time(...)``
    or ``clock.frozen(...)``. It runs in real time again after the test."""
    from dialogplatform import clock as platform_clock

    yield platform_clock
    platform_clock.set_time(None)


@dataclass
class People:
    """Testort ("testort") with one user per role, Anderswo ("anderswo")
    with its own admin, an instance admin and a holder of the Land role.
    Every password is TEST_PASSWORD."""

    municipality: object
    other_municipality: object
    admin: object
    organiser: object
    moderator: object
    participant: object
    other_admin: object
    instance_admin: object
    #: Holds the Land role (no municipality).
    land: object


@pytest.fixture
def people(db):
    """Municipalities and users per role, committed (see ``People``)."""
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
        land=make_user("desk@land.example", land_staff=True),
    )
    grant_role(result.admin, here, Role.ADMIN)
    grant_role(result.organiser, here, Role.ORGANISER)
    grant_role(result.moderator, here, Role.MODERATOR)
    grant_role(result.other_admin, there, Role.ADMIN)
    _db.session.commit()
    return result


@pytest.fixture
def other_moderator(people):
    """A moderator of Anderswo: staff, but of another municipality (for
    "another municipality's staff never reach this one's data")."""
    from dialogplatform.models import Role
    from dialogplatform.services.accounts import grant_role

    user = make_user("moderation@anderswo.example")
    grant_role(user, people.other_municipality, Role.MODERATOR)
    _db.session.commit()
    return user


@pytest.fixture
def municipality_with(people):
    """``municipality_with(format_key)``: Testort (``people.municipality``)
    with that format switched on."""

    def switched_on(format_key):
        enable(people.municipality, format_key)
        return people.municipality

    return switched_on


@pytest.fixture
def logged_in(client):
    """``logged_in(user)``: the test's ``client``, logged in as ``user``
    (logging in again switches the person; for two people at once, log a
    second ``app.test_client()`` in with ``log_in``)."""

    def login(user):
        log_in(client, user)
        return client

    return login


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
