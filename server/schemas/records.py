"""What the client's phone sends: symptom logs and practice sessions (batches, idempotent)."""

from marshmallow import ValidationError, fields, validate, validates_schema

from ..domain.vocabulary import (
    ACTIVITIES,
    DIRECTIONS,
    NERVE_GROUPS,
    RED_FLAGS,
    REGIONS,
    RESPONSES,
    SENSATIONS,
    SIDES,
)
from .base import (
    BaseSchema,
    Code,
    DateOrInstant,
    Instant,
    PagedQuerySchema,
    QuerySchema,
    Strict,
    StrictBoolean,
    UniqueCodes,
)
from .plain_logs import NOTES_MAX, plainly_valid_logs

Pain = lambda **kw: Strict(validate=validate.Range(0, 10), **kw)  # noqa: E731


class SymptomLogSchema(BaseSchema):
    id = fields.UUID(required=True)
    recorded_at = Instant(required=True)
    pain = Pain(required=True)
    sensations = UniqueCodes(SENSATIONS, load_default=list)
    regions = UniqueCodes(REGIONS, load_default=list)
    aggravators = UniqueCodes(ACTIVITIES, load_default=list)
    weakness = StrictBoolean(load_default=False)
    red_flags = UniqueCodes(RED_FLAGS, load_default=list)
    notes = fields.String(load_default="", validate=validate.Length(max=NOTES_MAX))
    #: How many DN4 nerve-pain descriptors the log names (0-7).
    neuropathic_score = fields.Integer(dump_only=True)

    def load(self, data, *, many=None, partial=None, unknown=None):
        """A batch: the cheap check first (plain_logs.py), the full schema for anything
        doubtful, so errors are always the schema's."""
        if (self.many if many is None else many) and partial is None and unknown is None:
            plain = plainly_valid_logs(data)
            if plain is not None:
                return plain
        return super().load(data, many=many, partial=partial, unknown=unknown)


class DragTrialSchema(BaseSchema):
    group = Code(NERVE_GROUPS, required=True)
    side = Code(SIDES, required=True)
    direction = Code(DIRECTIONS, required=True)
    response = Code(RESPONSES, required=True)
    held_seconds = Strict(load_default=0, validate=validate.Range(0, 600))


class PracticeSessionSchema(BaseSchema):
    id = fields.UUID(required=True)
    program_version = Strict(load_default=None, allow_none=True, validate=validate.Range(min=1))
    started_at = Instant(required=True)
    ended_at = Instant(load_default=None, allow_none=True)
    pain_before = Pain(load_default=None, allow_none=True)
    pain_after = Pain(load_default=None, allow_none=True)
    drags = fields.List(fields.Nested(DragTrialSchema), load_default=list,
                        validate=validate.Length(max=200))
    stopped_early = StrictBoolean(load_default=False)

    @validates_schema
    def ends_after_start(self, data, **_kwargs):
        started, ended = data.get("started_at"), data.get("ended_at")
        if started and ended and ended < started:
            raise ValidationError("Must not be before started_at.", "ended_at")


class RefusedRecordSchema(BaseSchema):
    id = fields.UUID()
    #: 409: the id is held by a record the caller cannot reach.
    code = fields.Integer()
    message = fields.String()


class BatchReceiptSchema(BaseSchema):
    received = fields.Integer()
    created = fields.Integer()
    #: Every id of the batch stored for the caller, now or before: the outbox may forget them.
    ids = fields.List(fields.UUID())
    #: A record stored now raised a safety flag whose alert is queued for a therapist who can
    #: receive it (a subscribed device, or email for the tiers that are emailed).
    therapist_alerted = fields.Boolean()
    #: Items not stored (their id is used by someone else): the outbox keeps them.
    refused = fields.List(fields.Nested(RefusedRecordSchema))


class RangeQuerySchema(QuerySchema):
    """?from=&to=: a date (the client's whole local day) or an instant."""

    from_ = DateOrInstant(data_key="from", load_default=None)
    to = DateOrInstant(load_default=None)


class PagedRangeQuerySchema(RangeQuerySchema, PagedQuerySchema):
    """?from=&to= on a paged list, beside page and page_size."""
