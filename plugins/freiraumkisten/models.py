"""Stations of a campaign, their time windows, the feedback posts and the
moderation log.

Posts are anonymous: no account, name, address or device is stored with
them. The only link to a person is the moderator of a log entry. Posts are
never deleted by moderation; hiding one writes a log entry with the reason.
"""
from sqlalchemy import Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from dialogplatform.plugin_api import UTCDateTime, db, utcnow

CODE_LENGTH = 6
NAME_MAX = 120
TEXT_MAX = 500
TOPIC_MAX = 120
REASON_MAX = 300


class PostStatus:
    PENDING = "pending"
    APPROVED = "approved"
    HIDDEN = "hidden"


class PostSource:
    PHONE = "phone"  # sent by a passer-by through the QR code
    PAPER = "paper"  # a paper card typed in by staff at the box


class Station(db.Model):
    """A place where the box stands; ``code`` makes its short URL."""

    __tablename__ = "freiraumkisten_station"
    __table_args__ = (Index("ix_freiraumkisten_station_event_position", "event_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(16), unique=True)
    name: Mapped[str] = mapped_column(String(NAME_MAX))
    address: Mapped[str] = mapped_column(Text, default="")
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    position: Mapped[int] = mapped_column(Integer, default=0)
    created_at = mapped_column(UTCDateTime, default=utcnow)

    windows: Mapped[list["TimeWindow"]] = relationship(
        back_populates="station", order_by="TimeWindow.starts_at", cascade="all, delete-orphan"
    )

    def is_open_at(self, moment) -> bool:
        return any(window.starts_at <= moment < window.ends_at for window in self.windows)


class TimeWindow(db.Model):
    """When the box stands at a station (several per station)."""

    __tablename__ = "freiraumkisten_window"

    id: Mapped[int] = mapped_column(primary_key=True)
    station_id: Mapped[int] = mapped_column(ForeignKey("freiraumkisten_station.id", ondelete="CASCADE"), index=True)
    starts_at = mapped_column(UTCDateTime, nullable=False)
    ends_at = mapped_column(UTCDateTime, nullable=False)

    station: Mapped[Station] = relationship(back_populates="windows")

    @property
    def label(self) -> str:
        """e.g. "Samstag, 14. Juni 2025, 10:00–14:00" in the reader's language."""
        from flask_babel import format_date, format_time

        return f"{format_date(self.starts_at, 'full')}, {format_time(self.starts_at, 'short')}–" \
               f"{format_time(self.ends_at, 'short')}"


class Post(db.Model):
    """One piece of feedback: topic, mood, a short text, its language."""

    __tablename__ = "freiraumkisten_post"
    __table_args__ = (Index("ix_freiraumkisten_post_event_status", "event_id", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"))
    station_id: Mapped[int] = mapped_column(ForeignKey("freiraumkisten_station.id", ondelete="CASCADE"), index=True)
    # The topic's name when the post was sent ("" = something else), so that
    # renaming topics later does not rewrite what people chose.
    topic: Mapped[str] = mapped_column(String(TOPIC_MAX), default="")
    mood: Mapped[str] = mapped_column(String(8))
    text: Mapped[str] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(8), default="")
    source: Mapped[str] = mapped_column(String(8), default=PostSource.PHONE)
    status: Mapped[str] = mapped_column(String(12), default=PostStatus.PENDING)
    created_at = mapped_column(UTCDateTime, default=utcnow)

    station: Mapped[Station] = relationship()


class ModerationEntry(db.Model):
    """Who approved or hid a post, when and why. Kept while the post exists."""

    __tablename__ = "freiraumkisten_moderation"
    __table_args__ = (Index("ix_freiraumkisten_moderation_event_created", "event_id", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"))
    post_id: Mapped[int] = mapped_column(ForeignKey("freiraumkisten_post.id", ondelete="CASCADE"), index=True)
    action: Mapped[str] = mapped_column(String(12))  # a PostStatus: approved or hidden
    reason: Mapped[str] = mapped_column(String(REASON_MAX), default="")
    # Set to NULL when the moderator's account is erased or the event anonymised.
    moderator_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), index=True
    )
    created_at = mapped_column(UTCDateTime, default=utcnow)

    post: Mapped[Post] = relationship()
    moderator = relationship("User")
