"""A municipality's funding applications, what the report's cover names
as its funding, and the report submitted as Verwendungsnachweis."""
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import selectinload

from ..extensions import db
from ..models import GRANTED_STATUSES, ApplicationStatus, FundingApplication, FundingProgramme, Process
from . import audit
from .recommendations import today

FIELDS = ("status", "amount_requested_eur", "amount_granted_eur", "applied_on", "decided_on", "documentation_due",
          "documentation_submitted_on")


def applications_of(municipality) -> list[FundingApplication]:
    """Newest first, with programme and process (one query each)."""
    return db.session.scalars(
        db.select(FundingApplication).where(FundingApplication.municipality_id == municipality.id)
        .options(selectinload(FundingApplication.programme),
                 selectinload(FundingApplication.process).selectinload(Process.municipality))
        .order_by(FundingApplication.applied_on.desc().nulls_first(), FundingApplication.id.desc())).all()


def get(municipality, application_id: int) -> FundingApplication | None:
    """An application of ``municipality`` (never another's)."""
    return db.session.scalar(db.select(FundingApplication).where(
        FundingApplication.id == application_id, FundingApplication.municipality_id == municipality.id))


@dataclass
class Sums:
    requested: int
    granted: int


def sums(applications) -> Sums:
    """Requested: all but declined ones; granted: what was granted."""
    return Sums(
        requested=sum(a.amount_requested_eur or 0 for a in applications if a.status != ApplicationStatus.DECLINED),
        granted=sum(a.amount_granted_eur or 0 for a in applications if a.granted))


def save(application: FundingApplication, data: dict) -> None:
    """Store the form's values; marking the documentation submitted without
    a day means today. Does not commit."""
    application.programme_id = int(data["programme_id"])
    application.process_id = int(data["process_id"]) if data.get("process_id") else None
    for field in FIELDS:
        setattr(application, field, data.get(field))
    if application.status == ApplicationStatus.DOCUMENTED and application.documentation_submitted_on is None:
        application.documentation_submitted_on = today()
    application.lpb_contact = (data.get("lpb_contact") or "").strip()
    application.notes = (data.get("notes") or "").strip()
    db.session.add(application)
    db.session.flush()
    audit.record("funding_application.saved", application.municipality, application, status=application.status)


def delete(application: FundingApplication) -> None:
    audit.record("funding_application.deleted", application.municipality, application)
    db.session.delete(application)


# -- the report ------------------------------------------------------------
@dataclass
class ReportFunding:
    """The funding the report names: a granted application of the process
    when there is one, else what the process form recorded."""

    programme: FundingProgramme
    amount_eur: int | None
    documentation_due: date | None
    application: FundingApplication | None


def granted_application(process: Process) -> FundingApplication | None:
    """The latest granted application of ``process`` (its municipality's)."""
    return db.session.scalar(
        db.select(FundingApplication).where(
            FundingApplication.process_id == process.id,
            FundingApplication.municipality_id == process.municipality_id,
            FundingApplication.status.in_([str(s) for s in GRANTED_STATUSES]))
        .options(selectinload(FundingApplication.programme))
        .order_by(FundingApplication.decided_on.desc().nulls_last(), FundingApplication.id.desc()).limit(1))


def report_funding(process: Process) -> ReportFunding | None:
    application = granted_application(process)
    if application is not None:
        return ReportFunding(application.programme, application.amount_granted_eur,
                             application.documentation_due or process.documentation_due, application)
    if process.funding_programme is not None:
        return ReportFunding(process.funding_programme, process.funding_amount_eur, process.documentation_due, None)
    return None


def mark_report_submitted(process: Process, day: date) -> FundingApplication | None:
    """Record that the process's report went in as Verwendungsnachweis on
    ``day``; the granted application it documents moves to "documentation
    submitted". Returns that application, if any. Does not commit."""
    process.report_submitted_on = day
    application = granted_application(process)
    if application is not None:
        application.status = ApplicationStatus.DOCUMENTED
        application.documentation_submitted_on = day
    audit.record("report.submitted_as_verwendungsnachweis", process.municipality, process,
                 application=application.id if application else None)
    return application
