"""Recommendations (Handlungsempfehlungen) and their dated history."""
from enum import StrEnum

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy import false as sa_false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ..localtext import LocalText, pick, with_translations
from .types import UTCDateTime, utcnow


class RecommendationStatus(StrEnum):
    OPEN = "open"
    FORWARDED = "forwarded"
    ANSWERED = "answered"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DECLINED = "declined"


class Addressee(StrEnum):
    MUNICIPALITY = "municipality"
    LAND = "land"
    OTHER = "other"


class Recommendation(db.Model):
    __tablename__ = "recommendation"
    __table_args__ = (
        # A format result becomes at most one recommendation (NULL refs:
        # recommendations written freely).
        UniqueConstraint("event_id", "source_ref"),
        Index("ix_recommendation_municipality_status", "municipality_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    municipality_id: Mapped[int] = mapped_column(ForeignKey("municipality.id", ondelete="CASCADE"))
    process_id: Mapped[int | None] = mapped_column(ForeignKey("process.id", ondelete="SET NULL"), index=True)
    event_id: Mapped[int | None] = mapped_column(ForeignKey("event.id", ondelete="SET NULL"), index=True)
    # RecommendationSource.ref and .kind of the format result it came from.
    source_ref: Mapped[str | None] = mapped_column(String(100))
    source_kind: Mapped[str] = mapped_column(String(100), default="")
    text: Mapped[str] = mapped_column(Text)
    # The text in the other offered languages: {language code: text}.
    text_translations: Mapped[dict | None] = mapped_column(JSON, default=dict)
    topic: Mapped[str] = mapped_column(String(200), default="")
    addressee: Mapped[str] = mapped_column(String(16), default=Addressee.MUNICIPALITY)
    # The body responsible (a department, authority or association), never
    # a person: it is published. A contact person there is for staff only.
    responsible_body: Mapped[str] = mapped_column(String(200), default="")
    contact: Mapped[str] = mapped_column(String(300), default="")
    # The status of the latest update, kept here so lists filter in SQL.
    status: Mapped[str] = mapped_column(String(16), default=RecommendationStatus.OPEN)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    created_at = mapped_column(UTCDateTime, default=utcnow)
    updated_at = mapped_column(UTCDateTime, default=utcnow)

    municipality = relationship("Municipality")
    process = relationship("Process")
    event = relationship("Event")
    updates: Mapped[list["RecommendationUpdate"]] = relationship(
        back_populates="recommendation", cascade="all, delete-orphan",
        order_by="[RecommendationUpdate.happened_on, RecommendationUpdate.id]")

    def text_in(self, language: str) -> LocalText:
        default = self.municipality.default_language
        return pick(with_translations(self.text, self.text_translations, default), language, default)

    def __repr__(self) -> str:
        return f"<Recommendation {self.id} {self.status}>"


class RecommendationUpdate(db.Model):
    """One dated step in a recommendation's history; only ever added."""

    __tablename__ = "recommendation_update"

    id: Mapped[int] = mapped_column(primary_key=True)
    recommendation_id: Mapped[int] = mapped_column(ForeignKey("recommendation.id", ondelete="CASCADE"), index=True)
    happened_on = mapped_column(Date, nullable=False)
    status: Mapped[str] = mapped_column(String(16))
    # What the municipality did, and the addressee's answer in their words.
    text: Mapped[str] = mapped_column(Text, default="")
    answer: Mapped[str] = mapped_column(Text, default="")
    # Written by the Land role: for which body (published; never a person's
    # name) and, when forwarded, to which ministry.
    by_land: Mapped[bool] = mapped_column(Boolean, default=False, server_default=sa_false())
    answered_by: Mapped[str] = mapped_column(String(200), default="", server_default="")
    forwarded_to: Mapped[str] = mapped_column(String(200), default="", server_default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    created_at = mapped_column(UTCDateTime, default=utcnow, index=True)

    recommendation: Mapped[Recommendation] = relationship(back_populates="updates")
