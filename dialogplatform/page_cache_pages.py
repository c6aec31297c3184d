"""Which answers the page cache may store, and what a stored page holds in
place of a visitor's own values.

A page with a form carries the visitor's CSRF token and, on the sign-up
form, a key made for this one visit. When the cache renders a page for
storing, both are emitted as fixed placeholders (derived from the secret
key, so nobody can write them into a page); ``Filler`` puts in each
visitor's own values every time the page is served, made exactly as
Flask-WTF and Flask make them. Flask-WTF's check is unchanged.

An answer that is not stored after all (not a 200, a session written, a
secret link) gets its real values inside the app, before Flask saves the
session.
"""
import functools
import hashlib
import hmac
import os
import secrets

from flask import Flask, current_app, g, request, session
from flask_wtf.csrf import generate_csrf
from itsdangerous import URLSafeTimedSerializer

RENDERING = "dialogplatform.page_cache.rendering"  # set by the middleware: a render for storing
STORABLE = "dialogplatform.page_cache.storable"  # set by the app: the answer may be stored
SCOPE = "dialogplatform.page_cache.scope"  # set by the app: the page's municipality (id) or None
STORED_TYPES = ("text/html", "application/json", "application/atom+xml", "text/calendar")
MAX_BODY = 1024 * 1024


def storable(status: str, headers) -> bool:
    """A 200 of a stored type and known length that sets no cookie and is
    not marked private or no-store."""
    if not status.startswith("200"):
        return False
    values = {}
    for name, value in headers:
        if name.lower() == "set-cookie":
            return False
        values[name.lower()] = value
    cache_control = values.get("cache-control", "")
    if any(word in cache_control for word in ("private", "no-store", "no-cache")):
        return False
    length = values.get("content-length")
    return (values.get("content-type", "").startswith(STORED_TYPES)
            and length is not None and int(length) <= MAX_BODY)


def placeholders(app: Flask) -> tuple[bytes, bytes]:
    """(CSRF token, visit key), alike in every worker of an instance."""
    return _placeholders(app.config["SECRET_KEY"])


@functools.cache
def _placeholders(secret: str) -> tuple[bytes, bytes]:
    return tuple(hmac.new(secret.encode(), name, hashlib.sha256).hexdigest()[:40].encode()
                 for name in (b"page-cache-csrf-token", b"page-cache-visit-key"))


def _field_name(app: Flask) -> str:
    return app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token")


def visit_key() -> str:
    """A key for one rendering of a form (the sign-up's submission key)."""
    if request.environ.get(RENDERING):
        return placeholders(current_app)[1].decode()
    return secrets.token_urlsafe(16)


def _use_placeholders():
    if request.environ.get(RENDERING):
        # Flask-WTF hands out g's token, if there is one, without the session.
        setattr(g, _field_name(current_app), placeholders(current_app)[0].decode())


def _decide(response):
    """Let the answer be stored, or put the real values in now. Registered
    first, so it runs after every other ``after_request``."""
    environ = request.environ
    if not environ.get(RENDERING):
        return response
    environ[SCOPE] = getattr(g.get("municipality"), "id", None)
    secret_link = "token" in (request.view_args or {})  # a page of one person's sign-up
    if not secret_link and not session.modified and storable(response.status, response.headers.to_wsgi_list()):
        environ[STORABLE] = True
        return response
    if response.is_sequence and response.mimetype == "text/html":
        token, key = placeholders(current_app)
        body = response.get_data()
        if token in body or key in body:
            delattr(g, _field_name(current_app))
            response.set_data(body.replace(token, generate_csrf().encode())
                              .replace(key, secrets.token_urlsafe(16).encode()))
    return response


class Filler:
    """Puts a visitor's own values into a stored page (in the middleware)."""

    def __init__(self, app: Flask):
        self.app = app
        self.token, self.key = placeholders(app)
        self.field = _field_name(app)
        secret = app.config.get("WTF_CSRF_SECRET_KEY") or app.secret_key
        self.signer = URLSafeTimedSerializer(secret, salt="wtf-csrf-token")  # as Flask-WTF's generate_csrf
        self.session_signer, self.cookie = self._new_session_cookie(app)

    def holds_placeholders(self, body: bytes) -> bool:
        return self.token in body or self.key in body

    def fill(self, body: bytes, headers: list, session: dict | None) -> tuple[bytes, list]:
        """``session``: the visitor's (holding a CSRF token at most) or None."""
        raw = (session or {}).get(self.field)
        cookies = []
        if raw is None:
            raw = hashlib.sha1(os.urandom(64)).hexdigest()  # as Flask-WTF makes it
            with self.app.app_context():  # Flask's JSON helpers look for an app
                cookies = [("Set-Cookie", self.cookie.format(self.session_signer.dumps({self.field: raw})))]
        body = body.replace(self.token, self.signer.dumps(raw).encode()) \
                   .replace(self.key, secrets.token_urlsafe(16).encode())
        vary = [v.strip() for name, value in headers if name.lower() == "vary" for v in value.split(",")]
        kept = [(name, value) for name, value in headers
                if name.lower() not in ("content-length", "cache-control", "vary")]
        return body, kept + [("Content-Length", str(len(body))), ("Cache-Control", "private"),
                             ("Vary", ", ".join(dict.fromkeys([*vary, "Cookie"])))] + cookies

    def _new_session_cookie(self, app: Flask) -> tuple:
        """The signer of Flask's session cookie, and the Set-Cookie header
        Flask's session interface writes for a new session, with ``{}`` for
        the value. Made once: a new session is not permanent, so its
        cookie's attributes never change."""
        interface = app.session_interface
        with app.app_context():
            new = interface.session_class()
            new[self.field] = hashlib.sha1(os.urandom(64)).hexdigest()
            response = app.response_class()
            interface.save_session(app, new, response)
            signer = interface.get_signing_serializer(app)
        [header] = response.headers.getlist("Set-Cookie")
        name_value, attributes = header.split(";", 1)
        name = name_value.split("=", 1)[0]
        return signer, f"{name}={{}};{attributes.replace('{', '{{').replace('}', '}}')}"


def init_app(app: Flask) -> None:
    app.before_request(_use_placeholders)
    app.after_request_funcs.setdefault(None, []).insert(0, _decide)  # the last to run
