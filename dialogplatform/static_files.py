"""Static files with the content's hash in their address.

``url_for("static", filename="style.css")`` gives ``/static/style.css?v=<hash>``
(plugins' static folders alike). A request with the current hash may be kept
for a year by browsers and the proxy; a new release changes the hash and so
the address, and nobody sees an old style sheet with new pages.
"""
import hashlib
import os
from functools import lru_cache

from flask import current_app, request
from werkzeug.security import safe_join

ONE_YEAR = 365 * 24 * 3600


def _is_static(endpoint: str | None) -> bool:
    return bool(endpoint) and (endpoint == "static" or endpoint.endswith(".static"))


def _folder(app, endpoint: str) -> str | None:
    if endpoint == "static":
        return app.static_folder
    blueprint = app.blueprints.get(endpoint.rsplit(".", 1)[0])
    return blueprint.static_folder if blueprint is not None else None


def version_of(app, endpoint: str, filename: str) -> str | None:
    folder = _folder(app, endpoint)
    path = safe_join(folder, filename) if folder else None
    try:
        modified = os.stat(path).st_mtime_ns if path else None
    except OSError:
        return None
    return _content_hash(path, modified) if modified else None


@lru_cache(maxsize=1024)
def _content_hash(path: str, modified: int) -> str:
    """Keyed by modification time too: an edited file gets a new hash
    without a restart (development)."""
    with open(path, "rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()[:12]


def add_version(endpoint: str, values: dict) -> None:
    if _is_static(endpoint) and "filename" in values and "v" not in values:
        version = version_of(current_app, endpoint, values["filename"])
        if version:
            values["v"] = version


def long_lived(response):
    if _is_static(request.endpoint) and response.status_code == 200:
        asked = request.args.get("v")
        if asked and asked == version_of(current_app, request.endpoint, request.view_args.get("filename", "")):
            response.cache_control.no_cache = None
            response.cache_control.public = True
            response.cache_control.max_age = ONE_YEAR
            response.cache_control.immutable = True
        else:  # an address without the hash: ask again next time
            response.cache_control.no_cache = True
    return response


def init_app(app) -> None:
    app.url_defaults(add_version)
    app.after_request(long_lived)
