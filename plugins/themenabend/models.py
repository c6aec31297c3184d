"""Themes of an evening and the questions residents sent in.

Tables are prefixed ``themenabend_`` so they never clash with the core or
other formats. Questions are hidden, never deleted, so moderation stays
traceable.
"""
from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column

from dialogplatform.plugin_api import UTCDateTime, db, utcnow

QUESTION_MAX = 1000
NAME_MAX = 80
ANSWER_MAX = 4000
THEME_MAX = 120
BODY_MAX = 120


class Theme(db.Model):
    """A theme of one evening, e.g. "Wohnungseinbrüche"; questions are grouped by it."""

    __tablename__ = "themenabend_theme"
    # The unique constraint's index also serves "themes of this event".
    __table_args__ = (UniqueConstraint("event_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(THEME_MAX))
    position: Mapped[int] = mapped_column(Integer, default=0)
    created_at = mapped_column(UTCDateTime, default=utcnow)


class Question(db.Model):
    """A question or concern sent in before the evening.

    ``author_name`` is optional and only ever shown to organisers; the
    public sees text, theme and answer.
    """

    __tablename__ = "themenabend_question"
    __table_args__ = (Index("ix_themenabend_question_event_hidden", "event_id", "hidden"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"))
    theme_id: Mapped[int | None] = mapped_column(
        ForeignKey("themenabend_theme.id", ondelete="SET NULL"), index=True
    )
    text: Mapped[str] = mapped_column(Text)
    author_name: Mapped[str] = mapped_column(String(NAME_MAX), default="")
    # Interface language it was written in, so organisers can plan interpreting.
    language: Mapped[str] = mapped_column(String(8), default="")
    hidden: Mapped[bool] = mapped_column(Boolean, default=False)
    # Sent while the evening reviews questions first: hidden until a
    # moderator approves (or hides) it.
    awaiting_review: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    answer: Mapped[str] = mapped_column(Text, default="")
    answered_by: Mapped[str] = mapped_column(String(BODY_MAX), default="")
    answered_at = mapped_column(UTCDateTime, nullable=True)
    created_at = mapped_column(UTCDateTime, default=utcnow)

    @property
    def is_answered(self) -> bool:
        return self.answered_at is not None
