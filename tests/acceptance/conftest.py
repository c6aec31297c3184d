"""Acceptance tests: promises proven from outside.

Each test drives a real gunicorn server (2 workers x 4 threads, as in
production) on the suite's database over HTTP only, as the person the
promise protects against would: a visitor who knows an e-mail address, a
second person on a shared device, another municipality's organiser, a
helper, a curious instance admin. The suite's aiosmtpd server receives the
mails. Rows are prepared through the ORM and committed; the ``db`` fixture
empties the tables after each test as everywhere else.
"""
import pytest
from live_http import Visitor, server_environment, start_gunicorn


@pytest.fixture(scope="session")
def server(app, tmp_path_factory):
    """The production-like server every acceptance test may share."""
    running = start_gunicorn(server_environment(app, tmp_path_factory.mktemp("server-instance")))
    yield running
    running.stop()


@pytest.fixture
def start_server(app, tmp_path):
    """``start_server(SETTING=value, ...)``: a server of its own with other
    settings (stopped after the test)."""
    started = []

    def start(**settings):
        running = start_gunicorn(server_environment(app, tmp_path / f"instance-{len(started)}", **settings))
        started.append(running)
        return running

    yield start
    for running in started:
        running.stop()


@pytest.fixture
def visitor(server):
    """A visitor with a browser of their own."""
    return Visitor(server.url)
