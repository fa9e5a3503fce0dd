"""Red flags and weakness: asked in the open, answered at once with one tier's instruction, and
self-massage paused by the server until the therapist has acted (the phone's own stop covers only
a log that has not reached the server yet). The phone says only what the server confirmed. The
pauses here are the real server's: flags raised through the API, lifted by acknowledging them."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import log_pain, sign_in, wait_for_service_worker, watch_csp
from tests.factories import log_body

CASES = [
    # (what the client taps, tier, words the instruction must contain)
    ({"red_flags": ["Numbness between the legs or around the back passage"]}, "emergency",
     "Go to an emergency department now"),
    ({"red_flags": ["Leg weakness that is getting worse"]}, "same-day",
     "Please see a doctor today"),
    ({"weakness": True}, "same-day", "No self-massage until a doctor has checked you"),
    ({"red_flags": ["Pain at night that is worse lying down"]}, "soon",
     "book an appointment with your doctor"),
]


def _client_page(phone_context, make_therapist, make_client, make_program):
    therapist = make_therapist()
    client = make_client(therapist)
    make_program(therapist, client)
    page = phone_context.new_page()
    sign_in(page, client)
    expect(page.get_by_test_id("start-session")).to_be_visible()
    return client, page


def _acknowledge_every_flag(signed_in, therapist, client) -> None:
    """The therapist acts on what the client reported, with a note of what was done."""
    office = signed_in(therapist)
    for flag in office.get(f"/api/clients/{client.id}/flags").json:
        response = office.post(f"/api/clients/{client.id}/flags/{flag['id']}/acknowledge",
                               json={"note": "Phoned the client."})
        assert response.status_code == 200, response.json


@pytest.mark.parametrize(("answers", "tier", "instruction"), CASES,
                         ids=["emergency", "same-day", "weakness", "soon"])
def test_each_answer_shows_its_tiers_instruction_once_saved(
        phone_context, make_therapist, make_client, make_program, answers, tier, instruction):
    _client, page = _client_page(phone_context, make_therapist, make_client, make_program)
    csp = watch_csp(page)
    log_pain(page, 4, **answers)
    notice = page.get_by_test_id("safety-notice")
    expect(notice).to_have_count(1)
    expect(notice).to_have_attribute("data-tier", tier)
    expect(notice).to_contain_text(instruction)
    expect(page.get_by_text("as soon as it is sent")).to_have_count(0)  # no promise
    assert csp == []


def test_the_warning_signs_are_asked_in_the_open_on_the_log(
        phone_context, make_therapist, make_client, make_program):
    _client, page = _client_page(phone_context, make_therapist, make_client, make_program)
    page.goto("/#/log")
    expect(page.get_by_role("group", name="Anything new or alarming?")).to_be_visible()
    expect(page.get_by_role("button", name="Any weakness in a leg or foot")).to_be_visible()
    expect(page.get_by_role("button", name=re.compile("^Numbness between"))).to_be_visible()
    assert page.locator("details").count() == 0


def test_the_instruction_appears_while_answering_before_the_log_is_saved(
        phone_context, make_therapist, make_client):
    client = make_client(make_therapist())
    page = phone_context.new_page()
    sign_in(page, client)
    page.goto("/#/log")
    page.get_by_role("button", name="New trouble passing or holding urine or stools").click()
    expect(page.get_by_test_id("safety-notice")).to_contain_text("emergency department")


def test_a_pause_from_the_server_offers_no_self_massage_and_is_kept_for_offline_use(
        phone_context, make_therapist, make_client, make_program, signed_in):
    therapist = make_therapist()
    client = make_client(therapist)
    make_program(therapist, client)
    page = phone_context.new_page()
    sign_in(page, client)
    expect(page.get_by_test_id("start-session")).to_be_visible()
    csp = watch_csp(page)
    wait_for_service_worker(page)
    # Reported from another device: the server holds the pause, this phone never saw the log.
    signed_in(client).post("/api/me/logs", json=[log_body(red_flags=["saddle-numbness"])])
    page.reload()
    paused = page.get_by_test_id("paused")
    expect(paused).to_have_attribute("data-source", "server")
    expect(paused).to_contain_text("Go to an emergency department now")
    expect(paused).to_contain_text("Numbness between the legs or around the back passage")
    expect(paused).to_contain_text("until your therapist has looked at what you reported")
    expect(page.get_by_test_id("start-session")).to_have_count(0)
    page.goto("/#/session")
    expect(page.get_by_role("heading", name="No session today")).to_be_visible()
    expect(page.get_by_test_id("paused")).to_be_visible()

    wait_for_service_worker(page)
    phone_context.set_offline(True)  # the last known pause stands while offline
    page.goto("/#/today")
    page.reload()
    expect(page.get_by_test_id("paused")).to_have_attribute("data-source", "server")
    expect(page.get_by_test_id("start-session")).to_have_count(0)

    phone_context.set_offline(False)
    _acknowledge_every_flag(signed_in, therapist, client)  # the server's pause is null again
    page.reload()
    expect(page.get_by_test_id("start-session")).to_be_visible()
    expect(page.get_by_test_id("paused")).to_have_count(0)
    assert csp == []


def test_an_absent_paused_field_counts_as_no_pause(
        phone_context, make_therapist, make_client, make_program):
    _client, page = _client_page(phone_context, make_therapist, make_client, make_program)
    page.route("**/api/me/program", lambda route: route.fulfill(
        response=(response := route.fetch()),
        json={k: v for k, v in response.json().items() if k != "paused"}))
    page.reload()
    expect(page.get_by_test_id("start-session")).to_be_visible()


def test_the_phones_own_stop_gives_way_to_the_servers_pause_once_the_log_arrives(
        phone_context, make_therapist, make_client, make_program, signed_in):
    therapist = make_therapist()
    client = make_client(therapist)
    make_program(therapist, client)
    page = phone_context.new_page()
    sign_in(page, client)
    expect(page.get_by_test_id("start-session")).to_be_visible()
    wait_for_service_worker(page)
    phone_context.set_offline(True)
    log_pain(page, 5, red_flags=["Leg weakness that is getting worse"])
    expect(page.get_by_test_id("delivery-note")).to_contain_text("when your phone is back online")
    page.goto("/#/today")
    paused = page.get_by_test_id("paused")
    expect(paused).to_have_attribute("data-source", "phone")
    expect(paused).to_contain_text("Please see a doctor today")
    expect(page.get_by_test_id("start-session")).to_have_count(0)

    phone_context.set_offline(False)
    expect(page.get_by_test_id("sync-waiting")).to_have_count(0)
    page.reload()
    expect(paused).to_have_attribute("data-source", "server")  # the server's word now
    expect(paused).to_contain_text("Please see a doctor today")
    logs = signed_in(client).get("/api/me/logs").json
    assert [(log["pain"], log["red_flags"]) for log in logs] == [(5, ["progressive-weakness"])]

    _acknowledge_every_flag(signed_in, therapist, client)
    page.reload()
    expect(page.get_by_test_id("start-session")).to_be_visible()
    expect(page.get_by_test_id("paused")).to_have_count(0)


def test_a_soon_answer_asks_for_an_appointment_and_leaves_the_session_on_offer(
        phone_context, make_therapist, make_client, make_program):
    _client, page = _client_page(phone_context, make_therapist, make_client, make_program)
    wait_for_service_worker(page)  # the log screen is cached before the phone goes offline
    phone_context.set_offline(True)  # even while the log waits on the phone
    log_pain(page, 4, red_flags=["Fever, or losing weight without trying"])
    expect(page.get_by_test_id("safety-notice")).to_have_attribute("data-tier", "soon")
    page.goto("/#/today")
    expect(page.get_by_test_id("start-session")).to_be_visible()


def test_the_therapist_is_said_to_be_notified_only_when_the_receipt_says_so(
        phone_context, make_therapist, make_client, make_program):
    _client, page = _client_page(phone_context, make_therapist, make_client, make_program)

    log_pain(page, 6, red_flags=["Cancer, now or in the past"])  # a receipt without the field
    note = page.get_by_test_id("delivery-note")
    expect(note).to_have_text("Sent. Your therapist can see it in your records.")

    def alerted(route):
        response = route.fetch()
        route.fulfill(response=response, json={**response.json(), "therapist_alerted": True})
    page.route("**/api/me/logs", alerted)
    page.goto("/#/today")
    log_pain(page, 6, red_flags=["Cancer, now or in the past"])
    expect(note).to_have_text("Your therapist has been sent a notification.")


def test_an_ordinary_log_leaves_the_session_on_offer_and_claims_nothing(
        phone_context, make_therapist, make_client, make_program):
    _client, page = _client_page(phone_context, make_therapist, make_client, make_program)
    log_pain(page, 3, sensations=["Aching"])
    expect(page.get_by_test_id("safety-notice")).to_have_count(0)
    expect(page.get_by_test_id("delivery-note")).to_have_count(0)
    page.goto("/#/today")
    expect(page.get_by_test_id("start-session")).to_be_visible()


def test_a_red_flag_ticked_when_joining_is_saved_as_a_log_with_the_pain_score(
        phone_context, make_therapist, signed_in):
    therapist = make_therapist(name="Dana Lee")
    therapist_http = signed_in(therapist)
    token = therapist_http.post("/api/invites", json={"name": "Sam", "email": "sam@example.test"})
    page = phone_context.new_page()
    page.goto(f"/#/join/{token.json['token']}")
    page.get_by_label("Choose a password").fill("a calm walk by the sea")
    page.get_by_label("I have read how my information is kept, and I agree.").check()
    page.get_by_role("button", name="Create my account").click()
    expect(page.get_by_role("heading", name="Before you start")).to_be_visible()
    page.get_by_role("button", name="Any weakness in a leg or foot").click()
    expect(page.get_by_role("button", name="Nothing new", exact=True)).to_be_hidden()
    page.get_by_role("button", name="Save my answers").click()
    expect(page.get_by_text("Please choose a pain score first")).to_be_visible()
    page.get_by_role("radio", name=re.compile(r"^5\b")).click()
    page.get_by_role("button", name="Save my answers").click()

    expect(page.get_by_role("heading", name="You are all set")).to_be_visible()
    expect(page.get_by_test_id("safety-notice")).to_have_attribute("data-tier", "same-day")
    expect(page.get_by_test_id("delivery-note")).to_have_text(re.compile("^Sent|notification"))
    client_id = therapist_http.get("/api/clients").json[0]["id"]
    logs = therapist_http.get(f"/api/clients/{client_id}/logs").json
    assert [(log["pain"], log["weakness"], log["red_flags"]) for log in logs] == [(5, True, [])]
