"""Which formats (plugins) a municipality has enabled, with their settings."""
from sqlalchemy import JSON, Boolean, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db


class FormatSetting(db.Model):
    __tablename__ = "format_setting"
    __table_args__ = (UniqueConstraint("municipality_id", "format_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    municipality_id: Mapped[int] = mapped_column(ForeignKey("municipality.id", ondelete="CASCADE"))
    format_key: Mapped[str] = mapped_column(String(64))
    enabled: Mapped[bool] = mapped_column(Boolean, default=False)
    settings: Mapped[dict] = mapped_column(JSON, default=dict)


class EventTemplate(db.Model):
    """A municipality's named starting point for new events of a format:
    the event form's values without dates (texts, place, settings)."""

    __tablename__ = "event_template"

    id: Mapped[int] = mapped_column(primary_key=True)
    municipality_id: Mapped[int] = mapped_column(ForeignKey("municipality.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    format_key: Mapped[str] = mapped_column(String(64))
    data: Mapped[dict] = mapped_column(JSON, default=dict)
    municipality = relationship("Municipality")
