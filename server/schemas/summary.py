"""The clinical summary of one client over a range (domain/clinical_summary.py)."""

from marshmallow import fields

from .base import BaseSchema, Instant
from .outcomes import BestDirectionsSchema, OutcomeSchema, PsfsSchema
from .programs import ProgramSchema
from .records import RangeQuerySchema
from .safety import PersonSchema, SafetyFlagSchema
from .trends import TrendBucketSchema


class SummaryQuerySchema(RangeQuerySchema):
    """?from=&to=: local dates or instants; without from, the whole record."""


class SummaryClientSchema(BaseSchema):
    id = fields.Integer()
    name = fields.String()
    email = fields.String()
    phone = fields.String(allow_none=True)
    timezone = fields.String()


class PainInRangeSchema(BaseSchema):
    #: Symptom logs in the range, and the mean, lowest and highest pain (0-10) of them.
    logs = fields.Integer()
    mean = fields.Float(allow_none=True)
    min = fields.Integer(allow_none=True)
    max = fields.Integer(allow_none=True)


class RangeAdherenceSchema(BaseSchema):
    sessions_done = fields.Integer()
    #: Sessions the program asked for in the range, up to now.
    sessions_planned = fields.Integer()
    #: Of those, the ones a session answered on time (domain/adherence.py).
    on_time = fields.Integer()
    #: on_time / sessions_planned, or null when none were planned.
    ratio = fields.Float(allow_none=True)


class SummarySchema(BaseSchema):
    client = fields.Nested(SummaryClientSchema)
    #: The client's main therapist; prepared_by is who asked for this summary.
    therapist = fields.Nested(PersonSchema, allow_none=True)
    prepared_by = fields.Nested(PersonSchema)
    #: The range, as local dates of the client's (inclusive).
    from_ = fields.String(data_key="from")
    to = fields.String()
    timezone = fields.String()
    printed_at = Instant()
    pain = fields.Nested(PainInRangeSchema)
    adherence = fields.Nested(RangeAdherenceSchema)
    #: The latest ISO weeks of the range (at most eight), oldest first.
    weeks = fields.List(fields.Nested(TrendBucketSchema))
    #: Mean pain at the baseline against the last 7 days, classified by the IMMPACT thresholds
    #: (as GET /api/clients/<id>/outcome); its why_not says why there is no change yet.
    pain_change = fields.Nested(OutcomeSchema)
    #: The Patient-Specific Functional Scale: activities, every rating, each activity's change.
    psfs = fields.Nested(PsfsSchema)
    #: The learned best direction per spot and side, with its evidence (every session so far).
    best_direction = fields.Nested(BestDirectionsSchema)
    #: Every flag raised in the range, oldest first, with how it was handled.
    flags = fields.List(fields.Nested(SafetyFlagSchema))
    #: The program in force (the newest version), or null when none was assigned.
    program = fields.Nested(ProgramSchema, allow_none=True)
