"""Web Push: the server's public key and each user's subscriptions."""

from flask import current_app
from flask_smorest import Blueprint

from ..extensions import db
from ..reminders import vapid_keys
from ..reminders.subscriptions import remove_subscription, save_subscription
from ..schemas.reminders import (
    EndpointSchema,
    PublicKeySchema,
    PushSubscriptionSchema,
    StoredSubscriptionSchema,
)
from .access import public, signed_in, signed_in_user

blp = Blueprint("push", __name__, url_prefix="/api", description="Web Push subscriptions")


@blp.route("/push/public-key", methods=["GET"])
@public
@blp.response(200, PublicKeySchema)
def get_public_key():
    """The server's VAPID public key (the browser's applicationServerKey)."""
    return {"public_key": vapid_keys(current_app).public_key}


@blp.route("/me/push-subscriptions", methods=["POST"])
@signed_in
@blp.arguments(PushSubscriptionSchema())
@blp.response(201, StoredSubscriptionSchema)
@blp.alt_response(422, description="Bad keys, or an endpoint that is not a public https URL")
def subscribe(spec):
    """Store this browser's push subscription (PushSubscription.toJSON()).

    ---
    The endpoint must be https and resolve only to public addresses (PUSH_ALLOW_LOOPBACK also
    admits http://127.0.0.1 and localhost). Posting the same endpoint again updates it.
    """
    row = save_subscription(signed_in_user(), spec,
                            allow_loopback=current_app.config["PUSH_ALLOW_LOOPBACK"])
    db.session.commit()
    return row


@blp.route("/me/push-subscriptions", methods=["DELETE"])
@signed_in
@blp.arguments(EndpointSchema())
@blp.response(204)
def unsubscribe(body):
    """Forget this browser's push subscription ({endpoint})."""
    remove_subscription(signed_in_user(), body["endpoint"])
    db.session.commit()
