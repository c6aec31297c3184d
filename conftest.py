"""What only this repository's tests need; everything else (app, db,
client, people, mail, browser, ...) comes from the testing kit
``dialogplatform.testing``, which pytest loads as a plugin.

The kit's helpers are re-exported here, so core tests may keep
``from conftest import make_event``; plugin tests import the kit itself.
"""
import sys
from datetime import datetime
from pathlib import Path

import pytest

from dialogplatform.testing import (  # noqa: F401  (re-exported for core tests)
    TEST_PASSWORD,
    MessageCollector,
    csrf_token_from,
    enable,
    free_port,
    log_in,
    make_event,
    make_municipality,
    make_user,
    same_session,
    submit,
)

ROOT = Path(__file__).resolve().parent
# Throwaway plugins of the core's tests are imported as ``fixture_plugins.*``.
sys.path.insert(0, str(ROOT / "tests"))


def noon_today_in_berlin():
    """12:00 Berlin time on today's date."""
    return today_in_berlin_at(12)


def today_in_berlin_at(hour, minute=0):
    """``hour``:``minute`` Berlin time on today's date (a test pins the time of day, never the wall clock's)."""
    from datetime import time as time_of_day
    from zoneinfo import ZoneInfo

    from dialogplatform.models.types import utcnow

    berlin = ZoneInfo("Europe/Berlin")
    return datetime.combine(utcnow().astimezone(berlin).date(), time_of_day(hour, minute), berlin)


@pytest.fixture
def sample_app(make_app):
    """The app with the throwaway test format "sampleformat" installed."""
    app = make_app(PLUGIN_MODULES=["fixture_plugins.sample_format"])
    with app.app_context():
        yield app


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


@pytest.fixture
def refusing_smtp_server():
    """An SMTP server that refuses ``refused@...`` for good (550)."""

    class Refusing(MessageCollector):
        async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
            if address.startswith("refused@"):
                return "550 no such mailbox"
            envelope.rcpt_tos.append(address)
            return "250 OK"

    from aiosmtpd.controller import Controller

    collector = Refusing()
    controller = Controller(collector, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller
    controller.stop()
