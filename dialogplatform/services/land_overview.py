"""What the Land role sees of all municipalities: the funding applications
per programme and the Beirat's quality table. Figures and states only,
never participant data; a fixed number of queries whatever the number of
municipalities."""
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..models import (
    STEP_NUMBERS,
    FundingApplication,
    FundingProgramme,
    Municipality,
    Process,
    ProcessActor,
    ProcessTopic,
    Recommendation,
    RecommendationStatus,
    SteeringMember,
)
from .funding_applications import Sums, sums

# A recommendation counts as open until it is done or declined.
CLOSED_STATUSES = (RecommendationStatus.DONE, RecommendationStatus.DECLINED)


@dataclass
class ProgrammeApplications:
    programme: FundingProgramme
    applications: list[FundingApplication]

    @property
    def sums(self) -> Sums:
        return sums(self.applications)


def applications_by_programme() -> list[ProgrammeApplications]:
    """Every programme of the catalogue (retired ones only with applications),
    each with all municipalities' applications, by municipality."""
    applications = db.session.scalars(
        db.select(FundingApplication).join(FundingApplication.municipality)
        .options(selectinload(FundingApplication.municipality))
        .order_by(Municipality.name, FundingApplication.applied_on, FundingApplication.id)).all()
    grouped: dict[int, list[FundingApplication]] = {}
    for application in applications:
        grouped.setdefault(application.programme_id, []).append(application)
    programmes = db.session.scalars(db.select(FundingProgramme).order_by(FundingProgramme.name)).all()
    return [ProgrammeApplications(programme, grouped.get(programme.id, [])) for programme in programmes
            if programme.active or programme.id in grouped]


@dataclass
class QualityRow:
    municipality: Municipality
    processes: int = 0
    steps_done: set[int] = field(default_factory=set)
    # "published", "internal" (made, not published) or "none".
    maps: str = "none"
    steering_group: bool = False
    open_recommendations: int = 0

    def step_done(self, number: int) -> bool:
        return number in self.steps_done


def step_done(process: Process, number: int, today: date) -> bool:
    """A step is done when the process has moved past it or its end date
    has passed."""
    if process.current_step > number:
        return True
    step = process.step(number)
    return bool(step and step.ends_on and step.ends_on < today)


def _per_process(model) -> dict[int, int]:
    return dict(db.session.execute(db.select(model.process_id, func.count()).group_by(model.process_id)).all())


def quality_rows(today: date) -> list[QualityRow]:
    """Per municipality (over all its processes): which of the three steps
    are done, whether the actor and topic maps are made and published,
    whether a steering group exists and how many recommendations are open."""
    rows = {m.id: QualityRow(m) for m in db.session.scalars(db.select(Municipality).order_by(Municipality.name))}
    processes = db.session.scalars(db.select(Process).options(selectinload(Process.steps))).all()
    actors, topics, members = _per_process(ProcessActor), _per_process(ProcessTopic), _per_process(SteeringMember)
    for process in processes:
        row = rows[process.municipality_id]
        row.processes += 1
        row.steps_done.update(n for n in STEP_NUMBERS if step_done(process, n, today))
        if actors.get(process.id) or topics.get(process.id):
            row.maps = "published" if process.analysis_published or row.maps == "published" else "internal"
        row.steering_group = row.steering_group or bool(members.get(process.id))
    open_counts = db.session.execute(
        db.select(Recommendation.municipality_id, func.count())
        .where(Recommendation.status.not_in([str(s) for s in CLOSED_STATUSES]))
        .group_by(Recommendation.municipality_id)).all()
    for municipality_id, count in open_counts:
        rows[municipality_id].open_recommendations = count
    return list(rows.values())
