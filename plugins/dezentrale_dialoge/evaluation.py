"""Evaluations: one meeting's numbers, and the comparison across a series.

The comparison puts concerns and wishes of every site side by side
(rows = topics, columns = sites grouped by stage). Topics that come up at
many sites are ranked first: they are what the series has in common, which
is what the municipality most likely has to act on. Aggregates only.
"""
from collections import defaultdict
from dataclasses import dataclass, field
from operator import itemgetter

from flask import url_for
from flask_babel import gettext as _
from markupsafe import Markup
from sqlalchemy import func

from dialogplatform.plugin_api import Event, EventStatus, bar_chart, by_event, db
from dialogplatform.plugin_system import Section

from . import services
from .models import CONCERN, WISH, Entry, Meeting, Site, Stage


@dataclass
class TopicRow:
    topic: str
    cells: list[int]  # entries per column (stage and site)
    sites: int  # number of different sites where the topic came up
    concerns: int
    wishes: int

    @property
    def total(self) -> int:
        return self.concerns + self.wishes


@dataclass
class StageGroup:
    stage: Stage
    sites: list[Site] = field(default_factory=list)


@dataclass
class Comparison:
    groups: list[StageGroup]
    rows: list[TopicRow]
    # {stage id: {topic: {kind: count}}} for the chart per stage.
    by_stage: dict


def comparison(series) -> Comparison:
    """Counts of the series' meetings (cancelled ones left out) in one query."""
    counts = db.session.execute(
        db.select(Meeting.stage_id, Meeting.site_id, Entry.topic, Entry.kind, func.count(Entry.id))
        .join(Entry, Entry.event_id == Meeting.event_id)
        .join(Event, Event.id == Meeting.event_id)
        .where(Meeting.series_id == series.id, Event.status != EventStatus.CANCELLED)
        .group_by(Meeting.stage_id, Meeting.site_id, Entry.topic, Entry.kind)
    ).all()
    site_ids = {site_id for _stage, site_id, *_rest in counts}
    sites = {site.id: site for site in db.session.scalars(db.select(Site).where(Site.id.in_(site_ids)))} \
        if site_ids else {}
    groups = []
    for stage in series.stages:
        used = sorted({sites[site_id] for stage_id, site_id, *_ in counts if stage_id == stage.id},
                      key=lambda site: site.name.casefold())
        if used:
            groups.append(StageGroup(stage, used))
    column_of = {(group.stage.id, site.id): index for index, (group, site) in
                 enumerate((group, site) for group in groups for site in group.sites)}

    per_topic = defaultdict(lambda: {"cells": [0] * len(column_of), "sites": set(), CONCERN: 0, WISH: 0})
    by_stage = defaultdict(lambda: defaultdict(lambda: {CONCERN: 0, WISH: 0}))
    for stage_id, site_id, topic, kind, number in counts:
        row = per_topic[topic]
        row["cells"][column_of[(stage_id, site_id)]] += number
        row["sites"].add(site_id)
        row[kind] = row.get(kind, 0) + number
        by_stage[stage_id][topic][kind] += number
    rows = [TopicRow(topic, row["cells"], len(row["sites"]), row[CONCERN], row[WISH])
            for topic, row in per_topic.items()]
    rows.sort(key=lambda row: (-row.sites, -row.total, row.topic.casefold()))
    return Comparison(groups=groups, rows=rows, by_stage=by_stage)


def stage_sections(data: Comparison) -> list[Section]:
    """Per stage: concerns and wishes by topic, as a chart and a table."""
    order = {row.topic: index for index, row in enumerate(data.rows)}
    sections = []
    for group in data.groups:
        topics = sorted(data.by_stage[group.stage.id], key=order.get)
        concerns = [data.by_stage[group.stage.id][topic][CONCERN] for topic in topics]
        wishes = [data.by_stage[group.stage.id][topic][WISH] for topic in topics]
        title = _("Stage %(stage)s: concerns and wishes by topic", stage=group.stage.name)
        sections.append(Section(
            title=title,
            table=[[_("Topic"), _("Concerns"), _("Wishes")],
                   *([topic, c, w] for topic, c, w in zip(topics, concerns, wishes))],
            chart=bar_chart(title, topics, {_("Concerns"): concerns, _("Wishes"): wishes},
                      meanings=["bad", "good"]),
        ))
    return sections


def meeting_sections(event) -> list[Section]:
    """The ``evaluation`` hook: this meeting's numbers and the way to the series."""
    return sections_of([event])[event.id]


def sections_of(events) -> dict[int, list[Section]]:
    """The ``evaluations`` hook: ``meeting_sections`` of many meetings (the
    process report) in three queries (entries, meetings, check-ins)."""
    ids = [event.id for event in events]
    counts = by_event(events, db.session.execute(
        db.select(Entry.event_id, Entry.topic, Entry.kind, func.count(Entry.id))
        .where(Entry.event_id.in_(ids)).group_by(Entry.event_id, Entry.topic, Entry.kind)), key=itemgetter(0))
    meetings = services.meetings_by_event(ids)
    checked_in = services.checked_in_people(ids)
    return {event_id: _meeting_sections(counts[event_id], meetings.get(event_id), checked_in.get(event_id, 0))
            for event_id in ids}


def _meeting_sections(counts, meeting, checked_in: int) -> list[Section]:
    per_topic = defaultdict(lambda: {CONCERN: 0, WISH: 0})
    for _event_id, topic, kind, number in counts:
        per_topic[topic][kind] += number
    topics = sorted(per_topic, key=lambda t: (-sum(per_topic[t].values()), t.casefold()))
    title = _("Concerns and wishes by topic")
    if topics:
        concerns = [per_topic[t][CONCERN] for t in topics]
        wishes = [per_topic[t][WISH] for t in topics]
        table = [[_("Topic"), _("Concerns"), _("Wishes"), _("Total")],
                 *([t, c, w, c + w] for t, c, w in zip(topics, concerns, wishes)),
                 [_("Total"), sum(concerns), sum(wishes), sum(concerns) + sum(wishes)]]
        sections = [Section(title=title, table=table,
                            chart=bar_chart(title, topics, {_("Concerns"): concerns, _("Wishes"): wishes},
                      meanings=["bad", "good"]))]
    else:
        sections = [Section(title=title, text=_("No concerns or wishes were recorded."))]
    if meeting is None:
        return sections
    checked_in, walk_ins, total = services.attendance(meeting, checked_in)
    sections.append(Section(title=_("Attendance"), table=[
        [_("Participants"), _("People")],
        [_("Checked in after signing up"), checked_in],
        [_("Came without signing up"), walk_ins],
        [_("Total"), total],
    ]))
    if meeting.series.published:
        link = Markup('<a href="{}">{}</a>').format(
            url_for("dezentrale_dialoge_public.series", series_id=meeting.series_id),
            _("Compare all sites of the series “%(name)s”", name=meeting.series.name))
        sections.append(Section(
            title=_("Series"),
            text=Markup("{} {}").format(
                _("This meeting took place at %(site)s in stage %(stage)s.",
                  site=meeting.site.name, stage=meeting.stage.name), link),
        ))
    return sections


def process_sections(process) -> list[Section]:
    """The ``process_report_sections`` hook: topics across all meetings of
    the process (drafts and cancelled meetings left out), ranked like the
    comparison of a series."""
    counts = db.session.execute(
        db.select(Entry.topic, Entry.kind, Meeting.site_id, func.count(Entry.id))
        .join(Event, Event.id == Entry.event_id)
        .outerjoin(Meeting, Meeting.event_id == Entry.event_id)
        .where(Event.process_id == process.id, Event.format_key == services.KEY,
               Event.status == EventStatus.PUBLISHED)
        .group_by(Entry.topic, Entry.kind, Meeting.site_id)
    ).all()
    if not counts:
        return []
    per_topic = defaultdict(lambda: {"sites": set(), CONCERN: 0, WISH: 0})
    for topic, kind, site_id, number in counts:
        per_topic[topic][kind] += number
        if site_id is not None:
            per_topic[topic]["sites"].add(site_id)
    rows = sorted((TopicRow(topic, [], len(row["sites"]), row[CONCERN], row[WISH]) for topic, row in per_topic.items()),
                  key=lambda row: (-row.sites, -row.total, row.topic.casefold()))
    return [Section(
        title=_("Decentralised dialogues: concerns and wishes across the process"),
        table=[[_("Topic"), _("Sites"), _("Concerns"), _("Wishes"), _("Total")],
               *([row.topic, row.sites, row.concerns, row.wishes, row.total] for row in rows)],
    )]
