"""Every model, imported so Alembic and the app see one complete metadata."""

from .accounts import CLIENT, THERAPIST, AuthSession, Invite, User
from .logs import SymptomLog
from .programs import PositionToAvoid, Program, SkinDragStep
from .reminders import CalendarFeed, PushSubscription, ReminderDelivery, ReminderSettings
from .safety import SafetyFlag
from .sessions import DragTrial, PracticeSession
from .types import UTCDateTime, utcnow

__all__ = [
    "CLIENT", "THERAPIST", "AuthSession", "CalendarFeed", "DragTrial", "Invite",
    "PositionToAvoid", "PracticeSession", "Program", "PushSubscription", "ReminderDelivery",
    "ReminderSettings", "SafetyFlag", "SkinDragStep", "SymptomLog", "UTCDateTime", "User",
    "utcnow",
]
