"""The evaluation of a campaign: feedback by place, topic and mood over time.

Only approved posts count; pending and hidden ones are counted separately
for organisers and never shown publicly. Every chart has a table with the
same numbers beside it.
"""
from collections import Counter
from zoneinfo import ZoneInfo

from flask_babel import format_date, get_locale, pgettext
from flask_babel import gettext as _

from dialogplatform.plugin_api import bar_chart, line_chart
from dialogplatform.plugin_system import Section

from . import services
from .models import PostStatus


def sections(event) -> list[Section]:
    return sections_of([event])[event.id]


def sections_of(events) -> dict[int, list[Section]]:
    """The ``evaluations`` hook: the evaluation of many campaigns (the
    process report) in four queries (stations, approved posts and their
    stations, posts per status), whatever their number."""
    stations = services.stations_of_events(events)
    posts = services.approved_posts_of(events)
    counts = services.status_counts_of(events)
    return {event.id: _sections(event, stations[event.id], posts[event.id], counts[event.id]) for event in events}


def _sections(event, stations, posts, counts) -> list[Section]:
    """``posts``: the approved ones, oldest first; ``counts``: posts per status."""
    moods = [(key, services.mood_label(key)) for key, _emoji, _label in services.MOODS]
    result = []
    if not posts:
        result.append(Section(title=_("Feedback by place"), text=_("No feedback has been published yet.")))
    else:
        result += [
            _by_place(stations, posts, moods),
            _by_topic(event, posts, moods),
            *_over_time(event, stations, posts, moods),
            _texts(event, posts),
        ]
    result.append(_moderation(counts))
    return result


def _mood_rows(groups, posts_by_group, moods):
    rows = []
    for key, label in groups:
        counts = Counter(post.mood for post in posts_by_group.get(key, []))
        values = [counts.get(mood, 0) for mood, _name in moods]
        rows.append([label, *values, sum(values)])
    return rows


def _grouped(posts, key):
    groups = {}
    for post in posts:
        groups.setdefault(key(post), []).append(post)
    return groups


def _chart_series(rows, moods):
    return {name: [row[1 + index] for row in rows] for index, (_key, name) in enumerate(moods)}


# The moods' colours follow their meaning (bad never green), see bar_chart.
MOOD_MEANINGS = {"good": "good", "mixed": "partly", "bad": "bad"}


def _mood_meanings(moods):
    return {name: MOOD_MEANINGS.get(key, "neutral") for key, name in moods}


def _by_place(stations, posts, moods) -> Section:
    """The comparison of places: one table, place × mood."""
    rows = _mood_rows([(s.id, s.name) for s in stations], _grouped(posts, lambda p: p.station_id), moods)
    header = [_("Place"), *(name for _key, name in moods), _("Total")]
    title = _("Feedback by place and mood")
    return Section(title=title, table=[header, *rows],
                   chart=bar_chart(title, [row[0] for row in rows], _chart_series(rows, moods), stacked=True,
                                    meanings=_mood_meanings(moods)))


def _by_topic(event, posts, moods) -> Section:
    topics = services.settings_of(event)["topics"]
    by_topic = _grouped(posts, lambda p: p.topic)
    order = [t for t in topics if t in by_topic] + sorted(t for t in by_topic if t not in topics and t)
    if services.OTHER_TOPIC in by_topic:
        order.append(services.OTHER_TOPIC)
    language = str(get_locale() or event.municipality.default_language)
    rows = _mood_rows([(t, services.topic_label_in(event, t, language)) for t in order], by_topic, moods)
    header = [_("Topic"), *(name for _key, name in moods), _("Total")]
    title = _("Feedback by topic and mood")
    return Section(title=title, table=[header, *rows],
                   chart=bar_chart(title, [row[0] for row in rows], _chart_series(rows, moods), stacked=True,
                                    meanings=_mood_meanings(moods)))


def _over_time(event, stations, posts, moods) -> list[Section]:
    """Per day (in the campaign's time zone): moods, and places."""
    zone = ZoneInfo(event.timezone or "Europe/Berlin")
    by_day = _grouped(posts, lambda p: p.created_at.astimezone(zone).date())
    days = sorted(by_day)
    labels = [format_date(day, "short") for day in days]
    mood_rows = _mood_rows(list(zip(days, labels)), by_day, moods)
    mood_title = _("Mood per day")
    place_rows = []
    for day, label in zip(days, labels):
        counts = Counter(post.station_id for post in by_day[day])
        values = [counts.get(station.id, 0) for station in stations]
        place_rows.append([label, *values, sum(values)])
    place_title = _("Feedback per day and place")
    return [
        Section(title=mood_title, table=[[_("Day"), *(name for _key, name in moods), _("Total")], *mood_rows],
                chart=line_chart(mood_title, labels, _chart_series(mood_rows, moods),
                                 meanings=_mood_meanings(moods))),
        Section(title=place_title, table=[[_("Day"), *(s.name for s in stations), _("Total")], *place_rows],
                chart=line_chart(place_title, labels, {
                    station.name: [row[1 + index] for row in place_rows] for index, station in enumerate(stations)
                })),
    ]


def _texts(event, posts) -> Section:
    zone = ZoneInfo(event.timezone or "Europe/Berlin")
    rows = [[format_date(post.created_at.astimezone(zone).date(), "short"), post.station.name,
             services.topic_label(post.topic), services.mood_label(post.mood), post.text] for post in posts]
    return Section(title=_("What people wrote"),
                   table=[[_("Day"), _("Place"), _("Topic"), _("Mood"), _("Text")], *rows])


def _moderation(counts) -> Section:
    """For staff only (the core never publishes it): what the public numbers leave out."""
    return Section(
        title=_("Moderation (only organisers see this)"),
        text=_("Only approved posts are counted above."),
        table=[[_("Status"), _("Posts")],
               [pgettext("post status", "Approved"), counts[PostStatus.APPROVED]],
               [_("Waiting for review"), counts[PostStatus.PENDING]],
               [pgettext("post status", "Hidden"), counts[PostStatus.HIDDEN]]],
        staff_only=True,
    )
