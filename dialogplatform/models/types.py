"""Column types shared by the models."""
from datetime import UTC, datetime

from sqlalchemy.types import DateTime, TypeDecorator

from .. import clock


class UTCDateTime(TypeDecorator):
    """A timezone-aware datetime stored as naive UTC.

    SQLite has no timezone support; storing UTC everywhere keeps both
    databases alike and comparisons correct.
    """

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; use an aware one")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=UTC)


def utcnow() -> datetime:
    """The platform's clock (see ``dialogplatform.clock``)."""
    return clock.now()
