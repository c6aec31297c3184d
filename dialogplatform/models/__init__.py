"""Core models; plugins keep theirs in their own packages."""
from .events import Event, EventStatus, localized
from .formats import FormatSetting
from .municipality import Municipality
from .outbox import OutboxMessage
from .people import Invitation, Membership, Role, User

__all__ = [
    "Event", "EventStatus", "FormatSetting", "Invitation", "Membership",
    "Municipality", "OutboxMessage", "Role", "User", "localized",
]
