"""Browser tests: the real app served on a free port, driven in Debian's Chromium.

One server per test session (werkzeug in a daemon thread, over the same migrated database as the
server tests); page fixtures per world. Screenshots go to test-results/screenshots/.
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest
import requests
import time_machine
from playwright.sync_api import Browser
from werkzeug.serving import make_server

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results" / "screenshots"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
PHONE = {"viewport": {"width": 360, "height": 740}, "device_scale_factor": 2,
         "has_touch": True, "is_mobile": True}


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


# Browser tests run at this instant unless marked clock_at(another) or real_clock: records dated
# from "now", "today" on the phone and the server's weeks then agree on every day of the year.
BROWSER_TESTS_AT = "2026-05-13T10:00:00+00:00"  # a Wednesday mid-morning


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "clock_at(instant): a browser test starts at instant (instead of "
                   "BROWSER_TESTS_AT), on the server and in every browser context it opens")


@pytest.fixture(autouse=True)
def _browser_clock(request, monkeypatch):
    """Each browser test runs at a fixed instant on both sides, and the clocks tick on from there.

    The server runs in this process, so time_machine moves its clock (ticking: the app's timers,
    the scheduler and sign-ins need time to pass). Each new browser context gets Playwright's clock
    installed at the same instant and resumed, so the page's Date ticks in step with the server's.
    A test can still take the page's clock over (page.clock.install(), run_for) to skip waits."""
    if request.node.get_closest_marker("real_clock"):  # (this conftest is browser tests' only)
        yield
        return
    marker = request.node.get_closest_marker("clock_at")
    instant = marker.args[0] if marker else BROWSER_TESTS_AT
    new_context = Browser.new_context

    def new_context_at_the_test_instant(self, *args, **kwargs):
        context = new_context(self, *args, **kwargs)
        context.clock.install(time=datetime.now(UTC))
        context.clock.resume()
        return context

    monkeypatch.setattr(Browser, "new_context", new_context_at_the_test_instant)
    with time_machine.travel(instant, tick=True):
        yield


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": "/usr/bin/chromium",
            "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def live_server(app):
    """The app on 127.0.0.1:<free port>; waits until /api/health answers."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_port}"
    for _ in range(100):
        try:
            if requests.get(base + "/api/health", timeout=1).status_code == 200:
                break
        except requests.ConnectionError:
            pass
    yield base
    server.shutdown()


@pytest.fixture(scope="session")
def base_url(live_server):
    return live_server


@pytest.fixture
def phone_context(browser, live_server):
    """A 360×740 touch phone."""
    context = browser.new_context(base_url=live_server, **PHONE)
    yield context
    context.close()


@pytest.fixture
def desk_context(browser, live_server):
    """A tablet/desktop-sized window, as a therapist would use."""
    context = browser.new_context(base_url=live_server, viewport={"width": 1280, "height": 860})
    yield context
    context.close()


def screenshot(page, name: str) -> Path:
    """Save a full-page screenshot for a person to look at."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
