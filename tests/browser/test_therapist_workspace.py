"""The therapist's workspace in real Chromium: invite, caseload, client page, program editor,
flags, printable program; accessibility and CSP checked on each screen."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import PHONE, screenshot
from tests.factories import PASSWORD, log_body, session_body

AXE = Path(__file__).resolve().parents[2] / "pwa" / "node_modules" / "axe-core" / "axe.min.js"


def watch_csp(page: Page) -> list[str]:
    violations: list[str] = []
    page.on("console", lambda message: violations.append(message.text)
            if "Content Security Policy" in message.text else None)
    return violations


def open_workspace(page: Page, therapist, path: str = "#/clients") -> None:
    """Sign in through the API (the context shares the cookie), then open the workspace."""
    response = page.request.post("/api/auth/login",
                                 data={"email": therapist.email, "password": PASSWORD})
    assert response.ok, response.text()
    page.goto("/" + path)
    expect(page.get_by_role("navigation", name="Workspace")).to_be_visible()


def serious_violations(page: Page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    found = page.evaluate("""async () => (await axe.run(document, {runOnly: {type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})).violations
        .map(v => ({id: v.id, impact: v.impact, targets: v.nodes.map(n => n.target.join(' '))}))""")
    return [v for v in found if v["impact"] in ("serious", "critical")]


@pytest.fixture
def desk_context(browser, live_server):
    """A desktop window without the service worker: the workspace is online-only, and a worker
    precaching in the background would still be fetching files when the test closes the page."""
    context = browser.new_context(base_url=live_server, viewport={"width": 1280, "height": 860},
                                  service_workers="block")
    yield context
    context.close()


@pytest.fixture
def caseload(make_therapist, make_client, make_program, add_logs, add_sessions):
    """A therapist with one client who has a program, a week of logs and a session."""
    therapist = make_therapist(name="Dana Reid")
    client = make_client(therapist, name="Morgan Avery", timezone="Europe/London")
    make_program(therapist, client)
    now = datetime.now(UTC)
    add_logs(client, [log_body(pain=p, recorded_at=(now - timedelta(days=d)).isoformat(),
                               sensations=["aching", "burning"])
                      for d, p in [(1, 6), (2, 5), (4, 4)]])
    add_sessions(client, [session_body(started_at=(now - timedelta(days=1)).isoformat(),
                                       ended_at=(now - timedelta(days=1, minutes=-9)).isoformat())])
    return therapist, client


def test_therapist_invites_a_client_and_sees_the_link_and_its_qr_code(desk_context, make_therapist):
    page = desk_context.new_page()
    csp = watch_csp(page)
    open_workspace(page, make_therapist(), "#/invite")
    page.get_by_label("Client's name").fill("Robin Hale")
    page.get_by_role("button", name="Create invite link").click()
    link = page.get_by_role("textbox", name="Invite link")
    expect(link).to_have_value(re.compile(r"^http://127\.0\.0\.1:\d+/#/join/[\w-]{20,}$"))
    qr = page.get_by_role("img", name=re.compile("QR code of the invite link"))
    expect(qr).to_be_visible()
    # lean-qr drew real modules: the canvas has both dark and light pixels.
    shades = page.evaluate("""() => { const c = document.querySelector('.qr-canvas');
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let dark = 0, light = 0;
        for (let i = 0; i < d.length; i += 4) d[i] < 128 ? dark++ : light++;
        return {dark, light, width: c.width}; }""")
    assert shades["dark"] > 100 and shades["light"] > 100 and shades["width"] >= 21
    desk_context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.get_by_role("button", name="Copy link").click()
    expect(page.get_by_text("Link copied.")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == link.input_value()
    screenshot(page, "therapist-invite-1280")
    assert csp == []


def test_therapist_opens_a_client_from_the_caseload(desk_context, caseload):
    therapist, client = caseload
    page = desk_context.new_page()
    csp = watch_csp(page)
    open_workspace(page, therapist)
    row = page.get_by_role("row", name=re.compile("Morgan Avery"))
    expect(row).to_contain_text("5.0")  # 7-day mean of 6, 5 and 4
    screenshot(page, "therapist-caseload-1280")
    row.get_by_role("link", name="Morgan Avery").click()
    expect(page.get_by_role("heading", level=1, name="Morgan Avery")).to_be_visible()
    expect(page).to_have_url(re.compile(rf"#/clients/{client.id}$"))
    assert csp == []


def test_client_page_charts_a_log_and_its_table_has_the_numbers(desk_context, caseload):
    therapist, client = caseload
    page = desk_context.new_page()
    csp = watch_csp(page)
    open_workspace(page, therapist, f"#/clients/{client.id}")
    pain_chart = page.get_by_role("img", name=re.compile("^Pain chart"))
    expect(pain_chart).to_have_attribute("aria-label", re.compile("pain logged on 3 of 30 days"))
    expect(pain_chart.locator("canvas").first).to_be_visible()
    expect(page.get_by_role("img", name=re.compile("^Sensations chart"))).to_have_attribute(
        "aria-label", re.compile("burning in 3 logs"))
    page.get_by_text("The numbers as a table").click()
    table = page.get_by_role("table", name=re.compile("Daily figures"))
    logged = table.get_by_role("row").filter(has_text="Aching 1, Burning 1")
    expect(logged.first).to_contain_text("6")
    relief = page.get_by_role("table", name=re.compile("^Relief by drag direction: share of tries"))
    expect(relief.get_by_role("row", name=re.compile("^Down"))).to_contain_text("100%")
    screenshot(page, "therapist-client-1280")
    assert csp == []


def test_therapist_acknowledges_a_safety_flag_and_it_stays_listed_as_handled(
        desk_context, caseload, add_logs):
    therapist, client = caseload
    add_logs(client, [log_body(pain=9, red_flags=["night-pain"])])
    page = desk_context.new_page()
    open_workspace(page, therapist, f"#/clients/{client.id}")
    flags = page.get_by_role("list", name="Open safety flags")
    expect(flags.get_by_role("listitem")).to_have_count(2)  # the red flag and the high score
    night = flags.get_by_role("listitem").filter(has_text="Night pain")
    expect(night).to_contain_text(
        "The app told the client: “Book a doctor’s appointment. Please book an appointment")
    night.get_by_label("What was done (optional)").fill("Asked her to see her GP this week.")
    night.get_by_role("button", name="Acknowledge: Night pain").click()
    expect(flags.get_by_role("listitem")).to_have_count(1)
    handled = page.get_by_role("list", name="Handled flags").get_by_role("listitem")
    expect(handled).to_have_count(1)
    expect(handled).to_contain_text("Acknowledged")
    expect(handled).to_contain_text("by Dana Reid")
    expect(handled).to_contain_text("What was done: Asked her to see her GP this week.")
    said = page.get_by_role("status").filter(has_text="Acknowledged: Night pain")
    expect(said).to_be_attached()
    page.reload()
    still_open = page.get_by_role("list", name="Open safety flags").get_by_role("listitem")
    expect(still_open).to_have_count(1)
    expect(page.get_by_role("list", name="Handled flags").get_by_role("listitem")).to_have_count(1)


def test_therapist_assigns_programs_and_compares_versions_side_by_side(
        desk_context, make_therapist, make_client):
    therapist = make_therapist()
    client = make_client(therapist, name="Kim Lowe")
    page = desk_context.new_page()
    csp = watch_csp(page)
    open_workspace(page, therapist, f"#/clients/{client.id}")
    page.get_by_role("link", name="Assign a program").click()
    step = page.get_by_role("group", name="Step 1 of 1")
    step.get_by_label("Where to start").fill("Top of the left hip bone")
    picker = step.get_by_role("group", name="Drag directions, in the order to try them")
    # Keep only "Down" then "Up": untoggle the two sideways directions on the outline.
    picker.get_by_role("button", name="2. Towards the spine").click()
    picker.get_by_role("button", name="Away from the spine").click()
    expect(picker.get_by_role("button", name="2. Up")).to_have_attribute("aria-pressed", "true")
    contact = step.get_by_role("group", name="Contact")
    expect(contact.get_by_role("radio")).to_have_count(2)
    contact.get_by_role("radio", name="Forearm").check()
    step.get_by_label("Hold (seconds)").fill("90")
    page.get_by_role("button", name="Save as a new version").click()
    hold = step.get_by_label("Hold (seconds)")
    expect(hold).to_have_attribute("aria-invalid", "true")
    expect(hold).to_have_accessible_description(re.compile("less than or equal to 15"))
    expect(step.locator(".field-error")).to_have_text(re.compile("less than or equal to 15"))
    screenshot(page, "therapist-program-error-1280")
    hold.fill("12")
    page.get_by_role("button", name="Save as a new version").click()
    expect(page.get_by_text("Saved as version 1.")).to_be_visible()
    expect(hold).not_to_have_attribute("aria-invalid", "true")
    step.get_by_label("Repetitions").fill("5")
    page.get_by_role("button", name="Save as a new version").click()
    expect(page.get_by_text("Saved as version 2.")).to_be_visible()
    page.get_by_role("link", name="See it beside the earlier versions").click()
    older = page.get_by_role("region", name="Version 1")
    newer = page.get_by_role("region", name="Version 2")
    expect(older).to_contain_text("Directions, in trial order: 1. Down, 2. Up")
    expect(older.locator("mark.changed")).to_contain_text("12 s hold, 3 times")
    expect(newer.locator("mark.changed")).to_contain_text("12 s hold, 5 times")
    expect(newer).to_contain_text("Contact: Forearm")
    assert csp == []


def test_printable_program_states_the_method_and_hides_the_workspace_chrome(
        desk_context, caseload):
    therapist, client = caseload
    page = desk_context.new_page()
    open_workspace(page, therapist, f"#/clients/{client.id}/program/print")
    sheet = page.locator(".print-sheet")
    expect(sheet).to_contain_text("Broad contact only.")
    expect(sheet).to_contain_text("give the skin a short, gentle pull in each direction")
    expect(sheet).to_contain_text("hold it for the seconds shown")
    expect(sheet).to_contain_text("Stop rule. If a pull makes it worse, let go slowly and leave "
                                  "that spot alone for today")
    expect(sheet).not_to_contain_text("stop pressing there")
    expect(sheet).to_contain_text("hold the direction that eased it most for 5 seconds")
    page.emulate_media(media="print")
    expect(page.locator(".ws-header")).to_be_hidden()
    expect(page.get_by_role("button", name="Print")).to_be_hidden()
    screenshot(page, "therapist-print-1280")


SCREENS = {
    "caseload": lambda client_id: "#/clients",
    "client": lambda client_id: f"#/clients/{client_id}",
    "program": lambda client_id: f"#/clients/{client_id}/program",
    "invite": lambda client_id: "#/invite",
    "print": lambda client_id: f"#/clients/{client_id}/program/print",
    "alerts": lambda client_id: "#/alerts",
}


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("width", [1280, 360])
def test_workspace_screen_has_no_serious_accessibility_violations(
        browser, live_server, caseload, screen, width):
    therapist, client = caseload
    size = PHONE if width == 360 else {"viewport": {"width": 1280, "height": 860}}
    context = browser.new_context(base_url=live_server, bypass_csp=True, service_workers="block",
                                  **size)
    try:
        page = context.new_page()
        open_workspace(page, therapist, SCREENS[screen](client.id))
        expect(page.get_by_role("heading", level=1)).to_be_focused()
        if screen == "client":
            chart = page.get_by_role("img", name=re.compile("^Pain chart"))
            expect(chart.locator("canvas").first).to_be_visible()
        screenshot(page, f"therapist-{screen}-{width}")
        assert serious_violations(page) == []
        # Nothing wider than the screen but the tables that scroll inside their own region.
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{screen} is {overflow}px wider than the window"
    finally:
        context.close()
