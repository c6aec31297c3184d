"""Personal data of the format: who typed an entry (an account) and the
contact person of a site.

Entries hold no names; their link to the moderator's account is the only
personal datum about accounts. Site contacts are not accounts and belong to
long-lived sites, so retention leaves them alone; organisers edit them.
"""
from dialogplatform.plugin_api import db

from .models import Entry


def export(user) -> dict | None:
    entries = db.session.scalars(
        db.select(Entry).filter_by(created_by_id=user.id).order_by(Entry.created_at, Entry.id)).all()
    if not entries:
        return None
    return {"entries_recorded": [
        {"event_id": entry.event_id, "kind": entry.kind, "topic": entry.topic, "text": entry.text,
         "created_at": entry.created_at.isoformat() if entry.created_at else None}
        for entry in entries
    ]}


def erase(user) -> None:
    """Keep the entries (they are the meeting's results), forget who typed them."""
    db.session.execute(db.update(Entry).where(Entry.created_by_id == user.id).values(created_by_id=None))


def anonymise(event) -> None:
    db.session.execute(db.update(Entry).where(Entry.event_id == event.id).values(created_by_id=None))
