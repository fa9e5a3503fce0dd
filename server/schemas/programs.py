"""The home program: skin-drag steps, positions to avoid, schedule and movement breaks."""

from marshmallow import ValidationError, fields, validate, validates_schema

from ..domain.guided_trial import (
    HOLD_SECONDS_DEFAULT,
    HOLD_SECONDS_MAX,
    HOLD_SECONDS_MIN,
    REPETITIONS_MAX,
    REPETITIONS_MIN,
)
from ..domain.vocabulary import ACTIVITIES, CONTACTS, DIRECTIONS, NERVE_GROUPS, SIDES, WEEKDAYS
from .base import BaseSchema, Code, Instant, LocalTime, Strict, UniqueCodes
from .outcomes import LeadSchema
from .safety import PauseSchema

Notes = lambda **kw: fields.String(validate=validate.Length(max=2000), **kw)  # noqa: E731


class SkinDragStepSchema(BaseSchema):
    group = Code(NERVE_GROUPS, required=True)
    side = Code(SIDES, required=True)
    landmark = fields.String(required=True, validate=validate.Length(min=1, max=200))
    directions = UniqueCodes(DIRECTIONS, required=True, min_items=1)
    contact = fields.String(required=True, validate=validate.OneOf(
        CONTACTS, error="Broad contact only: palm or forearm, never a thumb, finger or elbow."))
    #: How long the most-relief direction is held: "a few seconds" (domain.md). Versions saved
    #: under the old bound (up to 60) are sent as they were stored; a new version is held to this.
    hold_seconds = Strict(load_default=HOLD_SECONDS_DEFAULT,
                          validate=validate.Range(HOLD_SECONDS_MIN, HOLD_SECONDS_MAX))
    #: How many times that hold is repeated (the trial is not).
    repetitions = Strict(required=True, validate=validate.Range(REPETITIONS_MIN, REPETITIONS_MAX))
    notes = Notes(load_default="")


class PositionToAvoidSchema(BaseSchema):
    activity = Code(ACTIVITIES, required=True)
    max_minutes = Strict(load_default=None, allow_none=True, validate=validate.Range(1, 480))
    note = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=500))


class ScheduleSchema(BaseSchema):
    times = fields.List(LocalTime(), required=True, validate=validate.Length(max=12))
    days = UniqueCodes(WEEKDAYS, required=True)

    @validates_schema
    def times_distinct(self, data, **_kwargs):
        times = data.get("times", [])
        if len(set(times)) != len(times):
            raise ValidationError("Each time may appear only once.", "times")


class MovementBreaksSchema(BaseSchema):
    every_minutes = Strict(required=True, validate=validate.Range(10, 240))
    from_ = LocalTime(required=True, data_key="from", attribute="from")
    to = LocalTime(required=True)

    @validates_schema
    def window_is_forward(self, data, **_kwargs):
        if data.get("from") and data.get("to") and data["from"] >= data["to"]:
            raise ValidationError("Must be later than 'from' on the same day.", "to")


class ProgramSchema(BaseSchema):
    version = fields.Integer(dump_only=True)
    created_at = Instant(dump_only=True)
    steps = fields.List(fields.Nested(SkinDragStepSchema), required=True,
                        validate=validate.Length(max=20))
    avoid = fields.List(fields.Nested(PositionToAvoidSchema), load_default=list,
                        validate=validate.Length(max=len(ACTIVITIES)))
    schedule = fields.Nested(ScheduleSchema, required=True)
    movement_breaks = fields.Nested(MovementBreaksSchema, load_default=None, allow_none=True)
    notes = Notes(load_default="")

    @validates_schema
    def each_activity_once(self, data, **_kwargs):
        activities = [a["activity"] for a in data.get("avoid", [])]
        if len(set(activities)) != len(activities):
            raise ValidationError("Each position may be listed only once.", "avoid")


class ClientProgramSchema(ProgramSchema):
    """The program as the client's app reads it, with the pause beside it: while it is not null
    the app offers no session on any device."""

    paused = fields.Nested(PauseSchema, dump_only=True, allow_none=True)
    #: Spots where the guided session tries the clearly best direction first (the therapist's
    #: "start with the best direction"); empty while that is off.
    lead_with = fields.List(fields.Nested(LeadSchema), dump_only=True)
