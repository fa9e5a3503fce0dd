"""A new therapist in real Chromium: signs up in the app, invites clients, withdraws one invite
(its link then says so), renews another (the old link stops, the new one works), and cannot
invite an email that already has an account."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import screenshot
from tests.browser.helpers import watch_csp


@pytest.fixture
def desk_context(browser, live_server):
    """A desktop window without the service worker (the workspace is online-only)."""
    context = browser.new_context(base_url=live_server, viewport={"width": 1280, "height": 860},
                                  service_workers="block")
    yield context
    context.close()


def invite(page: Page, name: str, email: str) -> str:
    """Make an invite on the invite screen; the link it shows."""
    page.get_by_role("link", name="Invite a client").first.click()
    page.get_by_label("Client's name").fill(name)
    page.get_by_label("Email (optional)").fill(email)
    page.get_by_role("button", name="Create invite link").click()
    expect(page.get_by_role("heading", name=f"Invite for {name} is ready")).to_be_visible()
    return page.get_by_role("textbox", name="Invite link").input_value()


def join_page(context, url: str) -> tuple[str, str]:
    """What a phone opening url sees: the join page's title and its text."""
    phone = context.new_page()
    phone.goto(url)
    title = phone.get_by_role("heading", level=1, name=re.compile("^(Join|Welcome)$"))
    expect(title).to_be_visible()
    seen = (title.inner_text(), phone.get_by_role("main").inner_text())
    phone.close()
    return seen


def test_a_new_therapist_signs_up_invites_withdraws_and_renews_and_cannot_invite_a_client_twice(
        desk_context, browser, live_server, make_therapist, make_client):
    page = desk_context.new_page()
    csp = watch_csp(page)
    page.goto("/#/login")
    page.get_by_role("link", name="Create a therapist account").click()
    page.get_by_label("Your name").fill("Nia Okoye")
    page.get_by_label("Email (you will sign in with it)").fill("nia@example.test")
    page.get_by_label("Choose a password").fill("nias-long-password")
    page.get_by_role("button", name="Create my account").click()
    expect(page.get_by_role("navigation", name="Workspace")).to_be_visible()
    expect(page.get_by_role("heading", level=1, name="Caseload")).to_be_visible()

    withdrawn_link = invite(page, "Robin Hale", "robin@example.test")
    old_link = invite(page, "Sam Lee", "sam@example.test")
    page.get_by_role("link", name="Caseload").click()
    waiting = page.get_by_test_id("pending-invites")
    expect(waiting.get_by_role("listitem")).to_have_count(2)
    expect(waiting).to_contain_text("Robin Hale (robin@example.test)")

    waiting.get_by_role("button", name="Withdraw the invite for Robin Hale").click()
    expect(page.get_by_text("The invite for Robin Hale was withdrawn.")).to_be_visible()
    expect(waiting.get_by_role("listitem")).to_have_count(1)

    waiting.get_by_role("button", name="New link for Sam Lee").click()
    renewed = page.get_by_test_id("renewed-invite")
    expect(renewed.get_by_role("heading", name="New link for Sam Lee")).to_be_visible()
    expect(renewed.get_by_role("img", name=re.compile("QR code"))).to_be_visible()
    new_link = renewed.get_by_role("textbox", name="Invite link").input_value()
    assert new_link != old_link
    screenshot(page, "therapist-invites-waiting-1280")

    phone = browser.new_context(base_url=live_server, service_workers="block")
    title, text = join_page(phone, withdrawn_link)
    assert title == "Join" and "This invite was withdrawn." in text
    title, text = join_page(phone, old_link)
    assert title == "Join" and "This invite link does not work." in text
    title, text = join_page(phone, new_link)
    assert title == "Welcome" and "Your information" in text
    phone.close()

    existing = make_client(make_therapist(), email="taken@example.test")
    page.get_by_role("link", name="Invite a client").first.click()
    page.get_by_label("Client's name").fill("Taken Person")
    page.get_by_label("Email (optional)").fill(existing.email)
    page.get_by_role("button", name="Create invite link").click()
    summary = page.get_by_role("alert").filter(has_text="already an account")
    expect(summary).to_be_visible()
    expect(page.get_by_role("heading", name=re.compile("is ready"))).to_have_count(0)
    assert csp == []
