"""Trends: bucketed pain, sensations and sessions; relief by drag direction; safety flags."""

from marshmallow import fields, validate

from .base import BaseSchema
from .records import RangeQuerySchema
from .safety import SafetyFlagSchema


class TrendsQuerySchema(RangeQuerySchema):
    bucket = fields.String(load_default="day", validate=validate.OneOf(("day", "week")))


class TrendBucketSchema(BaseSchema):
    start = fields.String()
    pain_mean = fields.Float(allow_none=True)
    #: The 7-day mean ending on the bucket's last local day (today for the current bucket;
    #: null for a bucket that has not begun): the mean pain of every log in those 7 days
    #: (domain/pain_mean.py), the line the History chart draws.
    pain_mean_7d = fields.Float(allow_none=True)
    pain_min = fields.Integer(allow_none=True)
    pain_max = fields.Integer(allow_none=True)
    logs = fields.Integer()
    #: Mean count of DN4 nerve-pain descriptors per log in the bucket.
    neuropathic_mean = fields.Float(allow_none=True)
    sessions_done = fields.Integer()
    sessions_planned = fields.Integer()
    #: Planned sessions answered within the on-time window of their due time.
    on_time = fields.Integer()
    sensations = fields.Dict(keys=fields.String(), values=fields.Integer())


class BuiltInDomain(fields.Nested):
    """A list the domain already builds as plain JSON values with exactly the nested schema's
    keys (domain/trends.py): sent as it is, documented by the nested schema. Dumping a year of
    day buckets field by field cost more than counting them in SQL."""

    def _serialize(self, nested_obj, attr, obj, **kwargs):
        return nested_obj


class ReliefSchema(BaseSchema):
    group = fields.String()
    side = fields.String()
    direction = fields.String()
    better = fields.Integer()
    same = fields.Integer()
    worse = fields.Integer()


class TrendsSchema(BaseSchema):
    bucket = fields.String()
    timezone = fields.String()
    from_ = fields.String(data_key="from")
    to = fields.String()
    series = BuiltInDomain(TrendBucketSchema, many=True)
    relief = BuiltInDomain(ReliefSchema, many=True)
    flags = fields.List(fields.Nested(SafetyFlagSchema))


