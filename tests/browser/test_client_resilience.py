"""The phone app when things go wrong (issue 9): a server that stops mid-History and mid-session,
a 500 where the app asks who is signed in, quick repeated taps on Save, the offline banner, and a
push set-up that never answers. Every failure ends in a plain message with a retry, never a
spinner, and nothing saved is lost."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE, screenshot
from tests.browser.helpers import (
    StoppableServer,
    log_pain,
    sign_in,
    start_session,
    try_direction,
    wait_for_service_worker,
    wait_until_all_sent,
    waiting_to_sync,
    watch_csp,
)
from tests.factories import log_body

PROBLEM = "problem"


@pytest.fixture
def own_server(app):
    server = StoppableServer(app)
    yield server
    server.stop()


@pytest.fixture
def own_phone(browser, own_server):
    context = browser.new_context(base_url=own_server.base, **PHONE)
    yield context
    context.close()


def _client_with_history(make_therapist, make_client, make_program, add_logs):
    therapist = make_therapist()
    client = make_client(therapist)
    make_program(therapist, client)
    add_logs(client, [log_body(pain=4)])
    return client


def test_a_server_stopped_mid_history_gives_a_message_with_a_retry_that_works_once_it_is_back(
        own_server, own_phone, make_therapist, make_client, make_program, add_logs):
    client = _client_with_history(make_therapist, make_client, make_program, add_logs)
    page = own_phone.new_page()
    csp = watch_csp(page)
    sign_in(page, client)
    page.goto("/#/history")
    expect(page.get_by_text("Pain by day", exact=True)).to_be_visible()

    own_server.stop()
    page.get_by_role("button", name="90 days").click()
    problem = page.get_by_test_id(PROBLEM)
    expect(problem).to_contain_text("needs a connection")
    expect(page.get_by_text("Loading…")).to_have_count(0)
    expect(page.locator(".history [aria-busy='true']")).to_have_count(0)
    expect(page.get_by_test_id("offline-note")).to_contain_text("cannot reach its server")
    screenshot(page, "client-history-server-stopped")

    own_server.start()
    problem.get_by_role("button", name="Try again").click()
    expect(page.get_by_text("Pain by day", exact=True)).to_be_visible()
    expect(page.get_by_test_id(PROBLEM)).to_have_count(0)
    expect(page.get_by_test_id("offline-note")).to_be_hidden()
    assert csp == []


def test_a_server_error_on_history_gives_a_message_with_a_retry_not_a_spinner(
        phone_context, make_therapist, make_client, make_program, add_logs):
    client = _client_with_history(make_therapist, make_client, make_program, add_logs)
    page = phone_context.new_page()
    sign_in(page, client)
    page.route("**/api/me/trends*", lambda route: route.fulfill(status=500, json={
        "code": 500, "status": "Internal Server Error", "message": "x", "errors": {}}))
    page.goto("/#/history")
    problem = page.get_by_test_id(PROBLEM)
    expect(problem).to_contain_text("The server had a problem, not your phone")
    expect(page.get_by_text("Loading…")).to_have_count(0)
    page.unroute("**/api/me/trends*")
    problem.get_by_role("button", name="Try again").click()
    expect(page.get_by_text("Pain by day", exact=True)).to_be_visible()


def test_a_server_stopped_mid_session_keeps_the_session_and_the_banner_retry_sends_it(
        own_server, own_phone, make_therapist, make_client, make_program, signed_in):
    therapist = make_therapist()
    client = make_client(therapist)
    make_program(therapist, client, steps=[{
        "group": "superior", "side": "left", "landmark": "Top of the hip bone",
        "directions": ["inferior", "medial"], "contact": "palm", "hold_seconds": 3,
        "repetitions": 1, "notes": ""}])
    page = own_phone.new_page()
    sign_in(page, client)
    wait_for_service_worker(page)
    start_session(page, 5)
    try_direction(page, "Same")

    own_server.stop()
    try_direction(page, "Same")
    expect(page.get_by_role("heading", name="Nothing eased it this time")).to_be_visible()
    page.get_by_role("button", name="Go to the last question").click()
    page.get_by_role("radio", name=re.compile(r"^4\b")).click()
    page.get_by_role("button", name="Finish").click()
    expect(page.get_by_role("heading", name="Session saved")).to_be_visible()
    expect(waiting_to_sync(page)).to_have_text("1 waiting to sync")
    banner = page.get_by_test_id("offline-note")
    expect(banner).to_contain_text("cannot reach its server")
    screenshot(page, "client-session-server-stopped")

    banner.get_by_role("button", name="Try again").click()  # still stopped: still said so
    expect(banner).to_be_visible()
    own_server.start()
    banner.get_by_role("button", name="Try again").click()
    expect(banner).to_be_hidden()
    wait_until_all_sent(page)
    expect(waiting_to_sync(page)).to_have_count(0)
    [session] = signed_in(client).get("/api/me/sessions").json
    assert [d["response"] for d in session["drags"]] == ["same", "same"]


def test_a_server_error_on_the_session_screen_gives_a_message_with_a_retry(
        phone_context, make_therapist, make_client, make_program):
    therapist = make_therapist()
    client = make_client(therapist)
    make_program(therapist, client)
    page = phone_context.new_page()
    sign_in(page, client)
    page.route("**/api/me/program", lambda route: route.fulfill(status=503, json={}))
    page.goto("/#/session")
    problem = page.get_by_test_id(PROBLEM)
    expect(problem).to_contain_text("The server had a problem")
    expect(page.locator("main[aria-busy]")).to_have_count(0)
    page.unroute("**/api/me/program")
    problem.get_by_role("button", name="Try again").click()
    expect(page.get_by_role("button", name="Nothing new: start the session")).to_be_visible()


def test_a_500_on_who_is_signed_in_shows_a_retry_not_the_sign_in_page(
        phone_context, make_therapist, make_client):
    client = make_client(make_therapist())
    page = phone_context.new_page()
    sign_in(page, client)
    page.route("**/api/me", lambda route: route.fulfill(status=500, json={
        "code": 500, "status": "Internal Server Error", "message": "x", "errors": {}}))
    page.reload()
    problem = page.get_by_test_id(PROBLEM)
    expect(problem).to_contain_text("The server had a problem")
    expect(page.get_by_role("button", name="Sign in")).to_have_count(0)
    page.unroute("**/api/me")
    problem.get_by_role("button", name="Try again").click()
    expect(page.get_by_test_id("log-feel")).to_be_visible()


def test_a_401_on_who_is_signed_in_shows_the_sign_in_page(
        phone_context, make_therapist, make_client):
    client = make_client(make_therapist())
    page = phone_context.new_page()
    sign_in(page, client)
    page.context.clear_cookies()
    page.reload()
    expect(page.get_by_role("button", name="Sign in")).to_be_visible()


def test_three_quick_taps_on_save_store_one_log_and_no_stray_false(
        phone_context, make_therapist, make_client, signed_in):
    client = make_client(make_therapist())
    page = phone_context.new_page()
    sign_in(page, client)
    page.goto("/#/log")
    page.get_by_role("radio", name=re.compile(r"^3\b")).click()
    # Three taps inside one task: none of them can wait for the first save to finish.
    page.get_by_role("button", name="Save").evaluate(
        "(button) => { button.click(); button.click(); button.click(); }")
    expect(page.get_by_role("heading", name="Saved. Thank you.")).to_be_visible()
    expect(page.locator("main")).not_to_contain_text("false")
    wait_until_all_sent(page)
    expect(waiting_to_sync(page)).to_have_count(0)
    assert [log["pain"] for log in signed_in(client).get("/api/me/logs").json] == [3]


def test_the_save_button_is_disabled_while_the_log_is_being_kept(
        phone_context, make_therapist, make_client):
    client = make_client(make_therapist())
    page = phone_context.new_page()
    sign_in(page, client)
    page.goto("/#/log")
    page.get_by_role("radio", name=re.compile(r"^2\b")).click()
    state = page.get_by_role("button", name="Save").evaluate(
        """(button) => { button.click(); return button.disabled; }""")
    assert state is True


def test_the_offline_banner_comes_and_goes_with_the_connection(
        phone_context, make_therapist, make_client):
    client = make_client(make_therapist())
    page = phone_context.new_page()
    sign_in(page, client)
    banner = page.get_by_test_id("offline-note")
    expect(banner).to_be_hidden()
    wait_for_service_worker(page)
    phone_context.set_offline(True)
    expect(banner).to_be_visible()
    expect(banner).to_contain_text("You are offline")
    log_pain(page, 5)  # a failed send keeps it showing
    expect(banner).to_be_visible()
    phone_context.set_offline(False)
    expect(banner).to_be_hidden()
    wait_until_all_sent(page)
    expect(waiting_to_sync(page)).to_have_count(0)


NEVER_ANSWERING_PUSH = """
    window.subscribeAsked = new Promise((resolve) => {
        PushManager.prototype.subscribe = () => { resolve(true); return new Promise(() => {}); };
    });
    PushManager.prototype.getSubscription = () => Promise.resolve(null);
"""


def test_a_push_set_up_that_never_answers_ends_in_a_plain_message(
        browser, live_server, make_therapist, make_client):
    client = make_client(make_therapist())
    context = browser.new_context(base_url=live_server, **PHONE)
    context.grant_permissions(["notifications"], origin=live_server)
    context.add_init_script(NEVER_ANSWERING_PUSH)
    page = context.new_page()
    page.clock.install()  # the app waits 15 s for subscribe(); the test moves the clock instead
    sign_in(page, client)
    wait_for_service_worker(page)
    page.goto("/#/settings")
    toggle = page.get_by_role("button", name="Turn on reminders here")
    toggle.click()
    status = page.get_by_test_id("reminder-status")
    expect(status).to_have_text("Asking this browser to turn on notifications…")
    assert page.evaluate("() => window.subscribeAsked")  # its timeout is running from here
    page.clock.run_for(16_000)
    expect(status).to_contain_text("did not answer when asked to turn on notifications")
    expect(toggle).to_be_enabled()
    context.close()


def test_today_drawn_from_the_phone_offline_is_drawn_again_from_the_server_once_back(
        phone_context, make_therapist, make_client, make_program):
    therapist = make_therapist()
    client = make_client(therapist)
    make_program(therapist, client)
    page = phone_context.new_page()
    sign_in(page, client)
    wait_for_service_worker(page)
    phone_context.set_offline(True)
    page.reload()
    kept = page.get_by_text("Showing the program saved on this phone.")
    expect(kept).to_be_visible()
    phone_context.set_offline(False)
    expect(page.get_by_test_id("offline-note")).to_be_hidden()
    expect(kept).to_have_count(0)
    expect(page.get_by_test_id("start-session")).to_be_visible()
