"""Core models; plugins keep theirs in their own packages."""
from .events import Event, EventStatus, localized
from .formats import FormatSetting
from .municipality import Municipality
from .outbox import OutboxMessage
from .people import Invitation, Membership, Role, User
from .registrations import (
    ACCESSIBILITY_NEEDS, Consent, Registration, RegistrationSource, RegistrationStatus,
)

__all__ = [
    "ACCESSIBILITY_NEEDS", "Consent", "Registration", "RegistrationSource", "RegistrationStatus",
    "Event", "EventStatus", "FormatSetting", "Invitation", "Membership",
    "Municipality", "OutboxMessage", "Role", "User", "localized",
]
