"""A reminder end to end, as a phone would get it: the app's own settings screen subscribes, the
server's real scheduler sends at the scheduled local minute, the local push service checks the
VAPID signature and decrypts the payload, and the service worker shows the notification."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from server.reminders import vapid_keys
from server.reminders.scheduler import start_background
from tests.browser.helpers import sign_in
from tests.push_service import LocalPushService

ZONE = "Asia/Kolkata"  # +05:30: a local minute that is not a UTC hour boundary

STUB_PUSH_MANAGER = """(() => {
  const subscription = %s;
  const bytes = (text) => Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')
    + '='.repeat((4 - (text.length %% 4)) %% 4)), (c) => c.charCodeAt(0)).buffer;
  let current = null;
  PushManager.prototype.subscribe = async function (options) {
    const key = new Uint8Array(options.applicationServerKey);
    window.__applicationServerKey = btoa(String.fromCharCode(...key))
      .replace(/\\+/g, '-').replace(/\\//g, '_').replace(/=+$/, '');
    current = { endpoint: subscription.endpoint, expirationTime: null,
      options: { userVisibleOnly: true }, toJSON: () => subscription,
      getKey: (name) => bytes(subscription.keys[name]),
      unsubscribe: async () => { current = null; return true; } };
    return current;
  };
  PushManager.prototype.getSubscription = async function () { return current; };
})();"""


@pytest.fixture
def push_service(app):
    service = LocalPushService(expected_vapid_key=vapid_keys(app).public_key).start()
    yield service
    service.stop()


def _next_due_minute() -> datetime:
    """A whole minute at least 40 s away, so the subscription is in place before it."""
    return (datetime.now(UTC) + timedelta(seconds=100)).replace(second=0, microsecond=0)


def test_an_installed_phone_app_gets_its_program_reminder_at_the_local_minute(
        app, live_server, phone_context, push_service, make_therapist, make_client,
        make_program):
    therapist = make_therapist()
    client = make_client(therapist, timezone=ZONE)
    due = _next_due_minute()
    make_program(therapist, client, movement_breaks=None, schedule={
        "times": [due.astimezone(ZoneInfo(ZONE)).strftime("%H:%M")],
        "days": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]})

    phone_context.grant_permissions(["notifications"], origin=live_server)
    phone_context.add_init_script(STUB_PUSH_MANAGER % json.dumps(push_service.subscribe()))
    page = phone_context.new_page()
    cdp = phone_context.new_cdp_session(page)
    registrations: dict[str, str] = {}
    cdp.on("ServiceWorker.workerRegistrationUpdated", lambda event: registrations.update(
        {r["scopeURL"]: r["registrationId"] for r in event["registrations"]
         if not r.get("isDeleted")}))
    cdp.send("ServiceWorker.enable")

    sign_in(page, client)
    page.goto("/#/settings")
    page.get_by_role("button", name="Turn on reminders here").click()
    expect(page.get_by_test_id("reminder-status")).to_have_text(
        "Reminders are on for this device.")
    assert page.evaluate("window.__applicationServerKey") == vapid_keys(app).public_key

    scheduler = start_background(app)  # the real scheduler, as SCHEDULER_ENABLED starts it
    try:
        received = push_service.wait_for(1, timeout=(due - datetime.now(UTC)).total_seconds()
                                         + 90)
    finally:
        scheduler.shutdown(wait=True)
    [message] = received
    assert push_service.rejected == []
    assert datetime.fromisoformat(message.payload["due_at"]) == due
    assert due.timestamp() <= message.at < due.timestamp() + 60  # never early; within a minute

    # The push service's hop to the phone: hand the decrypted payload to the service worker.
    scope = live_server + "/"
    assert scope in registrations
    cdp.send("ServiceWorker.deliverPushMessage", {
        "origin": live_server, "registrationId": registrations[scope],
        "data": json.dumps(message.payload)})
    shown = page.evaluate("""() => new Promise((resolve) => {
        const look = () => navigator.serviceWorker.ready
          .then((r) => r.getNotifications({tag: 'reminder-session'}))
          .then((list) => list.length ? resolve(list.map((n) => ({title: n.title, body: n.body,
            tag: n.tag, data: n.data, actions: n.actions.map((a) => [a.action, a.title])})))
            : setTimeout(look, 50));
        look();
    })""")
    assert shown == [{
        "title": "Time for your self-massage", "body": message.payload["body"],
        "tag": "reminder-session",
        "data": {"url": "/#/session", "kind": "session", "due_at": message.payload["due_at"]},
        "actions": [["start", "Start now"], ["snooze", "Snooze 30 min"]],
    }]
    assert base64.urlsafe_b64decode(vapid_keys(app).public_key + "=")[0] == 4


def test_the_test_notification_is_queued_sent_by_the_server_and_its_outcome_shown(
        app, live_server, phone_context, push_service, make_therapist, make_client):
    client = make_client(make_therapist())
    phone_context.grant_permissions(["notifications"], origin=live_server)
    phone_context.add_init_script(STUB_PUSH_MANAGER % json.dumps(push_service.subscribe()))
    page = phone_context.new_page()
    sign_in(page, client)
    page.goto("/#/settings")
    page.get_by_role("button", name="Turn on reminders here").click()
    expect(page.get_by_test_id("reminder-status")).to_have_text(
        "Reminders are on for this device.")
    page.get_by_role("button", name="Send a test notification").click()
    expect(page.get_by_test_id("reminder-status")).to_have_text(
        "Test sent. It should appear in a moment.")
    [message] = push_service.wait_for(1)
    assert message.payload["title"] == "Reminders are working"
