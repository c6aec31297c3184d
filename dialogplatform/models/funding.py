"""Funding programmes (Förderprogramme) of the instance's catalogue."""
from sqlalchemy import Boolean, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db


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
