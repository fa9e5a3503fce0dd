"""The therapist told at once, end to end with the real server: the workspace's Alerts screen
subscribes the therapist's browser (PushManager stubbed, its endpoint the test's loopback push
service), a client logs saddle numbness on one phone, the server's alert is decrypted at the push
service within 60 s and delivered to the therapist's service worker, which shows it (no health
details, a click to the client's page) and refreshes the open caseload; the client's second phone
stays paused until the therapist acknowledges in the browser with a note (needed first), and the
handled flag is listed with that note."""

from __future__ import annotations

import json
import re
import time

import pytest
from playwright.sync_api import expect

from server.reminders import vapid_keys
from tests.browser.helpers import log_pain, sign_in
from tests.browser.test_reminder_end_to_end import STUB_PUSH_MANAGER
from tests.browser.test_therapist_workspace import open_workspace
from tests.push_service import LocalPushService
from tests.server.notify.helpers import assert_no_health_details

SADDLE = "Numbness between the legs or around the back passage"


@pytest.fixture
def push_service(app):
    service = LocalPushService(expected_vapid_key=vapid_keys(app).public_key).start()
    yield service
    service.stop()


def _registrations(context, page) -> dict[str, str]:
    """Scope URL → service worker registration id, kept up to date through DevTools."""
    cdp = context.new_cdp_session(page)
    found: dict[str, str] = {}
    cdp.on("ServiceWorker.workerRegistrationUpdated", lambda event: found.update(
        {r["scopeURL"]: r["registrationId"] for r in event["registrations"]
         if not r.get("isDeleted")}))
    cdp.send("ServiceWorker.enable")
    found["_cdp"] = cdp
    return found


def _shown(page, tag: str) -> list[dict]:
    """The notifications with this tag, once there is one."""
    return page.evaluate("""(tag) => new Promise((resolve) => {
        const look = () => navigator.serviceWorker.ready
          .then((r) => r.getNotifications({tag}))
          .then((list) => list.length ? resolve(list.map((n) => ({title: n.title, body: n.body,
            tag: n.tag, data: n.data, requireInteraction: n.requireInteraction})))
            : setTimeout(look, 50));
        look();
    })""", tag)


def test_a_saddle_numbness_log_reaches_the_therapists_browser_and_pauses_until_acknowledged(
        app, browser, live_server, push_service, make_therapist, make_client, make_program):
    therapist = make_therapist(name="Dana Reid")
    client = make_client(therapist, name="Robin Hale")
    make_program(therapist, client)

    desk = browser.new_context(base_url=live_server, viewport={"width": 1280, "height": 860})
    phones = [browser.new_context(base_url=live_server, viewport={"width": 360, "height": 740})
              for _ in range(2)]
    try:
        desk.grant_permissions(["notifications"], origin=live_server)
        desk.add_init_script(STUB_PUSH_MANAGER % json.dumps(push_service.subscribe()))
        office = desk.new_page()
        registrations = _registrations(desk, office)
        open_workspace(office, therapist, "#/alerts")
        expect(office.get_by_test_id("alert-devices")).to_have_text(re.compile("^No device"))
        office.get_by_role("button", name="Turn on alerts on this device").click()
        expect(office.get_by_test_id("alert-status")).to_have_text("Alerts are on for this device.")
        expect(office.get_by_test_id("alert-devices")).to_have_text(
            re.compile("^Alerts reach one device of yours"))
        assert office.evaluate("window.__applicationServerKey") == vapid_keys(app).public_key
        nav = office.get_by_role("navigation", name="Workspace")
        nav.get_by_role("link", name="Caseload").click()
        row = office.get_by_role("row", name=re.compile("Robin Hale"))
        expect(row).to_contain_text("none")

        first, second = (context.new_page() for context in phones)
        for page in (first, second):
            sign_in(page, client)
            expect(page.get_by_test_id("start-session")).to_be_visible()
        started = time.monotonic()
        log_pain(first, 3, red_flags=[SADDLE])
        expect(first.get_by_test_id("delivery-note")).to_have_text(
            "Your therapist has been sent a notification.")

        [message] = push_service.wait_for(1, timeout=60)
        assert time.monotonic() - started < 60
        assert push_service.rejected == []
        alert = message.payload
        assert alert["title"] == "Urgent: a client needs your attention"
        assert alert["url"] == f"/#/clients/{client.id}"
        assert_no_health_details(json.dumps(alert), "Robin", "Hale", client.email)

        # The push service's hop to the browser: hand the decrypted payload to the worker.
        scope = live_server + "/"
        assert scope in registrations
        registrations["_cdp"].send("ServiceWorker.deliverPushMessage", {
            "origin": live_server, "registrationId": registrations[scope],
            "data": json.dumps(alert)})
        [shown] = _shown(office, alert["tag"])
        assert shown == {
            "title": "Urgent: a client needs your attention",
            "body": "Open the app to see what was reported.", "tag": alert["tag"],
            "data": {"url": f"/#/clients/{client.id}", "kind": "flag",
                     "flag_id": alert["flag_id"], "urgency": "emergency"},
            "requireInteraction": True,
        }
        assert_no_health_details(json.dumps(shown), "Robin", "Hale")
        # The worker told the open workspace, which asked again at once.
        expect(row).to_contain_text("1 open · Emergency", timeout=10_000)
        expect(office.get_by_test_id("announcer")).to_have_text(
            "New safety flag for Robin Hale: emergency.")

        # A click on the notification opens the client's page in the open window.
        [worker] = desk.service_workers
        worker.evaluate("""() => self.registration.getNotifications().then(([n]) =>
            self.dispatchEvent(new NotificationEvent('notificationclick', {notification: n})))""")
        expect(office).to_have_url(re.compile(rf"#/clients/{client.id}$"))
        expect(office.get_by_role("heading", level=1, name="Robin Hale")).to_be_visible()

        second.reload()
        expect(second.get_by_test_id("paused")).to_have_attribute("data-source", "server")
        expect(second.get_by_test_id("start-session")).to_have_count(0)

        flag = office.get_by_role("list", name="Open safety flags").get_by_role("listitem")
        flag.get_by_role("button", name=re.compile("^Acknowledge")).click()
        note = flag.get_by_label("What was done (needed)")
        expect(note).to_have_attribute("aria-invalid", "true")
        second.reload()
        expect(second.get_by_test_id("paused")).to_be_visible()  # still, until a note is given

        note.fill("Phoned Robin: on the way to the emergency department.")
        flag.get_by_role("button", name=re.compile("^Acknowledge")).click()
        handled = office.get_by_role("list", name="Handled flags").get_by_role("listitem")
        expect(handled).to_contain_text(
            "What was done: Phoned Robin: on the way to the emergency department.")
        expect(handled).to_contain_text("by Dana Reid")

        second.reload()
        expect(second.get_by_test_id("start-session")).to_be_visible()
        expect(second.get_by_test_id("paused")).to_have_count(0)
    finally:
        for context in (desk, *phones):
            context.close()


def test_the_test_alert_speaks_of_alerts_and_the_settings_link_opens_the_alerts_screen(
        browser, live_server, push_service, make_therapist):
    therapist = make_therapist()
    desk = browser.new_context(base_url=live_server, viewport={"width": 1280, "height": 860})
    try:
        desk.grant_permissions(["notifications"], origin=live_server)
        desk.add_init_script(STUB_PUSH_MANAGER % json.dumps(push_service.subscribe()))
        page = desk.new_page()
        open_workspace(page, therapist, "#/alerts")
        page.get_by_role("button", name="Turn on alerts on this device").click()
        expect(page.get_by_test_id("alert-status")).to_have_text("Alerts are on for this device.")
        page.get_by_role("button", name="Send a test alert").click()
        expect(page.get_by_test_id("alert-status")).to_have_text(
            re.compile(r"^Test sent\. |^The test is on its way"))
        [message] = push_service.wait_for(1)
        assert message.payload["title"] == "Alerts are working"
        page.goto("/#/settings")  # where a test's click leads on any device
        expect(page.get_by_role("heading", level=1, name="Alerts")).to_be_visible()
        page.get_by_role("button", name="Turn off alerts on this device").click()
        expect(page.get_by_test_id("alert-status")).to_have_text("Alerts are off on this device.")
        expect(page.get_by_test_id("alert-devices")).to_have_text(re.compile("^No device"))
    finally:
        desk.close()
