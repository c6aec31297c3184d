"""Learning from each other: a municipality's experience report on a
finished process step, and the messages staff of other municipalities send
its contact person through the platform (neither address is ever shown)."""
from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .types import UTCDateTime, utcnow


class ReportStatus:
    DRAFT = "draft"
    PUBLISHED = "published"


class ExperienceReport(db.Model):
    """What worked in one format during one finished step, and what the
    municipality would do differently: one report per step and format."""

    __tablename__ = "experience_report"
    __table_args__ = (
        UniqueConstraint("process_step_id", "format_key"),
        Index("ix_experience_report_status_format_key", "status", "format_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    municipality_id: Mapped[int] = mapped_column(ForeignKey("municipality.id", ondelete="CASCADE"), index=True)
    process_step_id: Mapped[int] = mapped_column(ForeignKey("process_step.id", ondelete="CASCADE"))
    format_key: Mapped[str] = mapped_column(String(64))
    topic: Mapped[str] = mapped_column(String(200))
    what_worked: Mapped[str] = mapped_column(Text)
    do_differently: Mapped[str] = mapped_column(Text)
    # A staff member of the municipality who ticked, themselves, that they
    # agree to be named here and written to; only their display name is shown.
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"), index=True)
    contact_consented_at = mapped_column(UTCDateTime, nullable=True)
    status: Mapped[str] = mapped_column(String(16), default=ReportStatus.DRAFT)
    published_at = mapped_column(UTCDateTime, nullable=True)
    created_at = mapped_column(UTCDateTime, default=utcnow)
    updated_at = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    municipality = relationship("Municipality")
    step = relationship("ProcessStep")
    contact = relationship("User")

    @property
    def published(self) -> bool:
        return self.status == ReportStatus.PUBLISHED

    def __repr__(self) -> str:
        return f"<ExperienceReport {self.id} {self.status}>"


class PeerMessage(db.Model):
    """A message between staff of two municipalities about a report: the
    first one to the report's contact, each reply to whoever wrote the one
    before. Mailed from the platform's address; only the recipient of a
    message may answer it (through the platform again)."""

    __tablename__ = "peer_message"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("experience_report.id", ondelete="CASCADE"), index=True)
    sender_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"), index=True)
    # The municipality the sender wrote for (named in the mail).
    sender_municipality_id: Mapped[int] = mapped_column(ForeignKey("municipality.id", ondelete="CASCADE"))
    recipient_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"),
                                                     index=True)
    in_reply_to_id: Mapped[int | None] = mapped_column(ForeignKey("peer_message.id", ondelete="SET NULL"))
    body: Mapped[str] = mapped_column(Text)
    created_at = mapped_column(UTCDateTime, default=utcnow, index=True)

    report = relationship("ExperienceReport")
    sender = relationship("User", foreign_keys=[sender_id])
    recipient = relationship("User", foreign_keys=[recipient_id])
    sender_municipality = relationship("Municipality")
    in_reply_to = relationship("PeerMessage", remote_side=[id])
