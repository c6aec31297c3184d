"""The evaluation: contributions per topic and kind, in aggregate only.

The page, the CSV, reports and recommendations are all built from
``services.aggregate`` (that is, from ``suppression.suppress``), so a small
group cannot show up in one output while it is hidden in another.
"""
from flask_babel import gettext as _

from dialogplatform.plugin_system import RecommendationSource, Section
from dialogplatform.services.charts import bar_chart

from . import services


def header() -> list[str]:
    return [_("Topic"), _("Kind"), _("Contributions")]


def rows(event, result=None) -> list[list]:
    """The shown groups, the merged small ones (if large enough) and the total of what is shown."""
    if result is None:
        result = services.aggregate(event)
    table = [[services.topic_label(topic), str(services.KIND_LABELS[kind]), count]
             for (topic, kind), count in result.groups]
    if result.other:
        table.append([_("Other topics (fewer than %(num)d contributions each)", num=result.threshold), "",
                      result.other])
    if table:
        table.append([_("Total of the groups shown"), "", result.total])
    return table


def sections(event) -> list[Section]:
    result = services.aggregate(event)
    note = _("To protect the participants, groups with fewer than %(num)d contributions are never shown, "
             "and the total counts only the groups shown.", num=result.threshold)
    table = rows(event, result)
    if not table:
        return [Section(title=_("Topics and wishes"),
                        text=_("There are no groups large enough to be shown.") + " " + note)]
    body = table[:-1]  # the chart shows the groups, not the total
    chart = bar_chart(_("Contributions by topic and kind"),
                      [f"{topic} – {kind}" if kind else topic for topic, kind, _count in body],
                      {_("Contributions"): [count for _topic, _kind, count in body]})
    return [Section(title=_("Topics and wishes"), table=[header(), *table], text=note, chart=chart)]


def recommendation_sources(event) -> list[RecommendationSource]:
    """Only groups that pass the threshold, as a summary (never a single text)."""
    result = services.aggregate(event)
    return [
        RecommendationSource(
            ref=f"{kind}:{topic}",
            text=_("%(kind)s on “%(topic)s” (%(num)d contributions)", kind=services.KIND_LABELS[kind],
                   topic=services.topic_label(topic), num=count),
            topic=services.topic_label(topic), kind=str(services.KIND_LABELS[kind]),
        )
        for (topic, kind), count in result.groups
    ]
