"""Series, stages, sites, meetings and the concerns and wishes recorded there.

Tables are prefixed ``dezentrale_dialoge_``. A meeting is a core event; its
row here only links the event to a series, a stage and a site. Sites belong
to the municipality (they outlive a series); their contact person is
personal data that only staff see. The address of an accommodation is
private: the public sees its district (``Event.address_private``).
"""
from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from dialogplatform.plugin_api import UTCDateTime, db, utcnow

NAME_MAX = 200
STAGE_MAX = 120
TOPIC_MAX = 120
ENTRY_MAX = 500
CONTACT_MAX = 120
DISTRICT_MAX = 120
ACCOMMODATION = "accommodation"
PHONE_MAX = 40

CONCERN = "concern"
WISH = "wish"
KINDS = (CONCERN, WISH)


class Series(db.Model):
    """A dialogue series of one municipality; public once ``published``."""

    __tablename__ = "dezentrale_dialoge_series"

    id: Mapped[int] = mapped_column(primary_key=True)
    municipality_id: Mapped[int] = mapped_column(ForeignKey("municipality.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(NAME_MAX))
    description: Mapped[str] = mapped_column(Text, default="")
    # The topics a moderator picks from, in order; free topics are allowed too.
    topics: Mapped[list] = mapped_column(JSON, default=list)
    published: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at = mapped_column(UTCDateTime, default=utcnow)

    stages: Mapped[list["Stage"]] = relationship(
        order_by="(Stage.position, Stage.id)", back_populates="series", cascade="all, delete-orphan")


class Stage(db.Model):
    """A stage of a series, e.g. "1. Unterkünfte"; ``position`` orders them."""

    __tablename__ = "dezentrale_dialoge_stage"
    __table_args__ = (UniqueConstraint("series_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    series_id: Mapped[int] = mapped_column(ForeignKey("dezentrale_dialoge_series.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(STAGE_MAX))
    position: Mapped[int] = mapped_column(Integer, default=0)

    series: Mapped[Series] = relationship(back_populates="stages")


class Site(db.Model):
    """A place where meetings happen (an accommodation, a house, a meeting point)."""

    __tablename__ = "dezentrale_dialoge_site"
    __table_args__ = (UniqueConstraint("municipality_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    municipality_id: Mapped[int] = mapped_column(ForeignKey("municipality.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(NAME_MAX))
    kind: Mapped[str] = mapped_column(String(32), default="other")
    address: Mapped[str] = mapped_column(Text, default="")
    # Public: what everyone sees instead of a private address.
    district: Mapped[str] = mapped_column(String(DISTRICT_MAX), default="")
    # The contact person on site: personal data, shown to staff only.
    contact_name: Mapped[str] = mapped_column(String(CONTACT_MAX), default="")
    contact_phone: Mapped[str] = mapped_column(String(PHONE_MAX), default="")

    @property
    def address_private(self) -> bool:
        """Where refugees live is shown to staff and confirmed participants only."""
        return self.kind == ACCOMMODATION


class Meeting(db.Model):
    """Links a core event to its series, stage and site; counts walk-ins."""

    __tablename__ = "dezentrale_dialoge_meeting"

    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), primary_key=True)
    series_id: Mapped[int] = mapped_column(
        ForeignKey("dezentrale_dialoge_series.id", ondelete="CASCADE"), index=True)
    stage_id: Mapped[int] = mapped_column(ForeignKey("dezentrale_dialoge_stage.id"), index=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("dezentrale_dialoge_site.id"), index=True)
    # People who came without signing up, counted by the moderator.
    walk_ins: Mapped[int] = mapped_column(Integer, default=0)

    event = relationship("Event")
    series: Mapped[Series] = relationship()
    stage: Mapped[Stage] = relationship()
    site: Mapped[Site] = relationship()


class Entry(db.Model):
    """A concern or wish recorded by the moderator; never carries a name.

    ``created_by_id`` is who typed it (for the DSGVO export), nulled when
    that account is deleted or the event's data is anonymised.
    """

    __tablename__ = "dezentrale_dialoge_entry"
    __table_args__ = (Index("ix_dezentrale_dialoge_entry_event_topic", "event_id", "topic"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16))
    topic: Mapped[str] = mapped_column(String(TOPIC_MAX))
    text: Mapped[str] = mapped_column(String(ENTRY_MAX))
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), index=True)
    created_at = mapped_column(UTCDateTime, default=utcnow)
