"""The periodic jobs (cron) record each run, so that ``dialogplatform
doctor`` can tell a job that stopped running from one that runs."""
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy.dialects import postgresql, sqlite

from ..extensions import db
from ..models import JobRun
from ..models.types import utcnow


@dataclass(frozen=True)
class Job:
    name: str
    #: A run older than this is overdue (a warning) ...
    warn_after: timedelta
    #: ... and older than this, the job has stopped (a failure).
    fail_after: timedelta


# As docs/production.md schedules them, with room for a slow or skipped run.
JOBS = (
    Job("send-mail", timedelta(minutes=10), timedelta(hours=1)),
    Job("expire-holds", timedelta(minutes=30), timedelta(hours=3)),
    Job("send-reminders", timedelta(hours=3), timedelta(days=1)),
    Job("anonymise", timedelta(hours=36), timedelta(days=3)),
    Job("backup", timedelta(hours=36), timedelta(days=3)),
)


@contextmanager
def recorded(name: str):
    """Run the block as job ``name`` and store when it ran and how it ended
    (an exception is stored by type and first line, then raised again)."""
    started = utcnow()
    try:
        yield
    except Exception as error:
        db.session.rollback()
        _store(name, started, f"{type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''}")
        raise
    _store(name, started, "")


def _store(name: str, started, error: str) -> None:
    """One upsert: two servers finishing the job's first run at once would
    both insert its row, and the second would fail."""
    values = {"started_at": started, "finished_at": utcnow(), "ok": not error, "error": error[:300]}
    insert = (postgresql if db.engine.dialect.name == "postgresql" else sqlite).insert
    db.session.execute(insert(JobRun).values(name=name, **values)
                       .on_conflict_do_update(index_elements=[JobRun.name], set_=values))
    db.session.commit()


def last_runs() -> dict[str, JobRun]:
    return {run.name: run for run in db.session.scalars(db.select(JobRun))}
