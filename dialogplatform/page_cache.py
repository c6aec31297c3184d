"""Public pages for anonymous visitors, served from Redis.

A newspaper article sends hundreds of people to one event page within
minutes; rendering it for each of them costs several milliseconds of
Python. A page that every anonymous visitor sees alike is kept in Redis,
keyed by everything it can depend on (host, address, language inputs) and
tagged with a generation: every database commit that changes a row sets a
new generation, so a sign-up, an edited event or a newly enabled format
makes every stored page stale at once, on every app server. Entries also
expire after ``PAGE_CACHE_SECONDS``, because "upcoming" and "registration
open" change with the clock. When a stale or outdated page is asked for,
one request renders it anew while concurrent ones still get the previous
version (a sign-up rush would otherwise have every reader render the same
page).

Only GET requests without htmx headers or credentials are looked up, and a
session cookie may hold nothing but a CSRF token. Only responses to
requests without any session are stored, and only when they are 200, HTML
or JSON or a feed, of known length, set no cookie and are not marked
private or no-store: a page with a form creates the visitor's session
(its CSRF token) and is therefore never stored.

Redis being away never breaks a page: the cache steps aside for a while
and the app renders as usual.
"""
import hashlib
import json
import logging
import secrets
import time
from typing import NamedTuple

import redis
from flask import Flask, current_app, has_app_context
from sqlalchemy import event as sa_event
from werkzeug.http import parse_cookie

from . import clock
from .extensions import db
from .i18n import LANGUAGE_COOKIE
from .redis_options import client_options

log = logging.getLogger(__name__)

EXTENSION = "dialogplatform.page_cache"
STORED_TYPES = ("text/html", "application/json", "application/atom+xml", "text/calendar")
MAX_BODY = 1024 * 1024
PAUSE_AFTER_ERROR = 10  # seconds without Redis after a failure
RENDER_CLAIM_MS = 2000  # longest a stale page is served while one request renders
# Request headers that change what a page shows.
KEY_HEADERS = ("HTTP_HOST", "wsgi.url_scheme", "HTTP_X_FORWARDED_PROTO", "HTTP_X_FORWARDED_HOST",
               "HTTP_X_FORWARDED_PREFIX", "SCRIPT_NAME", "PATH_INFO", "QUERY_STRING", "HTTP_ACCEPT_LANGUAGE")


class PageCache:
    """WSGI middleware in front of the Flask app."""

    def __init__(self, app: Flask, url: str, seconds: int):
        self.app = app
        self.wsgi_app = app.wsgi_app
        self.seconds = seconds
        self.redis = redis.Redis.from_url(url, **client_options(app.config))
        namespace = hashlib.sha256(app.config["SQLALCHEMY_DATABASE_URI"].encode()).hexdigest()[:12]
        self.prefix = f"dialogplatform:pages:{namespace}:"
        self.generation_key = self.prefix + "generation"
        self.session_cookie = app.config["SESSION_COOKIE_NAME"]
        self.paused_until = 0.0

    # -- serving ------------------------------------------------------------

    def __call__(self, environ, start_response):
        cookies = parse_cookie(environ.get("HTTP_COOKIE", ""))
        visitor = self._anonymous_visitor(environ, cookies)
        if visitor is None or time.monotonic() < self.paused_until:
            return self.wsgi_app(environ, start_response)
        key = self._key(environ, cookies)
        try:
            generation, entry = self.redis.mget(self.generation_key, key)
            if generation is None:
                generation = self._new_generation(only_if_missing=True)
        except redis.RedisError as error:
            self._pause(error)
            return self.wsgi_app(environ, start_response)
        page = _decode(entry)
        if (page is not None and page.generation == generation
                and clock.now().timestamp() - page.stored_at < self.seconds):
            return _serve(page, "hit", start_response)
        if visitor == "with-session":
            return self.wsgi_app(environ, start_response)
        claimed = page is not None and self._claim(key)
        if page is not None and not claimed:
            # Another request is rendering the new version right now; the
            # crowd gets the previous one meanwhile (for one render's time)
            # instead of all rendering the same page at once.
            return _serve(page, "stale", start_response)
        return self._render_and_store(environ, start_response, key, generation, claimed)

    def _claim(self, key: str) -> bool:
        try:
            return bool(self.redis.set(key + ":rendering", b"1", nx=True, px=RENDER_CLAIM_MS))
        except redis.RedisError as error:
            self._pause(error)
            return True

    def _render_and_store(self, environ, start_response, key, generation, claimed):
        seen = {}

        def remember(status, headers, exc_info=None):
            seen.update(status=status, headers=headers)
            return start_response(status, headers, exc_info)

        chunks = self.wsgi_app(environ, remember)
        storable = _storable(seen.get("status", ""), seen.get("headers", []))
        body = None
        if not storable and not claimed:
            return chunks
        if storable:
            try:
                body = b"".join(chunks)
            finally:
                if hasattr(chunks, "close"):
                    chunks.close()
        try:
            with self.redis.pipeline(transaction=False) as pipeline:
                if storable:
                    header = json.dumps({"g": generation.decode(), "t": clock.now().timestamp(), "s": seen["status"],
                                         "h": seen["headers"]})
                    # Kept longer than it is fresh: an outdated page is what the
                    # crowd gets while one request renders its successor.
                    pipeline.set(key, header.encode() + b"\n" + body, ex=2 * self.seconds)
                pipeline.delete(key + ":rendering")
                pipeline.execute()
        except redis.RedisError as error:
            self._pause(error)
        return [body] if storable else chunks

    def _anonymous_visitor(self, environ, cookies) -> str | None:
        """"no-session", "with-session" (a CSRF token only) or None when
        the request may show something personal."""
        if environ.get("REQUEST_METHOD") != "GET" or "HTTP_HX_REQUEST" in environ \
                or "HTTP_AUTHORIZATION" in environ:
            return None
        visitor = "no-session"
        for name in cookies:
            if name == LANGUAGE_COOKIE:
                continue
            if name != self.session_cookie or not self._only_csrf(cookies[name]):
                return None
            visitor = "with-session"
        return visitor

    def _only_csrf(self, cookie: str) -> bool:
        with self.app.app_context():  # Flask's JSON helpers look for an app
            serializer = self.app.session_interface.get_signing_serializer(self.app)
            try:
                session = serializer.loads(cookie)
            except Exception:  # a tampered or expired cookie: let the app decide
                return False
        return set(session) <= {"csrf_token"}

    def _key(self, environ, cookies) -> str:
        parts = [environ.get(name, "") for name in KEY_HEADERS]
        parts.append(cookies.get(LANGUAGE_COOKIE, ""))
        return self.prefix + hashlib.sha256("\0".join(parts).encode("utf-8", "surrogateescape")).hexdigest()

    # -- invalidation -------------------------------------------------------

    def invalidate(self) -> None:
        """Make every stored page stale (after a change to the database)."""
        try:
            self._new_generation()
        except redis.RedisError as error:
            self._pause(error)

    def _new_generation(self, only_if_missing: bool = False) -> bytes:
        """A random generation, not a counter: should Redis evict the key,
        a new one can never match a page stored under an older one."""
        generation = secrets.token_hex(8).encode()
        if only_if_missing:
            if not self.redis.set(self.generation_key, generation, nx=True):
                return self.redis.get(self.generation_key) or generation
            return generation
        self.redis.set(self.generation_key, generation)
        return generation

    def _pause(self, error: Exception) -> None:
        if time.monotonic() >= self.paused_until:
            log.warning("page cache: Redis unavailable (%s); rendering without cache", type(error).__name__)
        self.paused_until = time.monotonic() + PAUSE_AFTER_ERROR


class StoredPage(NamedTuple):
    generation: bytes
    stored_at: float
    status: str
    headers: list
    body: bytes


def _decode(entry: bytes | None) -> StoredPage | None:
    if not entry:
        return None
    header, _, body = entry.partition(b"\n")
    try:
        meta = json.loads(header)
        return StoredPage(meta["g"].encode(), meta["t"], meta["s"], [tuple(pair) for pair in meta["h"]], body)
    except (ValueError, KeyError, TypeError, AttributeError):  # written by another release: render anew
        return None


def _serve(page: StoredPage, how: str, start_response):
    start_response(page.status, page.headers + [("X-Page-Cache", how)])
    return [page.body]


def _storable(status: str, headers: list) -> bool:
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


# -- database changes -------------------------------------------------------------
# Listeners on the platform's own session (``db.session``), never on
# SQLAlchemy's Session class: a commit by any other session in the process
# (a script's own database) says nothing about the platform's pages. The
# session belongs to the current app context, so ``current_app`` is its app.

def _rows_flushed(session, flush_context):
    session.info["pages_stale"] = True


def _statement_executed(state):
    if not state.is_select:  # bulk UPDATE/DELETE/INSERT or raw SQL
        state.session.info["pages_stale"] = True


def _committed(session):
    if session.info.pop("pages_stale", False):
        cache = current_app.extensions.get(EXTENSION) if has_app_context() else None
        if cache is not None:
            cache.invalidate()


def _rolled_back(session, previous_transaction):
    if not session.in_transaction():
        session.info.pop("pages_stale", None)


SESSION_LISTENERS = {"after_flush": _rows_flushed, "do_orm_execute": _statement_executed,
                     "after_commit": _committed, "after_soft_rollback": _rolled_back}


def _watch(session) -> None:
    """Listen to ``session`` once, however many apps share it."""
    for name, listener in SESSION_LISTENERS.items():
        if not sa_event.contains(session, name, listener):
            sa_event.listen(session, name, listener)


def invalidate() -> None:
    """For changes made outside the ORM session (restoring a backup)."""
    cache = current_app.extensions.get(EXTENSION)
    if cache is not None:
        cache.invalidate()


def init_app(app: Flask) -> None:
    url = app.config.get("PAGE_CACHE_URL")
    if not url:
        return
    cache = PageCache(app, url, int(app.config["PAGE_CACHE_SECONDS"]))
    app.extensions[EXTENSION] = cache
    _watch(db.session)
    app.wsgi_app = cache
    cache.invalidate()  # a new release or new settings may change every page
