"""The instance-wide overview (Multiplikatoren): what each municipality
does, so that municipalities learn from each other. A fixed number of
aggregate queries, however many municipalities and events there are."""
from dataclasses import dataclass, field

from sqlalchemy import case, func, or_

from ..extensions import db
from ..models import Event, EventStatus, Municipality, Process, Recommendation, Registration, RegistrationStatus
from . import protection
from .recommendations import STATUSES


@dataclass
class MunicipalityFigures:
    municipality: Municipality
    processes: list = field(default_factory=list)
    events_by_format: dict = field(default_factory=dict)
    registered: int = 0
    attended: int = 0
    recommendations: dict = field(default_factory=lambda: dict.fromkeys(STATUSES, 0))

    @property
    def events(self) -> int:
        return sum(self.events_by_format.values())


def overview() -> list[MunicipalityFigures]:
    """Published processes and events only; participants are people
    registered (confirmed or checked in) and checked in, at events of
    formats that are not protected (one more woman signed up for a
    women's dialogue must not move a public number)."""
    municipalities = db.session.scalars(db.select(Municipality).order_by(Municipality.name)).all()
    figures = {m.id: MunicipalityFigures(m) for m in municipalities}
    processes = db.session.scalars(db.select(Process).where(Process.published.is_(True))
                                   .order_by(Process.created_at, Process.id))
    for process in processes:
        figures[process.municipality_id].processes.append(process)
    for municipality_id, key, number in db.session.execute(
            db.select(Event.municipality_id, Event.format_key, func.count())
            .where(Event.status == EventStatus.PUBLISHED).group_by(Event.municipality_id, Event.format_key)):
        figures[municipality_id].events_by_format[key] = number
    people = 1 + Registration.companions
    counted = or_(Registration.status == RegistrationStatus.CONFIRMED, Registration.checked_in_at.is_not(None))
    for municipality_id, registered, attended in db.session.execute(
            db.select(Event.municipality_id, func.sum(case((counted, people), else_=0)),
                      func.sum(case((Registration.checked_in_at.is_not(None), people), else_=0)))
            .join(Event, Registration.event_id == Event.id)
            .where(Event.status == EventStatus.PUBLISHED, Event.format_key.in_(protection.public_keys()))
            .group_by(Event.municipality_id)):
        figures[municipality_id].registered = int(registered or 0)
        figures[municipality_id].attended = int(attended or 0)
    for municipality_id, status, number in db.session.execute(
            db.select(Recommendation.municipality_id, Recommendation.status, func.count())
            .group_by(Recommendation.municipality_id, Recommendation.status)):
        figures[municipality_id].recommendations[status] = number
    return list(figures.values())
