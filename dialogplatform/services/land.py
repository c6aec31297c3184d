"""The Land's side of recommendations: its inbox across all municipalities,
its answers (appended to the history, mailed to the municipality's staff)
and the public figures of recommendations to the Land.

An answer is a history entry the Land wrote or one with the addressee's
answer in it (a municipality may type in an answer that came by letter);
"days to a first answer" counts from the recommendation's creation to the
first such entry."""
import statistics
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import and_, case, exists, func, or_
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..links import external_url
from ..models import Addressee, Membership, Municipality, Recommendation, RecommendationUpdate, Role, User
from ..models.types import utcnow
from . import outbox
from . import recommendations as recommendation_service
from .recommendations import STATUSES, local_day

# The age filter: older than this many days (the choices of the inbox).
AGES = [30, 90, 180, 365]
# Who gets a mail when the Land answers.
NOTIFIED_ROLES = [Role.ADMIN.value, Role.ORGANISER.value]

IS_ANSWER = or_(RecommendationUpdate.by_land, RecommendationUpdate.answer != "")


def _to_land():
    return db.select(Recommendation).where(Recommendation.addressee == Addressee.LAND)


def _answered():
    return exists().where(RecommendationUpdate.recommendation_id == Recommendation.id, IS_ANSWER)


@dataclass
class InboxFilters:
    """Filters from the query string; unknown values are ignored."""

    topic: str = ""
    municipality: str = ""
    status: str = ""
    older_than: int | None = None

    @classmethod
    def from_args(cls, args):
        status, age = args.get("status", ""), args.get("older_than", "")
        return cls(topic=args.get("topic", "")[:200], municipality=args.get("municipality", "")[:64],
                   status=status if status in STATUSES else "",
                   older_than=int(age) if age.isdigit() and int(age) in AGES else None)

    def apply(self, query):
        if self.topic:
            query = query.where(Recommendation.topic == self.topic)
        if self.municipality:
            query = query.where(Recommendation.municipality.has(Municipality.slug == self.municipality))
        if self.status:
            query = query.where(Recommendation.status == self.status)
        if self.older_than:
            query = query.where(Recommendation.created_at < utcnow() - timedelta(days=self.older_than))
        return query


def inbox(filters: InboxFilters) -> list[Recommendation]:
    """Every recommendation to the Land, unanswered first, oldest first."""
    query = filters.apply(_to_land()).options(selectinload(Recommendation.municipality)).order_by(
        case((_answered(), 1), else_=0), Recommendation.created_at, Recommendation.id)
    return db.session.scalars(query).all()


def answered_ids(recommendations) -> set[int]:
    """Which of these have an answer (one query)."""
    ids = [r.id for r in recommendations]
    if not ids:
        return set()
    return set(db.session.scalars(db.select(RecommendationUpdate.recommendation_id).distinct().where(
        RecommendationUpdate.recommendation_id.in_(ids), IS_ANSWER)))


def municipalities() -> list[Municipality]:
    """The municipalities that have addressed the Land (for the filter)."""
    return db.session.scalars(db.select(Municipality).where(Municipality.id.in_(
        _to_land().with_only_columns(Recommendation.municipality_id))).order_by(Municipality.name)).all()


def topics() -> list[str]:
    return sorted(db.session.scalars(_to_land().with_only_columns(Recommendation.topic).distinct().where(
        Recommendation.topic != "")))


def counts_by_status() -> dict[str, int]:
    counts = dict.fromkeys(STATUSES, 0)
    counts.update(dict(db.session.execute(_to_land().with_only_columns(
        Recommendation.status, func.count()).group_by(Recommendation.status)).all()))
    return counts


def counts_by_topic() -> list[tuple[str, int]]:
    """(topic, number), most first; "" for those without a topic."""
    rows = db.session.execute(_to_land().with_only_columns(Recommendation.topic, func.count()).group_by(
        Recommendation.topic)).all()
    return sorted(((topic, number) for topic, number in rows), key=lambda row: (-row[1], row[0]))


def first_answers() -> dict[int, int]:
    """{recommendation id: days from its creation to its first answer}."""
    rows = db.session.execute(_to_land().with_only_columns(
        Recommendation.id, Recommendation.created_at, func.min(RecommendationUpdate.happened_on),
    ).join(RecommendationUpdate, and_(RecommendationUpdate.recommendation_id == Recommendation.id, IS_ANSWER))
        .group_by(Recommendation.id, Recommendation.created_at)).all()
    return {rid: max(0, (first - local_day(created)).days) for rid, created, first in rows}


def median_days(first: dict[int, int]) -> float | None:
    return statistics.median(first.values()) if first else None


def get(recommendation_id: int) -> Recommendation | None:
    return db.session.scalar(_to_land().where(Recommendation.id == recommendation_id).options(
        selectinload(Recommendation.updates), selectinload(Recommendation.municipality)))


def answer(recommendation: Recommendation, data: dict, user: User) -> RecommendationUpdate:
    """Append the Land's answer to the history and mail the municipality's
    admins and organisers, each in their language; one commit for both."""
    status = data["status"]
    update = recommendation_service.append_update(
        recommendation, happened_on=recommendation_service.today(), status=status, answer=data["answer"],
        creator=user, by_land=True, answered_by=data["answered_by"].strip(),
        forwarded_to=(data.get("forwarded_to") or "").strip() if status == "forwarded" else "")
    for person in _staff_to_notify(recommendation.municipality_id):
        language = person.language or recommendation.municipality.default_language
        outbox.queue(person.email, "land_answered", language, recommendation=recommendation, update=update,
                     text=recommendation.text_in(language),
                     link=external_url("recommendations.show", municipality_slug=recommendation.municipality.slug,
                                       recommendation_id=recommendation.id))
    db.session.commit()
    return update


def _staff_to_notify(municipality_id: int) -> list[User]:
    return db.session.scalars(db.select(User).join(Membership).where(
        Membership.municipality_id == municipality_id, Membership.role.in_(NOTIFIED_ROLES),
        User.confirmed_at.is_not(None)).order_by(User.id)).all()


def public_list() -> list[Recommendation]:
    """Every recommendation to the Land, newest first, for the public page."""
    return db.session.scalars(_to_land().options(selectinload(Recommendation.municipality)).order_by(
        Recommendation.created_at.desc(), Recommendation.id.desc())).all()


def summary() -> dict:
    """The figures of the public page and of the open-data API."""
    first, by_status = first_answers(), counts_by_status()
    return {"total": sum(by_status.values()), "by_status": by_status,
            "by_topic": counts_by_topic(), "median_days_to_first_answer": median_days(first),
            "first_answers": first}
