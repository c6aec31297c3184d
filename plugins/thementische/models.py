"""Tables, guiding questions, statements and seat assignments of an event.

Tables are prefixed ``thementische_``. Statements carry no account: the
moderator types what participants say; the only personal data is the
optional contact person of a project idea (a typed name, cleared by the
retention job) and the moderator assignment of a table.
"""
from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from dialogplatform.plugin_api import UTCDateTime, db, utcnow

THEME_MAX = 120
QUESTION_MAX = 200
STATEMENT_MAX = 500
CONTACT_MAX = 120

IDEA_STATUSES = ("open", "in_progress", "done")


class ThemeTable(db.Model):
    """One theme table: its theme, moderator, language and number of seats."""

    __tablename__ = "thementische_table"
    __table_args__ = (UniqueConstraint("event_id", "theme", name="uq_thementische_table_event_theme"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"))
    theme: Mapped[str] = mapped_column(String(THEME_MAX))
    moderator_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), index=True)
    # Language spoken or interpreted at the table ("" = the event's language).
    language: Mapped[str] = mapped_column(String(8), default="")
    seats: Mapped[int] = mapped_column(Integer, default=30)
    position: Mapped[int] = mapped_column(Integer, default=0)

    moderator = relationship("User")


class GuidingQuestion(db.Model):
    """A guiding question asked at every table of the event."""

    __tablename__ = "thementische_question"
    __table_args__ = (Index("ix_thementische_question_event", "event_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"))
    text: Mapped[str] = mapped_column(String(QUESTION_MAX))
    position: Mapped[int] = mapped_column(Integer, default=0)


class Statement(db.Model):
    """What was said at a table to a question; some are project ideas.

    ``status`` and ``follow_up_event_id`` only matter for project ideas.
    """

    __tablename__ = "thementische_statement"
    __table_args__ = (
        Index("ix_thementische_statement_event_table_question", "event_id", "table_id", "question_id"),
        Index("ix_thementische_statement_event_idea", "event_id", "is_idea"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"))
    table_id: Mapped[int] = mapped_column(ForeignKey("thementische_table.id", ondelete="CASCADE"))
    question_id: Mapped[int] = mapped_column(ForeignKey("thementische_question.id", ondelete="CASCADE"))
    text: Mapped[str] = mapped_column(String(STATEMENT_MAX))
    is_idea: Mapped[bool] = mapped_column(Boolean, default=False)
    contact_name: Mapped[str] = mapped_column(String(CONTACT_MAX), default="")
    status: Mapped[str] = mapped_column(String(16), default="open")
    follow_up_event_id: Mapped[int | None] = mapped_column(
        ForeignKey("event.id", ondelete="SET NULL"), index=True)
    created_at = mapped_column(UTCDateTime, default=utcnow)

    table: Mapped[ThemeTable] = relationship()
    question: Mapped[GuidingQuestion] = relationship()


class Assignment(db.Model):
    """Where a confirmed registration sits in one round."""

    __tablename__ = "thementische_assignment"
    __table_args__ = (
        UniqueConstraint("registration_id", "round", name="uq_thementische_assignment_registration_round"),
        Index("ix_thementische_assignment_event_round", "event_id", "round"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"))
    registration_id: Mapped[int] = mapped_column(ForeignKey("registration.id", ondelete="CASCADE"))
    round: Mapped[int] = mapped_column(Integer, default=1)
    table_id: Mapped[int] = mapped_column(ForeignKey("thementische_table.id", ondelete="CASCADE"), index=True)
