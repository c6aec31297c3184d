"""Core models; plugins keep theirs in their own packages."""
from .audit import AuditEntry
from .events import Event, EventStatus, localized
from .experience import ExperienceReport, PeerMessage, ReportStatus
from .formats import EventTemplate, FormatSetting
from .funding import GRANTED_STATUSES, ApplicationStatus, FundingApplication, FundingProgramme
from .instance import InstanceSetting
from .jobs import JobRun
from .landscape import ACTOR_KINDS, RELATION_KINDS, ProcessActor, ProcessActorRelation, ProcessTopic
from .municipality import Municipality
from .outbox import MailState, OutboxMessage
from .people import LAND_ROLE, Invitation, Membership, RecoveryCode, Role, User
from .process import STEP_NUMBERS, Process, ProcessStep, SteeringMeeting, SteeringMember
from .recommendations import Addressee, Recommendation, RecommendationStatus, RecommendationUpdate
from .registrations import (
    ACCESSIBILITY_NEEDS,
    Consent,
    Registration,
    RegistrationSource,
    RegistrationStatus,
)
from .sign_on import MunicipalitySignOn, SignOnIdentity

__all__ = [
    "AuditEntry",
    "ACCESSIBILITY_NEEDS", "Consent", "Registration", "RegistrationSource", "RegistrationStatus",
    "Event", "EventStatus", "EventTemplate", "FormatSetting", "InstanceSetting", "Invitation", "LAND_ROLE",
    "Membership", "RecoveryCode",
    "MailState", "Municipality", "OutboxMessage", "Role", "User", "localized",
    "ApplicationStatus", "FundingApplication", "FundingProgramme", "GRANTED_STATUSES", "JobRun",
    "STEP_NUMBERS", "Process", "ProcessStep", "SteeringMeeting", "SteeringMember",
    "ACTOR_KINDS", "RELATION_KINDS", "ProcessActor", "ProcessActorRelation", "ProcessTopic",
    "ExperienceReport", "PeerMessage", "ReportStatus",
    "Addressee", "Recommendation", "RecommendationStatus", "RecommendationUpdate",
    "MunicipalitySignOn", "SignOnIdentity",
]
