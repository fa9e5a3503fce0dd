"""Safety flags (one schema wherever a flag is shown: the flags list, trends, exports), the
acknowledgement, the pause and the sensitisation watch's thresholds."""

from marshmallow import fields, validate

from ..domain.safety import FLAG_STATES, NOTE_MAX_LENGTH, OPEN
from ..domain.watch import RANGES
from .base import BaseSchema, Instant, QuerySchema, Strict, StrictNumber


class PersonSchema(BaseSchema):
    id = fields.Integer()
    name = fields.String()


class SafetyFlagSchema(BaseSchema):
    id = fields.Integer()
    #: red-flag, weakness, high-pain, session-rise or watch.
    kind = fields.String()
    #: The red-flag code (kind red-flag), the rule (kind watch: rise, creep, spread, nerve-like),
    #: otherwise empty.
    code = fields.String()
    #: emergency, same-day, soon or review.
    urgency = fields.String()
    raised_at = Instant()
    #: The tier of advice the client's app showed with it (emergency, same-day, soon), or null
    #: when it showed none.
    told_client = fields.String(allow_none=True)
    acknowledged_at = Instant(allow_none=True)
    acknowledged_by = fields.Nested(PersonSchema, allow_none=True)
    #: What the therapist did about it, written when acknowledging.
    note = fields.String(allow_none=True)
    #: For watch flags, the figures that tripped the rule (windows as local dates, means, the
    #: threshold; for spread the new regions); otherwise null.
    evidence = fields.Dict(allow_none=True)
    log_id = fields.UUID(allow_none=True)
    session_id = fields.UUID(allow_none=True)


class FlagsQuerySchema(QuerySchema):
    state = fields.String(load_default=OPEN, validate=validate.OneOf(FLAG_STATES))


class AcknowledgementSchema(BaseSchema):
    #: What was done (required, not blank, for emergency and same-day flags).
    note = fields.String(load_default=None, allow_none=True,
                         validate=validate.Length(max=NOTE_MAX_LENGTH))


class PauseSchema(BaseSchema):
    """Self-massage is paused on every device until the therapist acknowledges the flag."""

    #: When the earliest open emergency or same-day flag was raised.
    since = Instant()
    #: That flag's red-flag code, or "weakness".
    reason = fields.String()
    #: The most urgent open tier: emergency or same-day.
    urgency = fields.String()


class SafetyStateSchema(BaseSchema):
    paused = fields.Nested(PauseSchema, allow_none=True)


def _range(name: str) -> validate.Range:
    low, high = RANGES[name]
    return validate.Range(low, high, error=f"Must be between {low} and {high}.")


class WatchThresholdsSchema(BaseSchema):
    """The client's sensitisation-watch thresholds; an omitted one takes its default."""

    #: Points the 7-day mean must rise above the 7 days before.
    rise = StrictNumber(validate=_range("rise"))
    #: Points the 7-day mean must rise above the same 7 days four weeks earlier.
    creep = StrictNumber(validate=_range("creep"))
    #: How many regions new since the baseline fortnight make a spread.
    spread = Strict(validate=_range("spread"))
    #: Rise in the mean count of nerve-pain (DN4) descriptors per log over four weeks.
    nerve_like = StrictNumber(validate=_range("nerve_like"))


__all__ = ["AcknowledgementSchema", "FlagsQuerySchema", "PauseSchema", "PersonSchema",
           "SafetyFlagSchema", "SafetyStateSchema", "WatchThresholdsSchema"]
