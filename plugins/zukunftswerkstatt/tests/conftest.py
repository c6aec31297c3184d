"""Fixtures for the Zukunftswerkstatt tests.

The platform's fixtures (app, db, client, people, browser, ...) and
helpers are those of the testing kit, ``dialogplatform.testing``.
"""

import pytest

from dialogplatform.testing import enable, make_event


@pytest.fixture
def enabled(people):
    enable(people.municipality, "zukunftswerkstatt")
    return people


@pytest.fixture
def workshop(enabled):
    """A published workshop in Testort with the three Ostfildern themes, in the critique phase."""
    from dialogplatform_formats.zukunftswerkstatt import services

    event = make_event(enabled.municipality, "zukunftswerkstatt", title="Zukunftswerkstatt Testort",
                       settings={"dots_per_participant": 3})
    services.add_default_themes(event)
    return event
