"""Documentation reports of a process or an event: steps, events with
participation figures, each format's evaluation, recommendations, funding.

Funded dialogues must be documented; the same data feeds the web page and
the PDF. Participation figures come from ``services.participation`` (sign-ups
and check-ins by the core, walk-ins, anonymous contributors and
contributions by each format); only the breakdown of sign-ups by language
is counted here.
"""
from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import func, or_

from ..extensions import db
from ..models import Event, Process, Recommendation, Registration, RegistrationStatus
from ..plugin_system.enabling import plugin_manager
from . import participation as participation_service
from . import processes as process_service
from . import protection
from . import recommendations as recommendation_service
from .publication import published_sections


@dataclass
class SignupLanguages:
    """Sign-ups (confirmed or checked in) by language and by interpreting
    requested, one per registration. How many people signed up and came is
    ``services.participation.figures_for``'s alone, so the report, the
    overview and the API cannot disagree."""

    languages: Counter = field(default_factory=Counter)
    interpreters: Counter = field(default_factory=Counter)

    def update(self, other: "SignupLanguages") -> None:
        self.languages.update(other.languages)
        self.interpreters.update(other.interpreters)


def signup_languages(event_ids: list[int]) -> dict[int, SignupLanguages]:
    """The language breakdown of many events in one aggregate query."""
    breakdown = {event_id: SignupLanguages() for event_id in event_ids}
    if not event_ids:
        return breakdown
    counted = or_(Registration.status == RegistrationStatus.CONFIRMED, Registration.checked_in_at.is_not(None))
    rows = db.session.execute(
        db.select(Registration.event_id, Registration.language, Registration.interpreter_language, func.count())
        .where(Registration.event_id.in_(event_ids), counted)
        .group_by(Registration.event_id, Registration.language, Registration.interpreter_language))
    for event_id, language, interpreter, number in rows:
        if language:
            breakdown[event_id].languages[language] += number
        if interpreter:
            breakdown[event_id].interpreters[interpreter] += number
    return breakdown


@dataclass
class EventReport:
    event: Event
    languages: SignupLanguages
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
    breakdown = signup_languages([event.id for event in events])
    figures = participation_service.figures_for(events)
    evaluations = protection.evaluations(events)
    reports = []
    for event in events:
        sections, failures = evaluations[event.id]
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
    language_totals: SignupLanguages
    figure_totals: participation_service.Figures = field(default_factory=participation_service.Figures)


def _language_totals(reports: list[EventReport]) -> SignupLanguages:
    """Of the events that are not protected (a protected event's sign-ups
    would show as a change of the total)."""
    total = SignupLanguages()
    for report in reports:
        if not report.protected:
            total.update(report.languages)
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
        language_totals=_language_totals(reports),
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

