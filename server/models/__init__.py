"""Every model, imported so Alembic and the app see one complete metadata."""

from .access_log import AccessLogEntry
from .accounts import (
    CLIENT,
    CLIENT_INVITE,
    COLLEAGUE_INVITE,
    THERAPIST,
    AuthSession,
    ClientShare,
    Clinic,
    Installation,
    Invite,
    PasswordReset,
    ResetRequest,
    TherapistNotice,
    User,
)
from .logs import SymptomLog
from .programs import PositionToAvoid, Program, SkinDragStep
from .reminders import CalendarFeed, PushSubscription, ReminderDelivery, ReminderSettings
from .safety import SafetyFlag
from .sessions import DragTrial, PracticeSession
from .types import UTCDateTime, utcnow

__all__ = [
    "CLIENT", "CLIENT_INVITE", "COLLEAGUE_INVITE", "THERAPIST", "AccessLogEntry", "AuthSession",
    "CalendarFeed", "ClientShare", "Clinic", "DragTrial", "Installation", "Invite",
    "PasswordReset", "PositionToAvoid", "PracticeSession", "Program", "PushSubscription",
    "ReminderDelivery", "ReminderSettings", "ResetRequest", "SafetyFlag", "SkinDragStep",
    "SymptomLog",
    "TherapistNotice", "UTCDateTime", "User", "utcnow",
]
