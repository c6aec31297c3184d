"""Outgoing mail, written in the same transaction as the change causing it.

A mail moves ``pending`` -> ``sending`` -> ``sent`` (or ``failed``). A sender
claims a mail (state ``sending``, its ``claim_token``, a lease until
``claimed_until``) and commits the claim before it talks to the SMTP server,
so no other sender takes it; a claim whose lease ran out (the sender died)
is taken again.

A mail about a sign-up is queued as a reference (``template``, ``language``,
``registration_id``, ``params``: ids and flags, no personal data besides
the address) and rendered by the sender when it claims it; other mails are
rendered when queued (subject and texts stored).
"""
from email.utils import make_msgid, parseaddr

from flask import current_app
from sqlalchemy import JSON, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .types import UTCDateTime, utcnow


class MailState:
    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    # Given up by an admin on the outbox screen: never sent, nothing kept.
    DISCARDED = "discarded"


def new_message_id() -> str:
    """A Message-ID in the sender's domain."""
    address = parseaddr(current_app.config["MAIL_DEFAULT_SENDER"])[1]
    return make_msgid(domain=address.rpartition("@")[2] or "dialogplattform")


class OutboxMessage(db.Model):
    __tablename__ = "outbox_message"
    __table_args__ = (Index("ix_outbox_message_state_next_attempt_at", "state", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    to_address: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(300))
    body_text: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text, default="")
    # Optional attachment (e.g. an ICS file): name, MIME type, content.
    attachment_name: Mapped[str] = mapped_column(String(100), default="")
    attachment_type: Mapped[str] = mapped_column(String(100), default="")
    attachment: Mapped[str] = mapped_column(Text, default="")
    # Fixed when queued, so that every attempt carries the same one.
    message_id: Mapped[str] = mapped_column(String(255), default=new_message_id)
    # The event the mail is about (retention: protected formats sooner).
    event_id: Mapped[int | None] = mapped_column(ForeignKey("event.id", ondelete="SET NULL"), index=True)
    # The municipality on whose behalf it was sent (its admin's outbox
    # screen); none for the instance's own mails (accounts, passwords).
    municipality_id: Mapped[int | None] = mapped_column(ForeignKey("municipality.id", ondelete="SET NULL"),
                                                        index=True)
    municipality = relationship("Municipality")
    # A referenced mail: rendered by the sender from these; "" when queued rendered.
    template: Mapped[str] = mapped_column(String(64), default="", server_default="")
    language: Mapped[str] = mapped_column(String(16), default="", server_default="")
    registration_id: Mapped[int | None] = mapped_column(ForeignKey("registration.id", ondelete="SET NULL"),
                                                        index=True)
    params: Mapped[dict | None] = mapped_column(JSON, default=dict)
    registration = relationship("Registration")
    event = relationship("Event")
    created_at = mapped_column(UTCDateTime, default=utcnow)
    state: Mapped[str] = mapped_column(String(16), default=MailState.PENDING)
    claim_token: Mapped[str | None] = mapped_column(String(32))
    claimed_until = mapped_column(UTCDateTime, nullable=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at = mapped_column(UTCDateTime, default=utcnow, index=True)
    sent_at = mapped_column(UTCDateTime, nullable=True, index=True)
    failed_at = mapped_column(UTCDateTime, nullable=True)
    last_error: Mapped[str] = mapped_column(String(500), default="")
