"""The client app's test vocabulary: sign in, log pain, wait for the service worker, run axe.

Plain functions over a Playwright page (the fixtures stay in conftest.py)."""

from __future__ import annotations

import re
import threading
from pathlib import Path

import requests
from playwright.sync_api import Page, expect
from werkzeug.serving import make_server

from tests.factories import PASSWORD

AXE = Path(__file__).resolve().parents[2] / "pwa" / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def watch_csp(page: Page) -> list[str]:
    """Collect console messages about Content Security Policy violations (assert it stays empty)."""
    violations: list[str] = []
    page.on("console", lambda message: violations.append(message.text)
            if "Content Security Policy" in message.text else None)
    return violations


def sign_in(page: Page, user, password: str = PASSWORD) -> None:
    """Sign in through the sign-in page and wait for Today."""
    page.goto("/#/login")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_test_id("log-feel")).to_be_visible()


def wait_for_service_worker(page: Page) -> None:
    """Until the service worker controls the page (and so can serve it offline)."""
    # page.evaluate, not wait_for_function: its polling evals a string, which our CSP refuses.
    page.evaluate("""() => navigator.serviceWorker.controller ? true : new Promise((resolve) =>
        navigator.serviceWorker.addEventListener('controllerchange', () => resolve(true),
                                                 {once: true}))""")


def wait_until_all_sent(page: Page, timeout_ms: int = 10_000) -> None:
    """Until the phone's outbox (IndexedDB) is empty: every record has reached the server.

    The "waiting to sync" line is no proof of that: just after a reload or a finished session it
    can be absent because the page has not drawn it yet, not because the outbox is empty."""
    empty = page.evaluate("""(timeoutMs) => new Promise((resolve) => {
        const deadline = Date.now() + timeoutMs;
        const look = () => {
            const open = indexedDB.open('cluneal-companion');
            open.onsuccess = () => {
                const db = open.result;
                if (!db.objectStoreNames.contains('outbox')) {  // the app has not made it yet
                    db.close();
                    setTimeout(look, 50);
                    return;
                }
                const count = db.transaction('outbox').objectStore('outbox').count();
                count.onsuccess = () => {
                    db.close();
                    if (count.result === 0) resolve(true);
                    else if (Date.now() > deadline) resolve(false);
                    else setTimeout(look, 50);
                };
            };
        };
        look();
    })""", timeout_ms)
    assert empty, f"records still waiting to be sent after {timeout_ms} ms"


def log_pain(page: Page, score: int, *, sensations=(), red_flags=(), weakness=False) -> None:
    """Open the log, choose a pain score (and optional answers), save."""
    page.goto("/#/log")
    page.get_by_role("radio", name=re.compile(rf"^{score}\b")).click()
    for label in sensations:
        page.get_by_role("button", name=label, exact=True).click()
    for label in red_flags:  # asked in the open, never folded away
        page.get_by_role("button", name=label).click()
    if weakness:
        page.get_by_role("button", name="Any weakness in a leg or foot").click()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1, name=re.compile("^Saved"))).to_be_visible()


def waiting_to_sync(page: Page):
    return page.get_by_test_id("sync-waiting")


def serious_accessibility_violations(page: Page) -> list[dict]:
    """axe-core's serious and critical WCAG 2.1 A/AA findings on the page as it is now.
    The page's context must be made with bypass_csp=True so the script can be injected."""
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(
        """async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}}))
            .violations.map(v => ({id: v.id, impact: v.impact,
                                   targets: v.nodes.map(n => n.target.join(' '))}))""",
        AXE_TAGS)
    return [v for v in violations if v["impact"] in ("serious", "critical")]


def start_session(page: Page, pain_before: int) -> None:
    """Open the guided session, give the pain score, answer the red-flag check "Nothing new"."""
    page.goto("/#/session")
    page.get_by_role("radio", name=re.compile(rf"^{pain_before}\b")).click()
    page.get_by_role("button", name="Nothing new: start the session").click()
    expect(page.get_by_role("heading", name="Place your hand")).to_be_visible()


def try_direction(page: Page, response: str) -> None:
    """Take the short trial pull of the direction on screen (ended early), then answer it."""
    page.get_by_role("button", name="I am in place: start the pull").click()
    page.get_by_role("button", name="Done", exact=True).click()
    page.get_by_role("button", name=response, exact=True).click()


def session_draft(page: Page, user_id: int, *, drags: int) -> dict:
    """The user's session draft as IndexedDB holds it, once it has `drags` answers in it."""
    return page.evaluate(
        """async ([userId, drags]) => {
            const store = await import('/js/store.js');
            for (;;) {
                const draft = await store.draftGet(userId);
                if (draft && draft.session.record.drags.length === drags) return draft;
                await new Promise((resolve) => requestAnimationFrame(resolve));
            }
        }""",
        [user_id, drags])


class StoppableServer:
    """The app on a port of its own, which a test may stop and start again on the same port
    (the phone's storage and service worker belong to that origin)."""

    def __init__(self, app):
        self.app = app
        self.port = 0
        self.server = None
        self.start()
        self.base = f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        self.server = make_server("127.0.0.1", self.port, self.app, threaded=True)
        self.port = self.server.server_port
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        for _ in range(100):
            try:
                if requests.get(f"http://127.0.0.1:{self.port}/api/health", timeout=1).ok:
                    return
            except requests.ConnectionError:
                pass
        raise RuntimeError("the test server did not answer")

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()  # the port refuses connections now, as a stopped server's does
