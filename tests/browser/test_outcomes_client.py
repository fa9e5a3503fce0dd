"""Outcomes on the phone: the weekly functional-scale check-in (name up to three activities, rate
each 0-10, the prompt gone once this week is rated), and a guided session that starts with the
direction the therapist chose to lead with, saying so."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from playwright.sync_api import expect

from server.domain import best_direction
from server.extensions import db
from server.models import User
from tests.browser.conftest import PHONE, screenshot
from tests.browser.helpers import (
    serious_accessibility_violations,
    sign_in,
    start_session,
    watch_csp,
)
from tests.factories import session_body


def test_the_client_names_activities_and_rates_them_for_the_week(
        app, phone_context, make_therapist, make_client, signed_in):
    client = make_client(make_therapist())
    page = phone_context.new_page()
    csp = watch_csp(page)
    sign_in(page, client)
    prompt = page.get_by_test_id("psfs-prompt")
    expect(prompt.get_by_role("heading", name="Activities that matter to you")).to_be_visible()
    prompt.get_by_role("link", name="Choose my activities").click()

    expect(page.get_by_role("heading", level=1, name="My activities")).to_be_visible()
    page.get_by_label("Activity 1").fill("Sit through a 30-minute meeting")
    page.get_by_label("Activity 2").fill("Drive to work")
    page.get_by_role("button", name="Start rating these").click()
    expect(page.get_by_test_id("psfs-saved")).to_have_text("Your activities are saved.")

    rate = page.get_by_test_id("psfs-rate")
    meeting = rate.get_by_role("radiogroup", name="Sit through a 30-minute meeting")
    meeting.get_by_role("radio", name=re.compile(r"^3\b")).click()
    rate.get_by_role("radiogroup", name="Drive to work").get_by_role(
        "radio", name="10, as well as before the problem").click()
    screenshot(page, "client-psfs-rating")
    rate.get_by_role("button", name="Save this week’s ratings").click()
    expect(page.get_by_test_id("psfs-status")).to_contain_text("Done for this week")
    assert csp == []

    ratings = signed_in(client).get("/api/me/psfs").json["ratings"]
    assert sorted(r["score"] for r in ratings) == [3, 10]
    page.goto("/#/today")
    expect(page.get_by_test_id("log-feel")).to_be_visible()
    expect(page.get_by_test_id("psfs-prompt")).to_have_count(0)


def test_a_session_starts_with_the_direction_the_therapist_chose_to_lead_with(
        app, phone_context, make_therapist, make_client, make_program, signed_in):
    therapist = make_therapist()
    client = make_client(therapist)
    make_program(therapist, client, steps=[{
        "group": "superior", "side": "left", "landmark": "Top of the left hip bone",
        "directions": ["medial", "lateral"], "contact": "palm", "hold_seconds": 3,
        "repetitions": 1, "notes": ""}])
    start = datetime.now(UTC) - timedelta(days=10)
    signed_in(client).post("/api/me/sessions", json=[session_body(
        started_at=(start + timedelta(hours=12 * n)).isoformat(), drags=[
            {"group": "superior", "side": "left", "direction": "medial", "response": "same",
             "held_seconds": 0},
            {"group": "superior", "side": "left", "direction": "lateral", "response": "better",
             "held_seconds": 3}]) for n in range(12)])
    with app.app_context():
        best_direction.set_lead_with_best(db.session.get(User, therapist.id),
                                          db.session.get(User, client.id), True)
        db.session.commit()

    page = phone_context.new_page()
    sign_in(page, client)
    start_session(page, 4)
    expect(page.get_by_text("Gently pull the skin out, away from your spine")).to_be_visible()
    expect(page.get_by_test_id("led-note")).to_be_visible()
    screenshot(page, "client-session-led")


def test_my_activities_has_no_serious_accessibility_faults(
        browser, live_server, make_therapist, make_client, signed_in):
    client = make_client(make_therapist())
    signed_in(client).put("/api/me/psfs/activities", json={"activities": ["Walk the dog"]})
    context = browser.new_context(base_url=live_server, bypass_csp=True, reduced_motion="reduce",
                                  **PHONE)
    try:
        page = context.new_page()
        sign_in(page, client)
        expect(page.get_by_test_id("psfs-prompt")).to_contain_text("Your weekly check-in")
        page.goto("/#/activities")
        expect(page.get_by_test_id("psfs-rate")).to_be_visible()
        assert serious_accessibility_violations(page) == []
        # Without motion: a colour transition caught half-way would read as low contrast.
        page.emulate_media(color_scheme="dark", reduced_motion="reduce")
        assert serious_accessibility_violations(page) == []
    finally:
        context.close()
