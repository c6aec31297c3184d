"""Recording administrative actions (no personal data of participants)."""
from flask_login import current_user

from ..extensions import db
from ..models import AuditEntry


def record(action: str, municipality=None, target=None, **details) -> None:
    """Add an entry to the session; the caller's commit stores it with the change."""
    actor = current_user if current_user and current_user.is_authenticated else None
    db.session.add(AuditEntry(
        municipality_id=municipality.id if municipality is not None else None,
        actor_id=actor.id if actor else None, action=action,
        target_type=type(target).__name__.lower() if target is not None else "",
        target_id=getattr(target, "id", None), details=details,
    ))
