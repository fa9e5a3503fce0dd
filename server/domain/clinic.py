"""The clinic: the installation's administrator and its sign-up setting, each clinic's
therapists, and caring for a client together (sharing, handing over).

Registration is open until the administrator (the installation's first therapist) closes it;
a therapist who registers gets a clinic of their own. Colleagues join a clinic only through
its administrator's invite. A client is seen by their primary therapist and by colleagues of
the same clinic the record is shared with, nobody else.
"""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from ..errors import Conflict, NotFound, SignupClosed, WrongRole
from ..extensions import db
from ..models import THERAPIST, ClientShare, Clinic, Installation, User, utcnow

INSTALLATION_ID = 1


def new_clinic(founder_name: str) -> Clinic:
    clinic = Clinic(name=f"{founder_name.strip()}'s practice"[:120])
    db.session.add(clinic)
    db.session.flush()
    return clinic


def claim_installation(therapist: User) -> bool:
    """Make the therapist the installation's administrator if nobody is yet. The single row's
    primary key decides between two first registrations at the same moment."""
    try:
        with db.session.begin_nested():
            db.session.add(Installation(id=INSTALLATION_ID, administrator_id=therapist.id,
                                        signup_open=True))
    except IntegrityError:
        return False
    return True


def installation() -> Installation | None:
    return db.session.get(Installation, INSTALLATION_ID)


def signup_is_open() -> bool:
    settings = installation()
    return settings is None or settings.signup_open


def require_signup_open() -> None:
    if not signup_is_open():
        raise SignupClosed()


def is_installation_admin(user: User) -> bool:
    settings = installation()
    return settings is not None and settings.administrator_id == user.id


def set_signup_open(actor: User, open_: bool) -> None:
    if not is_installation_admin(actor):
        raise WrongRole("Only the administrator of this installation can change who may sign up.")
    installation().signup_open = open_
    db.session.flush()


def require_clinic_admin(actor: User) -> None:
    if not (actor.role == THERAPIST and actor.is_clinic_admin):
        raise WrongRole("Only your clinic's administrator can do this.")


def rename_clinic(actor: User, name: str) -> Clinic:
    require_clinic_admin(actor)
    clinic = db.session.get(Clinic, actor.clinic_id)
    clinic.name = name.strip()
    db.session.flush()
    return clinic


def colleagues(therapist: User) -> list[User]:
    """Every therapist of the therapist's clinic, the therapist included, by name."""
    return list(db.session.scalars(select(User).where(
        User.role == THERAPIST, User.clinic_id == therapist.clinic_id).order_by(User.name,
                                                                               User.id)))


def clinic_summary(therapist: User) -> dict:
    settings = installation()
    return {
        "id": therapist.clinic_id,
        "name": db.session.get(Clinic, therapist.clinic_id).name,
        "is_admin": therapist.is_clinic_admin,
        "installation_admin": settings is not None and settings.administrator_id == therapist.id,
        "signup_open": settings is None or settings.signup_open,
        "therapists": colleagues(therapist),
    }


# --- caring together ---------------------------------------------------------------------

def _colleague(actor: User, therapist_id: int) -> User:
    colleague = db.session.scalar(select(User).where(
        User.id == therapist_id, User.role == THERAPIST, User.clinic_id == actor.clinic_id))
    if colleague is None:
        raise NotFound("No such therapist in your clinic.",
                       errors={"therapist_id": ["Choose a therapist of your clinic."]})
    return colleague


def _require_care_manager(actor: User, client: User) -> None:
    """The primary therapist, or the clinic's administrator, decides who else cares for a
    client; a colleague the record is shared with reads and writes it but does not pass it on."""
    if client.therapist_id != actor.id and not actor.is_clinic_admin:
        raise WrongRole("Only the client's main therapist or the clinic's administrator can "
                        "change who cares for this client.")


def care_team(client: User) -> dict:
    shares = db.session.execute(
        select(ClientShare, User).join(User, User.id == ClientShare.therapist_id)
        .where(ClientShare.client_id == client.id).order_by(ClientShare.shared_at)).all()
    by_id = {u.id: u for u in db.session.scalars(select(User).where(
        User.id.in_({s.shared_by_id for s, _ in shares if s.shared_by_id})))} if shares else {}
    return {
        "primary": client.therapist,
        "shared_with": [{"therapist": therapist, "shared_at": share.shared_at,
                         "shared_by": by_id.get(share.shared_by_id)}
                        for share, therapist in shares],
    }


def share_client(actor: User, client: User, therapist_id: int) -> dict:
    """Let a colleague see and change the record too. Sharing twice changes nothing."""
    _require_care_manager(actor, client)
    colleague = _colleague(actor, therapist_id)
    if colleague.id == client.therapist_id:
        raise Conflict("This therapist already cares for the client.",
                       errors={"therapist_id": ["This is the client's main therapist."]})
    try:
        with db.session.begin_nested():
            db.session.add(ClientShare(client_id=client.id, therapist_id=colleague.id,
                                       shared_by_id=actor.id))
    except IntegrityError:
        pass  # already shared: the first share, and who made it, stay as they were
    return care_team(client)


def unshare_client(actor: User, client: User, therapist_id: int) -> dict:
    if therapist_id != actor.id:  # anyone may step back from a client shared with them
        _require_care_manager(actor, client)
    removed = db.session.execute(delete(ClientShare).where(
        ClientShare.client_id == client.id, ClientShare.therapist_id == therapist_id)).rowcount
    if not removed:
        raise NotFound("This client is not shared with that therapist.")
    return care_team(client)


def hand_over(actor: User, client: User, therapist_id: int, keep_access: bool) -> dict:
    """Make a colleague the client's main therapist. The previous one keeps the record shared
    with them when asked to, and loses it otherwise."""
    _require_care_manager(actor, client)
    colleague = _colleague(actor, therapist_id)
    previous = client.therapist_id
    if colleague.id == previous:
        return care_team(client)
    db.session.execute(delete(ClientShare).where(
        ClientShare.client_id == client.id, ClientShare.therapist_id == colleague.id))
    client.therapist_id = colleague.id
    client.therapist = colleague
    if keep_access and previous is not None:
        db.session.add(ClientShare(client_id=client.id, therapist_id=previous,
                                   shared_by_id=actor.id, shared_at=utcnow()))
    db.session.flush()
    return care_team(client)
