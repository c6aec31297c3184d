"""Core models; plugins keep theirs in their own packages."""
from .audit import AuditEntry
from .events import Event, EventStatus, localized
from .formats import EventTemplate, FormatSetting
from .funding import FundingProgramme
from .landscape import ACTOR_KINDS, RELATION_KINDS, ProcessActor, ProcessActorRelation, ProcessTopic
from .municipality import Municipality
from .outbox import MailState, OutboxMessage
from .people import LAND_ROLE, Invitation, Membership, Role, User
from .process import STEP_NUMBERS, Process, ProcessStep, SteeringMeeting, SteeringMember
from .recommendations import Addressee, Recommendation, RecommendationStatus, RecommendationUpdate
from .registrations import (
    ACCESSIBILITY_NEEDS,
    Consent,
    Registration,
    RegistrationSource,
    RegistrationStatus,
)

__all__ = [
    "AuditEntry",
    "ACCESSIBILITY_NEEDS", "Consent", "Registration", "RegistrationSource", "RegistrationStatus",
    "Event", "EventStatus", "EventTemplate", "FormatSetting", "Invitation", "LAND_ROLE", "Membership",
    "MailState", "Municipality", "OutboxMessage", "Role", "User", "localized",
    "FundingProgramme", "STEP_NUMBERS", "Process", "ProcessStep", "SteeringMeeting", "SteeringMember",
    "ACTOR_KINDS", "RELATION_KINDS", "ProcessActor", "ProcessActorRelation", "ProcessTopic",
    "Addressee", "Recommendation", "RecommendationStatus", "RecommendationUpdate",
]
