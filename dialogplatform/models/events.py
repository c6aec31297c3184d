"""Dialogue events."""
from enum import StrEnum

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ..localtext import LocalText, pick
from .types import UTCDateTime, utcnow


class EventStatus(StrEnum):
    """Where an event stands: a draft (organisers only), published or cancelled."""

    DRAFT = "draft"
    PUBLISHED = "published"
    CANCELLED = "cancelled"


def localized(texts: dict | None, language: str, fallback: str) -> LocalText:
    """Pick ``language`` from a {language: text} dict, else ``fallback``,
    else any non-empty text; the result knows its language (``.lang``)."""
    return pick(texts, language, fallback)


class Event(db.Model):
    """One dialogue event of a municipality, of one format (``format_key``);
    the format keeps its own fields in ``settings`` or in its own tables."""

    __tablename__ = "event"
    __table_args__ = (Index("ix_event_municipality_status_start", "municipality_id", "status", "starts_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    municipality_id: Mapped[int] = mapped_column(ForeignKey("municipality.id", ondelete="CASCADE"))
    format_key: Mapped[str] = mapped_column(String(64), index=True)
    # {language code: text}; the municipality's default language is the fallback.
    title: Mapped[dict] = mapped_column(JSON, default=dict)
    description: Mapped[dict] = mapped_column(JSON, default=dict)
    starts_at = mapped_column(UTCDateTime, nullable=False)
    ends_at = mapped_column(UTCDateTime, nullable=False)
    timezone: Mapped[str] = mapped_column(String(64), default="Europe/Berlin")
    online: Mapped[bool] = mapped_column(Boolean, default=False)
    online_url: Mapped[str] = mapped_column(String(500), default="")
    place_name: Mapped[str] = mapped_column(String(200), default="")
    address: Mapped[str] = mapped_column(Text, default="")
    # A private address (e.g. a refugee accommodation) is shown to staff and
    # confirmed participants only; everyone else sees the district.
    district: Mapped[str] = mapped_column(String(120), default="")
    address_private: Mapped[bool] = mapped_column(Boolean, default=False)
    # People (including accompanying persons); None means unlimited.
    capacity: Mapped[int | None] = mapped_column(Integer)
    # How many accompanying persons one registration may bring (0: none).
    max_companions: Mapped[int] = mapped_column(Integer, default=0)
    # Sign-up window; None means "open" / "until the start".
    registration_opens_at = mapped_column(UTCDateTime, nullable=True)
    registration_closes_at = mapped_column(UTCDateTime, nullable=True)
    languages: Mapped[list] = mapped_column(JSON, default=list)
    interpreters: Mapped[list] = mapped_column(JSON, default=list)
    # For whom and how accessible: real columns, so the public filters are SQL.
    # Childcare ages are optional (0-17, min <= max); they mean nothing without childcare.
    childcare: Mapped[bool] = mapped_column(Boolean, default=False)
    childcare_min_age: Mapped[int | None] = mapped_column(Integer)
    childcare_max_age: Mapped[int | None] = mapped_column(Integer)
    women_only: Mapped[bool] = mapped_column(Boolean, default=False)
    step_free: Mapped[bool] = mapped_column(Boolean, default=False)
    hearing_loop: Mapped[bool] = mapped_column(Boolean, default=False)
    accessible_toilet: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(16), default=EventStatus.DRAFT)
    # Whether the public sees the evaluation (organisers always do).
    evaluation_published: Mapped[bool] = mapped_column(Boolean, default=False)
    # The calendar entry's SEQUENCE (RFC 5545): raised whenever registrants are
    # sent a changed entry (new date, time or place; cancelled; restored), so
    # that their calendar replaces the entry of the same UID.
    sequence: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # The format's own settings (from its event_settings_form).
    settings: Mapped[dict] = mapped_column(JSON, default=dict)
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    # A follow-up event (e.g. a Runder Tisch) links back to the event and the
    # result (e.g. a project idea) it came from.
    origin_event_id: Mapped[int | None] = mapped_column(ForeignKey("event.id", ondelete="SET NULL"), index=True)
    origin_note: Mapped[str] = mapped_column(String(500), default="")
    # The dialogue process the event belongs to, and at which of its steps.
    process_id: Mapped[int | None] = mapped_column(ForeignKey("process.id", ondelete="SET NULL"), index=True)
    process_step: Mapped[int | None] = mapped_column(Integer)
    created_at = mapped_column(UTCDateTime, default=utcnow)
    updated_at = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    municipality = relationship("Municipality")
    origin = relationship("Event", remote_side=[id], foreign_keys=[origin_event_id])
    process = relationship("Process", foreign_keys=[process_id])

    def title_in(self, language: str) -> str:
        return localized(self.title, language, self.municipality.default_language)

    def description_in(self, language: str) -> str:
        return localized(self.description, language, self.municipality.default_language)

    @property
    def is_published(self) -> bool:
        return self.status == EventStatus.PUBLISHED

    def __repr__(self) -> str:
        return f"<Event {self.id} {self.format_key}>"
