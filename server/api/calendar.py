"""The client's secret calendar feed: create or renew, read, revoke; and the feed itself."""

from flask import Response, current_app, request, url_for
from flask_smorest import Blueprint

from ..domain import calendar_feed as feeds
from ..domain.programs import current_program
from ..errors import NotFound
from ..extensions import db
from ..schemas.reminders import CalendarFeedSchema
from .access import client_only, public, signed_in_client

blp = Blueprint("calendar", __name__, url_prefix="/api", description="Calendar feed")


def _url(feed) -> str:
    path = url_for("calendar.get_feed", token=feeds.feed_token(
        feed.feed_id, current_app.config["SECRET_KEY"]))
    base = current_app.config.get("PUBLIC_BASE_URL") or request.host_url
    return base.rstrip("/") + path


@blp.route("/me/calendar-feed", methods=["GET"])
@client_only
@blp.response(200, CalendarFeedSchema)
def get_my_feed():
    """The link to the client's calendar feed, or {"url": null} when there is none."""
    feed = feeds.current_feed(signed_in_client())
    return {"url": _url(feed) if feed else None}


@blp.route("/me/calendar-feed", methods=["POST"])
@client_only
@blp.response(200, CalendarFeedSchema)
def renew_my_feed():
    """Create the calendar feed, or give it a new secret link (the old link stops working)."""
    feed = feeds.renew_feed(signed_in_client())
    db.session.commit()
    return {"url": _url(feed)}


@blp.route("/me/calendar-feed", methods=["DELETE"])
@client_only
@blp.response(204)
def revoke_my_feed():
    """Revoke the calendar feed: its link stops working."""
    feeds.revoke_feed(signed_in_client())
    db.session.commit()


@blp.route("/calendar/<token>.ics", methods=["GET"])
@public
@blp.response(200, content_type="text/calendar")
@blp.alt_response(404, description="No such feed, or it was renewed or revoked")
def get_feed(token):
    """The calendar itself (RFC 5545), for anyone holding the secret link.

    ---
    Program sessions as weekly recurring events with TZID in the client's time zone (VTIMEZONE
    included), each with an alert at the session time.
    """
    feed_id = feeds.feed_id_from_token(token, current_app.config["SECRET_KEY"])
    found = feeds.feed_owner(feed_id) if feed_id else None
    if found is None:
        raise NotFound("No such calendar.")
    client, feed = found
    text = feeds.calendar_ics(current_program(client), client.timezone, feed.feed_id)
    return Response(text, mimetype="text/calendar", headers={
        "Content-Disposition": 'inline; filename="self-massage.ics"'})
