"""Where a therapist's safety alerts go (their Alerts screen)."""

from marshmallow import fields

from .base import BaseSchema, Instant


class ResendSchema(BaseSchema):
    #: The flag's tier.
    urgency = fields.String()
    #: Sent again this often while the flag is unacknowledged…
    every_minutes = fields.Integer()
    #: …at most this many times.
    times = fields.Integer()


class AlertSettingsSchema(BaseSchema):
    #: Devices of the therapist subscribed to Web Push: each gets every alert.
    push_subscriptions = fields.Integer()
    #: When a push service last accepted an alert or a test for one of those devices, or null.
    last_delivered_at = Instant(allow_none=True)
    #: The address alerts of the emailed tiers go to, or null while mail is not set up.
    email = fields.String(allow_none=True)
    #: The tiers that are emailed too (when mail is set up).
    emailed_tiers = fields.List(fields.String())
    #: How unacknowledged alerts are sent again, per tier (tiers absent here are sent once).
    resends = fields.List(fields.Nested(ResendSchema))


__all__ = ["AlertSettingsSchema", "ResendSchema"]
