"""Funding programmes (Förderprogramme) of the instance's catalogue and the
municipalities' applications to them."""
from enum import StrEnum

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .types import UTCDateTime, utcnow


class FundingProgramme(db.Model):
    __tablename__ = "funding_programme"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Stable key of the pre-filled programmes, so filling is idempotent;
    # None for programmes the instance admin adds.
    key: Mapped[str | None] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    provider: Mapped[str] = mapped_column(String(200), default="")
    min_amount_eur: Mapped[int | None] = mapped_column(Integer)
    max_amount_eur: Mapped[int | None] = mapped_column(Integer)
    description: Mapped[str] = mapped_column(Text, default="")
    url: Mapped[str] = mapped_column(String(500), default="")
    # Retired programmes stay on the processes they funded but are not offered.
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    def __repr__(self) -> str:
        return f"<FundingProgramme {self.name}>"


class ApplicationStatus(StrEnum):
    """From the plan to the documentation report (Verwendungsnachweis)."""

    PLANNED = "planned"
    SUBMITTED = "submitted"
    GRANTED = "granted"
    DECLINED = "declined"
    DOCUMENTED = "documentation_submitted"


# The statuses in which money was granted (the report's cover names them).
GRANTED_STATUSES = (ApplicationStatus.GRANTED, ApplicationStatus.DOCUMENTED)


class FundingApplication(db.Model):
    """A municipality's application to a programme of the catalogue, for
    its staff and (without notes and contact) the Land role."""

    __tablename__ = "funding_application"

    id: Mapped[int] = mapped_column(primary_key=True)
    municipality_id: Mapped[int] = mapped_column(ForeignKey("municipality.id", ondelete="CASCADE"), index=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("funding_programme.id"), index=True)
    process_id: Mapped[int | None] = mapped_column(ForeignKey("process.id", ondelete="SET NULL"), index=True)
    status: Mapped[str] = mapped_column(String(32), default=ApplicationStatus.PLANNED)
    amount_requested_eur: Mapped[int | None] = mapped_column(Integer)
    amount_granted_eur: Mapped[int | None] = mapped_column(Integer)
    applied_on = mapped_column(Date, nullable=True)
    decided_on = mapped_column(Date, nullable=True)
    documentation_due = mapped_column(Date, nullable=True)
    documentation_submitted_on = mapped_column(Date, nullable=True)
    # Who handles it at the LpB (a body or a name): for the municipality's staff only.
    lpb_contact: Mapped[str] = mapped_column(String(200), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at = mapped_column(UTCDateTime, default=utcnow)
    updated_at = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    municipality = relationship("Municipality")
    programme: Mapped[FundingProgramme] = relationship()
    process = relationship("Process")

    @property
    def granted(self) -> bool:
        return self.status in GRANTED_STATUSES

    def __repr__(self) -> str:
        return f"<FundingApplication {self.id} {self.status}>"
