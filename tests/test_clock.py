"""``clock.day_at``: the local day counts, not the UTC one, across a change to summer time."""
from datetime import UTC, datetime, time

from dialogplatform import clock


def test_day_at_counts_days_in_local_time_across_summer_time():
    # 23:30 UTC on 28 March 2026 is already 29 March in Berlin, the day clocks go forward.
    with clock.frozen(datetime(2026, 3, 28, 23, 30, tzinfo=UTC)):
        today = clock.day_at(0, time(18, 0))
        yesterday = clock.day_at(-1, time(18, 0))
    assert today.astimezone(UTC) == datetime(2026, 3, 29, 16, 0, tzinfo=UTC)  # CEST
    assert yesterday.astimezone(UTC) == datetime(2026, 3, 28, 17, 0, tzinfo=UTC)  # CET
