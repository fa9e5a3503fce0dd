"""The whole journey through the API: a therapist invites, assigns; a client joins, logs."""

from tests.factories import CONSENT_VERSION, log_body, program_spec, session_body


def test_therapist_invites_client_who_joins_logs_and_is_seen_in_caseload(anonymous, app):
    therapist = app.test_client()
    response = therapist.post("/api/auth/register", json={
        "email": "Pat@Example.test", "password": "a-long-password", "name": "Pat"})
    assert response.status_code == 200
    assert response.json["role"] == "therapist"

    invite = therapist.post("/api/invites", json={"name": "Robin", "email": "robin@example.test"})
    assert invite.status_code == 200
    assert set(invite.json) == {"token", "url", "expires_at"}

    client = app.test_client()
    joined = client.post(f"/api/invites/{invite.json['token']}/accept",
                         json={"password": "robins-password", "timezone": "Europe/London",
                               "consent_version": CONSENT_VERSION})
    assert joined.status_code == 200
    assert joined.json["role"] == "client"
    client_id = joined.json["id"]

    assigned = therapist.put(f"/api/clients/{client_id}/program", json=program_spec())
    assert assigned.status_code == 200
    assert assigned.json["version"] == 1
    assert client.get("/api/me/program").json["version"] == 1

    sent = client.post("/api/me/logs", json=[log_body(pain=6)])
    assert sent.json["created"] == 1
    assert client.post("/api/me/sessions", json=[session_body()]).json["created"] == 1

    caseload = therapist.get("/api/clients").json
    assert [row["id"] for row in caseload] == [client_id]
    assert caseload[0]["pain_mean_7d"] == 6.0
    assert caseload[0]["adherence"]["done"] == 1
