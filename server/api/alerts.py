"""The therapist's safety alerts: where they go (devices, email) and how often they repeat."""

from flask_smorest import Blueprint

from ..notify.alerts import alert_channels
from ..schemas.alerts import AlertSettingsSchema
from .access import signed_in_therapist, therapist_only

blp = Blueprint("alerts", __name__, url_prefix="/api",
                description="Where the therapist's safety alerts go")


@blp.route("/me/alert-settings", methods=["GET"])
@therapist_only
@blp.response(200, AlertSettingsSchema)
def get_alert_settings():
    """Where the signed-in therapist's safety alerts go.

    ---
    How many devices receive them by push (subscribe with POST /api/me/push-subscriptions, test
    with POST /api/me/reminders/test), the address emailed for the emailed tiers (null while
    mail is not set up), and the resend plan for unacknowledged flags.
    """
    return alert_channels(signed_in_therapist())
