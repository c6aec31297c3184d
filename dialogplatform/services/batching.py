"""The rows of many events at once, for hooks that take a list of events
(``evaluations``, ``participation_figures``): a format selects once over
``event_id IN (...)`` and hands each event its share, so that the number
of queries does not grow with the events."""
from operator import attrgetter

_EVENT_ID = attrgetter("event_id")


def by_event(events, rows, key=_EVENT_ID) -> dict[int, list]:
    """``{event id: [row, ...]}`` for every one of ``events`` (an empty list
    for one without rows), each list in the order of ``rows``. ``key`` gives
    a row's event id: its ``event_id`` by default; ``operator.itemgetter(0)``
    for result rows whose first column is the event id."""
    grouped = {event.id: [] for event in events}
    for row in rows:
        grouped[key(row)].append(row)
    return grouped
