"""The reminder mail the day before an event."""
from datetime import timedelta

from ..extensions import db
from ..models import Event, EventStatus, Registration, RegistrationStatus
from ..models.types import utcnow
from . import outbox, signups

WINDOW = timedelta(hours=36)


def queue_reminders(now=None) -> int:
    """Remind everyone confirmed for a published event starting within the
    next 36 hours who has not been reminded yet. Each reminder is marked in
    the same transaction as its mail, so a second run sends nothing."""
    now = now or utcnow()
    query = db.select(Registration).join(Event).where(
        Event.status == EventStatus.PUBLISHED, Event.starts_at > now, Event.starts_at <= now + WINDOW,
        Registration.status == RegistrationStatus.CONFIRMED, Registration.reminded_at.is_(None),
        Registration.email.is_not(None),
    )
    if db.engine.dialect.name == "postgresql":
        # Two cron runs at once: each reminder is taken by one of them.
        query = query.with_for_update(skip_locked=True, of=Registration)
    due = db.session.scalars(query).all()
    for registration in due:
        registration.reminded_at = now
        outbox.queue(registration.email, "reminder", registration.language, event=registration.event,
                     registration=registration, link=signups.manage_url(registration))
    db.session.commit()
    return len(due)
