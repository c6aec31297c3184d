"""Building the app under test: its settings, a test client that behaves
like separate browser requests, and compiled message catalogs."""
import contextvars
import os
from pathlib import Path

from flask import globals as flask_globals
from flask.testing import FlaskClient


def app_config(database_url: str, mail_server, instance_path: Path) -> dict:
    """Settings of the app under test. ``DIALOGPLATFORM_TEST_REDIS_URL``
    points the page cache at a Redis database of the test's own."""
    os.environ["DIALOGPLATFORM_INSTANCE_PATH"] = str(instance_path)
    return {
        "TESTING": True,
        "SQLALCHEMY_DATABASE_URI": database_url,
        "SECRET_KEY": "test-secret",
        "MAIL_SERVER": mail_server.host,
        "MAIL_PORT": mail_server.port,
        "MAIL_DEFAULT_SENDER": "dialog@test.example",
        "BASE_URL": "http://localhost",
        # Limits are switched on per app: make_app(RATELIMIT_ENABLED=True).
        "RATELIMIT_ENABLED": False,
        # As in production: public pages come from Redis, so every test also
        # checks that what it changed shows up at once.
        "PAGE_CACHE_URL": os.environ.get("DIALOGPLATFORM_TEST_REDIS_URL", "redis://127.0.0.1:6379/0"),
        # ... at once: without the floor that lets a just-stored page be
        # served for a second after a commit (make_app(PAGE_CACHE_MIN_AGE=1)).
        "PAGE_CACHE_MIN_AGE": 0,
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


def compile_catalogs(app) -> None:
    """Write a .mo next to each .po the app reads (core and every format)
    that has none or an older one, as a wheel build does: .mo files are not
    in version control, and tests assert translated text. Catalogs in a
    read-only installation are left as they are."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    for directory in app.config["BABEL_TRANSLATION_DIRECTORIES"].split(";"):
        for po_path in Path(directory).glob("*/LC_MESSAGES/*.po"):
            mo_path = po_path.with_suffix(".mo")
            if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
                continue
            with po_path.open("rb") as po_file:
                catalog = read_po(po_file)
            try:
                with mo_path.open("wb") as mo_file:
                    write_mo(mo_file, catalog)
            except OSError:  # e.g. installed read-only
                continue
