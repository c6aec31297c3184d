"""Actor map and topic map of a dialogue process (Umfeldanalyse): who is
involved locally, how they relate, which topics concern the place and what
can still be decided there. The organiser publishes them with the
process's ``analysis_published``; an actor's contact is for staff only."""
from sqlalchemy import Column, ForeignKey, Integer, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .types import UTCDateTime, utcnow

ACTOR_KINDS = ("administration", "volunteers", "churches", "clubs", "accommodations", "police", "schools",
               "employers", "other")
RELATION_KINDS = ("cooperates", "informs", "funds", "supports", "other")

process_topic_actor = Table(
    "process_topic_actor", db.metadata,
    Column("topic_id", Integer, ForeignKey("process_topic.id", ondelete="CASCADE"), primary_key=True),
    Column("actor_id", Integer, ForeignKey("process_actor.id", ondelete="CASCADE"), primary_key=True,
           index=True),
)


class ProcessActor(db.Model):
    __tablename__ = "process_actor"

    id: Mapped[int] = mapped_column(primary_key=True)
    process_id: Mapped[int] = mapped_column(ForeignKey("process.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(200))
    # Person, phone or e-mail to reach the actor: never shown publicly.
    contact: Mapped[str] = mapped_column(String(300), default="")
    created_at = mapped_column(UTCDateTime, default=utcnow)

    process = relationship("Process", back_populates="actors")

    def __repr__(self) -> str:
        return f"<ProcessActor {self.id}>"


class ProcessActorRelation(db.Model):
    """A directed relation: ``source`` cooperates with / informs / funds … ``target``."""

    __tablename__ = "process_actor_relation"
    __table_args__ = (UniqueConstraint("source_id", "target_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    process_id: Mapped[int] = mapped_column(ForeignKey("process.id", ondelete="CASCADE"), index=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("process_actor.id", ondelete="CASCADE"), index=True)
    target_id: Mapped[int] = mapped_column(ForeignKey("process_actor.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(32))

    process = relationship("Process", back_populates="actor_relations")
    source: Mapped[ProcessActor] = relationship(foreign_keys=[source_id])
    target: Mapped[ProcessActor] = relationship(foreign_keys=[target_id])


class ProcessTopic(db.Model):
    __tablename__ = "process_topic"

    id: Mapped[int] = mapped_column(primary_key=True)
    process_id: Mapped[int] = mapped_column(ForeignKey("process.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    concerns: Mapped[str] = mapped_column(Text, default="")
    # Handlungsoptionen: what can still be decided locally.
    options: Mapped[str] = mapped_column(Text, default="")
    created_at = mapped_column(UTCDateTime, default=utcnow)

    process = relationship("Process", back_populates="topics")
    actors: Mapped[list[ProcessActor]] = relationship(secondary=process_topic_actor, order_by="ProcessActor.name")
