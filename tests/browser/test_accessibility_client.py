"""axe-core finds no serious or critical WCAG 2.1 A/AA problem on any client screen, in light and
dark mode at 360 px; each screen is saved as a screenshot for a person to look at."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE, screenshot
from tests.browser.helpers import (
    serious_accessibility_violations,
    sign_in,
    wait_for_service_worker,
    watch_csp,
)
from tests.factories import log_body


@pytest.fixture(params=["light", "dark"])
def axe_phone(request, browser, live_server):
    """A phone whose pages accept the injected axe script (bypass_csp), in light or dark mode."""
    context = browser.new_context(base_url=live_server, bypass_csp=True,
                                  color_scheme=request.param, reduced_motion="reduce", **PHONE)
    context.scheme = request.param
    yield context
    context.close()


def _check(page, name: str) -> None:
    screenshot(page, f"client-{name}-{page.context.scheme}")
    assert serious_accessibility_violations(page) == []


def test_signed_out_screens_have_no_serious_accessibility_problems(
        axe_phone, make_therapist, signed_in):
    therapist_http = signed_in(make_therapist(name="Dana Lee"))
    token = therapist_http.post("/api/invites", json={"name": "Sam"}).json["token"]
    page = axe_phone.new_page()
    page.goto("/#/login")
    expect(page.get_by_role("button", name="Sign in")).to_be_visible()
    _check(page, "login")
    page.goto(f"/#/join/{token}")
    expect(page.get_by_role("button", name="Create my account")).to_be_visible()
    _check(page, "join")
    page.goto("/#/about")
    expect(page.get_by_role("heading", name="Sources")).to_be_visible()
    _check(page, "about")


def test_the_worse_ending_pause_problem_and_offline_screens_have_no_serious_problems(
        axe_phone, make_therapist, make_client, make_program):
    therapist = make_therapist()
    client = make_client(therapist, name="Alex Morgan")
    make_program(therapist, client, steps=[{
        "group": "middle", "side": "both", "landmark": "Beside the sacrum",
        "directions": ["inferior", "medial"], "contact": "forearm", "hold_seconds": 5,
        "repetitions": 1, "notes": ""}])
    page = axe_phone.new_page()
    csp = watch_csp(page)
    sign_in(page, client)
    page.goto("/#/session")
    page.get_by_role("radio", name=re.compile(r"^4\b")).click()
    page.get_by_role("button", name="New trouble passing or holding urine or stools").click()
    expect(page.get_by_role("button", name="Save my answers")).to_be_visible()
    _check(page, "session-start-red-flag")
    # Untick it again: nothing new after all.
    page.get_by_role("button", name="New trouble passing or holding urine or stools").click()
    page.get_by_role("button", name="Nothing new: start the session").click()
    page.get_by_role("button", name="I am in place: start the pull").click()
    page.get_by_role("button", name="Done", exact=True).click()
    page.get_by_role("button", name="Worse").click()
    expect(page.get_by_role("heading", name="Stop pressing there")).to_be_visible()
    _check(page, "session-worse")
    page.get_by_role("button", name="I have let go").click()
    page.get_by_role("button", name="Go to the next spot").click()
    page.get_by_role("button", name="Stop the session").click()
    expect(page.get_by_role("heading", name="Take it easy now")).to_be_visible()
    _check(page, "session-take-it-easy")

    page.route("**/api/me/program", lambda route: route.fulfill(
        response=(response := route.fetch()),
        json={**response.json(), "paused": {"since": "2026-11-30T08:00:00+00:00",
                                           "reason": "progressive-weakness",
                                           "urgency": "same-day"}}))
    page.goto("/#/today")
    expect(page.get_by_test_id("paused")).to_be_visible()
    _check(page, "today-paused")
    page.unroute("**/api/me/program")

    page.route("**/api/me/trends*", lambda route: route.fulfill(status=500, json={}))
    page.goto("/#/history")
    expect(page.get_by_test_id("problem")).to_be_visible()
    _check(page, "history-problem")

    wait_for_service_worker(page)
    axe_phone.set_offline(True)
    page.goto("/#/today")
    expect(page.get_by_test_id("offline-note")).to_be_visible()
    _check(page, "today-offline")
    assert csp == []


def test_client_screens_have_no_serious_accessibility_problems(
        axe_phone, make_therapist, make_client, make_program, add_logs):
    therapist = make_therapist()
    client = make_client(therapist, name="Alex Morgan")
    make_program(therapist, client)
    add_logs(client, [log_body(pain=p, sensations=["burning", "aching"]) for p in (3, 5)])
    page = axe_phone.new_page()
    csp = watch_csp(page)
    sign_in(page, client)
    expect(page.get_by_text("1 step, about 1 minute.", exact=True)).to_be_visible()  # singular
    _check(page, "today")

    page.goto("/#/history")
    expect(page.get_by_text("Pain by day", exact=True)).to_be_visible()
    page.get_by_text("All figures as a table").click()  # drawn when opened
    page.locator(".chart-block.chart-relief").scroll_into_view_if_needed()  # drawn when reached
    expect(page.locator(".trend-table")).to_be_visible()
    expect(page.locator(".chart-block.chart-relief figure")).to_be_visible()
    _check(page, "history")

    page.goto("/#/settings")
    expect(page.get_by_role("heading", name="Your account")).to_be_visible()
    page.get_by_role("button", name="Delete my account").click()
    expect(page.get_by_test_id("confirm-delete")).to_be_visible()
    _check(page, "settings")

    page.goto("/#/session")
    page.get_by_role("radio", name=re.compile(r"^4\b")).click()
    _check(page, "session-start")
    page.get_by_role("button", name="Nothing new: start the session").click()
    expect(page.locator("svg.body-outline .region.target")).to_have_count(1)
    _check(page, "session-place")
    page.get_by_role("button", name="I am in place: start the pull").click()
    page.get_by_role("button", name="Done", exact=True).click()
    expect(page.get_by_role("button", name="Worse")).to_be_visible()
    _check(page, "session-answer")
    page.get_by_role("button", name="Better").click()
    for answer in ("Same", "Same", "Same"):
        page.get_by_role("button", name="I am in place: start the pull").click()
        page.get_by_role("button", name="Done", exact=True).click()
        page.get_by_role("button", name=answer, exact=True).click()
    expect(page.get_by_role("heading", name="Hold the direction that helped most")).to_be_visible()
    _check(page, "session-hold")
    page.reload()
    expect(page.get_by_test_id("resume-offer")).to_be_visible()
    _check(page, "session-resume")
    page.goto("/#/today")
    expect(page.get_by_test_id("open-session")).to_be_visible()
    _check(page, "today-open-session")

    page.goto("/#/log")
    page.get_by_role("radio", name=re.compile(r"^7\b")).click()
    page.get_by_role("button", name="Burning").click()
    page.get_by_role("button", name="Low back, left").click()
    page.get_by_role("button", name="Numbness between the legs or around the back passage").click()
    expect(page.get_by_test_id("safety-notice")).to_be_visible()
    _check(page, "log-red-flag")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name=re.compile("^Saved"))).to_be_visible()
    _check(page, "log-saved-red-flag")
    assert csp == []
