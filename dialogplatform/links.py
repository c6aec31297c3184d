"""Absolute links that leave the site (mails, calendar files, printed QR
codes) are built from ``BASE_URL``, never from the request: a ``Host`` or
``X-Forwarded-Host`` header chosen by an attacker must not put their
address into a password-reset mail."""
from urllib.parse import urlsplit

from flask import current_app, has_request_context, request

# Used only by the development server and the tests when BASE_URL is unset.
DEVELOPMENT_BASE_URL = "http://127.0.0.1:5000"


def external_url(endpoint: str, **values) -> str:
    """Like ``url_for(endpoint, _external=True, **values)``, on BASE_URL."""
    base = urlsplit(current_app.config["BASE_URL"])
    if endpoint.startswith(".") and has_request_context() and request.blueprint:
        endpoint = request.blueprint + endpoint
    anchor = values.pop("_anchor", None)
    current_app.inject_url_defaults(endpoint, values)
    adapter = current_app.url_map.bind(base.netloc, script_name=base.path or "/", url_scheme=base.scheme)
    url = adapter.build(endpoint, values, force_external=True)
    return f"{url}#{anchor}" if anchor else url


def check_base_url(app) -> None:
    """BASE_URL is required outside development and tests; a missing or
    malformed one (also one given to create_app) stops the start with one
    line that names the setting."""
    from .settings import stop

    value = (app.config.get("BASE_URL") or "").strip().rstrip("/")
    if not value and (app.debug or app.testing):
        value = DEVELOPMENT_BASE_URL
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        stop([f"BASE_URL = {value or None!r} is not accepted; expected the address of the site, e.g. "
              "DIALOGPLATFORM_BASE_URL=https://dialog.example.org (or BASE_URL in instance/config.py)."])
    app.config["BASE_URL"] = value


def is_local_path(target: str | None) -> bool:
    """True for a path of this site ("/account/"), false for anything a
    browser could take to another site: absolute and scheme-relative URLs,
    backslashes (read as slashes) and control characters (dropped, so that
    "/<TAB>/evil.example" becomes "//evil.example")."""
    if not target or not target.startswith("/") or target.startswith("//"):
        return False
    if "\\" in target or any(ord(char) < 32 or 127 <= ord(char) < 160 or char.isspace() for char in target):
        return False
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc
