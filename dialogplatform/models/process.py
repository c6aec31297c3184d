"""Dialogue processes: the three steps of the seed, their events and the
steering group (Begleitgruppe) that agrees how participation works."""
from typing import TYPE_CHECKING

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ..localtext import LocalText, pick, with_translations
from .events import localized
from .types import UTCDateTime, utcnow

if TYPE_CHECKING:
    # Only for the annotations: landscape.py's models point back here by name.
    from .landscape import ProcessActor, ProcessActorRelation, ProcessTopic

# The seed's "Erste Schritte des Kommunalen Dialogs"; events link to a step
# by its number, so the numbers are stable.
STEP_NUMBERS = (1, 2, 3)


class Process(db.Model):
    """A municipality's dialogue process: three steps that events link to."""

    __tablename__ = "process"

    id: Mapped[int] = mapped_column(primary_key=True)
    municipality_id: Mapped[int] = mapped_column(ForeignKey("municipality.id", ondelete="CASCADE"), index=True)
    # {language code: text}, like Event.title.
    title: Mapped[dict] = mapped_column(JSON, default=dict)
    description: Mapped[dict] = mapped_column(JSON, default=dict)
    current_step: Mapped[int] = mapped_column(Integer, default=1)
    # Hidden from the public (and the API) until the organiser publishes it.
    published: Mapped[bool] = mapped_column(Boolean, default=False)
    # Actor and topic map (models/landscape.py) shown publicly; organisers always see them.
    analysis_published: Mapped[bool] = mapped_column(Boolean, default=False)
    rules_of_participation: Mapped[str] = mapped_column(Text, default="")
    # The rules in the other offered languages: {language code: text}.
    rules_translations: Mapped[dict | None] = mapped_column(JSON, default=dict)
    funding_programme_id: Mapped[int | None] = mapped_column(
        ForeignKey("funding_programme.id", ondelete="SET NULL"), index=True)
    funding_amount_eur: Mapped[int | None] = mapped_column(Integer)
    documentation_due = mapped_column(Date, nullable=True)
    # The day staff submitted the documentation report as Verwendungsnachweis.
    report_submitted_on = mapped_column(Date, nullable=True)
    # The documentation report's own texts (default language), edited by
    # staff before the report goes to the council; never shown publicly.
    report_introduction: Mapped[str] = mapped_column(Text, default="", server_default="")
    report_conclusion: Mapped[str] = mapped_column(Text, default="", server_default="")
    created_at = mapped_column(UTCDateTime, default=utcnow)
    updated_at = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    municipality = relationship("Municipality")
    funding_programme = relationship("FundingProgramme")
    steps: Mapped[list["ProcessStep"]] = relationship(
        back_populates="process", cascade="all, delete-orphan", order_by="ProcessStep.number")
    members: Mapped[list["SteeringMember"]] = relationship(
        back_populates="process", cascade="all, delete-orphan", order_by="SteeringMember.name")
    meetings: Mapped[list["SteeringMeeting"]] = relationship(
        back_populates="process", cascade="all, delete-orphan",
        order_by="[SteeringMeeting.held_on, SteeringMeeting.id]")
    actors: Mapped[list["ProcessActor"]] = relationship(
        back_populates="process", cascade="all, delete-orphan", passive_deletes=True,
        order_by="[ProcessActor.kind, ProcessActor.name, ProcessActor.id]")
    actor_relations: Mapped[list["ProcessActorRelation"]] = relationship(
        back_populates="process", cascade="all, delete-orphan", passive_deletes=True,
        order_by="ProcessActorRelation.id")
    topics: Mapped[list["ProcessTopic"]] = relationship(
        back_populates="process", cascade="all, delete-orphan", passive_deletes=True,
        order_by="[ProcessTopic.name, ProcessTopic.id]")

    def title_in(self, language: str) -> str:
        return localized(self.title, language, self.municipality.default_language)

    def description_in(self, language: str) -> str:
        return localized(self.description, language, self.municipality.default_language)

    def rules_in(self, language: str) -> LocalText:
        default = self.municipality.default_language
        return pick(with_translations(self.rules_of_participation, self.rules_translations, default), language, default)

    def step(self, number: int) -> "ProcessStep | None":
        return next((step for step in self.steps if step.number == number), None)

    def __repr__(self) -> str:
        return f"<Process {self.id}>"


class ProcessStep(db.Model):
    """Dates of one of the three steps and what came out of it."""

    __tablename__ = "process_step"
    __table_args__ = (UniqueConstraint("process_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    process_id: Mapped[int] = mapped_column(ForeignKey("process.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    starts_on = mapped_column(Date, nullable=True)
    ends_on = mapped_column(Date, nullable=True)
    # What happened in this step, shown on the public timeline.
    summary: Mapped[str] = mapped_column(Text, default="")
    # The summary in the other offered languages: {language code: text}.
    summary_translations: Mapped[dict | None] = mapped_column(JSON, default=dict)
    # The report's note on this step (see Process.report_introduction).
    report_note: Mapped[str] = mapped_column(Text, default="", server_default="")

    process: Mapped[Process] = relationship(back_populates="steps")

    def summary_in(self, language: str) -> LocalText:
        default = self.process.municipality.default_language
        return pick(with_translations(self.summary, self.summary_translations, default), language, default)


class SteeringMember(db.Model):
    """A member of the steering group. Shown publicly only with consent."""

    __tablename__ = "steering_member"

    id: Mapped[int] = mapped_column(primary_key=True)
    process_id: Mapped[int] = mapped_column(ForeignKey("process.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    organisation: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[str] = mapped_column(String(120), default="")
    public_consent: Mapped[bool] = mapped_column(Boolean, default=False)

    process: Mapped[Process] = relationship(back_populates="members")


class SteeringMeeting(db.Model):
    __tablename__ = "steering_meeting"

    id: Mapped[int] = mapped_column(primary_key=True)
    process_id: Mapped[int] = mapped_column(ForeignKey("process.id", ondelete="CASCADE"), index=True)
    held_on = mapped_column(Date, nullable=False)
    minutes: Mapped[str] = mapped_column(Text, default="")
    # Minutes are for staff unless the steering group agreed to publish them.
    public: Mapped[bool] = mapped_column(Boolean, default=False)

    process: Mapped[Process] = relationship(back_populates="meetings")
