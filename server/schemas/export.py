"""The whole-account export: every record, in the same shapes the API uses."""

from marshmallow import fields, validate

from .accounts import UserSchema
from .base import BaseSchema, QuerySchema
from .programs import ProgramSchema
from .records import PracticeSessionSchema, SymptomLogSchema
from .safety import SafetyFlagSchema


class ExportQuerySchema(QuerySchema):
    format = fields.String(load_default="json", validate=validate.OneOf(("json", "csv")))


class ExportSchema(BaseSchema):
    exported_at = fields.String()
    profile = fields.Nested(UserSchema)
    programs = fields.List(fields.Nested(ProgramSchema))
    logs = fields.List(fields.Nested(SymptomLogSchema))
    sessions = fields.List(fields.Nested(PracticeSessionSchema))
    flags = fields.List(fields.Nested(SafetyFlagSchema))
