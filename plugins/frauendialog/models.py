"""Anonymous contributions and the moderators an organiser designates.

Tables are prefixed ``frauendialog_``. A contribution has no link to an
account, a registration, an address or a time: nothing in the row can lead
back to the woman who gave it.
"""
from sqlalchemy import Boolean, ForeignKey, Index, String, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from dialogplatform.plugin_api import UTCDateTime, db, utcnow

TOPIC_MAX = 120
TEXT_MAX = 1000
KINDS = ("issue", "wish", "concern")
SOURCES = ("online", "live")  # sent on the event page / entered by a moderator during the dialogue


class Contribution(db.Model):
    """A topic, wish or concern: a kind, a topic of the event and a text."""

    __tablename__ = "frauendialog_contribution"
    # Serves the evaluation's GROUP BY (topic, kind) for one event.
    __table_args__ = (Index("ix_frauendialog_contribution_event_topic_kind", "event_id", "topic", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16))
    # One of the event's topics, or "" for "another topic".
    topic: Mapped[str] = mapped_column(String(TOPIC_MAX), default="")
    text: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(16), default="online")
    # Hidden by a moderator: still counted, the text is shown to nobody.
    hidden: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class Designation(db.Model):
    """A moderator of the municipality who may see the participant list of
    one women's dialogue (the organisers always may)."""

    __tablename__ = "frauendialog_designation"
    __table_args__ = (UniqueConstraint("event_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"), index=True)
    created_at = mapped_column(UTCDateTime, default=utcnow)

    user = relationship("User")
    event = relationship("Event")
