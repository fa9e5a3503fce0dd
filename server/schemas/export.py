"""The whole-record export: every record, in the same shapes the API uses; the query that picks
JSON, CSV (of logs, sessions or flags) or a FHIR R4 bundle."""

from marshmallow import fields, validate

from ..domain.csv_export import LOGS, RECORD_KINDS
from .accounts import UserSchema
from .base import BaseSchema, QuerySchema
from .outcomes import PsfsSchema
from .programs import ProgramSchema
from .records import PracticeSessionSchema, SymptomLogSchema
from .safety import SafetyFlagSchema

JSON, CSV, FHIR = "json", "csv", "fhir"


class ExportQuerySchema(QuerySchema):
    format = fields.String(load_default=JSON, validate=validate.OneOf((JSON, CSV, FHIR)))
    #: Which records the CSV holds (one kind per file): logs, sessions or flags.
    records = fields.String(load_default=LOGS, validate=validate.OneOf(RECORD_KINDS))


class ExportSchema(BaseSchema):
    exported_at = fields.String()
    profile = fields.Nested(UserSchema)
    programs = fields.List(fields.Nested(ProgramSchema))
    logs = fields.List(fields.Nested(SymptomLogSchema))
    sessions = fields.List(fields.Nested(PracticeSessionSchema))
    flags = fields.List(fields.Nested(SafetyFlagSchema))
    #: The Patient-Specific Functional Scale: activities named and their weekly ratings.
    psfs = fields.Nested(PsfsSchema)
