"""Home programs: the therapist assigns versions; the client reads the current one."""

from flask_smorest import Blueprint

from ..domain import best_direction, programs, safety
from ..domain.access_log import PROGRAM, READ, UPDATE
from ..extensions import db
from ..models import Program
from ..schemas.programs import ClientProgramSchema, ProgramSchema
from .access import (
    client_only,
    own_client,
    signed_in_client,
    signed_in_therapist,
    therapists_client,
)
from .audit import audited

blp = Blueprint("programs", __name__, url_prefix="/api", description="Home programs")


@blp.route("/clients/<int:client_id>/program", methods=["GET"])
@own_client
@audited(READ, PROGRAM)
@blp.response(200, ProgramSchema)
@blp.alt_response(404, description="No such client, or no program yet")
def get_client_program(client_id):
    """The client's current home program."""
    return programs.require_current_program(therapists_client(client_id))


@blp.route("/clients/<int:client_id>/program", methods=["PUT"])
@own_client
@audited(UPDATE, PROGRAM)
@blp.arguments(ProgramSchema())
@blp.response(200, ProgramSchema)
@blp.alt_response(422, description="A field is out of bounds or not in the vocabulary")
def assign_program(spec, client_id):
    """Assign a new version of the client's home program.

    ---
    Every save is a new version; earlier versions are kept and readable.
    """
    client = therapists_client(client_id, changes=True)
    program = programs.assign_program_version(signed_in_therapist(), client, spec)
    db.session.commit()
    return program


@blp.route("/clients/<int:client_id>/program/versions", methods=["GET"])
@own_client
@audited(READ, PROGRAM)
@blp.response(200, ProgramSchema(many=True))
def list_program_versions(client_id):
    """Every version of the client's program, newest first."""
    return programs.program_versions(therapists_client(client_id))


@blp.route("/clients/<int:client_id>/program/versions/<int:version>", methods=["GET"])
@own_client
@audited(READ, PROGRAM)
@blp.response(200, ProgramSchema)
def get_program_version(client_id, version):
    """One earlier (or the current) version of the client's program."""
    return programs.program_version(therapists_client(client_id), version)


class _ProgramWithPause:
    """A stored program read with the client's pause and the directions to lead with beside it
    (not columns of the program)."""

    def __init__(self, program: Program, paused: safety.Pause | None, lead_with: list[dict]):
        self._program = program
        self.paused = paused
        self.lead_with = lead_with

    def __getattr__(self, name):
        return getattr(self._program, name)


@blp.route("/me/program", methods=["GET"])
@client_only
@blp.response(200, ClientProgramSchema)
@blp.alt_response(404, description="No program assigned yet")
def get_my_program():
    """The signed-in client's current home program, and whether self-massage is paused.

    ---
    paused is null, or {since, reason, urgency} while the client has an open emergency or
    same-day safety flag: the app then offers no session on any device, until the therapist
    acknowledges the flag. GET /api/me/safety answers the same for a client with no program.
    lead_with lists the spots where the therapist chose to start with the clearly best
    direction, [{group, side, direction}]: the session tries that direction first there.
    """
    client = signed_in_client()
    program = programs.require_current_program(client)
    return _ProgramWithPause(program, safety.pause(client),
                             best_direction.lead_with_for_session(client, program.steps))
