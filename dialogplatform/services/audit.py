"""Recording administrative actions (no personal data of participants).

Targets are named by type and id; details hold only numbers and names of
settings (a role, a format key). Anything else (an address, a name, free
text) is refused, so that no caller can put personal data into the log,
which is kept longer than the data it is about.
"""
import re

from flask_login import current_user

from ..extensions import db
from ..models import AuditEntry

_SETTING_NAME = re.compile(r"[a-z0-9_.-]{0,64}")


def _checked(details: dict) -> dict:
    for key, value in details.items():
        if not (value is None or isinstance(value, (bool, int))
                or (isinstance(value, str) and _SETTING_NAME.fullmatch(value))):
            raise ValueError(f"audit detail {key!r} may hold only numbers and setting names")
    return details


def record(action: str, municipality=None, target=None, **details) -> None:
    """Add an entry to the session; the caller's commit stores it with the change."""
    actor = current_user if current_user and current_user.is_authenticated else None
    db.session.add(AuditEntry(
        municipality_id=municipality.id if municipality is not None else None,
        actor_id=actor.id if actor else None, action=action,
        target_type=type(target).__name__.lower() if target is not None else "",
        target_id=getattr(target, "id", None), details=_checked(details),
    ))
