"""A guided session survives a reload, a killed tab or a closed app: every answer is kept on the
phone as a draft, offered back ("Resume where you left off" / "Finish and save"), and the server
ends up with exactly one session holding every drag."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from playwright.sync_api import expect

from tests.browser.conftest import screenshot
from tests.browser.helpers import (
    session_draft,
    sign_in,
    start_session,
    try_direction,
    wait_for_service_worker,
    wait_until_all_sent,
    waiting_to_sync,
    watch_csp,
)
from tests.factories import PASSWORD, log_body

STEP = {"group": "superior", "side": "left", "landmark": "Top of the left hip bone",
        "directions": ["inferior", "medial"], "contact": "palm", "hold_seconds": 3,
        "repetitions": 2, "notes": ""}
SECOND_STEP = {**STEP, "group": "middle", "side": "right", "landmark": "Beside the sacrum"}


def _client_with_program(make_therapist, make_client, make_program, steps=(STEP,)):
    therapist = make_therapist()
    client = make_client(therapist)
    make_program(therapist, client, steps=list(steps))
    return client


def _wait_until_draft_is_sent(page, user_id: int) -> None:
    """Until the draft has left for the outbox and the outbox has emptied (server acknowledged)."""
    page.evaluate(
        """async (userId) => {
            const store = await import('/js/store.js');
            const waiting = async () =>
                (await store.outboxEntries(userId)).filter((e) => !e.refused);
            while (await store.draftGet(userId) || (await waiting()).length) {
                await new Promise((resolve) => requestAnimationFrame(resolve));
            }
        }""",
        user_id)
    assert page.evaluate(
        "id => import('/js/store.js').then((s) => s.outboxEntries(id))", user_id) == []


def _offer(page):
    return page.get_by_test_id("resume-offer")


def test_a_session_resumes_after_reloads_online_and_offline_and_is_stored_once(
        phone_context, make_therapist, make_client, make_program, signed_in):
    client = _client_with_program(make_therapist, make_client, make_program,
                                  steps=(STEP, SECOND_STEP))
    page = phone_context.new_page()
    csp = watch_csp(page)
    sign_in(page, client)
    wait_for_service_worker(page)

    start_session(page, 5)
    try_direction(page, "Worse")  # spot 1 ends at once
    expect(page.get_by_role("heading", name="Stop pressing there")).to_be_visible()
    session_draft(page, client.id, drags=1)
    page.reload()
    expect(page.get_by_role("heading", name="Your session is still open")).to_be_visible()
    expect(_offer(page)).to_contain_text("1 direction tried")
    screenshot(page, "client-session-resume-offer")

    phone_context.set_offline(True)
    response = page.reload()
    assert response.from_service_worker
    page.get_by_role("button", name="Resume where you left off").click()
    expect(page.get_by_text("Spot 2 of 2 · direction 1 of 2")).to_be_visible()
    try_direction(page, "Better")
    try_direction(page, "Same")
    expect(page.get_by_role("heading", name="Hold the direction that helped most")).to_be_visible()
    page.get_by_role("button", name="Done holding").click()  # hold 1 of 2
    page.get_by_role("button", name="I have let go").click()
    expect(page.get_by_text("Hold 2 of 2", exact=True)).to_be_visible()
    draft = session_draft(page, client.id, drags=3)
    assert draft["phase"] == "holds" and draft["session"]["holding"]["rep"] == 2
    page.reload()  # the phone drops the tab mid-hold, still offline

    page.get_by_role("button", name="Resume where you left off").click()
    expect(page.get_by_text("Hold 2 of 2", exact=True)).to_be_visible()  # hold 1 is not asked again
    page.get_by_role("button", name="Done holding").click()
    page.get_by_role("button", name="I have let go").click()
    expect(page.get_by_role("heading", name="Take it easy now")).to_be_visible()
    page.get_by_role("radio", name=re.compile(r"^3\b")).click()
    page.get_by_role("button", name="Nothing new: finish").click()
    expect(page.get_by_role("heading", name="Session saved")).to_be_visible()
    expect(waiting_to_sync(page)).to_have_text("1 waiting to sync")

    phone_context.set_offline(False)
    wait_until_all_sent(page)
    expect(waiting_to_sync(page)).to_have_count(0)
    sessions = signed_in(client).get("/api/me/sessions").json
    assert len(sessions) == 1
    assert [(d["group"], d["direction"], d["response"]) for d in sessions[0]["drags"]] == [
        ("superior", "inferior", "worse"), ("middle", "inferior", "better"),
        ("middle", "medial", "same")]
    worse, _held, same = sessions[0]["drags"]
    assert worse["held_seconds"] == 0 and same["held_seconds"] == 0  # trial pulls hold nothing
    assert (sessions[0]["pain_before"], sessions[0]["pain_after"]) == (5, 3)
    assert sessions[0]["stopped_early"] is False
    assert page.evaluate(
        "id => import('/js/store.js').then((s) => s.draftGet(id))", client.id) is None
    assert csp == []


def test_finish_and_save_stores_the_open_session_as_stopped_early_at_its_last_answer(
        phone_context, make_therapist, make_client, make_program, signed_in):
    client = _client_with_program(make_therapist, make_client, make_program)
    page = phone_context.new_page()
    sign_in(page, client)

    start_session(page, 6)
    try_direction(page, "Same")
    expect(page.get_by_text("direction 2 of 2")).to_be_visible()
    last_answer = session_draft(page, client.id, drags=1)["updatedAt"]
    page.reload()
    page.get_by_role("button", name="Finish and save").click()
    expect(page.get_by_role("heading", name="Session saved")).to_be_visible()
    expect(page.get_by_text("Saved as stopped early")).to_be_visible()

    wait_until_all_sent(page)
    expect(waiting_to_sync(page)).to_have_count(0)
    sessions = signed_in(client).get("/api/me/sessions").json
    assert len(sessions) == 1
    assert sessions[0]["stopped_early"] is True and sessions[0]["pain_after"] is None
    assert [(d["direction"], d["response"]) for d in sessions[0]["drags"]] == [
        ("inferior", "same")]
    assert datetime.fromisoformat(sessions[0]["ended_at"]) == datetime.fromisoformat(
        last_answer.replace("Z", "+00:00"))
    page.goto("/#/today")
    expect(page.get_by_test_id("start-session")).to_be_visible()
    expect(page.get_by_test_id("open-session")).to_have_count(0)


def test_leaving_mid_session_keeps_it_open_on_today_and_resume_carries_on(
        phone_context, make_therapist, make_client, make_program, signed_in):
    client = _client_with_program(make_therapist, make_client, make_program)
    page = phone_context.new_page()
    sign_in(page, client)

    start_session(page, 4)
    try_direction(page, "Same")
    session_draft(page, client.id, drags=1)
    page.get_by_role("link", name="Today").click()
    card = page.get_by_test_id("open-session")
    expect(card).to_contain_text("Your session is still open")
    expect(page.get_by_test_id("start-session")).to_have_count(0)
    screenshot(page, "client-today-open-session")

    card.get_by_role("link", name="Resume where you left off").click()
    expect(page.get_by_text("direction 2 of 2")).to_be_visible()
    page.get_by_role("button", name="Stop the session").click()
    page.get_by_role("radio", name=re.compile(r"^4\b")).click()
    page.get_by_role("button", name="Finish").click()
    expect(page.get_by_role("heading", name="Session saved")).to_be_visible()
    wait_until_all_sent(page)
    expect(waiting_to_sync(page)).to_have_count(0)
    sessions = signed_in(client).get("/api/me/sessions").json
    assert [(len(s["drags"]), s["stopped_early"], s["pain_after"]) for s in sessions] == [
        (1, True, 4)]


def test_a_draft_older_than_twelve_hours_is_saved_as_stopped_early_without_asking(
        phone_context, make_therapist, make_client, make_program, signed_in):
    client = _client_with_program(make_therapist, make_client, make_program)
    page = phone_context.new_page()
    sign_in(page, client)
    start_session(page, 5)
    try_direction(page, "Worse")
    session_draft(page, client.id, drags=1)
    # As if the phone had been put away 13 hours ago, a minute into the session.
    started = (datetime.now(UTC) - timedelta(hours=13, minutes=1)).isoformat()
    long_ago = (datetime.now(UTC) - timedelta(hours=13)).isoformat(timespec="milliseconds")
    page.evaluate(
        """async ([userId, startedAt, updatedAt]) => {
            const store = await import('/js/store.js');
            const draft = await store.draftGet(userId);
            draft.session.record.started_at = startedAt;
            await store.draftPut({...draft, updatedAt});
        }""",
        [client.id, started, long_ago])

    page.goto("/#/today")
    page.reload()
    expect(page.get_by_test_id("start-session")).to_be_visible()
    expect(page.get_by_test_id("open-session")).to_have_count(0)
    _wait_until_draft_is_sent(page, client.id)
    sessions = signed_in(client).get("/api/me/sessions").json
    assert [(s["stopped_early"], len(s["drags"])) for s in sessions] == [(True, 1)]
    assert datetime.fromisoformat(sessions[0]["ended_at"]) == datetime.fromisoformat(long_ago)


def test_a_red_flag_logged_during_an_open_session_saves_it_instead_of_resuming(
        phone_context, make_therapist, make_client, make_program, signed_in):
    client = _client_with_program(make_therapist, make_client, make_program)
    page = phone_context.new_page()
    sign_in(page, client)
    start_session(page, 5)
    try_direction(page, "Same")
    session_draft(page, client.id, drags=1)
    wait_for_service_worker(page)
    phone_context.set_offline(True)  # the log waits on the phone: the phone's own stop holds
    page.goto("/#/log")
    page.get_by_role("radio", name=re.compile(r"^6\b")).click()
    page.get_by_role("button", name=re.compile("^Numbness between the legs")).click()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name=re.compile("^Saved"))).to_be_visible()

    page.goto("/#/session")
    expect(page.get_by_role("heading", name="No session today")).to_be_visible()
    expect(page.get_by_test_id("resume-offer")).to_have_count(0)
    phone_context.set_offline(False)
    wait_until_all_sent(page)
    expect(waiting_to_sync(page)).to_have_count(0)
    sessions = signed_in(client).get("/api/me/sessions").json
    assert [(s["stopped_early"], len(s["drags"])) for s in sessions] == [(True, 1)]


def test_records_kept_by_the_first_database_version_survive_the_upgrade(
        phone_context, make_therapist, make_client, signed_in):
    client = make_client(make_therapist())
    kept = log_body(pain=3)
    page = phone_context.new_page()
    login = page.request.post("/api/auth/login",
                              data={"email": client.email, "password": PASSWORD})
    assert login.ok
    page.goto("/manifest.webmanifest")  # same origin, none of the app's code runs here
    page.evaluate(
        """([userId, body]) => new Promise((resolve, reject) => {
            // Version 1 of the schema exactly as store.js first shipped it.
            const open = indexedDB.open('cluneal-companion', 1);
            open.onupgradeneeded = () => {
                const outbox = open.result.createObjectStore('outbox', {keyPath: 'id'});
                outbox.createIndex('by-user', 'userId');
                open.result.createObjectStore('kept', {keyPath: 'key'});
            };
            open.onsuccess = () => {
                const tx = open.result.transaction('outbox', 'readwrite');
                tx.objectStore('outbox').put({id: body.id, kind: 'log', userId, body,
                    queuedAt: new Date().toISOString(), refused: null});
                tx.oncomplete = () => { open.result.close(); resolve(); };
                tx.onerror = () => reject(tx.error);
            };
            open.onerror = () => reject(open.error);
        })""",
        [client.id, kept])

    page.goto("/#/today")
    expect(page.get_by_test_id("log-feel")).to_be_visible()
    wait_until_all_sent(page)
    expect(waiting_to_sync(page)).to_have_count(0)
    assert [log["id"] for log in signed_in(client).get("/api/me/logs").json] == [kept["id"]]
    assert page.evaluate("""() => new Promise((resolve) => {
        const open = indexedDB.open('cluneal-companion');
        open.onsuccess = () => resolve([open.result.version, [...open.result.objectStoreNames]]);
    })""") == [2, ["drafts", "kept", "outbox"]]
