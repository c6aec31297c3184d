"""Protected formats (``FormatInfo.protected``, e.g. a women's dialogue):
the one place that decides what their outputs may show.

The core knows no format by name. Every output of a protected event (event
page, CSV, open data, reports, the overview) passes ``count`` or the
helpers built on it:

* a count below the threshold (``PROTECTED_MIN_COUNT``, at least 5) reads
  "fewer than 5";
* a larger count is given as its band of five ("5–9", "10–14"), so that one
  more sign-up or contribution does not move what is shown;
* totals across events leave protected events out (``public_keys``);
* participants' names are for the municipality's own organisers only, not
  for instance admins, who see counts;
* lists of texts are shown in an order fixed per event that does not follow
  the order in which they were given (``fixed_order``).

A format the core does not know (its plugin is not installed) counts as
protected: the safe answer.
"""
import hashlib
import hmac
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from flask import current_app
from flask_babel import gettext as _

from ..models import Role
from ..plugin_system.enabling import plugin_manager

log = logging.getLogger(__name__)
MIN_COUNT = 5
BAND = 5


def check_config(app) -> None:
    """Start-up: the threshold may be raised, never lowered below 5."""
    value = app.config.get("PROTECTED_MIN_COUNT", MIN_COUNT)
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = MIN_COUNT - 1
    if number < MIN_COUNT:
        log.warning("PROTECTED_MIN_COUNT=%r is below %d; using %d.", value, MIN_COUNT, MIN_COUNT)
        number = MIN_COUNT
    app.config["PROTECTED_MIN_COUNT"] = number


def threshold(at_least: int | None = None) -> int:
    """The instance's threshold, or a format's own if that is higher."""
    floor = int(current_app.config.get("PROTECTED_MIN_COUNT", MIN_COUNT))
    return max(MIN_COUNT, floor, at_least or 0)


# -- which formats -------------------------------------------------------------
def is_protected(format_key: str) -> bool:
    info = plugin_manager().info(format_key)
    return info is None or info.protected


def public_keys() -> set[str]:
    """Installed formats that are not protected (for queries)."""
    return {key for key, info in plugin_manager().formats.items() if not info.protected}


# -- numbers ----------------------------------------------------------------------
@dataclass(frozen=True)
class Count:
    """A count of a protected event as it may be shown: ``low`` is None
    below the threshold, else the band ``low``–``high``."""

    threshold: int
    low: int | None = None
    high: int | None = None

    def __str__(self) -> str:
        if self.low is None:
            return _("fewer than %(num)d", num=self.threshold)
        return _("%(low)d–%(high)d", low=self.low, high=self.high)


def count(number: int, at_least: int | None = None) -> Count:
    """THE function: what of ``number`` may be shown for a protected event."""
    floor = threshold(at_least)
    number = int(number or 0)
    if number < floor:
        return Count(floor)
    band = number - number % BAND
    return Count(floor, max(band, floor), band + BAND - 1)


def protect_rows(rows: Iterable[list], at_least: int | None = None) -> list[list]:
    """Table rows with every number given through ``count``."""
    return [[count(cell, at_least) if _is_number(cell) else cell for cell in row] for row in rows]


def protect_sections(sections: list, at_least: int | None = None) -> list:
    """A protected format's evaluation sections as they may be shown: the
    numbers of the tables through ``count`` (the header row is text); charts
    are left out, since they draw the exact numbers."""
    return [replace(section, chart="", table=[section.table[0], *protect_rows(section.table[1:], at_least)]
                    if section.table else section.table) for section in sections]


def evaluation(event) -> tuple[list, list]:
    """An event's evaluation sections and the plugins that failed: what the
    evaluation page, reports and open data show."""
    results, failures = plugin_manager().call_each("evaluation", event=event)
    return _protected(event, [section for _key, items in results for section in items or []]), failures


def evaluations(events) -> dict[int, tuple[list, list]]:
    """``evaluation`` of many events, by event id: one ``evaluations`` call
    per format that batches (the queries do not grow with its events), one
    ``evaluation`` call per event of the formats that do not."""
    by_format = {}
    for event in events:
        by_format.setdefault(event.format_key, []).append(event)
    result = {}
    for key, items in by_format.items():
        results, failures = plugin_manager().call_each("evaluations", keys={key}, format_key=key, events=items)
        if not results and not failures:
            result.update((event.id, evaluation(event)) for event in items)
            continue
        batch = dict(results).get(key) or {}
        result.update((event.id, (_protected(event, list(batch.get(event.id) or [])), failures)) for event in items)
    return result


def _protected(event, sections: list) -> list:
    return protect_sections(sections) if is_protected(event.format_key) else sections


def _is_number(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


# -- people --------------------------------------------------------------------------
def may_see_names(event, user) -> bool:
    """Who may see the names of an event's participants. For a protected
    format: the municipality's own organisers (and admins), by membership;
    an instance admin's reach into every municipality does not count."""
    if not getattr(user, "is_authenticated", False):
        return False
    if not is_protected(event.format_key):
        return user.has_role(event.municipality, Role.ORGANISER)
    role = user.role_in(event.municipality)
    return role is not None and role.rank >= Role.ORGANISER.rank


# -- texts ------------------------------------------------------------------------------
def handle(event, item_id: int) -> str:
    """An opaque, stable name of an item (e.g. a contribution) of ``event``
    for links and forms: unlike the id, it tells nothing about the order."""
    message = f"protected:{event.id}:{item_id}".encode()
    return hmac.new(current_app.config["SECRET_KEY"].encode(), message, hashlib.sha256).hexdigest()[:20]


def fixed_order(event, items: Iterable, key: Callable = lambda item: item.id) -> list:
    """``items`` in an order that looks random, is the same on every visit
    and does not follow the order in which they were given (the event's
    secret-keyed handle of each item decides)."""
    return sorted(items, key=lambda item: handle(event, key(item)))
