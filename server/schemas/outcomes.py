"""Outcomes: the learned best direction, the change in pain from a baseline (IMMPACT), and the
Patient-Specific Functional Scale."""

from marshmallow import fields, validate

from ..domain import pain_change, psfs
from ..domain.best_direction import EVIDENCE_REASONS
from ..domain.vocabulary import DIRECTIONS, NERVE_GROUPS, SINGLE_SIDES
from .base import BaseSchema, Code, Instant, Strict, StrictBoolean


class DirectionEstimateSchema(BaseSchema):
    direction = Code(DIRECTIONS)
    #: Trial answers "better" on this spot.
    eased = fields.Integer()
    #: Trial answers of any kind on this spot.
    trials = fields.Integer()
    #: Posterior mean chance of easing, Beta(1, 1) prior: (eased + 1) / (trials + 2).
    mean = fields.Float()
    #: The 90 % credible interval of that chance (5th and 95th percentiles).
    low = fields.Float()
    high = fields.Float()
    #: Answered "worse" here in one of the client's last few sessions: never recommended.
    worse_recently = fields.Boolean()


class SpotEvidenceSchema(BaseSchema):
    group = Code(NERVE_GROUPS)
    side = Code(SINGLE_SIDES)
    #: Ranked: recommendable directions first, the best first; recently-worse ones last.
    directions = fields.List(fields.Nested(DirectionEstimateSchema))
    best = fields.String(allow_none=True)
    #: The evidence for the best is clear (domain/best_direction.py states the rule).
    clear = fields.Boolean()
    reason = Code(EVIDENCE_REASONS)


class LeadSchema(BaseSchema):
    group = Code(NERVE_GROUPS)
    side = Code(SINGLE_SIDES)
    direction = Code(DIRECTIONS)


class BestDirectionsSchema(BaseSchema):
    spots = fields.List(fields.Nested(SpotEvidenceSchema))
    #: The therapist turned on "start with the best direction".
    lead_with_best = fields.Boolean()
    #: Some spot's evidence is clear, so the setting may be turned on.
    any_clear = fields.Boolean()
    #: The spots of the current program the guided session leads on, and with what.
    lead_with = fields.List(fields.Nested(LeadSchema))


class LeadWithBestSchema(BaseSchema):
    lead_with_best = StrictBoolean(required=True)


class WindowSchema(BaseSchema):
    start = Instant()
    end = Instant()
    logs = fields.Integer()
    pain_mean = fields.Float(allow_none=True)


class BaselineWindowSchema(WindowSchema):
    kind = Code(pain_change.BASELINES)
    program_version = fields.Integer(allow_none=True)


class OutcomeSchema(BaseSchema):
    """The change in mean pain from the baseline to the last 7 days, classified (IMMPACT)."""

    #: The baseline's window and mean, or null when there is none (why_not says why).
    baseline = fields.Nested(BaselineWindowSchema, allow_none=True)
    baseline_kind = Code(pain_change.BASELINES)
    #: The version the therapist chose with before-program-change; null: the latest change.
    baseline_program_version = fields.Integer(allow_none=True)
    #: The last 7 local days, today included.
    now = fields.Nested(WindowSchema)
    #: now - baseline in points (negative: less pain), or null without an outcome.
    change_points = fields.Float(allow_none=True)
    #: The same as a percentage of the baseline mean; null when the baseline is 0.
    change_percent = fields.Float(allow_none=True)
    category = Code(pain_change.CATEGORIES, allow_none=True)
    #: Any category but no-clear-change: the only changes ever coloured.
    meaningful = fields.Boolean()
    why_not = Code(pain_change.WHY_NOT, allow_none=True)


class ProgramChangeSchema(BaseSchema):
    version = fields.Integer()
    created_at = Instant()


class ClientOutcomeSchema(OutcomeSchema):
    #: The program versions a baseline may be taken before, oldest first.
    program_changes = fields.List(fields.Nested(ProgramChangeSchema))


class BaselineChoiceSchema(BaseSchema):
    baseline = Code(pain_change.BASELINES, required=True)
    #: With before-program-change: the version assigned at the change; null or absent: the latest.
    program_version = Strict(load_default=None, allow_none=True,
                             validate=validate.Range(min=1))


class CaseloadOutcomesSchema(BaseSchema):
    #: Active clients in the caseload.
    clients = fields.Integer()
    #: Of those, how many have an outcome (enough logs in both windows).
    with_outcome = fields.Integer()
    #: Meaningfully or substantially less pain than at their baseline.
    improved = fields.Integer()
    #: Meaningfully or substantially more pain than at their baseline.
    worsened = fields.Integer()
    by_category = fields.Dict(keys=fields.String(), values=fields.Integer())
    #: Active clients without an outcome yet.
    not_yet = fields.Integer()


class ActivityChangeSchema(BaseSchema):
    first_week = fields.Date()
    first_score = fields.Integer()
    latest_week = fields.Date()
    latest_score = fields.Integer()
    #: latest - first: positive is better (more able).
    points = fields.Integer()
    #: A change of 2 points or more.
    meaningful = fields.Boolean()


class PsfsActivitySchema(BaseSchema):
    id = fields.Integer()
    slot = fields.Integer()
    name = fields.String()
    created_at = Instant()
    #: Null while the client still rates it.
    retired_at = Instant(allow_none=True)
    change = fields.Nested(ActivityChangeSchema, allow_none=True)


class PsfsRatingSchema(BaseSchema):
    activity_id = fields.Integer()
    #: The Monday of the client's local week.
    week_start = fields.Date()
    score = fields.Integer()
    recorded_at = Instant()


class PsfsSchema(BaseSchema):
    activities = fields.List(fields.Nested(PsfsActivitySchema))
    ratings = fields.List(fields.Nested(PsfsRatingSchema))
    #: The Monday of the client's current local week.
    this_week = fields.Date()
    #: Some activity has no rating this week yet.
    due = fields.Boolean()
    due_activity_ids = fields.List(fields.Integer())
    #: When the next ratings are asked, once this week's are all in; else null.
    next_due_at = Instant(allow_none=True)


class PsfsActivitiesSchema(BaseSchema):
    activities = fields.List(fields.String(validate=validate.Length(max=500)), required=True,
                             validate=validate.Length(max=10))


class PsfsRatingInputSchema(BaseSchema):
    activity_id = Strict(required=True)
    score = Strict(required=True, validate=validate.Range(min=psfs.SCORE_MIN,
                                                          max=psfs.SCORE_MAX))


class PsfsRatingsSchema(BaseSchema):
    ratings = fields.List(fields.Nested(PsfsRatingInputSchema), required=True,
                          validate=validate.Length(min=1, max=psfs.MAX_ACTIVITIES))
