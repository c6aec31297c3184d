"""Fixtures for the women's dialogue tests.

The platform's fixtures (app, db, client, people, browser, ...) and
helpers are those of the testing kit, ``dialogplatform.testing``.
"""

import pytest

from dialogplatform.plugin_api import Role, grant_role
from dialogplatform.testing import enable, make_event, make_user


@pytest.fixture
def enabled(people):
    enable(people.municipality, "frauendialog")
    return people


@pytest.fixture
def dialogue(enabled):
    """An upcoming, published women's dialogue in Testort, without a capacity."""
    return make_event(enabled.municipality, "frauendialog", title="Frauendialog im Stadtteil",
                      interpreters=["ar", "fa"])


@pytest.fixture
def staff(enabled, db):
    """A designated moderator, a moderator who is not designated and a helper."""
    designated = make_user("designiert@testort.example")
    helper = make_user("helferin@testort.example")
    grant_role(designated, enabled.municipality, Role.MODERATOR)
    grant_role(helper, enabled.municipality, Role.HELPER)
    db.session.commit()
    return {"designated": designated, "other_moderator": enabled.moderator, "helper": helper}
