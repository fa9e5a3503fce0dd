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
from .notify import AlertDelivery, MailMessage
from .outcomes import OutcomeSettings, PsfsActivity, PsfsRating
from .programs import PositionToAvoid, Program, SkinDragStep
from .reminders import CalendarFeed, PushSubscription, ReminderDelivery, ReminderSettings
from .safety import SafetyFlag, WatchThresholds
from .sessions import DragTrial, PracticeSession
from .types import UTCDateTime, utcnow

__all__ = [
    "CLIENT", "CLIENT_INVITE", "COLLEAGUE_INVITE", "THERAPIST", "AccessLogEntry", "AlertDelivery",
    "AuthSession", "CalendarFeed", "ClientShare", "Clinic", "DragTrial", "Installation", "Invite",
    "MailMessage", "OutcomeSettings", "PasswordReset", "PositionToAvoid", "PracticeSession",
    "Program", "PsfsActivity", "PsfsRating", "PushSubscription", "ReminderDelivery",
    "ReminderSettings", "ResetRequest", "SafetyFlag", "SkinDragStep", "SymptomLog",
    "TherapistNotice", "UTCDateTime", "User", "WatchThresholds", "utcnow",
]
