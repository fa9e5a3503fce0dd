"""Outcomes: the learned best direction per spot, the change in pain from a stated baseline
(IMMPACT) per client and across the caseload, and the Patient-Specific Functional Scale."""

from flask_smorest import Blueprint

from ..domain import best_direction, pain_change, programs, psfs
from ..domain.access_log import OUTCOMES, READ, UPDATE
from ..domain.caseload_outcomes import caseload_outcomes
from ..extensions import db
from ..schemas.outcomes import (
    BaselineChoiceSchema,
    BestDirectionsSchema,
    CaseloadOutcomesSchema,
    ClientOutcomeSchema,
    LeadWithBestSchema,
    PsfsActivitiesSchema,
    PsfsRatingsSchema,
    PsfsSchema,
)
from .access import (
    client_only,
    own_client,
    signed_in_client,
    signed_in_therapist,
    therapist_only,
    therapists_client,
)
from .audit import audited

blp = Blueprint("outcomes", __name__, url_prefix="/api",
                description="Outcomes: best direction, change in pain, functional scale")


def _steps(client):
    program = programs.current_program(client)
    return program.steps if program else []


@blp.route("/clients/outcomes", methods=["GET"])
@therapist_only
@blp.response(200, CaseloadOutcomesSchema)
def get_caseload_outcomes():
    """Change in pain across the caseload: how many active clients are better, worse, or not
    clearly changed since their baseline.

    ---
    Each client's outcome is the one GET /api/clients/<id> carries (IMMPACT; the thresholds are
    PAIN_CHANGE in the app's clinical rules, server/domain/pain_change.py). not_yet counts the
    active clients without enough logs for an outcome.
    """
    return caseload_outcomes(signed_in_therapist())


@blp.route("/clients/<int:client_id>/best-direction", methods=["GET"])
@own_client
@audited(READ, OUTCOMES)
@blp.response(200, BestDirectionsSchema)
def get_best_direction(client_id):
    """How often each direction eased on each spot, with a 90 % credible interval.

    ---
    Per spot (group and side): every direction tried, ranked (recommendable ones first, by
    the posterior mean of easing), with eased, trials, mean, low and high. A direction
    answered "worse" there in the client's latest sessions is marked worse_recently and never
    recommended. clear: the best has enough trials and the lower end of its interval is above
    the upper end of every other direction's there. The prior, the interval's level, how many
    sessions the mark looks back and the fewest trials are BEST_DIRECTION in the app's
    clinical rules (server/domain/best_direction.py).
    """
    client = therapists_client(client_id)
    return best_direction.best_directions(client, _steps(client))


@blp.route("/clients/<int:client_id>/best-direction", methods=["PUT"])
@own_client
@audited(UPDATE, OUTCOMES)
@blp.arguments(LeadWithBestSchema())
@blp.response(200, BestDirectionsSchema)
@blp.alt_response(409, description="No spot's evidence is clear yet (turning it on)")
def put_best_direction(body, client_id):
    """Turn "start with the best direction" on or off for the client.

    ---
    While on, the client's guided session tries the best direction first on each spot whose
    evidence is clear (lead_with); other spots keep the prescribed order. Turning it on is
    refused with 409 while no spot's evidence is clear.
    """
    client = therapists_client(client_id, changes=True)
    found = best_direction.set_lead_with_best(signed_in_therapist(), client,
                                              body["lead_with_best"], _steps(client))
    db.session.commit()
    return found


def _client_outcome(client):
    outcome = pain_change.outcome_of(client).as_dict()
    outcome["program_changes"] = [{"version": p.version, "created_at": p.created_at}
                                  for p in reversed(programs.program_versions(client))]
    return outcome


@blp.route("/clients/<int:client_id>/outcome", methods=["GET"])
@own_client
@audited(READ, OUTCOMES)
@blp.response(200, ClientOutcomeSchema)
def get_outcome(client_id):
    """The change in the client's mean pain from their baseline, classified (IMMPACT).

    ---
    The same outcome GET /api/clients/<id> carries, with the program versions a baseline may
    be taken before.
    """
    return _client_outcome(therapists_client(client_id))


@blp.route("/clients/<int:client_id>/outcome", methods=["PUT"])
@own_client
@audited(UPDATE, OUTCOMES)
@blp.arguments(BaselineChoiceSchema())
@blp.response(200, ClientOutcomeSchema)
@blp.alt_response(422, description="No such baseline or program version")
def put_outcome_baseline(body, client_id):
    """Choose the baseline: the first week of logs, or the week before a program change.

    ---
    {baseline: "first-week"} or {baseline: "before-program-change", program_version: N}
    (without a version: always the latest change).
    """
    client = therapists_client(client_id, changes=True)
    pain_change.choose_baseline(signed_in_therapist(), client, body["baseline"],
                                body["program_version"])
    db.session.commit()
    return _client_outcome(client)


@blp.route("/clients/<int:client_id>/psfs", methods=["GET"])
@own_client
@audited(READ, OUTCOMES)
@blp.response(200, PsfsSchema)
def get_client_psfs(client_id):
    """The client's functional scale: activities (retired ones too), ratings by week, change.

    ---
    Each activity is rated 0 (unable) to 10 (as before the problem) once a local week; change
    is first rating to latest, meaningful from PSFS.meaningful_change points (clinical rules).
    """
    return psfs.psfs_record(therapists_client(client_id), retired=True).as_dict()


@blp.route("/me/psfs", methods=["GET"])
@client_only
@blp.response(200, PsfsSchema)
def get_my_psfs():
    """The signed-in client's activities, ratings, and whether this week's ratings are due."""
    return psfs.psfs_record(signed_in_client()).as_dict()


@blp.route("/me/psfs/activities", methods=["PUT"])
@client_only
@blp.arguments(PsfsActivitiesSchema())
@blp.response(200, PsfsSchema)
@blp.alt_response(422, description="More than three activities, or an empty or repeated one")
def put_my_psfs_activities(body):
    """Name up to three activities to rate each week ({activities: [name, ...]}).

    ---
    An activity already named keeps its ratings; one left out stops being asked (its ratings
    stay in the record); a new one is asked from now on.
    """
    client = signed_in_client()
    psfs.set_activities(client, body["activities"])
    db.session.commit()
    return psfs.psfs_record(client).as_dict()


@blp.route("/me/psfs/ratings", methods=["POST"])
@client_only
@blp.arguments(PsfsRatingsSchema())
@blp.response(200, PsfsSchema)
@blp.alt_response(422, description="A score out of 0-10, or not one of your activities")
def post_my_psfs_ratings(body):
    """Rate this week's activities ({ratings: [{activity_id, score}]}, 0-10).

    ---
    Rating an activity again in the same local week replaces that week's rating.
    """
    client = signed_in_client()
    psfs.record_ratings(client, body["ratings"])
    db.session.commit()
    return psfs.psfs_record(client).as_dict()
