"""Settings of the whole instance that its admin changes in /admin/ (the
ones an operator sets before start-up live in the configuration)."""
from sqlalchemy import JSON, String
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db


class InstanceSetting(db.Model):
    """One named setting; ``value`` is JSON (a flag, a number, a list)."""

    __tablename__ = "instance_setting"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[object] = mapped_column(JSON)
