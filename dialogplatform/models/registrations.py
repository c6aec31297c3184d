"""Sign-ups for events and the consents given with them."""
from enum import StrEnum

from sqlalchemy import JSON, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .types import UTCDateTime, utcnow


class RegistrationStatus(StrEnum):
    """Where a sign-up stands; pending, confirmed and waitlisted ones are active."""

    PENDING = "pending"  # holds seats until the guest confirms the e-mail address
    CONFIRMED = "confirmed"
    WAITLISTED = "waitlisted"
    CANCELLED = "cancelled"
    EXPIRED = "expired"  # a pending hold ran out


# Sign-ups that hold (or wait for) a seat; cancelled and expired ones do not.
ACTIVE_STATUSES = (RegistrationStatus.PENDING, RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED)


class RegistrationSource(StrEnum):
    SELF = "self"
    ASSISTED = "assisted"  # signed up on their behalf by staff or a helper
    WALK_IN = "walk_in"  # added at the door


ACCESSIBILITY_NEEDS = ("wheelchair", "sign_language", "other")


class Registration(db.Model):
    """One person's sign-up for an event (with companions, answers and consents)."""

    __tablename__ = "registration"
    __table_args__ = (
        # One e-mail address holds at most one registration per event.
        UniqueConstraint("event_id", "email", name="uq_registration_event_email"),
        # The same form sent twice (double click, reload) is stored once.
        UniqueConstraint("event_id", "submission_key", name="uq_registration_event_submission"),
        Index("ix_registration_event_status", "event_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"), index=True)
    email: Mapped[str | None] = mapped_column(String(254))
    name: Mapped[str] = mapped_column(String(120))
    phone: Mapped[str] = mapped_column(String(40), default="")
    companions: Mapped[int] = mapped_column(Integer, default=0)
    language: Mapped[str] = mapped_column(String(8), default="de")
    status: Mapped[str] = mapped_column(String(16))
    source: Mapped[str] = mapped_column(String(16), default=RegistrationSource.SELF)
    # Needs
    interpreter_language: Mapped[str] = mapped_column(String(8), default="")
    childcare_count: Mapped[int] = mapped_column(Integer, default=0)
    childcare_ages: Mapped[str] = mapped_column(String(100), default="")
    accessibility: Mapped[list] = mapped_column(JSON, default=list)
    accessibility_other: Mapped[str] = mapped_column(String(200), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    # Answers to the format's own fields: {format key: {field: value}}.
    answers: Mapped[dict] = mapped_column(JSON, default=dict)
    # Random part of the personal link; the link carries an HMAC of it made
    # with the instance's secret, so the database alone does not reveal it.
    token_nonce: Mapped[str] = mapped_column(String(32))
    submission_key: Mapped[str | None] = mapped_column(String(64))
    # Random part of the confirmation link (double opt-in). That link is made
    # like the personal link but exists only in the mail; it is cleared once
    # used and stops working at ``confirm_expires_at`` (the end of the hold).
    confirm_nonce: Mapped[str | None] = mapped_column(String(32), nullable=True)
    confirm_expires_at = mapped_column(UTCDateTime, nullable=True)
    email_confirmed_at = mapped_column(UTCDateTime, nullable=True)
    hold_expires_at = mapped_column(UTCDateTime, nullable=True)
    created_at = mapped_column(UTCDateTime, default=utcnow)
    confirmed_at = mapped_column(UTCDateTime, nullable=True)
    cancelled_at = mapped_column(UTCDateTime, nullable=True)
    checked_in_at = mapped_column(UTCDateTime, nullable=True)
    reminded_at = mapped_column(UTCDateTime, nullable=True)
    # Set when the personal data was removed (retention or on request); the
    # row stays so that participation figures remain correct.
    anonymised_at = mapped_column(UTCDateTime, nullable=True)
    # Who signed the person up on their behalf (staff or a helper); None
    # for a sign-up of one's own. A helper sees and manages only these.
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"), index=True)

    event = relationship("Event")

    @property
    def party_size(self) -> int:
        return 1 + (self.companions or 0)

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES


class Consent(db.Model):
    """Consent to a municipality's privacy text, with the version shown."""

    __tablename__ = "consent"

    id: Mapped[int] = mapped_column(primary_key=True)
    municipality_id: Mapped[int] = mapped_column(ForeignKey("municipality.id", ondelete="CASCADE"), index=True)
    registration_id: Mapped[int | None] = mapped_column(ForeignKey("registration.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"), index=True)
    privacy_version: Mapped[int] = mapped_column(Integer)
    purpose: Mapped[str] = mapped_column(String(32), default="signup")
    given_at = mapped_column(UTCDateTime, default=utcnow)
    registration = relationship("Registration")
