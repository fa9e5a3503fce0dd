"""Reminder settings, snoozing from a notification, and a test notification."""

from flask_smorest import Blueprint

from ..extensions import db
from ..models import utcnow
from ..notify.kick import kick_after_commit
from ..reminders import choices, test_sends
from ..schemas.reminders import (
    ReminderSettingsSchema,
    SnoozedSchema,
    SnoozeSchema,
    TestNotificationSchema,
)
from .access import client_only, signed_in, signed_in_client, signed_in_user

blp = Blueprint("reminders", __name__, url_prefix="/api", description="Reminders")


@blp.route("/me/reminder-settings", methods=["GET"])
@client_only
@blp.response(200, ReminderSettingsSchema)
def get_reminder_settings():
    """The client's reminder choices, with how many devices receive them."""
    return choices.reminder_settings(signed_in_client())


@blp.route("/me/reminder-settings", methods=["PUT"])
@client_only
@blp.arguments(ReminderSettingsSchema())
@blp.response(200, ReminderSettingsSchema)
@blp.alt_response(422, description="Quiet hours need both ends; pause_days is 0 to 30")
def put_reminder_settings(spec):
    """Replace the client's reminder choices.

    ---
    Omitted fields take their defaults (both kinds on, no quiet hours). pause_days pauses every
    reminder for that many days from now; 0 resumes; leaving it out keeps any pause as it is.
    """
    result = choices.update_reminder_settings(signed_in_client(), spec)
    db.session.commit()
    return result


@blp.route("/me/reminders/snooze", methods=["POST"])
@client_only
@blp.arguments(SnoozeSchema())
@blp.response(201, SnoozedSchema)
def snooze_reminder(spec):
    """Remind again later ({kind, minutes}); the notification's "Snooze 30 min" calls this."""
    row = choices.snooze(signed_in_client(), spec["kind"], spec["minutes"])
    db.session.commit()
    return row


@blp.route("/me/reminders/test", methods=["POST"])
@signed_in
@blp.response(202, TestNotificationSchema)
def send_test_reminder():
    """Send a test notification to each of one's devices.

    ---
    Answers 202 at once with the test's id and status "queued": the notify thread sends it
    right after (a request never waits on a push service). Read its outcome with
    GET /api/me/reminders/test/{id}: sending, then sent (at least one device took it) or failed.
    A client's test speaks of reminders, a therapist's of alerts.
    """
    queued = test_sends.described(test_sends.queue_test(signed_in_user(), utcnow()))
    kick_after_commit()
    db.session.commit()
    return queued


@blp.route("/me/reminders/test/<int:test_id>", methods=["GET"])
@signed_in
@blp.response(200, TestNotificationSchema)
@blp.alt_response(404, description="No such test notification of yours")
def get_test_reminder(test_id):
    """What became of one's test notification (queued, sending, sent or failed)."""
    return test_sends.described(test_sends.users_test(signed_in_user(), test_id))
