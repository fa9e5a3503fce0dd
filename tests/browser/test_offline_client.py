"""Offline first: the shell, the last program and the last trends come from this phone, and a
record the server refuses is kept and shown instead of being retried for ever."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from playwright.sync_api import expect

from tests.browser.conftest import screenshot
from tests.browser.helpers import sign_in, wait_for_service_worker, watch_csp
from tests.factories import log_body


def test_offline_reload_shows_the_kept_program_and_history(
        phone_context, make_therapist, make_client, make_program, add_logs):
    therapist = make_therapist()
    client = make_client(therapist)
    make_program(therapist, client)
    add_logs(client, [log_body(pain=5)])
    page = phone_context.new_page()
    csp = watch_csp(page)
    sign_in(page, client)
    page.goto("/#/history")
    expect(page.get_by_text("Pain by day", exact=True)).to_be_visible()
    page.goto("/#/today")
    expect(page.get_by_text("Go easy on these today")).to_be_visible()
    wait_for_service_worker(page)

    phone_context.set_offline(True)
    response = page.reload()
    assert response.from_service_worker and response.status == 200
    expect(page.get_by_test_id("offline-note")).to_be_visible()
    expect(page.get_by_text("Sitting")).to_be_visible()  # the kept program's position to avoid
    page.goto("/#/history")
    expect(page.get_by_text("this is the history saved on this phone")).to_be_visible()
    expect(page.get_by_text("Pain by day", exact=True)).to_be_visible()
    screenshot(page, "client-history-offline")
    assert csp == []


def test_a_refused_record_is_kept_and_shown_while_the_others_are_sent(
        phone_context, make_therapist, make_client, signed_in):
    client = make_client(make_therapist())
    page = phone_context.new_page()
    sign_in(page, client)
    good = log_body(pain=2)
    bad = {**log_body(), "pain": 11}  # out of range: the server answers 422 for it
    now = datetime.now(UTC).isoformat()
    page.evaluate(
        """async ([userId, entries]) => {
            const store = await import('/js/store.js');
            for (const [id, body, queuedAt] of entries) {
                await store.outboxAdd({id, kind: 'log', userId, body, queuedAt});
            }
        }""",
        [client.id, [[bad["id"], bad, now], [good["id"], good, now + "1"]]])
    page.reload()
    expect(page.get_by_test_id("sync-refused")).to_have_text("1 not accepted")
    expect(page.get_by_test_id("sync-waiting")).to_have_count(0)
    stored = signed_in(client).get("/api/me/logs").json
    assert [log["id"] for log in stored] == [good["id"]]

    page.get_by_test_id("sync-refused").click()
    expect(page.get_by_test_id("unsent")).to_contain_text("Not accepted by the server")
    assert uuid.UUID(bad["id"])


def test_a_record_whose_id_another_client_holds_stays_on_the_phone_marked_not_accepted(
        phone_context, make_therapist, make_client, signed_in):
    therapist = make_therapist()
    client, other = make_client(therapist), make_client(therapist, "Other Client")
    taken = log_body(pain=3)
    assert signed_in(other).post("/api/me/logs", json=[taken]).status_code == 200
    page = phone_context.new_page()
    sign_in(page, client)
    good = log_body(pain=2)
    now = datetime.now(UTC).isoformat()
    page.evaluate(
        """async ([userId, entries]) => {
            const store = await import('/js/store.js');
            for (const [id, body, queuedAt] of entries) {
                await store.outboxAdd({id, kind: 'log', userId, body, queuedAt});
            }
        }""",
        [client.id, [[taken["id"], {**taken, "pain": 8}, now], [good["id"], good, now + "1"]]])
    page.reload()
    expect(page.get_by_test_id("sync-refused")).to_have_text("1 not accepted")
    expect(page.get_by_test_id("sync-waiting")).to_have_count(0)
    assert [log["id"] for log in signed_in(client).get("/api/me/logs").json] == [good["id"]]
    kept = page.evaluate(
        """async (userId) => (await (await import('/js/store.js')).outboxEntries(userId))
            .map((entry) => [entry.id, entry.body.pain, entry.refused && entry.refused.status])""",
        client.id)
    assert kept == [[taken["id"], 8, 409]]  # kept whole, never deleted

    page.get_by_test_id("sync-refused").click()
    expect(page.get_by_test_id("unsent")).to_contain_text("can't store this one")
