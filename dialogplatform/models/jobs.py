"""The last run of each periodic job (cron), for ``dialogplatform doctor``."""
from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from .types import UTCDateTime


class JobRun(db.Model):
    """One row per job, overwritten by each run: when it started and
    finished, and whether it went through (else the error's type and text)."""

    __tablename__ = "job_run"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    started_at = mapped_column(UTCDateTime, nullable=False)
    finished_at = mapped_column(UTCDateTime, nullable=False)
    ok: Mapped[bool]
    error: Mapped[str] = mapped_column(String(300), default="")
