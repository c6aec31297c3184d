"""Documentation reports of a process or an event: steps, events with
participation figures, each format's evaluation, recommendations, funding.

Funded dialogues must be documented; the same data feeds the web page and
the PDF. Participation figures are aggregates computed in SQL: sign-ups
and check-ins by the core, walk-ins, anonymous contributors and
contributions by each format (``services.participation``).
"""
from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import case, func, or_

from ..extensions import db
from ..models import Event, Process, Recommendation, Registration, RegistrationStatus
from ..plugin_system.enabling import plugin_manager
from . import participation as participation_service
from . import processes as process_service
from . import protection
from . import recommendations as recommendation_service
from .publication import published_sections


@dataclass
class Participation:
    """People (with their companions) signed up and present; sign-ups by
    language and by interpreting requested."""

    registered: int = 0
    attended: int = 0
    languages: Counter = field(default_factory=Counter)
    interpreters: Counter = field(default_factory=Counter)


def participation(event_ids: list[int]) -> dict[int, Participation]:
    """Figures for many events in three aggregate queries. Registered means
    confirmed or checked in (walk-ins included); attended means checked in."""
    figures = {event_id: Participation() for event_id in event_ids}
    if not event_ids:
        return figures
    people = 1 + Registration.companions
    counted = or_(Registration.status == RegistrationStatus.CONFIRMED, Registration.checked_in_at.is_not(None))
    rows = db.session.execute(
        db.select(Registration.event_id,
                  func.sum(case((counted, people), else_=0)),
                  func.sum(case((Registration.checked_in_at.is_not(None), people), else_=0)))
        .where(Registration.event_id.in_(event_ids)).group_by(Registration.event_id))
    for event_id, registered, attended in rows:
        figures[event_id].registered = int(registered or 0)
        figures[event_id].attended = int(attended or 0)
    for column, attribute in ((Registration.language, "languages"),
                              (Registration.interpreter_language, "interpreters")):
        rows = db.session.execute(
            db.select(Registration.event_id, column, func.count())
            .where(Registration.event_id.in_(event_ids), counted, column != "")
            .group_by(Registration.event_id, column))
        for event_id, code, number in rows:
            getattr(figures[event_id], attribute)[code] = number
    return figures


@dataclass
class EventReport:
    event: Event
    participation: Participation
    sections: list = field(default_factory=list)
    failed: bool = False
    figures: participation_service.Figures = field(default_factory=participation_service.Figures)

    @property
    def protected(self) -> bool:
        """A protected format: banded counts, no breakdown, left out of totals."""
        return protection.is_protected(self.event.format_key)

    @property
    def shown(self) -> dict:
        """The participation figures as they may be printed (a protected
        format's banded): signed_up, attended, walk_ins,
        anonymous_contributors, contributions, people."""
        return participation_service.shown(self.event, self.figures)

    @property
    def registered(self):
        return self.shown["signed_up"]

    @property
    def attended(self):
        return self.shown["attended"]


def event_reports(events: list[Event]) -> list[EventReport]:
    breakdown = participation([event.id for event in events])
    figures = participation_service.figures_for(events)
    reports = []
    for event in events:
        sections, failures = protection.evaluation(event)
        # A report is a document to hand out: staff-only sections never go in.
        reports.append(EventReport(event, breakdown[event.id], published_sections(sections),
                                   bool(failures), figures[event.id]))
    return reports


@dataclass
class ProcessReport:
    process: Process
    events: list[EventReport]
    by_step: dict
    format_sections: list  # (format key, [Section])
    failed_formats: list
    recommendations: list[Recommendation]
    status_counts: dict
    totals: Participation
    figure_totals: participation_service.Figures = field(default_factory=participation_service.Figures)


def _totals(reports: list[EventReport]) -> Participation:
    """Totals of the events that are not protected (a protected event's
    sign-ups would show as a change of the total)."""
    total = Participation()
    for report in reports:
        if report.protected:
            continue
        total.registered += report.participation.registered
        total.attended += report.participation.attended
        total.languages.update(report.participation.languages)
        total.interpreters.update(report.participation.interpreters)
    return total


def process_report(process: Process) -> ProcessReport:
    """Everything of a process's documentation (drafts left out)."""
    events = process_service.events_of(process, include_drafts=False)
    reports = event_reports(events)
    grouped = process_service.events_by_step([report.event for report in reports])
    by_event = {report.event.id: report for report in reports}
    by_step = {number: [by_event[e.id] for e in items] for number, items in grouped.items()}
    keys = {event.format_key for event in events}
    results, failures = plugin_manager().call_each("process_report_sections", keys=keys, process=process)
    format_sections = [(key, published_sections(sections or [])) for key, sections in results]
    return ProcessReport(
        process=process, events=reports, by_step=by_step,
        format_sections=[(key, protection.protect_sections(sections) if protection.is_protected(key) else sections)
                         for key, sections in format_sections if sections],
        failed_formats=[failure.format_key for failure in failures],
        recommendations=recommendation_service.tracker(process=process),
        status_counts=recommendation_service.counts_by_status(process=process),
        totals=_totals(reports),
        figure_totals=participation_service.total([r.figures for r in reports if not r.protected]),
    )


@dataclass
class SingleEventReport:
    event: EventReport
    recommendations: list[Recommendation]


def event_report(event: Event) -> SingleEventReport:
    recommendations = db.session.scalars(
        db.select(Recommendation).where(Recommendation.event_id == event.id)
        .order_by(Recommendation.id)).all()
    return SingleEventReport(event_reports([event])[0], recommendations)

