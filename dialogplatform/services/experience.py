"""Learning from each other: experience reports on finished process steps,
the public list with the figures of the events behind each report, and
messages to a report's contact person through the platform.

Addresses stay with the platform: a message is mailed from the platform's
own address (no Reply-To) with the sender's name and municipality and a
link to answer on the platform, where only its recipient may answer it.
"""
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy.orm import selectinload

from ..extensions import db
from ..links import external_url
from ..models import (
    Event,
    EventStatus,
    ExperienceReport,
    Membership,
    PeerMessage,
    Process,
    ProcessStep,
    ReportStatus,
    Role,
    User,
)
from ..models.types import utcnow
from . import audit, outbox, participation
from .recommendations import today

MESSAGE_MAX = 3000
# Who may write: organisers and admins (they run the processes).
SENDER_ROLES = {Role.ADMIN.value, Role.ORGANISER.value}


def is_finished(process: Process, step: ProcessStep) -> bool:
    """A step is over once the process has moved past it or its end date
    has passed (the last step has nothing to move past)."""
    return step.number < process.current_step or (step.ends_on is not None and step.ends_on < today())


# -- the municipality's own reports ------------------------------------------
def reports_of_step(step: ProcessStep) -> list[ExperienceReport]:
    return db.session.scalars(
        db.select(ExperienceReport).where(ExperienceReport.process_step_id == step.id)
        .options(selectinload(ExperienceReport.contact)).order_by(ExperienceReport.id)).all()


def report_of_step(step: ProcessStep, report_id: int) -> ExperienceReport | None:
    return db.session.scalar(db.select(ExperienceReport).where(
        ExperienceReport.id == report_id, ExperienceReport.process_step_id == step.id))


def events_of_step(process: Process, step: ProcessStep) -> list[Event]:
    """The published events of the step (drafts and cancelled ones have no figures to learn from)."""
    return db.session.scalars(
        db.select(Event).where(Event.process_id == process.id, Event.process_step == step.number,
                               Event.status == EventStatus.PUBLISHED)
        .options(selectinload(Event.municipality)).order_by(Event.starts_at, Event.id)).all()


def save(report: ExperienceReport | None, step: ProcessStep, data: dict, user) -> ExperienceReport:
    """Create or update a report. ``contact_me`` names ``user`` as the
    contact (their own consent); unticked by the contact, it removes them;
    unticked by a colleague, the contact stays."""
    created = report is None
    report = report or ExperienceReport(municipality_id=step.process.municipality_id, process_step_id=step.id,
                                        status=ReportStatus.DRAFT)
    report.format_key = data["format_key"]
    report.topic = data["topic"].strip()
    report.what_worked = data["what_worked"].strip()
    report.do_differently = data["do_differently"].strip()
    if data.get("contact_me"):
        if report.contact_id != user.id:
            report.contact_id, report.contact_consented_at = user.id, utcnow()
    elif report.contact_id == user.id:
        report.contact_id, report.contact_consented_at = None, None
    db.session.add(report)
    db.session.flush()
    audit.record("experience_report.created" if created else "experience_report.updated",
                 step.process.municipality, report, format=report.format_key, contact=report.contact_id is not None)
    db.session.commit()
    return report


def set_published(report: ExperienceReport, published: bool) -> None:
    report.status = ReportStatus.PUBLISHED if published else ReportStatus.DRAFT
    report.published_at = utcnow() if published else None
    audit.record("experience_report.published" if published else "experience_report.unpublished",
                 report.municipality, report)
    db.session.commit()


# -- the public list ----------------------------------------------------------
@dataclass
class Filters:
    format_key: str = ""
    topic: str = ""


def _published_query():
    return (db.select(ExperienceReport).where(ExperienceReport.status == ReportStatus.PUBLISHED)
            .options(selectinload(ExperienceReport.municipality),
                     selectinload(ExperienceReport.step).selectinload(ProcessStep.process),
                     selectinload(ExperienceReport.contact).selectinload(User.memberships)))


def published(filters: Filters | None = None) -> list[ExperienceReport]:
    """Published reports of every municipality, newest first, with what
    the list shows loaded in a fixed number of queries."""
    filters = filters or Filters()
    query = _published_query().order_by(ExperienceReport.published_at.desc(), ExperienceReport.id.desc())
    if filters.format_key:
        query = query.where(ExperienceReport.format_key == filters.format_key)
    if filters.topic:
        query = query.where(ExperienceReport.topic == filters.topic)
    return db.session.scalars(query).all()


def published_report(report_id: int) -> ExperienceReport | None:
    return db.session.scalar(_published_query().where(ExperienceReport.id == report_id))


def choices() -> tuple[list[str], list[str]]:
    """The format keys and the topics that published reports have, for the filters."""
    rows = db.session.execute(db.select(ExperienceReport.format_key, ExperienceReport.topic)
                              .where(ExperienceReport.status == ReportStatus.PUBLISHED).distinct()).all()
    return sorted({row[0] for row in rows}), sorted({row[1] for row in rows}, key=str.casefold)


def figures_of(reports: list[ExperienceReport]) -> dict[int, dict]:
    """``{report id: {"events": n, figure: shown value}}``: the figures of
    the published events of each report's step and format, summed; banded
    for a protected format. One query for the events, then ``figures_for``."""
    if not reports:
        return {}
    process_ids = {report.step.process_id for report in reports}
    events = db.session.scalars(db.select(Event).where(
        Event.process_id.in_(process_ids), Event.status == EventStatus.PUBLISHED)).all()
    behind = defaultdict(list)
    for event in events:
        behind[(event.process_id, event.process_step, event.format_key)].append(event)
    counted = participation.figures_for(events)
    result = {}
    for report in reports:
        mine = behind[(report.step.process_id, report.step.number, report.format_key)]
        summed = participation.total([counted[event.id] for event in mine])
        result[report.id] = {"events": len(mine), **participation.shown_for(report.format_key, summed)}
    return result


def contact_of(report: ExperienceReport) -> User | None:
    """The named contact while they are still staff of the report's municipality."""
    contact = report.contact
    if contact is None or not any(m.municipality_id == report.municipality_id for m in contact.memberships):
        return None
    return contact


# -- messages -----------------------------------------------------------------
def sender_municipalities(user, report: ExperienceReport) -> list:
    """The municipalities (other than the report's) where ``user`` is an
    organiser or admin: whom they may write for."""
    if not user.is_authenticated:
        return []
    rows = db.session.scalars(
        db.select(Membership).where(Membership.user_id == user.id, Membership.role.in_(SENDER_ROLES),
                                    Membership.municipality_id != report.municipality_id)
        .options(selectinload(Membership.municipality))).all()
    return sorted((row.municipality for row in rows), key=lambda municipality: municipality.name)


def send(report: ExperienceReport, sender, municipality, body: str) -> PeerMessage:
    """A first message to the report's contact (the caller checked that there is one)."""
    contact = contact_of(report)
    message = PeerMessage(report_id=report.id, sender_id=sender.id, sender_municipality_id=municipality.id,
                          recipient_id=contact.id, body=body.strip())
    return _deliver(message, report, sender, municipality, contact, "peer_message.sent")


def reply(original: PeerMessage, sender, body: str) -> PeerMessage:
    """An answer to ``original`` by its recipient, to its sender. The
    replier writes for the municipality they were written to for: the
    report's (the contact's first answer), else the one the message before
    ``original`` came from."""
    earlier = original.in_reply_to
    municipality = earlier.sender_municipality if earlier is not None else original.report.municipality
    message = PeerMessage(report_id=original.report_id, sender_id=sender.id, sender_municipality_id=municipality.id,
                          recipient_id=original.sender_id, in_reply_to_id=original.id, body=body.strip())
    return _deliver(message, original.report, sender, municipality, original.sender, "peer_message.replied")


def _deliver(message, report, sender, municipality, recipient, action) -> PeerMessage:
    db.session.add(message)
    db.session.flush()
    outbox.queue(recipient.email, "peer_message", recipient.language or "de", report=report, sender=sender,
                 recipient=recipient, municipality=municipality, body=message.body,
                 reply_link=external_url("experience.reply", message_id=message.id),
                 report_link=external_url("experience.show", report_id=report.id))
    audit.record(action, report.municipality, message, report=report.id)
    db.session.commit()
    return message


def message_for(user, message_id: int) -> PeerMessage | None:
    """A message ``user`` received (only they may read and answer it)."""
    if not user.is_authenticated:
        return None
    return db.session.scalar(
        db.select(PeerMessage).where(PeerMessage.id == message_id, PeerMessage.recipient_id == user.id)
        .options(selectinload(PeerMessage.report).selectinload(ExperienceReport.municipality),
                 selectinload(PeerMessage.sender), selectinload(PeerMessage.sender_municipality),
                 selectinload(PeerMessage.in_reply_to).selectinload(PeerMessage.sender_municipality)))
