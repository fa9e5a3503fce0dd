"""A new version of the app reaches a phone without cutting into a session or losing a record: the
changed service worker installs and waits, the banner offers it only outside a guided session, and
"Reload now" activates it (skip-waiting by message) with the unsent record still kept."""

from __future__ import annotations

import re
import threading

import pytest
from playwright.sync_api import expect
from werkzeug.serving import make_server

from tests.browser.conftest import PHONE, screenshot
from tests.browser.helpers import (
    log_pain,
    sign_in,
    start_session,
    wait_for_service_worker,
    wait_until_all_sent,
    waiting_to_sync,
    watch_csp,
)

NEXT_VERSION = "v-next-release"


class ReleasingServer:
    """The app on a port of its own whose /sw.js can be swapped for the next release.

    Playwright's routes do not see the browser's update check of a service worker script, so the
    new release is served for real; everything else is the shared test app."""

    def __init__(self, app):
        self.app = app
        self.sw_body: bytes | None = None

    def __call__(self, environ, start_response):
        if self.sw_body is not None and environ.get("PATH_INFO") == "/sw.js":
            start_response("200 OK", [("Content-Type", "text/javascript; charset=utf-8"),
                                      ("Cache-Control", "no-cache, max-age=0")])
            return [self.sw_body]
        return self.app(environ, start_response)

    def release_next_version(self) -> None:
        """From now on /sw.js is a release with another VERSION (so other cache names)."""
        text = self.app.test_client().get("/sw.js").get_data(as_text=True)
        current = re.search(r"const VERSION = '([^']+)';", text).group(1)
        self.sw_body = text.replace(f"const VERSION = '{current}';",
                                    f"const VERSION = '{NEXT_VERSION}';").encode()
        assert NEXT_VERSION.encode() in self.sw_body


@pytest.fixture
def releasing(app):
    wsgi = ReleasingServer(app)
    server = make_server("127.0.0.1", 0, wsgi, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    wsgi.base = f"http://127.0.0.1:{server.server_port}"
    yield wsgi
    server.shutdown()


@pytest.fixture
def releasing_phone(browser, releasing):
    context = browser.new_context(base_url=releasing.base, **PHONE)
    yield context
    context.close()


def _check_for_update_until_one_waits(page) -> None:
    page.evaluate("""async () => {
        const registration = await navigator.serviceWorker.getRegistration();
        await registration.update();
        while (!registration.waiting) {  // installing: it precaches the new shell first
            await new Promise((resolve) => requestAnimationFrame(resolve));
        }
    }""")


def test_the_update_waits_for_the_session_and_reload_now_keeps_the_unsent_record(
        releasing, releasing_phone, make_therapist, make_client, make_program, signed_in):
    therapist = make_therapist()
    client = make_client(therapist)
    make_program(therapist, client)
    page = releasing_phone.new_page()
    csp = watch_csp(page)
    sign_in(page, client)
    wait_for_service_worker(page)
    banner = page.locator("#update-banner")

    # A log the server cannot take yet (it answers 503): it waits in the outbox.
    page.route("**/api/me/logs", lambda route: route.fulfill(status=503, body="{}"))
    log_pain(page, 4)
    expect(waiting_to_sync(page)).to_have_text("1 waiting to sync")

    start_session(page, 5)
    releasing.release_next_version()
    _check_for_update_until_one_waits(page)
    expect(page.get_by_role("heading", name="Place your hand")).to_be_visible()
    expect(banner).to_have_attribute("data-update-waiting", "")  # the app knows of it...
    expect(banner).to_be_hidden()  # ...and holds it back: never during a guided session

    page.get_by_role("button", name="Stop the session").click()
    page.get_by_role("radio", name=re.compile(r"^5\b")).click()
    page.get_by_role("button", name="Finish").click()
    expect(page.get_by_role("heading", name="Session saved")).to_be_visible()
    # The server's 503 holds the session back too (logs are sent first): both wait.
    expect(waiting_to_sync(page)).to_have_text("2 waiting to sync")
    expect(banner).to_contain_text("A new version of the app is ready.")
    screenshot(page, "client-update-banner")

    with page.expect_event("load"):
        banner.get_by_role("button", name="Reload now").click()
    expect(page.get_by_test_id("log-feel").or_(page.get_by_test_id("session"))).to_be_visible()
    caches = page.evaluate("caches.keys()")
    assert f"cluneal-shell-{NEXT_VERSION}" in caches
    assert not [name for name in caches if NEXT_VERSION not in name]  # the old ones are gone
    assert page.evaluate("navigator.serviceWorker.getRegistration().then((r) => !r.waiting)")
    expect(banner).to_be_hidden()
    expect(waiting_to_sync(page)).to_have_text("2 waiting to sync")  # kept through the update

    page.unroute("**/api/me/logs")
    page.reload()
    wait_until_all_sent(page)
    expect(waiting_to_sync(page)).to_have_count(0)
    client_http = signed_in(client)
    assert [log["pain"] for log in client_http.get("/api/me/logs").json] == [4]
    assert [s["stopped_early"] for s in client_http.get("/api/me/sessions").json] == [True]
    assert csp == []
