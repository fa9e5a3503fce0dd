"""A client's phone, end to end: join (with the red-flag check), a guided session with a "worse"
answer, a log made offline, a reload while offline, and the return online; the server then holds
each record once."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import screenshot
from tests.browser.helpers import (
    log_pain,
    wait_for_service_worker,
    wait_until_all_sent,
    waiting_to_sync,
    watch_csp,
)
from tests.factories import program_spec

STEP = {"group": "superior", "side": "left", "landmark": "Top of the left hip bone",
        "directions": ["inferior", "medial"], "contact": "palm", "hold_seconds": 3,
        "repetitions": 1, "notes": ""}


def _invite(therapist_http, name="Sam Rivers", email="sam@example.test") -> str:
    response = therapist_http.post("/api/invites", json={"name": name, "email": email})
    assert response.status_code == 200, response.json
    return response.json["token"]


def _join(page, token: str) -> None:
    page.goto(f"/#/join/{token}")
    expect(page.get_by_text("has invited you")).to_be_visible()
    page.get_by_label("Choose a password").fill("a calm walk by the sea")
    page.get_by_label("I have read how my information is kept, and I agree.").check()
    page.get_by_role("button", name="Create my account").click()
    expect(page.get_by_role("heading", name="Before you start")).to_be_visible()
    page.get_by_role("button", name="Nothing new", exact=True).click()
    expect(page.get_by_role("heading", name="You are all set")).to_be_visible()
    expect(page.get_by_test_id("install-card")).to_be_visible()
    page.get_by_role("button", name="Go to today").click()
    expect(page.get_by_test_id("log-feel")).to_be_visible()


def _session_with_a_worse_answer(page) -> None:
    page.get_by_test_id("start-session").click()
    page.get_by_role("radio", name=re.compile(r"^5\b")).click()
    page.get_by_role("button", name="Nothing new: start the session").click()
    # The first direction (down) makes things worse: the spot ends there, nothing more is tried.
    expect(page.locator("svg.body-outline .region.target")).to_have_count(1)
    page.get_by_role("button", name="I am in place: start the pull").click()
    page.get_by_role("button", name="Done", exact=True).click()
    page.get_by_role("button", name="Worse").click()
    expect(page.get_by_role("heading", name="Stop pressing there")).to_be_visible()
    page.get_by_role("button", name="I have let go").click()  # end the slow release
    page.get_by_role("button", name="Go to the last question").click()
    expect(page.get_by_role("heading", name="Take it easy now")).to_be_visible()
    page.get_by_role("radio", name=re.compile(r"^3\b")).click()
    page.get_by_role("button", name="Nothing new: finish").click()
    expect(page.get_by_role("heading", name="Session saved")).to_be_visible()


def test_client_joins_practises_logs_offline_and_the_server_holds_each_record_once(
        phone_context, make_therapist, signed_in):
    therapist = make_therapist(name="Dana Lee")
    therapist_http = signed_in(therapist)
    token = _invite(therapist_http)
    page = phone_context.new_page()
    csp = watch_csp(page)

    _join(page, token)
    client_id = therapist_http.get("/api/clients").json[0]["id"]
    put = therapist_http.put(f"/api/clients/{client_id}/program",
                             json=program_spec(steps=[STEP]))
    assert put.status_code == 200, put.json
    page.reload()
    _session_with_a_worse_answer(page)
    wait_until_all_sent(page)  # online: sent at once

    wait_for_service_worker(page)
    phone_context.set_offline(True)
    log_pain(page, 6, sensations=["Burning"])
    expect(waiting_to_sync(page)).to_have_text("1 waiting to sync")
    screenshot(page, "client-log-saved-offline")
    response = page.reload()
    assert response.from_service_worker and response.status == 200
    expect(waiting_to_sync(page)).to_have_text("1 waiting to sync")

    phone_context.set_offline(False)
    wait_until_all_sent(page)
    expect(waiting_to_sync(page)).to_have_count(0)

    logs = therapist_http.get(f"/api/clients/{client_id}/logs").json
    assert [(log["pain"], log["sensations"]) for log in logs] == [(6, ["burning"])]
    sessions = therapist_http.get(f"/api/clients/{client_id}/sessions").json
    assert len(sessions) == 1
    assert [(d["direction"], d["response"], d["held_seconds"]) for d in sessions[0]["drags"]] == [
        ("inferior", "worse", 0)]
    assert (sessions[0]["pain_before"], sessions[0]["pain_after"]) == (5, 3)
    assert sessions[0]["stopped_early"] is False
    assert csp == []
