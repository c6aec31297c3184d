"""Error pages in the user's language; never a stack trace."""
import logging

from flask import render_template
from werkzeug.exceptions import HTTPException, InternalServerError

from .extensions import db

log = logging.getLogger(__name__)


def init_app(app) -> None:
    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if error.code is None or error.code < 400:
            return error

        return _render(error.code, error)

    @app.errorhandler(Exception)
    def unexpected_error(error: Exception):
        log.exception("unhandled error")
        try:
            db.session.rollback()
        except Exception:  # e.g. the database is gone; the page must still render
            log.warning("rollback after an error failed")
        return _render(500, InternalServerError())


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
