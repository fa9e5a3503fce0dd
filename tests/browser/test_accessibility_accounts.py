"""axe-core finds no serious or critical WCAG 2.1 A/AA problem on the account screens: sign-up,
forgot and reset on a 360 px phone in light and dark mode; the therapist's clinic screen and a
client page with its account-and-care part, invites waiting and a notice on the caseload."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE, screenshot
from tests.browser.helpers import serious_accessibility_violations
from tests.factories import PASSWORD


@pytest.fixture(params=["light", "dark"])
def axe_phone(request, browser, live_server):
    context = browser.new_context(base_url=live_server, bypass_csp=True,
                                  color_scheme=request.param, reduced_motion="reduce", **PHONE)
    context.scheme = request.param
    yield context
    context.close()


@pytest.fixture
def axe_desk(browser, live_server):
    context = browser.new_context(base_url=live_server, bypass_csp=True,
                                  viewport={"width": 1280, "height": 860},
                                  service_workers="block")
    yield context
    context.close()


def test_sign_up_forgot_and_reset_screens_have_no_serious_accessibility_problems(
        axe_phone, make_therapist, make_client, signed_in):
    therapist = make_therapist()
    client = make_client(therapist)
    reset = signed_in(therapist).post(f"/api/clients/{client.id}/reset-link").json["url"]
    page = axe_phone.new_page()
    for path, ready in (("/#/signup", "Create my account"), ("/#/forgot", "Send me a reset link"),
                        ("/#/reset/" + reset.rsplit("/", 1)[1], "Save and sign in")):
        page.goto(path)
        expect(page.get_by_role("button", name=ready)).to_be_visible()
        screenshot(page, f"client-{path.split('/')[2]}-{axe_phone.scheme}")
        assert serious_accessibility_violations(page) == [], path


def test_the_clinic_screen_and_a_client_page_have_no_serious_accessibility_problems(
        axe_desk, make_therapist, make_client, make_colleague, signed_in):
    therapist = make_therapist("Dana Reyes")
    make_colleague(therapist, "Cy Colleague")
    client = make_client(therapist, "Robin Hale")
    closing = make_client(therapist, "Sam Lee")
    http = signed_in(therapist)
    http.post("/api/invites", json={"name": "Kim Invited", "email": "kim@example.test"})
    http.get(f"/api/clients/{client.id}/trends")
    signed_in(closing).delete("/api/me")
    page = axe_desk.new_page()
    assert page.request.post("/api/auth/login", data={
        "email": therapist.email, "password": PASSWORD}).ok

    page.goto("/#/clients")
    expect(page.get_by_test_id("notices")).to_contain_text("closed their account")
    expect(page.get_by_test_id("pending-invites")).to_contain_text("Kim Invited")
    screenshot(page, "therapist-caseload-notices-1280")
    assert serious_accessibility_violations(page) == []

    page.goto(f"/#/clients/{client.id}")
    expect(page.get_by_role("heading", name="Account and care")).to_be_visible()
    expect(page.get_by_test_id("access-log")).to_contain_text("Dana Reyes looked at")
    page.get_by_role("button", name="Make a password reset link").click()
    expect(page.get_by_test_id("reset-link")).to_be_visible()
    screenshot(page, "therapist-client-care-1280")
    assert serious_accessibility_violations(page) == []

    page.goto("/#/clinic")
    expect(page.get_by_role("heading", name="Invite a colleague")).to_be_visible()
    expect(page.get_by_role("radio", name="Anyone (each gets a practice of their own)")) \
        .to_be_checked()
    screenshot(page, "therapist-clinic-1280")
    assert serious_accessibility_violations(page) == []
