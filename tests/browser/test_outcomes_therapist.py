"""Outcomes on the therapist's client page: the change since the baseline (coloured only when it
matters), the client's weekly activities, and which direction helps with its evidence, where the
therapist turns on "start with the best direction"; the caseload colours no small change."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import screenshot
from tests.browser.test_therapist_workspace import open_workspace, serious_violations, watch_csp
from tests.factories import log_body, session_body

STEP = {"group": "superior", "side": "left", "landmark": "Top of the left hip bone",
        "directions": ["medial", "lateral", "inferior"], "contact": "palm", "hold_seconds": 5,
        "repetitions": 1, "notes": ""}


@pytest.fixture
def desk_context(browser, live_server):
    """A desktop window without the service worker (the workspace is online-only)."""
    context = browser.new_context(base_url=live_server, viewport={"width": 1280, "height": 900},
                                  service_workers="block")
    yield context
    context.close()


def _logs(now, days_and_pain):
    return [log_body(pain=pain, recorded_at=(now - timedelta(days=days, hours=2)).isoformat(),
                     sensations=["aching"]) for days, pain in days_and_pain]


@pytest.fixture
def improving(make_therapist, make_client, make_program, add_logs, add_sessions, signed_in):
    therapist = make_therapist(name="Dana Reid")
    client = make_client(therapist, name="Morgan Avery", timezone="Europe/London")
    make_program(therapist, client, steps=[STEP])
    now = datetime.now(UTC)
    add_logs(client, _logs(now, [(40, 7), (39, 7), (38, 6), (37, 7)]
                           + [(5, 3), (4, 3), (2, 4), (1, 3)]))
    add_sessions(client, [session_body(
        started_at=(now - timedelta(days=30) + timedelta(hours=12 * n)).isoformat(), drags=[
            {"group": "superior", "side": "left", "direction": "medial", "response": "same",
             "held_seconds": 0},
            {"group": "superior", "side": "left", "direction": "lateral", "response": "better",
             "held_seconds": 5},
            {"group": "superior", "side": "left", "direction": "inferior",
             "response": "worse" if n == 11 else "same", "held_seconds": 0}])
        for n in range(12)])
    phone = signed_in(client)
    [activity] = phone.put("/api/me/psfs/activities", json={
        "activities": ["Sit through a 30-minute meeting"]}).json["activities"]
    phone.post("/api/me/psfs/ratings", json={"ratings": [{"activity_id": activity["id"],
                                                          "score": 6}]})
    return therapist, client, phone


def test_the_client_page_shows_the_change_the_activities_and_the_best_direction(
        desk_context, improving):
    therapist, client, phone = improving
    page = desk_context.new_page()
    csp = watch_csp(page)
    open_workspace(page, therapist, f"#/clients/{client.id}")
    outcome = page.get_by_test_id("outcome")
    line = outcome.get_by_test_id("outcome-line")
    expect(line).to_have_text(re.compile(r"^6\.8 → 3\.3 \(−52 %\): much better$"))
    expect(line).to_have_class(re.compile("trend-better"))
    expect(outcome.get_by_test_id("psfs-summary")).to_contain_text(
        "Sit through a 30-minute meeting")
    expect(outcome.get_by_test_id("psfs-summary")).to_contain_text("Rated 6")

    best = page.get_by_test_id("best-direction")
    spot = best.get_by_test_id("spot-superior-left")
    items = spot.get_by_role("listitem")
    expect(items.first).to_contain_text("Away from the spine")
    expect(items.first).to_contain_text("best so far")
    expect(items.first).to_contain_text("eased 12 of 12 tries; likely between 79 % and 100 %")
    expect(items.last).to_contain_text("Down")
    expect(items.last).to_contain_text("made it worse lately")
    expect(spot).to_contain_text("Clear:")
    screenshot(page, "therapist-best-direction-1280")

    toggle = best.get_by_label("Start each session with the best direction where the evidence "
                               "is clear")
    expect(toggle).to_be_enabled()
    toggle.check()
    expect(best.get_by_test_id("lead-with")).to_have_text(
        "Leading with: Upper nerves, left: Away from the spine.")
    assert phone.get("/api/me/program").json["lead_with"] == [
        {"group": "superior", "side": "left", "direction": "lateral"}]
    assert csp == []


def test_the_outcome_panels_have_no_serious_accessibility_faults(browser, live_server, improving):
    therapist, client, _phone = improving
    context = browser.new_context(base_url=live_server, viewport={"width": 1280, "height": 900},
                                  service_workers="block", bypass_csp=True)
    try:
        page = context.new_page()
        open_workspace(page, therapist, f"#/clients/{client.id}")
        expect(page.get_by_test_id("spot-superior-left")).to_be_visible()
        expect(page.get_by_test_id("psfs-summary")).to_be_visible()
        assert serious_violations(page) == []
    finally:
        context.close()


def test_the_toggle_is_unavailable_until_the_evidence_is_clear(
        desk_context, make_therapist, make_client):
    therapist = make_therapist()
    client = make_client(therapist, name="Nat New")
    page = desk_context.new_page()
    open_workspace(page, therapist, f"#/clients/{client.id}")
    best = page.get_by_test_id("best-direction")
    expect(best).to_contain_text("No guided sessions with trial answers yet.")
    expect(best.get_by_role("checkbox")).to_be_disabled()
    expect(page.get_by_test_id("outcome-line")).to_have_text("No logs yet.")


def test_a_small_week_on_week_change_is_not_coloured_on_the_caseload(
        desk_context, make_therapist, make_client, add_logs):
    therapist = make_therapist()
    steady = make_client(therapist, name="Steady Client")
    now = datetime.now(UTC)
    add_logs(steady, _logs(now, [(9, 5), (8, 6), (2, 6), (1, 6)]))  # 5.5 → 6.0: +0.5
    page = desk_context.new_page()
    open_workspace(page, therapist)
    row = page.get_by_role("row", name=re.compile("Steady Client"))
    change = row.locator("td[data-label='Change']")
    expect(change).to_have_text("+0.5, no clear change")
    expect(change).not_to_have_class(re.compile("trend-worse"))


def test_the_caseload_says_how_many_clients_are_meaningfully_better(
        desk_context, improving, make_client, add_logs):
    therapist, _client, _phone = improving
    make_client(therapist, name="Nat New")
    page = desk_context.new_page()
    open_workspace(page, therapist)
    expect(page.get_by_test_id("outcome-summary")).to_have_text(
        "1 of 2 clients meaningfully better than their baseline; 1 without enough logs yet.")
