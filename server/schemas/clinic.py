"""The clinic: its therapists and settings, who cares for a client, notices, the access log."""

from marshmallow import fields, validate

from .base import BaseSchema, Instant, PagedQuerySchema, Strict, StrictBoolean
from .safety import PersonSchema


class ColleagueSchema(PersonSchema):
    email = fields.String()
    is_admin = fields.Boolean(attribute="is_clinic_admin")


class ClinicSchema(BaseSchema):
    id = fields.Integer()
    name = fields.String()
    #: You administer this clinic: colleague invites, the clinic's access log.
    is_admin = fields.Boolean()
    #: You administer the whole installation: you decide whether sign-up is open.
    installation_admin = fields.Boolean()
    #: Anyone may register as a therapist (in a clinic of their own).
    signup_open = fields.Boolean()
    #: PUBLIC_BASE_URL, or null when links use the address the app was opened at.
    public_base_url = fields.String(allow_none=True)
    therapists = fields.List(fields.Nested(ColleagueSchema))


class ClinicUpdateSchema(BaseSchema):
    name = fields.String(validate=validate.Length(min=1, max=120))
    #: Only the installation's administrator may change it.
    signup_open = StrictBoolean()


class SharedWithSchema(BaseSchema):
    therapist = fields.Nested(PersonSchema)
    shared_at = Instant()
    shared_by = fields.Nested(PersonSchema, allow_none=True)


class CareTeamSchema(BaseSchema):
    #: The client's main therapist.
    primary = fields.Nested(PersonSchema, allow_none=True)
    shared_with = fields.List(fields.Nested(SharedWithSchema))


class ShareSchema(BaseSchema):
    therapist_id = Strict(required=True)


class HandoverSchema(BaseSchema):
    therapist_id = Strict(required=True)
    #: Keep the record shared with you after handing it over.
    keep_access = StrictBoolean(load_default=False)


class NoticeSchema(BaseSchema):
    id = fields.Integer()
    #: account-closed
    kind = fields.String()
    client_id = fields.Integer()
    #: Null when nothing of the client was kept.
    client_name = fields.String(allow_none=True)
    created_at = Instant()
    #: When the kept read-only record is erased; null when nothing was kept.
    erase_after = Instant(allow_none=True)
    open_flags = fields.Integer()
    top_urgency = fields.String(allow_none=True)


class ActorSchema(BaseSchema):
    id = fields.Integer(allow_none=True)
    #: Empty when the actor was the client and their record has been erased.
    name = fields.String()
    role = fields.String()


class AccessLogEntrySchema(BaseSchema):
    at = Instant()
    actor = fields.Nested(ActorSchema)
    #: read, create, update, export or delete
    action = fields.String()
    #: The part of the record: profile, program, logs, sessions, trends, flags, record, …
    resource = fields.String()
    client_id = fields.Integer()


class AccessLogQuerySchema(PagedQuerySchema):
    client_id = fields.Integer(validate=validate.Range(min=1, max=2**63 - 1))
