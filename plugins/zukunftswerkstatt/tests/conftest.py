"""Fixtures for the Zukunftswerkstatt tests.

The core's fixtures (app, db, client, people, ...) live in
``tests/conftest.py``; they are imported here so these tests reuse them.
"""
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from tests.conftest import (  # noqa: F401  (fixtures)
    app, as_user, base_config, browser, client, db, live_server, make_app, people, runner, smtp_server,
)
from tests.conftest import enable, make_event

TRANSLATIONS = Path(__file__).resolve().parent.parent / "translations"


@pytest.fixture(scope="session", autouse=True)
def compiled_catalogs():
    """Compile the plugin's catalogs like the install step does, so German
    messages can be asserted (the .mo files are not in git)."""
    for po_path in TRANSLATIONS.glob("*/LC_MESSAGES/messages.po"):
        mo_path = po_path.with_suffix(".mo")
        if not mo_path.exists() or mo_path.stat().st_mtime < po_path.stat().st_mtime:
            with po_path.open("rb") as po_file:
                catalog = read_po(po_file)
            with mo_path.open("wb") as mo_file:
                write_mo(mo_file, catalog)


@pytest.fixture
def enabled(people):
    enable(people.municipality, "zukunftswerkstatt")
    return people


@pytest.fixture
def workshop(enabled):
    """A published workshop in Testort with the three Ostfildern themes, in the critique phase."""
    from plugins.zukunftswerkstatt import services

    event = make_event(enabled.municipality, "zukunftswerkstatt", title="Zukunftswerkstatt Testort",
                       settings={"dots_per_participant": 3})
    services.add_default_themes(event)
    return event
