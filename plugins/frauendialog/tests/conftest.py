"""Fixtures for the women's dialogue tests.

The core's fixtures (app, db, client, people, as_user, browser, ...) live in
``tests/conftest.py``, which pytest only applies below ``tests/``; they are
imported here. This package has an ``__init__.py`` so its conftest is not
another top-level ``conftest`` module.
"""
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from tests.conftest import (  # noqa: F401  (fixtures)
    app, as_user, base_config, browser, client, db, live_server, make_app, page, people, runner, smtp_server,
)
from tests.conftest import make_event, make_user

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
def enabled(people, db):
    from dialogplatform.plugin_system.enabling import set_enabled

    set_enabled(people.municipality, "frauendialog", True)
    db.session.commit()
    return people


@pytest.fixture
def dialogue(enabled):
    """An upcoming, published women's dialogue in Testort, without a capacity."""
    return make_event(enabled.municipality, "frauendialog", title="Frauendialog im Stadtteil",
                      interpreters=["ar", "fa"])


@pytest.fixture
def staff(enabled, db):
    """A designated moderator, a moderator who is not designated and a helper."""
    from dialogplatform.models import Role
    from dialogplatform.services.accounts import grant_role

    designated = make_user("designiert@testort.example")
    helper = make_user("helferin@testort.example")
    grant_role(designated, enabled.municipality, Role.MODERATOR)
    grant_role(helper, enabled.municipality, Role.HELPER)
    db.session.commit()
    return {"designated": designated, "other_moderator": enabled.moderator, "helper": helper}
