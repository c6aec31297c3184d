"""Parsing what a request carries, so that no value can make a page fail.

Every path parameter goes through the converters registered here (core and
plugins alike, as ``<int:...>`` and ``<...>``): an id is ASCII digits up to
PostgreSQL's ``integer`` (a larger one is simply no page), and a text part
with control characters, lone surrogates or bytes that are not UTF-8 matches
no page. Query values that are ids or dates are read with ``id_from`` and
``date_from``. A Host (or X-Forwarded-Host) that is no host name is
answered 400 with the usual error page.
"""
import re
import unicodedata
from datetime import date

from flask import abort, request
from werkzeug.routing import IntegerConverter, PathConverter, UnicodeConverter, ValidationError

MAX_ID = 2**31 - 1  # PostgreSQL's integer; SQLite's is larger
# Dates people can mean; beyond them datetime arithmetic and the databases overflow.
FIRST_DATE, LAST_DATE = date(1900, 1, 1), date(2999, 12, 31)
_DIGITS = re.compile(r"[0-9]{1,10}")
BAD_HOST = "dialogplatform.bad_host"
_HOST = re.compile(r"(?:(?P<name>[a-z0-9_.-]{1,253})|\[[0-9a-f:.]+\])(?::[0-9]{1,5})?", re.IGNORECASE | re.ASCII)


def id_from(value) -> int | None:
    """An id from text (``"42"``), or None for anything else (``"²"``,
    ``"-1"``, ``"99999999999"``)."""
    if not isinstance(value, str) or not _DIGITS.fullmatch(value):
        return None
    number = int(value)
    return number if 1 <= number <= MAX_ID else None


def lines_from(text: str | None, max_length: int | None = None) -> list[str]:
    """The entries of a one-per-line text field (topics, themes): stripped,
    each cut to ``max_length`` if given; blank lines and repeats (in any
    case) dropped, the first spelling kept."""
    entries, seen = [], set()
    for line in (text or "").splitlines():
        entry = line.strip()[:max_length]
        if entry and entry.casefold() not in seen:
            seen.add(entry.casefold())
            entries.append(entry)
    return entries


def date_from(value) -> date | None:
    """An ISO date within FIRST_DATE..LAST_DATE, or None."""
    try:
        parsed = date.fromisoformat(value) if isinstance(value, str) and len(value) <= 10 else None
    except ValueError:
        return None
    return parsed if parsed is not None and FIRST_DATE <= parsed <= LAST_DATE else None


def is_clean(text: str) -> bool:
    """No control characters, lone surrogates or U+FFFD (what the decoder
    puts for bytes that are not UTF-8): nothing a person types into a URL."""
    return not any(unicodedata.category(char) in ("Cc", "Cs") or char == "\ufffd" for char in text)


def one_line(text: str) -> str:
    """``text`` on one line: a line break in a title (sent by a crafted form)
    becomes a space, so it can neither inject a mail header nor break a
    calendar file."""
    return " ".join(text.split())


def clean_text(text: str) -> str:
    """A form or query value as the database can store it: no NUL, and a
    lone surrogate becomes "?"."""
    text = text.replace("\x00", "")
    return text.encode("utf-8", "replace").decode("utf-8") if any(
        "\ud800" <= char <= "\udfff" for char in text) else text


class IdConverter(IntegerConverter):
    """``<int:...>``: 0..MAX_ID in ASCII digits, else no match (404)."""

    regex = r"[0-9]{1,10}"

    def __init__(self, map, fixed_digits=0, min=0, max=MAX_ID, signed=False):
        super().__init__(map, fixed_digits, min, max, signed=False)


class TextConverter(UnicodeConverter):
    """``<name>``: a path segment without control or undecodable characters."""

    def to_python(self, value: str) -> str:
        if not is_clean(value):
            raise ValidationError()
        return value


class TextPathConverter(PathConverter):
    """``<path:...>``: the same check over several segments."""

    def to_python(self, value: str) -> str:
        if not is_clean(value):
            raise ValidationError()
        return value


def _valid_host(host: str) -> bool:
    """A DNS name (labels of 1-63 characters, 253 in all) or an IP address,
    with an optional port: what URLs can be built for."""
    match = _HOST.fullmatch(host)
    if match is None:
        return False
    name = match.group("name")
    return name is None or all(0 < len(label) <= 63 for label in name.removesuffix(".").split("."))


class HostGuard:
    """WSGI middleware (inside ProxyFix): a request whose host is not a host
    name is answered 400 by the app, with a host that URLs can be built
    for, instead of failing before any page can render."""

    def __init__(self, wsgi_app):
        self.wsgi_app = wsgi_app

    def __call__(self, environ, start_response):
        host = environ.get("HTTP_HOST")
        if host is not None and not _valid_host(host):
            environ["HTTP_HOST"] = "localhost"
            environ[BAD_HOST] = True
        return self.wsgi_app(environ, start_response)


def _refuse_bad_host():
    if request.environ.get(BAD_HOST):
        abort(400)


def init_app(app) -> None:
    """Before any route is added: every rule of the core and the plugins
    uses these converters."""
    app.url_map.converters.update(int=IdConverter, default=TextConverter, string=TextConverter,
                                  path=TextPathConverter)
    app.before_request_funcs.setdefault(None, []).insert(0, _refuse_bad_host)
    app.wsgi_app = HostGuard(app.wsgi_app)
