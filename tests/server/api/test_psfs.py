"""The Patient-Specific Functional Scale: the client names up to three activities and rates them
each local week; the weekly prompt follows the client's wall clock across a daylight-saving
change; the therapist reads every activity with its change."""

from __future__ import annotations

from datetime import UTC, datetime

import time_machine

from server.models import OutcomeSettings, PsfsActivity, PsfsRating
from tests.server.expect import assert_error, stored_count

ACTIVITIES = "/api/me/psfs/activities"
RATINGS = "/api/me/psfs/ratings"


def _at(text: str):
    return time_machine.travel(datetime.fromisoformat(text), tick=False)


def test_a_client_names_activities_rates_them_and_is_no_longer_asked_this_week(
        world, signed_in):
    client = signed_in(world.client)
    fresh = client.get("/api/me/psfs").json
    assert fresh["activities"] == [] and fresh["due"] is False and fresh["next_due_at"] is None
    named = client.put(ACTIVITIES, json={"activities": [
        "Sit through a 30-minute meeting", "  Drive  to work "]}).json
    assert [(a["slot"], a["name"]) for a in named["activities"]] == [
        (1, "Sit through a 30-minute meeting"), (2, "Drive to work")]
    assert named["due"] is True
    assert named["due_activity_ids"] == [a["id"] for a in named["activities"]]
    first, second = (a["id"] for a in named["activities"])
    rated = client.post(RATINGS, json={"ratings": [{"activity_id": first, "score": 3},
                                                   {"activity_id": second, "score": 6}]})
    assert rated.status_code == 200, rated.json
    assert rated.json["due"] is False and rated.json["next_due_at"] is not None
    assert [(r["activity_id"], r["score"]) for r in rated.json["ratings"]] == [(first, 3),
                                                                              (second, 6)]


def test_rating_again_in_the_same_week_replaces_the_rating(app, world, signed_in):
    client = signed_in(world.client)
    [activity] = client.put(ACTIVITIES, json={"activities": ["Walk the dog"]}).json["activities"]
    client.post(RATINGS, json={"ratings": [{"activity_id": activity["id"], "score": 2}]})
    again = client.post(RATINGS, json={"ratings": [{"activity_id": activity["id"], "score": 4}]})
    assert [r["score"] for r in again.json["ratings"]] == [4]
    assert stored_count(app, PsfsRating) == 1


def test_the_weekly_prompt_follows_the_local_week_across_the_clocks_going_back(
        make_client, world, signed_in):
    london = make_client(world.therapist, "Lou London", timezone="Europe/London")
    with _at("2026-10-21T12:00:00+00:00"):  # Wednesday of the week the clocks go back
        client = signed_in(london)
        [activity] = client.put(ACTIVITIES, json={"activities": ["Sit at my desk"]}).json[
            "activities"]
        rated = client.post(RATINGS, json={"ratings": [{"activity_id": activity["id"],
                                                        "score": 4}]}).json
        assert rated["this_week"] == "2026-10-19"
        # Monday 26 October 00:00 in London is 00:00 UTC (GMT again), not 23:00 the day before.
        assert datetime.fromisoformat(rated["next_due_at"]) == datetime(2026, 10, 26, tzinfo=UTC)
    with _at("2026-10-25T23:59:00+00:00"):  # Sunday 23:59 GMT: still the same local week
        assert client.get("/api/me/psfs").json["due"] is False
    with _at("2026-10-26T00:00:00+00:00"):  # Monday 00:00 in London: the new week
        now = client.get("/api/me/psfs").json
        assert now["due"] is True and now["this_week"] == "2026-10-26"


def test_the_week_starts_at_local_midnight_while_summer_time_still_holds(
        make_client, world, signed_in):
    london = make_client(world.therapist, "Lou London", timezone="Europe/London")
    with _at("2026-10-18T22:59:00+00:00"):  # Sunday 23:59 BST
        client = signed_in(london)
        [activity] = client.put(ACTIVITIES, json={"activities": ["Sit at my desk"]}).json[
            "activities"]
        client.post(RATINGS, json={"ratings": [{"activity_id": activity["id"], "score": 4}]})
    with _at("2026-10-18T23:00:00+00:00"):  # Monday 00:00 BST, still Sunday in UTC
        assert client.get("/api/me/psfs").json["due"] is True


def test_more_than_three_activities_or_repeats_or_blanks_are_422(world, signed_in):
    client = signed_in(world.client)
    assert_error(client.put(ACTIVITIES, json={"activities": ["a", "b", "c", "d"]}), 422,
                 "activities")
    assert_error(client.put(ACTIVITIES, json={"activities": ["Walk", "walk "]}), 422,
                 "activities")
    assert_error(client.put(ACTIVITIES, json={"activities": [" "]}), 422, "activities")
    assert_error(client.put(ACTIVITIES, json={"activities": ["x" * 121]}), 422, "activities")
    assert_error(client.put(ACTIVITIES, json={}), 422, "activities")


def test_a_bad_rating_is_422(world, signed_in):
    client = signed_in(world.client)
    theirs = signed_in(world.other_client).put(ACTIVITIES, json={"activities": ["Run"]}).json
    [mine] = client.put(ACTIVITIES, json={"activities": ["Walk"]}).json["activities"]
    for bad in ({"activity_id": mine["id"], "score": 11}, {"activity_id": mine["id"], "score": -1},
                {"activity_id": mine["id"], "score": 5.5}, {"activity_id": mine["id"]},
                {"activity_id": theirs["activities"][0]["id"], "score": 5}):
        assert_error(client.post(RATINGS, json={"ratings": [bad]}), 422, "ratings")
    assert_error(client.post(RATINGS, json={"ratings": []}), 422, "ratings")


def test_changing_the_list_keeps_ratings_of_kept_activities_and_retires_the_rest(
        world, signed_in):
    with _at("2026-11-02T09:00:00+00:00"):
        client = signed_in(world.client)
        first = client.put(ACTIVITIES, json={"activities": ["Sit", "Drive", "Lift"]}).json
        ids = {a["name"]: a["id"] for a in first["activities"]}
        client.post(RATINGS, json={"ratings": [{"activity_id": i, "score": 2}
                                               for i in ids.values()]})
    with _at("2026-11-16T09:00:00+00:00"):
        client = signed_in(world.client)  # a fortnight idle ends a sign-in session
        client.post(RATINGS, json={"ratings": [{"activity_id": ids["Sit"], "score": 5},
                                               {"activity_id": ids["Drive"], "score": 3}]})
        changed = client.put(ACTIVITIES, json={"activities": ["sit", "Garden"]}).json
        assert [(a["slot"], a["name"]) for a in changed["activities"]] == [(1, "Sit"),
                                                                           (2, "Garden")]
        assert changed["activities"][0]["id"] == ids["Sit"]
        assert changed["activities"][0]["change"] == {
            "first_week": "2026-11-02", "first_score": 2, "latest_week": "2026-11-16",
            "latest_score": 5, "points": 3, "meaningful": True}
        therapist = signed_in(world.therapist).get(f"/api/clients/{world.client.id}/psfs").json
    names = [(a["name"], a["retired_at"] is None) for a in therapist["activities"]]
    assert names == [("Sit", True), ("Garden", True), ("Drive", False), ("Lift", False)]
    drive = next(a for a in therapist["activities"] if a["name"] == "Drive")
    assert drive["change"]["points"] == 1 and drive["change"]["meaningful"] is False
    assert len(therapist["ratings"]) == 5


def test_the_clients_export_holds_the_scale_and_closing_the_account_erases_it(
        app, world, signed_in):
    client = signed_in(world.client)
    [activity] = client.put(ACTIVITIES, json={"activities": ["Garden"]}).json["activities"]
    client.post(RATINGS, json={"ratings": [{"activity_id": activity["id"], "score": 7}]})
    signed_in(world.therapist).put(f"/api/clients/{world.client.id}/outcome",
                                   json={"baseline": "first-week"})
    exported = client.get("/api/me/export?format=json").json["psfs"]
    assert [a["name"] for a in exported["activities"]] == ["Garden"]
    assert [r["score"] for r in exported["ratings"]] == [7]
    assert client.delete("/api/me").status_code == 204
    assert (stored_count(app, PsfsRating), stored_count(app, PsfsActivity),
            stored_count(app, OutcomeSettings)) == (0, 0, 0)
