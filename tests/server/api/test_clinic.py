"""The clinic: the first therapist administers the installation and decides whether sign-up
stays open; colleagues join by the administrator's invite; a client is shared with a colleague
or handed over, and each change says who made it."""

from __future__ import annotations

import pytest

from tests.factories import PASSWORD
from tests.server.expect import assert_error

SIGN_UP = {"email": "first@example.test", "password": "a-long-password", "name": "Ana First"}


def _register(app, **changes):
    return app.test_client().post("/api/auth/register", json={**SIGN_UP, **changes})


def test_the_first_therapist_administers_the_installation_and_a_later_one_only_their_clinic(
        app, signed_in):
    first = app.test_client()
    assert first.post("/api/auth/register", json=SIGN_UP).status_code == 200
    second = app.test_client()
    assert second.post("/api/auth/register", json={
        **SIGN_UP, "email": "second@example.test", "name": "Ben Second"}).status_code == 200
    mine, theirs = first.get("/api/clinic").json, second.get("/api/clinic").json
    assert (mine["installation_admin"], mine["is_admin"]) == (True, True)
    assert (theirs["installation_admin"], theirs["is_admin"]) == (False, True)
    assert mine["id"] != theirs["id"]
    assert [t["name"] for t in mine["therapists"]] == ["Ana First"]


def test_the_administrator_closes_sign_up_and_registering_is_then_403_with_a_plain_message(app):
    admin = app.test_client()
    admin.post("/api/auth/register", json=SIGN_UP)
    assert app.test_client().get("/api/auth/signup").json == {"open": True}

    closed = admin.patch("/api/clinic", json={"signup_open": False})
    assert closed.status_code == 200 and closed.json["signup_open"] is False
    assert app.test_client().get("/api/auth/signup").json == {"open": False}
    refused = assert_error(_register(app, email="late@example.test"), 403)
    assert "invite" in refused["message"]

    assert admin.patch("/api/clinic", json={"signup_open": True}).status_code == 200
    assert _register(app, email="late@example.test").status_code == 200


def test_only_the_installations_administrator_opens_or_closes_sign_up(app):
    app.test_client().post("/api/auth/register", json=SIGN_UP)
    later = app.test_client()
    later.post("/api/auth/register", json={**SIGN_UP, "email": "later@example.test"})
    assert_error(later.patch("/api/clinic", json={"signup_open": False}), 403)
    assert app.test_client().get("/api/auth/signup").json == {"open": True}
    assert later.patch("/api/clinic", json={"name": "Later Physio"}).json["name"] == \
        "Later Physio"


@pytest.mark.parametrize(("body", "field"), [({}, "_schema"), ({"signup_open": "no"},
                                                                "signup_open"),
                                              ({"name": ""}, "name")])
def test_changing_the_clinic_refuses_bad_fields(app, body, field):
    admin = app.test_client()
    admin.post("/api/auth/register", json=SIGN_UP)
    assert_error(admin.patch("/api/clinic", json=body), 422, field)


def test_a_colleague_joins_the_administrators_clinic_by_invite_even_with_sign_up_closed(app):
    admin = app.test_client()
    admin.post("/api/auth/register", json=SIGN_UP)
    admin.patch("/api/clinic", json={"signup_open": False})
    invite = admin.post("/api/clinic/invites", json={"name": "Cy Colleague",
                                                     "email": "cy@example.test"}).json
    preview = app.test_client().get(f"/api/invites/{invite['token']}").json
    assert preview["kind"] == "colleague" and preview["privacy"] is None
    assert [i["kind"] for i in admin.get("/api/invites").json] == ["colleague"]

    colleague = app.test_client()
    joined = colleague.post(f"/api/invites/{invite['token']}/accept",
                            json={"password": "cys-long-password", "timezone": "UTC"})
    assert joined.status_code == 200
    assert joined.json["role"] == "therapist" and joined.json["is_clinic_admin"] is False
    clinic = colleague.get("/api/clinic").json
    assert clinic["id"] == admin.get("/api/clinic").json["id"]
    assert sorted(t["name"] for t in clinic["therapists"]) == ["Ana First", "Cy Colleague"]
    assert_error(colleague.post("/api/clinic/invites", json={
        "name": "X", "email": "x@example.test"}), 403)


def test_sharing_lets_a_colleague_see_the_record_and_says_who_shared_it(
        world, make_colleague, signed_in):
    colleague = make_colleague(world.therapist, "Cy Colleague")
    own, theirs = signed_in(world.therapist), signed_in(colleague)
    assert theirs.get(f"/api/clients/{world.client.id}").status_code == 404

    team = own.post(f"/api/clients/{world.client.id}/care-team",
                    json={"therapist_id": colleague.id})
    assert team.status_code == 200
    assert team.json["primary"] == {"id": world.therapist.id, "name": "Dana Therapist"}
    [shared] = team.json["shared_with"]
    assert shared["therapist"]["id"] == colleague.id
    assert shared["shared_by"] == {"id": world.therapist.id, "name": "Dana Therapist"}
    again = own.post(f"/api/clients/{world.client.id}/care-team",
                     json={"therapist_id": colleague.id})
    assert again.json == team.json  # sharing twice changes nothing

    detail = theirs.get(f"/api/clients/{world.client.id}")
    assert detail.status_code == 200 and detail.json["shared_with_me"] is True
    assert own.get(f"/api/clients/{world.client.id}").json["shared_with_me"] is False

    assert own.delete(f"/api/clients/{world.client.id}/care-team/{colleague.id}") \
        .status_code == 200
    assert theirs.get(f"/api/clients/{world.client.id}").status_code == 404


def test_a_client_is_shared_only_within_the_clinic(world, signed_in):
    own = signed_in(world.therapist)
    assert_error(own.post(f"/api/clients/{world.client.id}/care-team",
                          json={"therapist_id": world.other_therapist.id}), 404, "therapist_id")
    assert_error(own.post(f"/api/clients/{world.client.id}/care-team",
                          json={"therapist_id": "x"}), 422, "therapist_id")


def test_handing_over_moves_the_client_and_the_old_therapist_keeps_access_only_if_asked(
        world, make_colleague, signed_in):
    first, second = make_colleague(world.therapist, "Cy"), make_colleague(world.therapist, "Di")
    own = signed_in(world.therapist)
    team = own.post(f"/api/clients/{world.client.id}/handover",
                    json={"therapist_id": first.id, "keep_access": True}).json
    assert team["primary"]["id"] == first.id
    assert [s["therapist"]["id"] for s in team["shared_with"]] == [world.therapist.id]
    assert signed_in(world.client).get("/api/me").json["therapist_name"] == "Cy"

    by_first = signed_in(first)
    team = by_first.post(f"/api/clients/{world.client.id}/handover",
                         json={"therapist_id": second.id}).json
    assert team["primary"]["id"] == second.id
    assert by_first.get(f"/api/clients/{world.client.id}").status_code == 404
    assert own.get(f"/api/clients/{world.client.id}").status_code == 200  # still shared


def test_a_colleague_the_client_is_shared_with_cannot_pass_the_client_on(
        world, make_colleague, share_client, signed_in):
    sharing, other = make_colleague(world.therapist, "Cy"), make_colleague(world.therapist, "Di")
    share_client(world.client, sharing, by=world.therapist)
    assert_error(signed_in(sharing).post(f"/api/clients/{world.client.id}/handover",
                                         json={"therapist_id": other.id}), 403)


def test_the_clinic_administrator_reassigns_a_colleagues_client_without_reading_the_record(
        world, make_colleague, signed_in):
    colleague, admin = make_colleague(world.therapist, "Cy"), signed_in(world.therapist)
    admin.post(f"/api/clients/{world.client.id}/handover",
               json={"therapist_id": colleague.id})
    assert admin.get(f"/api/clients/{world.client.id}").status_code == 404
    team = admin.post(f"/api/clients/{world.client.id}/handover",
                      json={"therapist_id": world.therapist.id})
    assert team.status_code == 200 and team.json["primary"]["id"] == world.therapist.id


def test_a_colleague_signs_in_and_sees_only_their_own_caseload(world, make_colleague, app):
    colleague = make_colleague(world.therapist, "Cy")
    http = app.test_client()
    http.post("/api/auth/login", json={"email": colleague.email, "password": PASSWORD})
    assert http.get("/api/clients").json == []
