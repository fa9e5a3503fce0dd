"""Reminders: push subscriptions, the client's reminder settings, snooze, the calendar feed."""

import base64
import binascii
import re

from cryptography.hazmat.primitives.asymmetric import ec
from marshmallow import ValidationError, fields, validate, validates, validates_schema

from .base import BaseSchema, Instant, LocalTime, Strict

REMINDER_KINDS = ("session", "movement-break")


_BASE64URL = re.compile(r"[A-Za-z0-9_-]*={0,2}\Z")


def _base64url(value: str) -> bytes | None:
    """The bytes of unpadded (or padded) base64url text, or None for anything else."""
    if not _BASE64URL.match(value):
        return None
    try:
        return base64.urlsafe_b64decode(value.rstrip("=") + "=" * (-len(value.rstrip("=")) % 4))
    except (binascii.Error, ValueError):
        return None


def _is_p256_point(raw: bytes) -> bool:
    """An uncompressed point (0x04, x, y) that lies on P-256: anything else cannot be used
    to encrypt a push message (RFC 8291), and the send would fail for ever."""
    if len(raw) != 65 or raw[0] != 4:
        return False
    try:
        ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), raw)
    except ValueError:
        return False
    return True


class PushKeysSchema(BaseSchema):
    p256dh = fields.String(required=True, validate=validate.Length(max=200))
    auth = fields.String(required=True, validate=validate.Length(max=100))

    @validates("p256dh")
    def validate_p256dh(self, value, **_kwargs):
        raw = _base64url(value)
        if raw is None or not _is_p256_point(raw):
            raise ValidationError(
                "Must be base64url of an uncompressed P-256 public key (65 bytes, on the curve).")

    @validates("auth")
    def validate_auth(self, value, **_kwargs):
        raw = _base64url(value)
        if raw is None or len(raw) != 16:
            raise ValidationError("Must be a base64url 16-byte secret.")


class PushSubscriptionSchema(BaseSchema):
    """What the browser's PushSubscription.toJSON() gives."""

    endpoint = fields.String(required=True, validate=validate.Length(min=1, max=2048))
    expirationTime = fields.Float(load_default=None, allow_none=True)  # noqa: N815
    keys = fields.Nested(PushKeysSchema, required=True)


class StoredSubscriptionSchema(BaseSchema):
    id = fields.Integer()
    endpoint = fields.String()
    created_at = Instant()


class EndpointSchema(BaseSchema):
    endpoint = fields.String(required=True, validate=validate.Length(min=1, max=2048))


class PublicKeySchema(BaseSchema):
    #: The VAPID public key, base64url: the browser's applicationServerKey.
    public_key = fields.String()


class ReminderSettingsSchema(BaseSchema):
    sessions_enabled = fields.Boolean(load_default=True)
    movement_breaks_enabled = fields.Boolean(load_default=True)
    #: Local "HH:MM" window with no reminders; may wrap past midnight (22:00 to 07:00).
    quiet_from = LocalTime(load_default=None, allow_none=True)
    quiet_to = LocalTime(load_default=None, allow_none=True)
    #: No reminders until this instant; set it with pause_days, clear it with null.
    paused_until = Instant(allow_none=True, dump_only=True)
    #: Pause every reminder for this many days from now (0 resumes them).
    pause_days = Strict(load_only=True, load_default=None, allow_none=True,
                        validate=validate.Range(0, 30))
    timezone = fields.String(dump_only=True)
    push_subscriptions = fields.Integer(dump_only=True)

    @validates_schema
    def quiet_hours_come_in_pairs(self, data, **_kwargs):
        if (data.get("quiet_from") is None) != (data.get("quiet_to") is None):
            field = "quiet_to" if data.get("quiet_to") is None else "quiet_from"
            raise ValidationError("Give both ends of the quiet hours, or neither.", field)
        if data.get("quiet_from") and data.get("quiet_from") == data.get("quiet_to"):
            raise ValidationError("Quiet hours must end at a different time.", "quiet_to")


class SnoozeSchema(BaseSchema):
    kind = fields.String(load_default="session", validate=validate.OneOf(REMINDER_KINDS))
    minutes = Strict(load_default=30, validate=validate.Range(5, 240))


class SnoozedSchema(BaseSchema):
    kind = fields.String()
    due_at = Instant()


class TestNotificationSchema(BaseSchema):
    id = fields.Integer()
    #: queued (waiting for the notify thread), sending, sent (at least one device took it), or
    #: failed (no device took it, or it was not sent in time).
    status = fields.String(validate=validate.OneOf(("queued", "sending", "sent", "failed")))
    requested_at = Instant()
    finished_at = Instant(allow_none=True)


class CalendarFeedSchema(BaseSchema):
    url = fields.String(allow_none=True)
