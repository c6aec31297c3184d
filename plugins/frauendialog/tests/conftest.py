"""Fixtures for the women's dialogue tests.

The core's fixtures (app, db, client, people, browser, ...) come from the
repository's root ``conftest.py``; helpers are imported from it.
"""

import pytest

from conftest import make_event, make_user


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
