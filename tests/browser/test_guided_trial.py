"""The guided trial as domain.md says, in a real browser against the real server: every direction
of a spot is tried with a short pull, the most-relief one is held for its seconds, "worse" ends the
spot, "both sides" runs left then right, and a session in which anything got worse ends with calm
advice and the red-flag check, never with praise. The stored session keeps every answer."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import screenshot
from tests.browser.helpers import (
    sign_in,
    start_session,
    try_direction,
    wait_until_all_sent,
    waiting_to_sync,
    watch_csp,
)

ALL_FOUR = ["inferior", "medial", "lateral", "superior"]
HOLD_RUNS_ITS_COURSE = 15_000  # ms: a 3-second hold and a 5-second release, with room to spare


def _step(**changes) -> dict:
    step = {"group": "superior", "side": "left", "landmark": "Top of the left hip bone",
            "directions": ALL_FOUR, "contact": "palm", "hold_seconds": 3, "repetitions": 1,
            "notes": ""}
    return {**step, **changes}


def _client(make_therapist, make_client, make_program, steps):
    therapist = make_therapist()
    client = make_client(therapist)
    make_program(therapist, client, steps=steps)
    return client


def _let_the_hold_run(page) -> None:
    """Let the hold count down by itself, then end the slow release after it."""
    page.get_by_role("button", name="I have let go").click(timeout=HOLD_RUNS_ITS_COURSE)


def test_two_spots_every_direction_tried_the_most_relief_held_and_worse_ends_the_spot(
        phone_context, make_therapist, make_client, make_program, signed_in):
    client = _client(make_therapist, make_client, make_program, [
        _step(), _step(group="middle", side="right", landmark="Beside the sacrum")])
    page = phone_context.new_page()
    csp = watch_csp(page)
    sign_in(page, client)
    start_session(page, 4)

    # Spot 1: same, better, same, same. Every direction is pulled before anything is held.
    for number, answer in enumerate(["Same", "Better", "Same", "Same"], start=1):
        expect(page.get_by_text(f"Spot 1 of 2 · direction {number} of 4")).to_be_visible()
        try_direction(page, answer)
        if number < 4:
            expect(page.get_by_role("heading", name="Place your hand")).to_be_visible()
    expect(page.get_by_role("heading", name="Hold the direction that helped most")).to_be_visible()
    expect(page.get_by_text("Gently pull the skin in, towards your spine again")).to_be_visible()
    expect(page.get_by_text("Hold 1 of 1", exact=True)).to_be_visible()
    screenshot(page, "client-trial-hold")
    _let_the_hold_run(page)

    # Spot 2: worse on the first pull. A slow release, then no more pulls or holds there.
    expect(page.get_by_text("Spot 2 of 2 · direction 1 of 4")).to_be_visible()
    try_direction(page, "Worse")
    expect(page.get_by_role("heading", name="Stop pressing there")).to_be_visible()
    page.get_by_role("button", name="I have let go").click()
    page.get_by_role("button", name="Go to the last question").click()

    expect(page.get_by_role("heading", name="Take it easy now")).to_be_visible()
    expect(page.get_by_role("group", name="Anything new or alarming?")).to_be_visible()
    expect(page.get_by_text("Well done")).to_have_count(0)
    screenshot(page, "client-trial-worse-ending")
    page.get_by_role("radio", name=re.compile(r"^5\b")).click()
    page.get_by_role("button", name="Nothing new: finish").click()
    expect(page.get_by_role("heading", name="Session saved")).to_be_visible()
    expect(page.get_by_text("Well done")).to_have_count(0)
    wait_until_all_sent(page)
    expect(waiting_to_sync(page)).to_have_count(0)

    [session] = signed_in(client).get("/api/me/sessions").json
    assert [(d["group"], d["side"], d["direction"], d["response"], d["held_seconds"])
            for d in session["drags"]] == [
        ("superior", "left", "inferior", "same", 0),
        ("superior", "left", "medial", "better", 3),
        ("superior", "left", "lateral", "same", 0),
        ("superior", "left", "superior", "same", 0),
        ("middle", "right", "inferior", "worse", 0),
    ]
    assert (session["pain_before"], session["pain_after"]) == (4, 5)
    assert session["stopped_early"] is False
    assert signed_in(client).get("/api/me/logs").json == []  # "Nothing new" stores no log
    assert csp == []


def test_both_sides_run_left_then_right_each_with_its_own_drags(
        phone_context, make_therapist, make_client, make_program, signed_in):
    client = _client(make_therapist, make_client, make_program, [
        _step(side="both", directions=["inferior", "medial"])])
    page = phone_context.new_page()
    sign_in(page, client)
    start_session(page, 3)
    target = page.locator("svg.body-outline .region.target")

    expect(page.get_by_text("Spot 1 of 2 · direction 1 of 2")).to_be_visible()
    expect(page.get_by_text("Start on the left side")).to_be_visible()
    expect(target).to_have_attribute("data-region", "superior-gluteal-left")
    try_direction(page, "Same")
    try_direction(page, "Better")
    expect(target).to_have_attribute("data-region", "superior-gluteal-left")  # the hold, left
    _let_the_hold_run(page)

    expect(page.get_by_text("Spot 2 of 2 · direction 1 of 2")).to_be_visible()
    expect(page.get_by_text("Start on the right side")).to_be_visible()
    expect(target).to_have_attribute("data-region", "superior-gluteal-right")
    try_direction(page, "Same")
    try_direction(page, "Same")
    expect(page.get_by_role("heading", name="Nothing eased it this time")).to_be_visible()
    page.get_by_role("button", name="Go to the last question").click()

    expect(page.get_by_role("heading", name="Well done")).to_be_visible()  # nothing got worse
    page.get_by_role("radio", name=re.compile(r"^2\b")).click()
    page.get_by_role("button", name="Finish").click()
    expect(page.get_by_role("heading", name="Session saved")).to_be_visible()
    wait_until_all_sent(page)
    expect(waiting_to_sync(page)).to_have_count(0)

    [session] = signed_in(client).get("/api/me/sessions").json
    assert [(d["side"], d["direction"], d["response"], d["held_seconds"])
            for d in session["drags"]] == [
        ("left", "inferior", "same", 0), ("left", "medial", "better", 3),
        ("right", "inferior", "same", 0), ("right", "medial", "same", 0)]


def test_an_emergency_answer_before_the_session_saves_a_log_and_offers_no_session(
        phone_context, make_therapist, make_client, make_program, signed_in):
    client = _client(make_therapist, make_client, make_program, [_step()])
    page = phone_context.new_page()
    sign_in(page, client)
    page.goto("/#/session")
    page.get_by_role("button", name=re.compile("^Numbness between the legs")).click()
    page.get_by_role("button", name="Save my answers").click()
    expect(page.get_by_text("Please choose your pain score first")).to_be_visible()
    page.get_by_role("radio", name=re.compile(r"^6\b")).click()
    page.get_by_role("button", name="Save my answers").click()

    expect(page.get_by_role("heading", name="No session today")).to_be_visible()
    expect(page.get_by_test_id("safety-notice")).to_have_attribute("data-tier", "emergency")
    expect(page.get_by_role("heading", name="Place your hand")).to_have_count(0)
    expect(page.get_by_test_id("delivery-note")).to_have_text(re.compile("^Sent|notification"))
    logs = signed_in(client).get("/api/me/logs").json
    assert [(log["pain"], log["red_flags"], log["weakness"]) for log in logs] == [
        (6, ["saddle-numbness"], False)]
    assert signed_in(client).get("/api/me/sessions").json == []


def test_a_soon_answer_before_the_session_gives_its_advice_and_lets_the_session_go_on(
        phone_context, make_therapist, make_client, make_program, signed_in):
    client = _client(make_therapist, make_client, make_program, [_step()])
    page = phone_context.new_page()
    sign_in(page, client)
    page.goto("/#/session")
    page.get_by_role("radio", name=re.compile(r"^3\b")).click()
    page.get_by_role("button", name="Pain at night that is worse lying down").click()
    page.get_by_role("button", name="Save my answers").click()
    expect(page.get_by_test_id("safety-notice")).to_have_attribute("data-tier", "soon")
    page.get_by_role("button", name="Go on with the session").click()
    expect(page.get_by_role("heading", name="Place your hand")).to_be_visible()
    logs = signed_in(client).get("/api/me/logs").json
    assert [(log["pain"], log["red_flags"]) for log in logs] == [(3, ["night-pain"])]


def test_a_red_flag_ticked_at_the_end_of_a_worse_session_is_saved_with_the_pain_after(
        phone_context, make_therapist, make_client, make_program, signed_in):
    client = _client(make_therapist, make_client, make_program, [_step(directions=["lateral"])])
    page = phone_context.new_page()
    sign_in(page, client)
    start_session(page, 4)
    try_direction(page, "Worse")
    page.get_by_role("button", name="I have let go").click()
    page.get_by_role("button", name="Go to the last question").click()
    page.get_by_role("radio", name=re.compile(r"^7\b")).click()
    page.get_by_role("button", name="Any weakness in a leg or foot").click()
    page.get_by_role("button", name="Save my answers").click()
    expect(page.get_by_role("heading", name="Session saved")).to_be_visible()
    expect(page.get_by_test_id("safety-notice")).to_have_attribute("data-tier", "same-day")
    wait_until_all_sent(page)
    expect(waiting_to_sync(page)).to_have_count(0)
    logs = signed_in(client).get("/api/me/logs").json
    assert [(log["pain"], log["weakness"]) for log in logs] == [(7, True)]
    [session] = signed_in(client).get("/api/me/sessions").json
    assert session["pain_after"] == 7
