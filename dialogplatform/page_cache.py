"""Public pages for anonymous visitors, served from Redis.

A newspaper article sends hundreds of people to one event page within
minutes; rendering it for each of them costs several milliseconds of
Python. A page that every anonymous visitor sees alike is kept in Redis,
keyed by everything it can depend on (host, address, language inputs) and
stamped with the generations it was rendered under: one for everything, one
per municipality and one for the instance-wide pages (home page, API,
overview). A commit sets new generations for the municipalities whose rows
it changed, and for the instance-wide pages, which list every
municipality's events (page_cache_scopes.py); a change it cannot place sets
a new generation for everything. So a sign-up in Stuttgart leaves Weinheim's
pages stored, on every app server. Entries also expire after
``PAGE_CACHE_SECONDS``, because "upcoming" and "registration open" change
with the clock. When a stale or outdated page is asked for, one request
renders it anew while concurrent ones still get the previous version (a
sign-up rush would otherwise have every reader render the same page).

A page stored less than ``PAGE_CACHE_MIN_AGE`` seconds ago (1) is served
even when a commit has made it stale since: in a rush of sign-ups on one
event, each of which makes its page stale, the page is rendered at most once
a second instead of after every sign-up. That is safe: whether a seat is
left is decided under the event's lock from the database, never from a
page, so a seat count up to a second old on a public page misleads nobody;
logged-in staff never get stored pages, and the answer to a visitor's own
POST is never stored. What makes every page stale (a change the commit
cannot place, a restored backup, a new release) counts at once.

Only GET requests without htmx headers or credentials are looked up, and a
session cookie may hold nothing but a CSRF token. Pages are rendered for
storing for visitors without a session; a page with a form is stored with
placeholders for the CSRF token and the visit key, which are filled in for
each visitor when it is served (page_cache_pages.py). A page reached by a
secret link (``token`` in its address) is never stored.

Redis being away never breaks a page: the cache steps aside for a while
and the app renders as usual.
"""
import hashlib
import json
import logging
import os
import secrets
import threading
import time
from typing import NamedTuple

import redis
from flask import Flask, current_app
from werkzeug.http import parse_cookie

from . import clock, page_cache_pages, page_cache_scopes
from .extensions import db
from .i18n import LANGUAGE_COOKIE
from .page_cache_pages import RENDERING, SCOPE, STORABLE, Filler, storable
from .page_cache_scopes import EXTENSION
from .redis_options import client_options

log = logging.getLogger(__name__)

PAUSE_AFTER_ERROR = 10  # seconds without Redis after a failure
RENDER_CLAIM_MS = 2000  # longest a stale page is served while one request renders
MAX_KNOWN_SCOPES = 10000
# Request headers that change what a page shows.
KEY_HEADERS = ("HTTP_HOST", "wsgi.url_scheme", "HTTP_X_FORWARDED_PROTO", "HTTP_X_FORWARDED_HOST",
               "HTTP_X_FORWARDED_PREFIX", "SCRIPT_NAME", "PATH_INFO", "QUERY_STRING", "HTTP_ACCEPT_LANGUAGE")


class PageCache:
    """WSGI middleware in front of the Flask app."""

    def __init__(self, app: Flask, url: str, seconds: int, min_age: float = 0):
        self.app = app
        self.wsgi_app = app.wsgi_app
        self.seconds = seconds
        self.min_age = min_age
        self.redis = redis.Redis.from_url(url, **client_options(app.config))
        self.lookup = threading.local()  # each thread's connection for the look-up (_mget)
        namespace = hashlib.sha256(app.config["SQLALCHEMY_DATABASE_URI"].encode()).hexdigest()[:12]
        self.prefix = f"dialogplatform:pages:{namespace}:"
        self.generation_key = self.prefix + "generation"
        self.session_cookie = app.config["SESSION_COOKIE_NAME"]
        self.filler = Filler(app)
        # The municipality behind an address's first segment, learnt from
        # rendered and stored pages (a hint: each stored page names its own).
        self.scopes: dict[str, int | None] = {}
        self.paused_until = 0.0

    def scope_key(self, municipality_id: int | None) -> str:
        return self.prefix + ("generation:instance" if municipality_id is None
                              else f"generation:m:{municipality_id}")

    # -- serving ------------------------------------------------------------

    def __call__(self, environ, start_response):
        cookies = parse_cookie(environ.get("HTTP_COOKIE", ""))
        visitor = self._anonymous_visitor(environ, cookies)
        if visitor is None or time.monotonic() < self.paused_until:
            return self.wsgi_app(environ, start_response)
        session = None if visitor == "no-session" else visitor
        key = self._key(environ, cookies)
        segment = environ.get("PATH_INFO", "/").lstrip("/").split("/", 1)[0]
        scope = self.scopes.get(segment)  # None: instance-wide, or not known yet
        try:
            generations, page = self._look_up(key, scope)
            if page is not None and page.generations[1] != scope:  # stored by a worker that knew better
                scope = self._learn(segment, page.generations[1])
                generations, page = self._look_up(key, scope)
        except redis.RedisError as error:
            self._pause(error)
            return self.wsgi_app(environ, start_response)
        if page is not None and self._fresh(page, generations):
            return self._serve(page, "hit", session, start_response)
        if session is not None:
            return self.wsgi_app(environ, start_response)
        claimed = page is not None and self._claim(key)
        if page is not None and not claimed:
            # Another request is rendering the new version right now; the
            # crowd gets the previous one meanwhile (for one render's time)
            # instead of all rendering the same page at once.
            return self._serve(page, "stale", session, start_response)
        return self._render_and_store(environ, start_response, key, segment, generations, claimed)

    def _fresh(self, page: "StoredPage", generations: list) -> bool:
        """Stored under the current generations, or within the last
        ``min_age`` seconds (a commit since does not count yet, unless it
        made every page stale); and not older than ``seconds`` either way."""
        age = clock.now().timestamp() - page.stored_at
        if age >= self.seconds or page.generations[0] != generations[0]:
            return False
        return page.generations == generations or 0 <= age < self.min_age

    def _look_up(self, key: str, scope: int | None) -> tuple[list, "StoredPage | None"]:
        """The generations a page of ``scope`` must have been stored with,
        and the stored page."""
        names = [self.generation_key, self.scope_key(scope)]
        *values, entry = self._mget(*names, key)
        for index, value in enumerate(values):
            if value is None:  # evicted or never set
                values[index] = self._new_generation(names[index], only_if_missing=True)
        return [values[0].decode(), scope, values[1].decode()], _decode(entry)

    def _mget(self, *names: str) -> list:
        """MGET on a connection of this thread's own. A page served from
        the cache costs this one command, and redis-py's client spends some
        100 us per command on its pool and its instruments, more than Redis
        and the socket take; a connection per thread, made like the pool's
        (address, password, timeouts), needs neither."""
        connection = getattr(self.lookup, "connection", None)
        if connection is None or connection.pid != os.getpid():  # none yet, or made before a fork
            pool = self.redis.connection_pool
            connection = self.lookup.connection = pool.connection_class(**pool.connection_kwargs)
        try:
            connection.send_packed_command(connection.pack_command("MGET", *names), check_health=False)
            return connection.read_response()
        except BaseException:  # never leave half an answer on the connection
            connection.disconnect()
            raise

    def _settle(self, generations: list, scope: int | None) -> list | None:
        """The generations for a page that turned out to belong to
        ``scope``, read after rendering: valid only if no municipality's
        pages went stale meanwhile (each such commit also renews the
        instance-wide generation, read before rendering)."""
        if generations[1] is not None:
            return None
        instance, current = self.redis.mget(self.scope_key(None), self.scope_key(scope))
        if instance is None or instance.decode() != generations[2]:
            return None
        current = current or self._new_generation(self.scope_key(scope), only_if_missing=True)
        return [generations[0], scope, current.decode()]

    def _serve(self, page: "StoredPage", how: str | None, session, start_response):
        """``how``: "hit", "stale" or None (just rendered)."""
        body, headers = page.body, page.headers
        if page.placeholders:
            body, headers = self.filler.fill(body, headers, session)
        start_response(page.status, headers + ([("X-Page-Cache", how)] if how else []))
        return [body]

    def _claim(self, key: str) -> bool:
        try:
            return bool(self.redis.set(key + ":rendering", b"1", nx=True, px=RENDER_CLAIM_MS))
        except redis.RedisError as error:
            self._pause(error)
            return True

    def _render_and_store(self, environ, start_response, key, segment, generations, claimed):
        seen = {}

        def remember(status, headers, exc_info=None):
            seen.update(status=status, headers=headers, exc_info=exc_info)

        environ[RENDERING] = True
        chunks = self.wsgi_app(environ, remember)
        status, headers = seen.get("status", "500 Internal Server Error"), seen.get("headers", [])
        if not environ.get(STORABLE):  # the app put in the real values, if any
            start_response(status, headers, seen.get("exc_info"))
            if claimed:
                self._release(key)
            return chunks
        try:
            body = b"".join(chunks)
        finally:
            if hasattr(chunks, "close"):
                chunks.close()
        scope = self._learn(segment, environ.get(SCOPE))
        placeholders = self.filler.holds_placeholders(body)
        try:
            if scope != generations[1]:
                generations = self._settle(generations, scope)
            if storable(status, headers) and generations is not None:
                self._store(key, StoredPage(generations, clock.now().timestamp(), status, headers, placeholders,
                                            body))
            elif claimed:
                self._release(key)
        except redis.RedisError as error:
            self._pause(error)
        return self._serve(StoredPage(generations, 0, status, headers, placeholders, body), None, None,
                           start_response)

    def _store(self, key: str, page: "StoredPage") -> None:
        header = json.dumps({"g": page.generations, "t": page.stored_at, "s": page.status, "h": page.headers,
                             "p": page.placeholders})
        with self.redis.pipeline(transaction=False) as pipeline:
            # Kept longer than it is fresh: an outdated page is what the
            # crowd gets while one request renders its successor.
            pipeline.set(key, header.encode() + b"\n" + page.body, ex=2 * self.seconds)
            pipeline.delete(key + ":rendering")
            pipeline.execute()

    def _release(self, key: str) -> None:
        try:
            self.redis.delete(key + ":rendering")
        except redis.RedisError as error:
            self._pause(error)

    def _learn(self, segment: str, scope: int | None) -> int | None:
        if len(self.scopes) >= MAX_KNOWN_SCOPES:
            self.scopes.clear()
        self.scopes[segment] = scope
        return scope

    def _anonymous_visitor(self, environ, cookies) -> str | dict | None:
        """"no-session", the session (a CSRF token at most) or None when
        the request may show something personal."""
        if environ.get("REQUEST_METHOD") != "GET" or "HTTP_HX_REQUEST" in environ \
                or "HTTP_AUTHORIZATION" in environ:
            return None
        visitor = "no-session"
        for name in cookies:
            if name == LANGUAGE_COOKIE:
                continue
            visitor = self._only_csrf(cookies[name]) if name == self.session_cookie else None
            if visitor is None:
                return None
        return visitor

    def _only_csrf(self, cookie: str) -> dict | None:
        with self.app.app_context():  # Flask's JSON helpers look for an app
            serializer = self.app.session_interface.get_signing_serializer(self.app)
            try:
                session = serializer.loads(cookie, max_age=int(self.app.permanent_session_lifetime.total_seconds()))
            except Exception:  # a tampered or expired cookie: let the app decide
                return None
        return session if set(session) <= {self.filler.field} else None

    def _key(self, environ, cookies) -> str:
        parts = [environ.get(name, "") for name in KEY_HEADERS]
        parts.append(cookies.get(LANGUAGE_COOKIE, ""))
        return self.prefix + hashlib.sha256("\0".join(parts).encode("utf-8", "surrogateescape")).hexdigest()

    # -- invalidation -------------------------------------------------------

    def invalidate(self, municipality_ids=None) -> None:
        """Make stored pages stale: those of ``municipality_ids`` and the
        instance-wide ones, or every page (None)."""
        try:
            if municipality_ids is None:
                self._new_generation(self.generation_key)
                return
            with self.redis.pipeline(transaction=False) as pipeline:
                for name in [self.scope_key(None), *(self.scope_key(mid) for mid in municipality_ids)]:
                    pipeline.set(name, secrets.token_hex(8))
                pipeline.execute()
        except redis.RedisError as error:
            self._pause(error)

    def _new_generation(self, name: str, only_if_missing: bool = False) -> bytes:
        """A random generation, not a counter: should Redis evict the key,
        a new one can never match a page stored under an older one."""
        generation = secrets.token_hex(8).encode()
        if only_if_missing:
            if not self.redis.set(name, generation, nx=True):
                return self.redis.get(name) or generation
            return generation
        self.redis.set(name, generation)
        return generation

    def _pause(self, error: Exception) -> None:
        if time.monotonic() >= self.paused_until:
            log.warning("page cache: Redis unavailable (%s); rendering without cache", type(error).__name__)
        self.paused_until = time.monotonic() + PAUSE_AFTER_ERROR


class StoredPage(NamedTuple):
    generations: list  # [everything, municipality id or None, that scope's]
    stored_at: float
    status: str
    headers: list
    placeholders: bool
    body: bytes


def _decode(entry: bytes | None) -> StoredPage | None:
    if not entry:
        return None
    header, _, body = entry.partition(b"\n")
    try:
        meta = json.loads(header)
        return StoredPage(list(meta["g"]), meta["t"], meta["s"], [tuple(pair) for pair in meta["h"]],
                          bool(meta["p"]), body)
    except (ValueError, KeyError, TypeError, AttributeError):  # written by another release: render anew
        return None


def invalidate() -> None:
    """For changes made outside the ORM session (restoring a backup)."""
    cache = current_app.extensions.get(EXTENSION)
    if cache is not None:
        cache.invalidate()


def init_app(app: Flask) -> None:
    url = app.config.get("PAGE_CACHE_URL")
    if not url:
        return
    page_cache_pages.init_app(app)
    cache = PageCache(app, url, int(app.config["PAGE_CACHE_SECONDS"]), float(app.config["PAGE_CACHE_MIN_AGE"]))
    app.extensions[EXTENSION] = cache
    page_cache_scopes.watch(db.session)
    app.wsgi_app = cache
    cache.invalidate()  # a new release or new settings may change every page
