"""Storing and removing a user's push subscriptions (no Flask: the caller passes the setting)."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from ..errors import InvalidInput
from ..extensions import db
from ..models import PushSubscription, User
from .endpoints import EndpointRefused, check_push_endpoint
from .push import Subscription


def save_subscription(user: User, spec: dict, *, allow_loopback: bool) -> PushSubscription:
    """Store the browser's subscription for user; the same endpoint again updates its keys.

    An endpoint belongs to one browser, so when someone else signs in on that browser and
    subscribes, the subscription moves to them: reminders follow whoever uses the phone now.
    """
    try:
        check_push_endpoint(spec["endpoint"], allow_loopback=allow_loopback)
    except EndpointRefused as exc:
        raise InvalidInput(errors={"endpoint": [str(exc)]}) from exc
    keys = spec["keys"]
    row = PushSubscription(user_id=user.id, endpoint=spec["endpoint"], p256dh=keys["p256dh"],
                           auth=keys["auth"])
    try:
        with db.session.begin_nested():
            db.session.add(row)
        return row
    except IntegrityError:
        pass
    row = db.session.scalar(select(PushSubscription).where(
        PushSubscription.endpoint == spec["endpoint"]))
    row.user_id, row.p256dh, row.auth = user.id, keys["p256dh"], keys["auth"]
    db.session.flush()
    return row


def remove_subscription(user: User, endpoint: str) -> None:
    """Forget one of user's subscriptions; someone else's endpoint is left alone (and the
    answer is the same, so nothing is learnt about it)."""
    db.session.execute(delete(PushSubscription).where(
        PushSubscription.user_id == user.id, PushSubscription.endpoint == endpoint))


def subscriptions_of(user_ids) -> dict[int, list[Subscription]]:
    """Every subscription of these users, detached for the sending threads."""
    found: dict[int, list[Subscription]] = {}
    rows = db.session.execute(select(
        PushSubscription.id, PushSubscription.user_id, PushSubscription.endpoint,
        PushSubscription.p256dh, PushSubscription.auth,
    ).where(PushSubscription.user_id.in_(list(user_ids))).order_by(PushSubscription.id))
    for row in rows:
        found.setdefault(row.user_id, []).append(Subscription(*row))
    return found


def drop_subscriptions(ids) -> None:
    """The push service said these are gone (404/410): never send to them again."""
    if ids:
        db.session.execute(delete(PushSubscription).where(PushSubscription.id.in_(list(ids))))
