"""The testing kit for format plugins: a pytest plugin with the fixtures
and helpers a format's tests need, usable from any folder.

Installed with the platform and loaded by pytest through the ``pytest11``
entry point (``-p no:dialogplatform`` switches it off). A format's test::

    from dialogplatform.testing import make_event

    def test_the_event_page_shows_the_title(client, municipality_with):
        event = make_event(municipality_with("myformat"), "myformat", title="Erster Abend")
        assert "Erster Abend" in client.get(f"/testort/e/{event.id}/").get_data(as_text=True)

The app runs on a fresh SQLite file, or on the PostgreSQL database in
``DIALOGPLATFORM_TEST_DATABASE_URL`` (its schema is dropped and rebuilt by
the migrations); the page cache uses the Redis at
``DIALOGPLATFORM_TEST_REDIS_URL`` (default ``redis://127.0.0.1:6379/0``).

Fixtures:

* ``app``: the app with every installed format (session-wide);
  ``make_app(SETTING=value, ...)``: another app on the same database;
  ``base_config``: the settings both start from;
* ``db`` (for every test): an open app context; all rows are removed after
  the test;
* ``client`` (test client), ``runner`` (CLI runner), ``clock`` (the
  platform's clock, set with ``clock.set_time``; real time again afterwards);
* ``people``: Testort (slug "testort") with ``admin``, ``organiser``,
  ``moderator``, a ``participant``, Anderswo with ``other_admin``, and an
  ``instance_admin``; ``other_moderator``: a moderator of Anderswo (staff,
  but of another municipality);
* ``municipality_with(format_key)``: Testort with the format switched on;
* ``logged_in(user)``: ``client`` logged in as ``user``;
* ``smtp_server``: the mails the app sent (``messages``, ``to(address)``);
* ``live_server`` (URL of the app over HTTP), ``browser`` and ``page``
  (Debian's /usr/bin/chromium through Playwright; mark such tests
  ``@pytest.mark.browser``).

Helpers (``from dialogplatform.testing import ...``): ``make_event(municipality,
format_key, *, status="published", days=7, **fields)``, ``make_user(email)``,
``make_municipality(slug, name)``, ``enable``/``disable(municipality,
format_key)``, ``submit(client, page_url, data)`` (a form with its CSRF
token), ``csrf_token_from(html)``, ``form_data_from(html)`` (what a form
sends as it stands: change a field and post it to test an edit page),
``duplicate_from_hub(client, event)`` (the hub's duplicate button; the copy),
``log_in(client, user)``,
``log_in_page(page, live_server, user)``, ``choose_language(page, "العربية")``,
``wcag_violations(page)`` (axe-core), ``same_session(obj)``,
``TEST_PASSWORD``; ``process_report`` and ``recommendation_candidates`` run
the core services that call a format's report and recommendation hooks.
``load_demo_at(clock)``, ``api_figures(client, slug, format_key)`` and
``report_figures(client, slug, event_id)`` (after
``log_in_demo_organiser(client, slug)``): the demo and the participation
figures people read (open-data API, event report).
"""
from .browser import browser, choose_language, live_server, log_in_page, page, wcag_violations  # noqa: F401
from .core import process_report, recommendation_candidates
from .fixtures import (  # noqa: F401
    People,
    app,
    base_config,
    client,
    clock,
    db,
    fast_password_hashing,
    logged_in,
    make_app,
    municipality_with,
    other_moderator,
    people,
    rate_limits_off_again,
    runner,
    smtp_server,
)
from .helpers import (
    TEST_PASSWORD,
    csrf_token_from,
    disable,
    duplicate_from_hub,
    enable,
    form_data_from,
    log_in,
    make_event,
    make_municipality,
    make_user,
    same_session,
    submit,
)
from .mail import MailServer, MessageCollector, free_port
from .participation import api_figures, load_demo_at, log_in_demo_organiser, report_figures

# The helpers; the fixtures are left out on purpose: pytest finds them in
# this module's namespace, and a star import into a conftest would define
# them a second time.
__all__ = [
    "TEST_PASSWORD", "csrf_token_from", "disable", "duplicate_from_hub", "enable", "form_data_from", "free_port",
    "log_in", "log_in_page", "choose_language",
    "make_event",
    "make_municipality", "make_user", "same_session", "submit",
    "MailServer", "MessageCollector", "People", "process_report", "recommendation_candidates",
    "api_figures", "load_demo_at", "log_in_demo_organiser", "report_figures",
]


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: drives Debian's chromium through Playwright")
