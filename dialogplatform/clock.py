"""The platform's one clock.

Everything that asks "what time is it" asks :func:`now` (``utcnow`` in
``models.types`` forwards here), so the time can be set in one place: tests
pin it with :func:`frozen` or :func:`set_time`, and a server process started
for a test or a rehearsal reads ``DIALOGPLATFORM_CLOCK`` (an ISO 8601
timestamp with offset) at start-up and runs from that moment on.
"""
from __future__ import annotations

import os
from contextlib import contextmanager
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

ENVIRONMENT_VARIABLE = "DIALOGPLATFORM_CLOCK"

# The clock runs as real time plus this offset; zero in production.
_offset = timedelta(0)


def _wall() -> datetime:
    return datetime.now(UTC)


def now() -> datetime:
    """The current time, timezone-aware, in UTC."""
    return _wall() + _offset


def set_time(moment: datetime | None) -> None:
    """Let the clock run from ``moment`` on (``None``: real time again)."""
    global _offset
    if moment is None:
        _offset = timedelta(0)
        return
    if moment.tzinfo is None:
        raise ValueError("the clock needs an aware datetime")
    _offset = moment - _wall()


@contextmanager
def frozen(moment: datetime):
    """Within the block the clock runs from ``moment``; afterwards as before."""
    global _offset
    before = _offset
    set_time(moment)
    try:
        yield
    finally:
        _offset = before


def set_from_environment() -> None:
    """Start from ``DIALOGPLATFORM_CLOCK`` when a process was given one."""
    value = os.environ.get(ENVIRONMENT_VARIABLE)
    if value:
        set_time(datetime.fromisoformat(value))


def day_at(days: int, at: time, zone: str = "Europe/Berlin") -> datetime:
    """The local time ``at`` in ``zone`` on the day ``days`` from today
    (negative: before today), e.g. for demo events "three weeks ago at 18:00"."""
    tz = ZoneInfo(zone)
    return datetime.combine(now().astimezone(tz).date() + timedelta(days=days), at, tzinfo=tz)
