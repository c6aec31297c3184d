"""Recommendations (Handlungsempfehlungen): created from format results or
freely, tracked publicly with a dated history that is only ever added to."""
from dataclasses import dataclass
from datetime import date
from zoneinfo import ZoneInfo

from sqlalchemy import func
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..inputs import id_from
from ..language_forms import other_languages, texts_from
from ..models import Addressee, Event, Process, Recommendation, RecommendationStatus, RecommendationUpdate
from ..models.types import utcnow
from ..plugin_system.enabling import plugin_manager

STATUSES = [status.value for status in RecommendationStatus]
ADDRESSEES = [kind.value for kind in Addressee]


def today() -> date:
    return local_day(utcnow())


def local_day(moment) -> date:
    """The day of ``moment`` (UTC) in Germany."""
    return moment.astimezone(ZoneInfo("Europe/Berlin")).date()


def create(municipality, data: dict, creator) -> Recommendation:
    """A recommendation written freely by an organiser."""
    recommendation = build(municipality, data, creator)
    db.session.commit()
    return recommendation


def build(municipality, data: dict, creator, *, event: Event | None = None, source=None) -> Recommendation:
    """A new recommendation with its first history entry ("open"), added
    to the session but not committed. ``source`` is the
    ``RecommendationSource`` it came from, if any."""
    recommendation = Recommendation(
        municipality_id=municipality.id, text=data["text"].strip(), topic=(data.get("topic") or "").strip(),
        addressee=data.get("addressee") if data.get("addressee") in ADDRESSEES else Addressee.MUNICIPALITY,
        responsible_body=(data.get("responsible_body") or "").strip(),
        contact=(data.get("contact") or "").strip(),
        process_id=_process_id(municipality, data.get("process_id")),
        event_id=event.id if event else None, source_ref=source.ref[:100] if source else None,
        source_kind=(source.kind or "")[:100] if source else "", status=RecommendationStatus.OPEN,
        created_by_id=creator.id if creator else None,
        text_translations=texts_from(data, "text", other_languages(municipality)),
    )
    recommendation.updates.append(RecommendationUpdate(
        happened_on=today(), status=RecommendationStatus.OPEN, text="", answer="",
        created_by_id=recommendation.created_by_id))
    db.session.add(recommendation)
    return recommendation


def _process_id(municipality, value) -> int | None:
    """The id of a process of ``municipality`` given as form value or object."""
    if isinstance(value, Process):
        return value.id if value.municipality_id == municipality.id else None
    process_id = id_from(str(value)) if value else None
    if process_id is None:
        return None
    return db.session.scalar(db.select(Process.id).where(
        Process.id == process_id, Process.municipality_id == municipality.id))


def update_details(recommendation: Recommendation, data: dict) -> None:
    """Edit text, topic, addressee, body, contact and process; the history is not touched."""
    recommendation.text = data["text"].strip()
    recommendation.text_translations = texts_from(data, "text", other_languages(recommendation.municipality))
    recommendation.topic = (data.get("topic") or "").strip()
    if data.get("addressee") in ADDRESSEES:
        recommendation.addressee = data["addressee"]
    recommendation.responsible_body = (data.get("responsible_body") or "").strip()
    recommendation.contact = (data.get("contact") or "").strip()
    recommendation.process_id = _process_id(recommendation.municipality, data.get("process_id"))
    db.session.commit()


def add_update(recommendation: Recommendation, **values) -> RecommendationUpdate:
    """Append to the history (see ``append_update``) and commit."""
    update = append_update(recommendation, **values)
    db.session.commit()
    return update


def append_update(recommendation: Recommendation, *, happened_on: date, status: str, text: str = "",
                  answer: str = "", creator=None, by_land: bool = False, answered_by: str = "",
                  forwarded_to: str = "") -> RecommendationUpdate:
    """Append to the history, uncommitted; the recommendation takes the
    status of its latest update (by date, then by entry)."""
    if status not in STATUSES:
        raise ValueError(status)
    update = RecommendationUpdate(happened_on=happened_on, status=status, text=(text or "").strip(),
                                  answer=(answer or "").strip(), created_by_id=creator.id if creator else None,
                                  by_land=by_land, answered_by=answered_by, forwarded_to=forwarded_to)
    recommendation.updates.append(update)
    db.session.flush()
    latest = max(recommendation.updates, key=lambda u: (u.happened_on, u.id))
    recommendation.status = latest.status
    recommendation.updated_at = utcnow()
    return update


# -- from format results ---------------------------------------------------
def candidates(event: Event):
    """The format's results that can become recommendations, as
    ``([RecommendationSource], failures)``."""
    results, failures = plugin_manager().call_each("recommendation_sources", event=event)
    return [source for _key, items in results for source in items], failures


def existing_by_ref(event: Event) -> dict[str, Recommendation]:
    rows = db.session.scalars(db.select(Recommendation).where(
        Recommendation.event_id == event.id, Recommendation.source_ref.is_not(None)))
    return {row.source_ref: row for row in rows}


def create_from_sources(event: Event, refs: list[str], creator, *, process_id=None) -> list[Recommendation]:
    """Turn the chosen candidates into recommendations, each at most once.
    Only refs the format offers are taken (never text from the request)."""
    sources, _failures = candidates(event)
    done = existing_by_ref(event)
    created = []
    for source in sources:
        if source.ref in refs and source.ref[:100] not in done:
            created.append(build(event.municipality, {
                "text": source.text, "topic": source.topic, "addressee": source.addressee,
                "process_id": process_id or event.process_id}, creator, event=event, source=source))
            done[source.ref[:100]] = created[-1]
    db.session.commit()
    return created


# -- tracker ---------------------------------------------------------------
@dataclass
class TrackerFilters:
    """Filters from the query string; unknown values are ignored."""

    status: str = ""
    addressee: str = ""
    topic: str = ""

    @classmethod
    def from_args(cls, args):
        status, addressee = args.get("status", ""), args.get("addressee", "")
        return cls(status=status if status in STATUSES else "", addressee=addressee if addressee in ADDRESSEES else "",
                   topic=args.get("topic", "")[:200])

    def apply(self, query):
        if self.status:
            query = query.where(Recommendation.status == self.status)
        if self.addressee:
            query = query.where(Recommendation.addressee == self.addressee)
        if self.topic:
            query = query.where(Recommendation.topic == self.topic)
        return query


def _scoped(query, municipality=None, process=None):
    if process is not None:
        return query.where(Recommendation.process_id == process.id)
    return query.where(Recommendation.municipality_id == municipality.id)


def tracker(municipality=None, *, process=None, filters: TrackerFilters | None = None) -> list[Recommendation]:
    """Recommendations of a municipality or a process, newest activity
    first, in a fixed number of queries."""
    query = _scoped(db.select(Recommendation), municipality, process).options(
        selectinload(Recommendation.event).selectinload(Event.municipality),
        selectinload(Recommendation.process).selectinload(Process.municipality),
    ).order_by(Recommendation.updated_at.desc(), Recommendation.id.desc())
    return db.session.scalars((filters or TrackerFilters()).apply(query)).all()


def topics(municipality=None, *, process=None) -> list[str]:
    query = _scoped(db.select(Recommendation.topic).distinct(), municipality, process).where(Recommendation.topic != "")
    return sorted(db.session.scalars(query))


def counts_by_status(municipality=None, *, process=None) -> dict[str, int]:
    query = _scoped(db.select(Recommendation.status, func.count()), municipality, process).group_by(
        Recommendation.status)
    counts = dict.fromkeys(STATUSES, 0)
    counts.update({status: number for status, number in db.session.execute(query)})
    return counts


def get(municipality, recommendation_id: int) -> Recommendation | None:
    return db.session.scalar(db.select(Recommendation).where(
        Recommendation.id == recommendation_id, Recommendation.municipality_id == municipality.id,
    ).options(selectinload(Recommendation.updates), selectinload(Recommendation.event),
              selectinload(Recommendation.process)))


def recent_updates(municipality, limit: int = 50) -> list[RecommendationUpdate]:
    """The latest history entries, for the Atom feed."""
    return db.session.scalars(
        db.select(RecommendationUpdate).join(Recommendation)
        .where(Recommendation.municipality_id == municipality.id)
        .options(selectinload(RecommendationUpdate.recommendation))
        .order_by(RecommendationUpdate.created_at.desc(), RecommendationUpdate.id.desc()).limit(limit)).all()
