"""Safety: a client's flags and their acknowledgement, the pause, the sensitisation watch's
thresholds."""

from flask_smorest import Blueprint

from ..domain import safety, watch
from ..domain.access_log import FLAGS, READ, UPDATE, WATCH
from ..extensions import db
from ..schemas.safety import (
    AcknowledgementSchema,
    FlagsQuerySchema,
    SafetyFlagSchema,
    SafetyStateSchema,
    WatchThresholdsSchema,
)
from .access import (
    client_only,
    own_client,
    signed_in_client,
    signed_in_therapist,
    therapists_client,
    therapists_client_flag,
)
from .audit import audited

blp = Blueprint("safety", __name__, url_prefix="/api",
                description="Safety flags, the pause on self-massage, the sensitisation watch")


@blp.route("/clients/<int:client_id>/flags", methods=["GET"])
@own_client
@audited(READ, FLAGS)
@blp.arguments(FlagsQuerySchema(), location="query")
@blp.response(200, SafetyFlagSchema(many=True))
@blp.alt_response(422, description="state is neither open nor all")
def list_flags(query, client_id):
    """The client's safety flags, newest first (?state=open|all, default open).

    ---
    Acknowledged flags stay listed under state=all with who acknowledged them, when, and the
    note of what was done. A flag never closes by itself.
    """
    return safety.client_flags(therapists_client(client_id), query["state"])


@blp.route("/clients/<int:client_id>/flags/<int:flag_id>/acknowledge", methods=["POST"])
@own_client
@audited(UPDATE, FLAGS)
@blp.arguments(AcknowledgementSchema(), required=False)
@blp.response(200, SafetyFlagSchema)
@blp.alt_response(409, description="Already acknowledged: the first acknowledgement stands")
@blp.alt_response(422, description="A note is required (not blank) for emergency and same-day "
                                   "flags; at most 2000 characters")
def acknowledge_flag(body, client_id, flag_id):
    """Acknowledge a safety flag, with a note of what was done ({note}).

    ---
    The note is required for emergency and same-day flags and optional otherwise (the body may
    then be {} or absent). Acknowledging the last open emergency or same-day flag lifts the
    client's pause on self-massage. A closed account's kept record still takes it: a flag left
    open when the client left is followed up, not dropped.
    """
    flag = safety.acknowledge_flag(signed_in_therapist(),
                                   therapists_client_flag(client_id, flag_id), body.get("note"))
    db.session.commit()
    return flag


@blp.route("/clients/<int:client_id>/watch-thresholds", methods=["GET"])
@own_client
@audited(READ, WATCH)
@blp.response(200, WatchThresholdsSchema)
def get_watch_thresholds(client_id):
    """The client's sensitisation-watch thresholds (the defaults unless set)."""
    return watch.thresholds_for(therapists_client(client_id))


@blp.route("/clients/<int:client_id>/watch-thresholds", methods=["PUT"])
@own_client
@audited(UPDATE, WATCH)
@blp.arguments(WatchThresholdsSchema())
@blp.response(200, WatchThresholdsSchema)
@blp.alt_response(422, description="A threshold is out of its range")
def put_watch_thresholds(thresholds, client_id):
    """Set the client's sensitisation-watch thresholds ({rise, creep, spread, nerve_like}).

    ---
    rise and creep are points of 7-day mean pain (0.5 to 10), spread a number of new body
    regions (1 to 12), nerve_like descriptors per log (0.5 to 7). An omitted one takes its
    default (2, 1.5, 1, 1). They apply from the next logs the client sends.
    """
    client = therapists_client(client_id, changes=True)
    chosen = watch.set_thresholds(signed_in_therapist(), client, thresholds)
    db.session.commit()
    return chosen


@blp.route("/me/safety", methods=["GET"])
@client_only
@blp.response(200, SafetyStateSchema)
def get_my_safety():
    """Whether self-massage is paused for the signed-in client ({paused}).

    ---
    The same pause GET /api/me/program carries, for a client who has no program yet.
    """
    return {"paused": safety.pause(signed_in_client())}
