"""Every model, imported so Alembic and the app see one complete metadata."""

from .accounts import CLIENT, THERAPIST, AuthSession, Invite, User
from .logs import SymptomLog
from .notify import AlertDelivery, MailMessage
from .programs import PositionToAvoid, Program, SkinDragStep
from .reminders import CalendarFeed, PushSubscription, ReminderDelivery, ReminderSettings
from .safety import SafetyFlag, WatchThresholds
from .sessions import DragTrial, PracticeSession
from .types import UTCDateTime, utcnow

__all__ = [
    "CLIENT", "THERAPIST", "AlertDelivery", "AuthSession", "CalendarFeed", "DragTrial", "Invite",
    "MailMessage", "PositionToAvoid", "PracticeSession", "Program", "PushSubscription",
    "ReminderDelivery", "ReminderSettings", "SafetyFlag", "SkinDragStep", "SymptomLog",
    "UTCDateTime", "User", "WatchThresholds", "utcnow",
]
