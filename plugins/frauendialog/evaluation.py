"""The evaluation: contributions per topic (and kind), in aggregate only.

The page, the CSV, reports and recommendations are all built from
``services.aggregate`` (that is, from ``suppression.suppress_by_topic``), so
a small group cannot show up in one output while it is hidden in another.
The rows carry the real numbers of the groups shown; every output gives
them through the core's ``protection.count`` (bands of five), which the
core applies to evaluation tables of protected formats by itself.
"""
from flask_babel import get_locale
from flask_babel import gettext as _

from dialogplatform.plugin_api import protection
from dialogplatform.plugin_system import RecommendationSource, Section

from . import services


def kind_label(kind: str) -> str:
    return str(services.KIND_LABELS[kind]) if kind else _("All kinds")


def header() -> list[str]:
    return [_("Topic"), _("Kind"), _("Contributions")]


def rows(event, result=None) -> list[list]:
    """The shown groups, the merged small ones (if large enough) and the total of what is shown."""
    if result is None:
        result = services.aggregate(event)
    language = str(get_locale() or event.municipality.default_language)
    table = [[services.topic_label_in(event, topic, language), kind_label(kind), count]
             for (topic, kind), count in result.groups]
    if result.other:
        table.append([_("Other topics (fewer than %(num)d contributions each)", num=result.threshold), "",
                      result.other])
    if table:
        table.append([_("Total of the groups shown"), "", result.total])
    return table


def sections(event) -> list[Section]:
    return sections_of([event])[event.id]


def sections_of(events) -> dict[int, list[Section]]:
    """The evaluation of many dialogues (the process report) in one query."""
    results = services.aggregates(events)
    return {event.id: _sections(event, results[event.id]) for event in events}


def _sections(event, result) -> list[Section]:
    note = _("To protect the participants, topics with fewer than %(num)d contributions are never shown, "
             "a topic is split by kind only when every kind reaches that number, numbers are given in "
             "bands of five, and the total counts only the groups shown.", num=result.threshold)
    table = rows(event, result)
    if not table:
        return [Section(title=_("Topics and wishes"),
                        text=_("There are no groups large enough to be shown.") + " " + note)]
    return [Section(title=_("Topics and wishes"), table=[header(), *table], text=note)]


def recommendation_sources(event) -> list[RecommendationSource]:
    """Only groups that pass the threshold, as a summary (never a single
    text), their numbers in bands."""
    result = services.aggregate(event)
    return [
        RecommendationSource(
            ref=f"{kind or 'topic'}:{topic}", text=_source_text(topic, kind, protection.count(count)),
            topic=services.topic_label(topic), kind=kind_label(kind),
        )
        for (topic, kind), count in result.groups
    ]


def _source_text(topic: str, kind: str, count) -> str:
    if not kind:
        return _("Contributions on “%(topic)s” (%(count)s)", topic=services.topic_label(topic), count=count)
    return _("%(kind)s on “%(topic)s” (%(count)s contributions)", kind=kind_label(kind),
             topic=services.topic_label(topic), count=count)
