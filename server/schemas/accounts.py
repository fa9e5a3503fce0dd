"""Accounts: registration, sign-in, the signed-in user, invites."""

from marshmallow import fields, validate, validates

from ..security.passwords import MAX_LENGTH, password_problems
from .base import BaseSchema, Instant, TimeZoneName

Email = lambda **kw: fields.Email(validate=validate.Length(max=254), **kw)  # noqa: E731
Name = lambda **kw: fields.String(validate=validate.Length(min=1, max=120), **kw)  # noqa: E731


class PasswordMixin:
    @validates("password")
    def validate_password(self, value, **_kwargs):
        problems = password_problems(value)
        if problems:
            from marshmallow import ValidationError

            raise ValidationError(problems)


class RegisterSchema(PasswordMixin, BaseSchema):
    email = Email(required=True)
    password = fields.String(required=True, load_only=True)
    name = Name(required=True)
    timezone = TimeZoneName(load_default="UTC")


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
    therapist_name = fields.Method("get_therapist_name", dump_only=True)

    def get_therapist_name(self, user):
        therapist = getattr(user, "therapist", None)
        return therapist.name if therapist is not None else None


class ProfileUpdateSchema(BaseSchema):
    name = Name()
    timezone = TimeZoneName()


class InviteCreateSchema(BaseSchema):
    name = Name(required=True)
    email = Email(load_default=None, allow_none=True)


class InviteCreatedSchema(BaseSchema):
    token = fields.String()
    url = fields.String()
    expires_at = Instant()


class InvitePreviewSchema(BaseSchema):
    name = fields.String()
    email = fields.String(allow_none=True)
    therapist_name = fields.String()
    expires_at = Instant()


class InviteAcceptSchema(PasswordMixin, BaseSchema):
    password = fields.String(required=True, load_only=True)
    name = Name(load_default=None)
    email = Email(load_default=None, allow_none=True)
    timezone = TimeZoneName(required=True)
