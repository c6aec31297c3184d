"""The instance-wide overview (Multiplikatoren): what each municipality
does, so that municipalities learn from each other. A fixed number of
aggregate queries, however many municipalities and events there are."""
from dataclasses import dataclass, field

from sqlalchemy import func

from ..extensions import db
from ..models import Event, EventStatus, Municipality, Process, Recommendation
from . import protection
from .participation import Figures, figures_for
from .recommendations import STATUSES


@dataclass
class MunicipalityFigures:
    municipality: Municipality
    processes: list = field(default_factory=list)
    events_by_format: dict = field(default_factory=dict)
    participation: Figures = field(default_factory=Figures)
    recommendations: dict = field(default_factory=lambda: dict.fromkeys(STATUSES, 0))

    @property
    def registered(self) -> int:
        return self.participation.signed_up

    @property
    def attended(self) -> int:
        return self.participation.attended

    @property
    def events(self) -> int:
        return sum(self.events_by_format.values())


def overview() -> list[MunicipalityFigures]:
    """Published processes and events only; participation figures
    (``services.participation``: sign-ups, check-ins, walk-ins, anonymous
    contributors, contributions) of events of formats that are not
    protected (one more woman signed up for a women's dialogue must not
    move a public number)."""
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
    events = db.session.scalars(db.select(Event).where(
        Event.status == EventStatus.PUBLISHED, Event.format_key.in_(protection.public_keys()))).all()
    counted = figures_for(events)
    for event in events:
        figures[event.municipality_id].participation += counted[event.id]
    for municipality_id, status, number in db.session.execute(
            db.select(Recommendation.municipality_id, Recommendation.status, func.count())
            .group_by(Recommendation.municipality_id, Recommendation.status)):
        figures[municipality_id].recommendations[status] = number
    return list(figures.values())
