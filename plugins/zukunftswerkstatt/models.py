"""Tables of a future workshop, all prefixed ``zukunftswerkstatt_``.

Cards and votes are anonymous: a participant is only a random id from a
signed cookie (``participant_id``), replaced by a new random one when the
event is anonymised, so that the cookie no longer leads to them while the
number of devices stays countable. A vote is one row per dot.
"""
from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from dialogplatform.plugin_api import UTCDateTime, db, utcnow

PHASES = ("critique", "fantasy", "realisation")
# In this phase participants vote on the cards of that phase.
VOTED_PHASE = {"fantasy": "critique", "realisation": "fantasy"}
ADDRESSEES = ("municipality", "land", "other")

CARD_MAX = 300
THEME_MAX = 120
WHAT_MAX = 500
WHO_MAX = 200
PARTICIPANT_ID_MAX = 32
# Starts a participant id replaced when the event was anonymised (a cookie's
# id, URL-safe base64, never contains ":").
ANONYMISED = "anon:"


class Workshop(db.Model):
    """The live state of one workshop event: its phase and join code.

    Kept here rather than in ``event.settings``, which the core replaces
    whenever the organiser saves the event form.
    """

    __tablename__ = "zukunftswerkstatt_workshop"

    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), primary_key=True)
    phase: Mapped[str] = mapped_column(String(16), default="critique")
    join_code: Mapped[str] = mapped_column(String(16))
    phase_changed_at = mapped_column(UTCDateTime, default=utcnow)


class Theme(db.Model):
    """A theme of one workshop, e.g. "Bauen & Wohnen"."""

    __tablename__ = "zukunftswerkstatt_theme"
    __table_args__ = (UniqueConstraint("event_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(THEME_MAX))
    position: Mapped[int] = mapped_column(Integer, default=0)


class Card(db.Model):
    """A card written in one phase under one theme, in the writer's language.

    ``created_by_id`` is set only when staff wrote it on someone's behalf.
    """

    __tablename__ = "zukunftswerkstatt_card"
    __table_args__ = (Index("ix_zukunftswerkstatt_card_event_phase", "event_id", "phase"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"))
    theme_id: Mapped[int] = mapped_column(ForeignKey("zukunftswerkstatt_theme.id", ondelete="CASCADE"), index=True)
    phase: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(8))
    translation: Mapped[str] = mapped_column(Text, default="")
    translation_language: Mapped[str] = mapped_column(String(8), default="")
    hidden: Mapped[bool] = mapped_column(Boolean, default=False)
    participant_id: Mapped[str | None] = mapped_column(String(PARTICIPANT_ID_MAX))
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), index=True)
    created_at = mapped_column(UTCDateTime, default=utcnow)


class Vote(db.Model):
    """One dot on a card. ``round`` is the phase of the voted cards, so each
    voting round has its own budget of dots per participant."""

    __tablename__ = "zukunftswerkstatt_vote"
    __table_args__ = (
        Index("ix_zukunftswerkstatt_vote_budget", "event_id", "round", "participant_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"))
    card_id: Mapped[int] = mapped_column(ForeignKey("zukunftswerkstatt_card.id", ondelete="CASCADE"), index=True)
    round: Mapped[str] = mapped_column(String(16))
    participant_id: Mapped[str | None] = mapped_column(String(PARTICIPANT_ID_MAX))
    created_at = mapped_column(UTCDateTime, default=utcnow)


class Measure(db.Model):
    """A measure of the action plan: what, who, by when, addressed to whom."""

    __tablename__ = "zukunftswerkstatt_measure"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    theme_id: Mapped[int | None] = mapped_column(ForeignKey("zukunftswerkstatt_theme.id", ondelete="SET NULL"))
    card_id: Mapped[int | None] = mapped_column(ForeignKey("zukunftswerkstatt_card.id", ondelete="SET NULL"))
    what: Mapped[str] = mapped_column(Text)
    who: Mapped[str] = mapped_column(String(WHO_MAX), default="")
    due_on = mapped_column(Date, nullable=True)
    addressee: Mapped[str] = mapped_column(String(16), default="municipality")
    created_at = mapped_column(UTCDateTime, default=utcnow)

    theme: Mapped[Theme | None] = relationship()
