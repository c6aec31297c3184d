"""Personal data of the format. Posts are anonymous (no account, name,
address or device is stored), so the only personal data is the link from a
moderation log entry to the moderator's account."""
from sqlalchemy import update

from dialogplatform.plugin_api import db

from .models import ModerationEntry


def export(user) -> dict | None:
    entries = db.session.scalars(
        db.select(ModerationEntry).filter_by(moderator_id=user.id).order_by(ModerationEntry.created_at)
    ).all()
    if not entries:
        return None
    return {"moderation_log": [
        {"event_id": entry.event_id, "post_id": entry.post_id, "action": entry.action, "reason": entry.reason,
         "at": entry.created_at.isoformat()}
        for entry in entries
    ]}


def erase(user) -> None:
    """The log entries stay (moderation remains traceable), without the account link."""
    db.session.execute(update(ModerationEntry).where(ModerationEntry.moderator_id == user.id)
                       .values(moderator_id=None))


def anonymise_event(event) -> None:
    """Unlink the moderators from the event's log. Posts hold nothing personal
    and all counts stay as they are; running it again changes nothing."""
    db.session.execute(update(ModerationEntry).where(ModerationEntry.event_id == event.id,
                                                     ModerationEntry.moderator_id.is_not(None))
                       .values(moderator_id=None))
