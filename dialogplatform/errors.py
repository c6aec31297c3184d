"""Error pages in the user's language; never a stack trace.

An outage of the database or of Redis is answered 503 with ``Retry-After``
and a page that needs neither (no account, no municipality); a value the
database refuses (out of range, too long) is the request's fault: 400.
"""
import logging

import redis
from flask import g, render_template
from flask_login import AnonymousUserMixin
from sqlalchemy import exc as sa_exc
from werkzeug.exceptions import BadRequest, HTTPException, InternalServerError

from .extensions import db

log = logging.getLogger(__name__)

# The database or Redis cannot be reached right now (e.g. PostgreSQL restarting).
OUTAGES = (sa_exc.OperationalError, sa_exc.InterfaceError, sa_exc.TimeoutError,
           redis.ConnectionError, redis.TimeoutError)
RETRY_AFTER_SECONDS = 30


def init_app(app) -> None:
    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if error.code is None or error.code < 400:
            return error
        if error.response is not None:  # a page of its own, e.g. a rate limit's (views/experience.py)
            return error.response
        original = getattr(error, "original_exception", None)  # e.g. raised in an after-request hook
        if error.code == 500 and original is not None:
            return unexpected_error(original)
        return _render(error.code, error)

    @app.errorhandler(Exception)
    def unexpected_error(error: Exception):
        _rollback()
        if isinstance(error, OUTAGES):
            log.warning("service unavailable: %s", type(error).__name__)
            return _unavailable()
        if isinstance(error, sa_exc.DataError):  # the database refused a value it was sent
            log.warning("value refused by the database: %s", type(error.orig).__name__)
            return _render(400, BadRequest())
        log.exception("unhandled error")
        return _render(500, InternalServerError())


def _rollback() -> None:
    try:
        db.session.rollback()
    except Exception:  # e.g. the database is gone; the page must still render
        log.warning("rollback after an error failed")


def _unavailable():
    # Nothing on this page may reach the database: no account, no municipality.
    g._login_user = AnonymousUserMixin()
    g.pop("municipality", None)
    headers = {"Retry-After": str(RETRY_AFTER_SECONDS), "Cache-Control": "no-store"}
    try:
        return render_template("errors/unavailable.html"), 503, headers
    except Exception:
        log.exception("unavailable page failed")
        return "Service unavailable", 503, headers


def _render(code: int, error: HTTPException):
    if error.response is not None:  # e.g. a redirect to the log-in page
        return error.response
    # Keep what the error says beyond its page, e.g. Allow on a 405.
    headers = [(name, value) for name, value in error.get_headers() if name.lower() != "content-type"]
    try:
        return render_template("errors/error.html", code=code), code, headers
    except Exception:  # the error page itself must not fail
        log.exception("error page failed")
        return "Error", code
