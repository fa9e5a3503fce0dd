"""The therapist's workspace when the server fails (issue 9): a screen that cannot load says so
plainly with a retry, never a blank page or a spinner; the retry works once the server is back."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import screenshot
from tests.browser.helpers import StoppableServer, watch_csp
from tests.browser.test_therapist_workspace import open_workspace

SERVER_ERROR = {"code": 500, "status": "Internal Server Error", "message": "x", "errors": {}}


@pytest.fixture
def own_server(app):
    server = StoppableServer(app)
    yield server
    server.stop()


@pytest.fixture
def own_desk(browser, own_server):
    context = browser.new_context(base_url=own_server.base, service_workers="block",
                                  viewport={"width": 1280, "height": 860})
    yield context
    context.close()


def test_a_server_stopped_before_a_client_page_gives_a_retry_that_works_once_it_is_back(
        own_server, own_desk, make_therapist, make_client):
    therapist = make_therapist()
    client = make_client(therapist, name="Morgan Avery")
    page = own_desk.new_page()
    csp = watch_csp(page)
    open_workspace(page, therapist)
    expect(page.get_by_role("link", name="Morgan Avery")).to_be_visible()

    own_server.stop()
    page.goto(f"/#/clients/{client.id}")  # the shell is in the page already: only the hash moves
    problem = page.get_by_test_id("problem")
    expect(problem).to_contain_text("cannot reach the server")
    expect(page.get_by_role("heading", level=1)).to_have_text("This page could not be loaded")
    expect(page.locator("main[aria-busy]")).to_have_count(0)
    screenshot(page, "therapist-client-page-server-stopped")

    own_server.start()
    problem.get_by_role("button", name="Try again").click()
    expect(page.get_by_role("heading", level=1, name="Morgan Avery")).to_be_visible()
    expect(page.get_by_test_id("problem")).to_have_count(0)
    assert csp == []


def test_a_server_error_on_the_caseload_gives_a_plain_message_and_a_retry(
        own_desk, make_therapist, make_client):
    therapist = make_therapist()
    make_client(therapist, name="Morgan Avery")
    page = own_desk.new_page()
    page.route("**/api/clients", lambda route: route.fulfill(status=500, json=SERVER_ERROR))
    open_workspace(page, therapist)
    problem = page.get_by_test_id("problem")
    expect(problem).to_contain_text("The server had a problem")
    expect(page.locator("main")).not_to_contain_text("Internal Server Error")
    page.unroute("**/api/clients")
    problem.get_by_role("button", name="Try again").click()
    expect(page.get_by_role("link", name="Morgan Avery")).to_be_visible()


def test_a_client_not_in_the_caseload_is_not_found_without_a_retry(
        own_desk, make_therapist, make_client):
    therapist = make_therapist()
    stranger = make_client(make_therapist())
    page = own_desk.new_page()
    open_workspace(page, therapist, f"#/clients/{stranger.id}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Not found")
    expect(page.get_by_role("button", name="Try again")).to_have_count(0)
    expect(page.get_by_role("link", name="Back to the caseload")).to_be_visible()
