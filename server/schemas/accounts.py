"""Accounts: registration, sign-in, the signed-in user, passwords and reset links, invites."""

import re

from marshmallow import ValidationError, fields, validate, validates

from ..security.passwords import MAX_LENGTH, password_problems
from .base import BaseSchema, Instant, TimeZoneName

Email = lambda **kw: fields.Email(validate=validate.Length(max=254), **kw)  # noqa: E731
Name = lambda **kw: fields.String(validate=validate.Length(min=1, max=120), **kw)  # noqa: E731

_PHONE_CHARACTERS = re.compile(r"^\+?[0-9 ()./-]+$")


def check_new_password(value):
    problems = password_problems(value)
    if problems:
        raise ValidationError(problems)


class Phone(fields.String):
    """A phone number as people write it: digits with spaces, dashes, dots or brackets, and a
    leading + for the country code; 6 to 15 digits (E.164's longest)."""

    def _deserialize(self, value, attr, data, **kwargs):
        value = super()._deserialize(value, attr, data, **kwargs).strip()
        if not value:
            return None
        digits = sum(c.isdigit() for c in value)
        if len(value) > 32 or not _PHONE_CHARACTERS.match(value) or not 6 <= digits <= 15:
            raise ValidationError("Enter a phone number of 6 to 15 digits, such as "
                                  "+44 7700 900123.")
        return value


class PasswordMixin:
    @validates("password")
    def validate_password(self, value, **_kwargs):
        check_new_password(value)


class RegisterSchema(PasswordMixin, BaseSchema):
    email = Email(required=True)
    password = fields.String(required=True, load_only=True)
    name = Name(required=True)
    timezone = TimeZoneName(load_default="UTC")


class SignupStatusSchema(BaseSchema):
    #: Anyone may register as a therapist; false: only by a clinic administrator's invite.
    open = fields.Boolean()


class LoginSchema(BaseSchema):
    email = fields.String(required=True, validate=validate.Length(min=1, max=254))
    password = fields.String(required=True, load_only=True,
                             validate=validate.Length(min=1, max=MAX_LENGTH))


class UserSchema(BaseSchema):
    id = fields.Integer(dump_only=True)
    role = fields.String(dump_only=True)
    name = fields.String(dump_only=True)
    email = fields.String(dump_only=True)
    timezone = fields.String(dump_only=True)
    #: A client's own number for emergencies, shown to their therapists; null when not given.
    phone = fields.String(dump_only=True, allow_none=True)
    therapist_name = fields.Method("get_therapist_name", dump_only=True)
    #: The privacy notice version a client agreed to when joining.
    consent_version = fields.String(dump_only=True, allow_none=True)
    #: When the therapist discharged the client (no reminders; the record is kept), or null.
    discharged_at = Instant(dump_only=True, allow_none=True)
    #: A therapist who administers their clinic.
    is_clinic_admin = fields.Boolean(dump_only=True)

    def get_therapist_name(self, user):
        therapist = getattr(user, "therapist", None)
        return therapist.name if therapist is not None else None


class ProfileUpdateSchema(BaseSchema):
    name = Name()
    timezone = TimeZoneName()
    #: Empty or null removes it.
    phone = Phone(allow_none=True)


class PasswordChangeSchema(BaseSchema):
    current_password = fields.String(required=True, load_only=True,
                                     validate=validate.Length(min=1, max=MAX_LENGTH))
    new_password = fields.String(required=True, load_only=True, validate=check_new_password)


class NewPasswordSchema(PasswordMixin, BaseSchema):
    password = fields.String(required=True, load_only=True)


class ForgotSchema(BaseSchema):
    email = fields.String(required=True, validate=validate.Length(min=1, max=254))


class ForgotReceivedSchema(BaseSchema):
    message = fields.String()


class ResetLinkSchema(BaseSchema):
    url = fields.String()
    expires_at = Instant()


class ResetPreviewSchema(BaseSchema):
    email = fields.String()
    name = fields.String()
    expires_at = Instant()


class PrivacySectionSchema(BaseSchema):
    heading = fields.String()
    text = fields.String()


class PrivacyNoticeSchema(BaseSchema):
    #: Send it back as the invite accept's consent_version.
    version = fields.String()
    #: RECORD_RETENTION_DAYS: 0 means everything is erased when the account closes.
    retention_days = fields.Integer()
    sections = fields.List(fields.Nested(PrivacySectionSchema))


class InviteCreateSchema(BaseSchema):
    name = Name(required=True)
    email = Email(load_default=None, allow_none=True)


class ColleagueInviteCreateSchema(BaseSchema):
    name = Name(required=True)
    email = Email(required=True)


class InviteCreatedSchema(BaseSchema):
    token = fields.String()
    url = fields.String()
    expires_at = Instant()


class InviteRowSchema(BaseSchema):
    id = fields.Integer()
    #: client (joins your caseload) or colleague (joins your clinic as a therapist).
    kind = fields.String()
    name = fields.String()
    email = fields.String(allow_none=True)
    created_at = Instant()
    #: In the past: the link no longer works; renew it to send a new one.
    expires_at = Instant()


class InvitePreviewSchema(BaseSchema):
    kind = fields.String()
    name = fields.String()
    email = fields.String(allow_none=True)
    therapist_name = fields.String()
    expires_at = Instant()
    #: For a client invite: the notice to agree to before the account exists.
    privacy = fields.Nested(PrivacyNoticeSchema, allow_none=True)


class InviteAcceptSchema(PasswordMixin, BaseSchema):
    password = fields.String(required=True, load_only=True)
    name = Name(load_default=None)
    email = Email(load_default=None, allow_none=True)
    timezone = TimeZoneName(required=True)
    #: The privacy notice's version the client agreed to (required to join as a client).
    consent_version = fields.String(load_default=None, allow_none=True,
                                    validate=validate.Length(max=32))
