"""A client's account in real Chromium: joining after agreeing to the privacy notice (and an old
invite link then opening Today), a reset link from the therapist that signs an older phone out,
and signing out offline: the session ends once back online and no health data stays behind."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from server.extensions import db
from server.models import AuthSession
from tests.browser.conftest import PHONE, screenshot
from tests.browser.helpers import log_pain, sign_in, wait_for_service_worker, watch_csp
from tests.factories import PASSWORD


@pytest.fixture
def desk_context(browser, live_server):
    context = browser.new_context(base_url=live_server, viewport={"width": 1280, "height": 860},
                                  service_workers="block")
    yield context
    context.close()


def open_workspace(page: Page, therapist, path: str) -> None:
    assert page.request.post("/api/auth/login", data={
        "email": therapist.email, "password": PASSWORD}).ok
    page.goto("/" + path)
    expect(page.get_by_role("navigation", name="Workspace")).to_be_visible()


def health_data_in_indexeddb(page: Page, user_id: int) -> dict:
    """What IndexedDB still holds of the person: outbox entries, their draft, kept keys."""
    return page.evaluate("""async (userId) => {
        const { openDB } = await import('/vendor/idb.js');
        const db = await openDB('cluneal-companion');
        const outbox = (await db.getAll('outbox')).filter((e) => e.userId === userId).length;
        const draft = (await db.get('drafts', userId)) ? 1 : 0;
        const kept = (await db.getAllKeys('kept')).filter(
            (k) => k === 'me' || k.startsWith(`${userId}:`));
        db.close();
        return { outbox, draft, kept };
    }""", user_id)


def test_a_client_agrees_to_the_privacy_notice_to_join_and_an_old_invite_link_opens_today(
        phone_context, make_therapist, signed_in):
    therapist = make_therapist("Dana Reyes")
    token = signed_in(therapist).post("/api/invites", json={
        "name": "Robin Hale", "email": "robin@example.test"}).json["token"]
    link = f"/#/join/{token}"
    page = phone_context.new_page()
    csp = watch_csp(page)
    page.goto(link)
    expect(page.get_by_role("heading", level=1, name="Welcome")).to_be_visible()
    notice = page.get_by_test_id("privacy-notice")
    for heading in ("What this app keeps", "Who sees it", "For how long", "Your choices"):
        expect(notice.get_by_role("heading", name=heading)).to_be_visible()
    page.get_by_label("Choose a password").fill("robins-long-password")
    page.get_by_role("button", name="Create my account").click()
    expect(page.get_by_role("alert")).to_contain_text("tick the box to agree")
    screenshot(page, "client-join-consent-360")
    page.get_by_label("I have read how my information is kept, and I agree.").check()
    page.get_by_role("button", name="Create my account").click()
    expect(page.get_by_role("heading", name="Before you start")).to_be_visible()
    page.get_by_role("button", name="Nothing new", exact=True).click()
    expect(page.get_by_role("heading", name="You are all set")).to_be_visible()
    me = page.request.get("/api/me").json()
    assert me["consent_version"]

    page.get_by_role("button", name="Go to today").click()
    expect(page.get_by_test_id("log-feel")).to_be_visible()
    page.evaluate("(link) => { location.hash = link.slice(1); }", link)  # a tap on the old link
    expect(page).to_have_url(re.compile("#/today$"))
    later = phone_context.new_page()  # the old link opened from a message, days later
    later.goto(link)
    expect(later.get_by_test_id("log-feel")).to_be_visible()
    expect(later).to_have_url(re.compile("#/today$"))
    assert csp == []


def test_a_reset_link_from_the_therapist_sets_a_new_password_and_signs_the_older_phone_out(
        browser, live_server, phone_context, desk_context, make_therapist, make_client):
    therapist = make_therapist("Dana Reyes")
    client = make_client(therapist, "Robin Hale")
    older_phone = phone_context.new_page()
    sign_in(older_phone, client)

    desk = desk_context.new_page()
    open_workspace(desk, therapist, f"#/clients/{client.id}")
    desk.get_by_role("button", name="Make a password reset link").click()
    card = desk.get_by_test_id("reset-link")
    expect(card.get_by_role("img", name=re.compile("QR code of the password reset link"))) \
        .to_be_visible()
    link = card.get_by_role("textbox", name="Reset link").input_value()
    assert "/#/reset/" in link
    screenshot(desk, "therapist-reset-link-1280")

    new_phone_context = browser.new_context(base_url=live_server, **PHONE)
    new_phone = new_phone_context.new_page()
    csp = watch_csp(new_phone)
    new_phone.goto(link)
    expect(new_phone.get_by_text(f"For {client.email}.")).to_be_visible()
    new_phone.get_by_label("New password").fill("robins-new-password")
    new_phone.get_by_role("button", name="Save and sign in").click()
    expect(new_phone.get_by_test_id("log-feel")).to_be_visible()
    assert csp == []
    new_phone_context.close()

    older_phone.reload()
    expect(older_phone.get_by_role("heading", level=1, name="Sign in")).to_be_visible()
    sign_in(older_phone, client, "robins-new-password")


def test_signing_out_offline_ends_the_session_once_online_and_leaves_no_health_data(
        app, phone_context, make_therapist, make_client, make_program):
    therapist = make_therapist()
    client = make_client(therapist, "Robin Hale")
    make_program(therapist, client)
    page = phone_context.new_page()
    sign_in(page, client)
    page.goto("/#/history")
    expect(page.get_by_text("Pain by day", exact=True)).to_be_visible()
    wait_for_service_worker(page)
    [cookie] = [c for c in phone_context.cookies() if c["name"] == "cc_session"]

    phone_context.set_offline(True)
    log_pain(page, 4)  # kept in the outbox: it cannot be sent offline
    page.goto("/#/settings")
    page.get_by_role("button", name="Sign out").click()
    warning = page.get_by_test_id("confirm-sign-out")
    expect(warning).to_contain_text("1 record on this phone has not reached your therapist yet")
    warning.get_by_role("button", name="Send them first").click()
    expect(warning).to_contain_text("You seem to be offline")
    screenshot(page, "client-sign-out-warning-360")
    warning.get_by_role("button", name="Sign out and delete them").click()
    expect(page.get_by_role("heading", level=1, name="Sign in")).to_be_visible()
    assert health_data_in_indexeddb(page, client.id) == {"outbox": 0, "draft": 0, "kept": []}

    still_valid = app.test_client()
    still_valid.set_cookie("cc_session", cookie["value"])
    assert still_valid.get("/api/me").status_code == 200  # the server has not heard yet

    phone_context.set_offline(False)
    page.evaluate("""async () => {
        const store = await import('/js/store.js');
        while (await store.keptGet('sign-out-pending')) {
            await new Promise((resolve) => setTimeout(resolve, 50));
        }
    }""")
    assert still_valid.get("/api/me").status_code == 401
    with app.app_context():
        assert db.session.query(AuthSession).filter_by(user_id=client.id).count() == 0
    page.reload()
    expect(page.get_by_role("heading", level=1, name="Sign in")).to_be_visible()
    assert health_data_in_indexeddb(page, client.id) == {"outbox": 0, "draft": 0, "kept": []}


def test_closing_the_account_first_says_what_the_clinic_keeps_then_leaves_nothing_on_the_phone(
        phone_context, make_therapist, make_client, make_program, signed_in):
    therapist = make_therapist()
    client = make_client(therapist, "Robin Hale")
    make_program(therapist, client)
    page = phone_context.new_page()
    sign_in(page, client)
    page.goto("/#/settings")
    page.get_by_role("button", name="Close and delete my account").click()
    confirm = page.get_by_test_id("confirm-delete")
    expect(confirm.get_by_test_id("what-is-kept")).to_have_text(
        re.compile("^Everything is erased at once"))
    confirm.get_by_role("button", name="Yes, close my account").click()
    expect(page.get_by_role("heading", level=1, name="Sign in")).to_be_visible()
    assert health_data_in_indexeddb(page, client.id) == {"outbox": 0, "draft": 0, "kept": []}
    [notice] = signed_in(therapist).get("/api/notices").json
    assert notice["client_id"] == client.id
