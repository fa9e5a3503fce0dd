"""The therapist's views of clients: caseload rows and one client."""

from marshmallow import fields

from .base import BaseSchema, Instant
from .outcomes import OutcomeSchema
from .safety import PauseSchema


class AdherenceSchema(BaseSchema):
    done = fields.Integer()
    planned = fields.Integer()
    #: done / planned over the last 7 days, null when nothing was planned.
    ratio = fields.Float(allow_none=True)
    #: Planned sessions answered by a session within the on-time window (domain/adherence.py).
    on_time = fields.Integer()
    #: Session reminders the ledger says reached a device in those 7 days.
    reminders_sent = fields.Integer()


class CaseloadRowSchema(BaseSchema):
    id = fields.Integer()
    name = fields.String()
    email = fields.String()
    timezone = fields.String()
    created_at = Instant()
    last_log_at = Instant(allow_none=True)
    #: No log for NOT_LOGGING_DAYS days, or none since joining that long ago
    #: (domain/caseload.py): a reason for attention.
    not_logging = fields.Boolean()
    #: The mean pain of every log in the client's last 7 local days, today included
    #: (domain/pain_mean.py).
    pain_mean_7d = fields.Float(allow_none=True)
    #: 7-day mean minus the mean of the 7 local days before; positive means worse.
    pain_change_7d = fields.Float(allow_none=True)
    #: That change classified (domain/pain_change.py): meaningful at 30 % or 2 points, else
    #: no-clear-change, which is never shown as better or worse; null without both weeks.
    pain_change_7d_category = fields.String(allow_none=True)
    adherence = fields.Nested(AdherenceSchema)
    open_flags = fields.Integer()
    #: The most urgent open flag's tier, or null.
    top_urgency = fields.String(allow_none=True)
    #: Pain of the latest logs, oldest first, for a sparkline.
    recent_pain = fields.List(fields.Integer())
    program_version = fields.Integer(allow_none=True)
    #: Self-massage paused by an open emergency or same-day flag, or null.
    paused = fields.Nested(PauseSchema, allow_none=True)
    #: The client's own number for emergencies, or null.
    phone = fields.String(allow_none=True)
    #: active; discharged (archived: no reminders, record kept); closed (the client closed the
    #: account: the record is kept read-only until erase_after, then erased).
    status = fields.String()
    discharged_at = Instant(allow_none=True)
    closed_at = Instant(allow_none=True)
    erase_after = Instant(allow_none=True)
    #: A colleague's client shared with you, rather than your own.
    shared_with_me = fields.Boolean()
    #: Mean pain now against the client's baseline, classified (IMMPACT; domain/pain_change.py);
    #: only a meaningful category is ever shown as better or worse.
    outcome = fields.Nested(OutcomeSchema)


class ClientDetailSchema(CaseloadRowSchema):
    pass
