"""Red flags and weakness: the log answers at once with the instruction for the tier, and no
session is offered for the rest of that day."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import log_pain, sign_in, watch_csp

CASES = [
    # (what the client taps, tier, words the instruction must contain)
    ({"red_flags": ["Numbness between the legs or around the back passage"]}, "emergency",
     "Go to an emergency department now"),
    ({"red_flags": ["Leg weakness that is getting worse"]}, "same-day",
     "Please see a doctor today"),
    ({"red_flags": ["Pain at night that is worse lying down"]}, "soon",
     "book an appointment with your doctor soon"),
    ({"weakness": True}, "weakness", "contact your doctor or therapist"),
]


@pytest.mark.parametrize(("answers", "tier", "instruction"), CASES,
                         ids=[case[1] for case in CASES])
def test_a_red_flag_or_weakness_shows_its_instruction_and_no_session_that_day(
        phone_context, make_therapist, make_client, make_program, answers, tier, instruction):
    therapist = make_therapist()
    client = make_client(therapist)
    make_program(therapist, client)
    page = phone_context.new_page()
    csp = watch_csp(page)
    sign_in(page, client)
    expect(page.get_by_test_id("start-session")).to_be_visible()

    log_pain(page, 4, **answers)
    notice = page.get_by_test_id("safety-notice")
    expect(notice).to_have_attribute("data-tier", tier)
    expect(notice).to_contain_text(instruction)

    page.goto("/#/today")
    expect(page.get_by_test_id("log-feel")).to_be_visible()
    expect(page.get_by_test_id("start-session")).to_have_count(0)
    expect(page.get_by_test_id("safety-notice")).to_contain_text(instruction)
    page.goto("/#/session")
    expect(page.get_by_role("heading", name="No session today")).to_be_visible()
    assert csp == []


def test_the_instruction_appears_while_answering_before_the_log_is_saved(
        phone_context, make_therapist, make_client):
    client = make_client(make_therapist())
    page = phone_context.new_page()
    sign_in(page, client)
    page.goto("/#/log")
    page.get_by_text("Anything new or alarming?").click()
    page.get_by_role("button", name="New trouble passing or holding urine or stools").click()
    expect(page.get_by_test_id("safety-notice")).to_contain_text("emergency department")


def test_an_ordinary_log_leaves_the_session_on_offer(
        phone_context, make_therapist, make_client, make_program):
    therapist = make_therapist()
    client = make_client(therapist)
    make_program(therapist, client)
    page = phone_context.new_page()
    sign_in(page, client)
    log_pain(page, 3, sensations=["Aching"])
    expect(page.get_by_test_id("safety-notice")).to_have_count(0)
    page.goto("/#/today")
    expect(page.get_by_test_id("start-session")).to_be_visible()
