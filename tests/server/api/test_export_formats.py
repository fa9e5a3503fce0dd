"""The therapist's export of a client and the spreadsheet and FHIR formats: CSV of logs, sessions
and flags that a spreadsheet opens with the right characters, local times beside UTC and words
beside codes; a FHIR R4 bundle that two FHIR libraries parse and round-trip: fhirclient's R4
(4.0.1) models and fhir.resources' R4B models, each strict about unknown fields and types."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime

import pytest
import time_machine
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.careplan import CarePlan
from fhir.resources.R4B.observation import Observation
from fhir.resources.R4B.patient import Patient
from fhir.resources.R4B.practitioner import Practitioner
from fhirclient.models.bundle import Bundle as R4Bundle

from server.domain import standards
from tests.factories import log_body, session_body
from tests.server.expect import assert_error

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
#: 06:30 UTC is 12:00 in Kolkata (UTC+05:30): a half-hour offset shows any rounding.
MORNING = "2026-11-28T06:30:00+00:00"


@pytest.fixture(autouse=True)
def _clock_after_the_records():
    """The records are dated before NOW; at any earlier date the server would refuse them."""
    with time_machine.travel(NOW, tick=True):
        yield


@pytest.fixture
def record(make_therapist, make_client, make_program, add_logs, add_sessions):
    """A therapist's client in Kolkata with a program, two logs (one in French), a session and
    the flags they raised."""
    therapist = make_therapist("Dana Reid")
    client = make_client(therapist, "Amélie Café", timezone="Asia/Kolkata")
    make_program(therapist, client)
    add_logs(client, [
        log_body(pain=8, recorded_at=MORNING, notes="Nuit blanche au café, ça brûle",
                 sensations=["aching", "burning"], regions=["superior-gluteal-left"],
                 aggravators=["sitting", "rolling"], red_flags=["night-pain"]),
        log_body(pain=3, recorded_at="2026-11-29T18:00:00+00:00", notes="=cmd|' /C calc'!A0"),
    ])
    add_sessions(client, [session_body(started_at="2026-11-29T03:00:00+00:00",
                                       ended_at="2026-11-29T03:12:00+00:00",
                                       pain_before=5, pain_after=2)])
    return therapist, client


def spreadsheet_rows(response) -> list[dict]:
    """Read a CSV body as a spreadsheet does: bytes, a UTF-8 byte-order mark, then the rows."""
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert response.data.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(response.data.decode("utf-8-sig"), newline="")))


def test_a_therapist_downloads_a_clients_logs_as_csv_that_keeps_cafe_and_says_words(
        record, signed_in):
    therapist, client = record
    http = signed_in(therapist)
    rows = spreadsheet_rows(http.get(f"/api/clients/{client.id}/export?format=csv"))
    assert [r["pain"] for r in rows] == ["8", "3"]  # oldest first
    first = rows[0]
    assert first["notes"] == "Nuit blanche au café, ça brûle"
    assert first["recorded_at"] == "2026-11-28T06:30:00+00:00"
    assert first["recorded_local"] == "2026-11-28 12:00"
    assert first["timezone"] == "Asia/Kolkata"
    assert first["sensations"] == "aching burning"
    assert first["sensations_words"] == "Aching; Burning"
    assert first["regions_words"] == "Top of the hip bone, upper buttock, left"
    assert first["aggravators_words"] == "Sitting; Rolling over in bed"
    assert first["red_flags_words"] == "Night pain, worse lying down"
    assert rows[1]["notes"] == "'=cmd|' /C calc'!A0"


def test_the_session_csv_has_local_times_and_each_drag_in_words(record, signed_in):
    therapist, client = record
    rows = spreadsheet_rows(signed_in(therapist).get(
        f"/api/clients/{client.id}/export?format=csv&records=sessions"))
    assert len(rows) == 1
    assert rows[0]["started_local"] == "2026-11-29 08:30"
    assert rows[0]["ended_local"] == "2026-11-29 08:42"
    assert (rows[0]["pain_before"], rows[0]["pain_after"]) == ("5", "2")
    assert rows[0]["drags"] == "superior/left/inferior:better"
    assert rows[0]["drags_words"] == "Upper cluneal nerves, left: Down (eased)"


def test_the_flags_csv_says_what_each_flag_was_and_how_it_was_handled(record, signed_in):
    therapist, client = record
    http = signed_in(therapist)
    flags = http.get(f"/api/clients/{client.id}/flags?state=all").json
    night = next(f for f in flags if f["code"] == "night-pain")
    assert http.post(f"/api/clients/{client.id}/flags/{night['id']}/acknowledge",
                     json={"note": "Rang her; GP booked for Tuesday."}).status_code == 200
    rows = spreadsheet_rows(http.get(f"/api/clients/{client.id}/export?format=csv&records=flags"))
    by_code = {r["code"]: r for r in rows}
    assert by_code["night-pain"]["about"] == "Night pain, worse lying down"
    assert by_code["night-pain"]["kind_words"] == "Red flag"
    assert by_code["night-pain"]["urgency_words"] == "Soon"
    assert by_code["night-pain"]["acknowledged_by"] == "Dana Reid"
    assert by_code["night-pain"]["note"] == "Rang her; GP booked for Tuesday."
    assert by_code["night-pain"]["raised_local"].startswith("20")
    high = next(r for r in rows if r["kind"] == "high-pain")
    assert high["kind_words"] == "High pain score" and high["acknowledged_at"] == ""


def test_the_clients_own_csv_has_sessions_too(record, signed_in):
    _therapist, client = record
    rows = spreadsheet_rows(signed_in(client).get("/api/me/export?format=csv&records=sessions"))
    assert len(rows) == 1


def test_an_unknown_record_kind_is_422(record, signed_in):
    therapist, client = record
    assert_error(signed_in(therapist).get(
        f"/api/clients/{client.id}/export?format=csv&records=pets"), 422, "records")


def test_a_therapist_cannot_export_a_client_of_someone_else(record, make_therapist, signed_in):
    _therapist, client = record
    stranger = signed_in(make_therapist("Eli Other"))
    assert_error(stranger.get(f"/api/clients/{client.id}/export?format=csv"), 404)


def test_the_therapists_export_is_in_the_clients_access_log(record, signed_in):
    therapist, client = record
    signed_in(therapist).get(f"/api/clients/{client.id}/export?format=fhir")
    entries = signed_in(client).get("/api/me/access-log").json
    assert [(e["actor"]["name"], e["action"], e["resource"]) for e in entries
            if e["actor"]["role"] == "therapist"][:1] == [("Dana Reid", "export", "record")]


def test_the_therapists_json_export_holds_the_whole_record(record, signed_in):
    therapist, client = record
    body = signed_in(therapist).get(f"/api/clients/{client.id}/export").json
    assert body["profile"]["name"] == "Amélie Café"
    assert len(body["logs"]) == 2 and len(body["sessions"]) == 1


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize("who", ["therapist", "client"])
def test_the_fhir_bundle_validates_as_fhir_r4_and_round_trips(record, signed_in, who):
    therapist, client = record
    path = (f"/api/clients/{client.id}/export?format=fhir" if who == "therapist"
            else "/api/me/export?format=fhir")
    response = signed_in(therapist if who == "therapist" else client).get(path)
    assert response.status_code == 200 and response.mimetype == "application/fhir+json"
    sent = json.loads(response.data)

    assert R4Bundle(sent, strict=True).as_json() == sent  # FHIR R4 4.0.1, exactly
    parsed = Bundle.model_validate(sent)
    assert json.loads(parsed.model_dump_json()) == sent
    for entry in sent["entry"]:
        resource = entry["resource"]
        kind = {"Patient": Patient, "Practitioner": Practitioner, "Observation": Observation,
                "CarePlan": CarePlan}
        model = kind[resource["resourceType"]].model_validate(resource)
        assert json.loads(model.model_dump_json()) == resource
    assert parsed.type == "collection" and sent["timestamp"] == "2026-11-30T12:00:00Z"


def _resources(bundle: dict, kind: str) -> list[dict]:
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]


def test_each_log_is_a_loinc_pain_observation_at_the_clients_local_time(record, signed_in):
    therapist, client = record
    bundle = signed_in(therapist).get(f"/api/clients/{client.id}/export?format=fhir").json
    (patient,) = _resources(bundle, "Patient")
    assert patient["name"] == [{"text": "Amélie Café"}]
    patient_url = bundle["entry"][0]["fullUrl"]
    observations = _resources(bundle, "Observation")
    assert [o["valueInteger"] for o in observations] == [8, 3]
    first = observations[0]
    assert first["code"]["coding"][0]["system"] == "http://loinc.org"
    assert first["code"]["coding"][0]["code"] == standards.PAIN_SCORE_LOINC == "72514-3"
    assert first["effectiveDateTime"] == "2026-11-28T12:00:00+05:30"
    assert first["subject"] == {"reference": patient_url}
    assert {"text": "Felt as: Aching; Burning"} in first["note"]


def test_the_program_is_a_careplan_of_exercise_therapy_with_its_schedule(
        record, signed_in, make_program):
    therapist, client = record
    make_program(therapist, client, notes="Version two.")
    bundle = signed_in(therapist).get(f"/api/clients/{client.id}/export?format=fhir").json
    plans = _resources(bundle, "CarePlan")
    assert [p["status"] for p in plans] == ["completed", "active"]
    current = plans[-1]
    assert current["title"] == "Home program, version 2"
    assert plans[0]["period"]["end"] == current["period"]["start"]
    (activity,) = current["activity"]
    coding = activity["detail"]["code"]["coding"][0]
    assert (coding["system"], coding["code"]) == ("http://snomed.info/sct", "229065009")
    assert activity["detail"]["scheduledTiming"]["repeat"]["timeOfDay"] == ["08:00:00",
                                                                              "19:00:00"]
    assert "Top of the left iliac crest" in activity["detail"]["description"]
    assert {"text": "Version two."} in current["note"]
    (therapist_entry,) = [e for e in bundle["entry"]
                          if e["resource"]["resourceType"] == "Practitioner"]
    assert therapist_entry["resource"]["name"] == [{"text": "Dana Reid"}]
    assert current["author"] == {"reference": therapist_entry["fullUrl"]}
    # Not the Patient's generalPractitioner: a massage therapist is not their primary care.
    assert "generalPractitioner" not in _resources(bundle, "Patient")[0]


@time_machine.travel(NOW, tick=False)
def test_a_bundle_of_a_client_on_utc_round_trips_too(make_therapist, make_client, make_program,
                                                     add_logs, signed_in):
    therapist = make_therapist()
    client = make_client(therapist, timezone="Europe/London")
    make_program(therapist, client)
    add_logs(client, [log_body(pain=0, recorded_at=MORNING)])
    sent = signed_in(therapist).get(f"/api/clients/{client.id}/export?format=fhir").json
    assert json.loads(Bundle.model_validate(sent).model_dump_json()) == sent
    assert R4Bundle(sent, strict=True).as_json() == sent
    assert _resources(sent, "Observation")[0]["effectiveDateTime"] == "2026-11-28T06:30:00Z"


def test_psfs_ratings_are_questionnaire_responses_one_per_rated_week(record, signed_in):
    from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse

    therapist, client = record
    phone = signed_in(client)
    with time_machine.travel(datetime(2026, 11, 16, 9, tzinfo=UTC), tick=False):
        named = phone.put("/api/me/psfs/activities", json={"activities": [
            "Sit through a 30-minute meeting", "Drive to work"]}).json["activities"]
        phone.post("/api/me/psfs/ratings", json={"ratings": [
            {"activity_id": named[0]["id"], "score": 3}, {"activity_id": named[1]["id"],
                                                          "score": 5}]})
    with time_machine.travel(datetime(2026, 11, 30, 9, tzinfo=UTC), tick=False):
        phone.post("/api/me/psfs/ratings", json={"ratings": [
            {"activity_id": named[0]["id"], "score": 6}]})
        bundle = signed_in(therapist).get(f"/api/clients/{client.id}/export?format=fhir").json
    responses = _resources(bundle, "QuestionnaireResponse")
    for response in responses:
        parsed = QuestionnaireResponse.model_validate(response)
        assert json.loads(parsed.model_dump_json()) == response
    assert json.loads(Bundle.model_validate(bundle).model_dump_json()) == bundle
    assert R4Bundle(bundle, strict=True).as_json() == bundle
    assert [r["authored"] for r in responses] == ["2026-11-16T14:30:00+05:30",
                                                  "2026-11-30T14:30:00+05:30"]
    assert [[(i["text"], i["answer"][0]["valueInteger"]) for i in r["item"]]
            for r in responses] == [[("Sit through a 30-minute meeting", 3), ("Drive to work", 5)],
                                    [("Sit through a 30-minute meeting", 6)]]
    assert {r["questionnaire"] for r in responses} == {standards.PSFS_QUESTIONNAIRE}


@pytest.mark.parametrize("spoil", [
    lambda r: r.update(valueInteger="eight"),  # words where FHIR wants an integer
    lambda r: r.update(effectiveDateTime="28/11/2026 12:00"),  # not a FHIR dateTime
    lambda r: r.update(painScore=8),  # no such element
    lambda r: r.pop("status"),  # a required element missing
])
def test_the_validators_refuse_a_spoiled_bundle(record, signed_in, spoil):
    """The checks above can fail: each library refuses the same bundle with one part spoiled."""
    from fhirclient.models.fhirabstractbase import FHIRValidationError
    from pydantic import ValidationError

    therapist, client = record
    bundle = signed_in(therapist).get(f"/api/clients/{client.id}/export?format=fhir").json
    spoil(_resources(bundle, "Observation")[0])
    with pytest.raises(ValidationError):
        Bundle.model_validate(bundle)
    with pytest.raises(FHIRValidationError):
        R4Bundle(bundle, strict=True)
