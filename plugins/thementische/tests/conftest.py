"""Fixtures for the Thementische tests.

The core's fixtures (app, db, client, people, as_user, live_server,
browser, ...) live in ``tests/conftest.py``; they are imported here so the
plugin's tests reuse them. This package has an ``__init__.py`` so its
conftest is not another top-level ``conftest`` module.
"""
from dataclasses import dataclass
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from tests.conftest import (  # noqa: F401  (fixtures; fast_password_hashing is autouse)
    app, as_user, base_config, browser, client, db, fast_password_hashing, live_server, make_app, page, people,
    runner, smtp_server,
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


@dataclass
class Setup:
    event: object
    tables: list
    questions: list


@pytest.fixture
def dialogue(people):
    """A published theme-table event in Testort with the five default tables
    (30 seats each) and the three default questions."""
    from plugins.thementische import services

    enable(people.municipality, "thementische")
    event = make_event(people.municipality, "thementische", title="Erster Flüchtlingsdialog", capacity=150)
    services.add_default_tables(event)
    services.add_default_questions(event)
    return Setup(event, services.tables_of(event), services.questions_of(event))
