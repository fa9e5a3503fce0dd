"""The therapist's side of the safety loop in real Chromium, on the real server: flags with a
lifecycle on the client page (open first with what the client was told, a note needed for the
tiers that pause self-massage, handled flags kept with who, when and the note), the pause said
plainly, the watch's evidence in words and its thresholds, screens that refresh by themselves
without losing what is typed, and the reference beside the program editor."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE, screenshot
from tests.browser.helpers import serious_accessibility_violations, watch_csp
from tests.browser.test_therapist_workspace import open_workspace
from tests.factories import log_body


@pytest.fixture
def desk_context(browser, live_server):
    """A desktop window without the service worker (the workspace is online-only)."""
    context = browser.new_context(base_url=live_server, viewport={"width": 1280, "height": 860},
                                  service_workers="block")
    yield context
    context.close()


@pytest.fixture
def therapist_and_client(make_therapist, make_client, make_program):
    therapist = make_therapist(name="Dana Reid")
    client = make_client(therapist, name="Sam Okafor", timezone="Europe/London")
    make_program(therapist, client)
    return therapist, client


def _days_ago(days: int, hours: int = 0) -> str:
    return (datetime.now(UTC) - timedelta(days=days, hours=hours)).isoformat()


def _refresh_now(page) -> None:
    """What the service worker does when an alert arrives: ask the screen to refresh now."""
    page.evaluate("window.dispatchEvent(new CustomEvent('workspace-refresh'))")


def test_an_emergency_needs_a_note_before_it_is_acknowledged_and_then_lifts_the_pause(
        desk_context, therapist_and_client, add_logs, signed_in):
    therapist, client = therapist_and_client
    add_logs(client, [log_body(pain=5, red_flags=["saddle-numbness"])])
    page = desk_context.new_page()
    csp = watch_csp(page)
    open_workspace(page, therapist, f"#/clients/{client.id}")

    paused = page.get_by_test_id("client-paused")
    expect(paused).to_contain_text("Self-massage is paused on every device until you acknowledge")
    expect(paused).to_contain_text(
        "when they answered yes to “Numbness between the legs or around the back passage”")
    flag = page.get_by_role("list", name="Open safety flags").get_by_role("listitem")
    expect(flag).to_have_count(1)
    expect(flag).to_contain_text("Emergency")
    expect(flag).to_contain_text("The app told the client: “Get help now. Go to an emergency "
                                 "department now")
    note = flag.get_by_label("What was done (needed)")
    # Said before anything is sent: the note is needed, and why the pause stays.
    expect(note).to_have_accessible_description(re.compile(
        "A note is needed for an emergency flag.*Self-massage stays paused"))
    expect(note).to_have_attribute("aria-required", "true")
    screenshot(page, "therapist-flag-open-1280")

    flag.get_by_role("button", name=re.compile("^Acknowledge")).click()
    expect(note).to_have_attribute("aria-invalid", "true")
    expect(note).to_have_accessible_description(re.compile("Say what was done"))  # the server's
    expect(note).to_be_focused()
    assert signed_in(client).get("/api/me/program").json["paused"] is not None

    note.fill("Phoned him: on his way to A&E with his partner.")
    flag.get_by_role("button", name=re.compile("^Acknowledge")).click()
    handled = page.get_by_role("list", name="Handled flags").get_by_role("listitem")
    expect(handled).to_have_count(1)
    expect(handled).to_contain_text("by Dana Reid")
    expect(handled).to_contain_text(
        "What was done: Phoned him: on his way to A&E with his partner.")
    expect(page.get_by_text("No open safety flags.")).to_be_visible()
    expect(paused).to_be_hidden()
    expect(page.get_by_test_id("announcer")).to_have_text(
        "Self-massage is no longer paused for this client.")
    assert signed_in(client).get("/api/me/program").json["paused"] is None
    screenshot(page, "therapist-flag-handled-1280")
    assert csp == []


def test_a_watch_flag_shows_its_evidence_in_plain_words(
        desk_context, therapist_and_client, add_logs):
    therapist, client = therapist_and_client
    # The week before at 4, this week at 6 and 7: a rise of at least 2 in the 7-day mean.
    add_logs(client, [log_body(pain=4, recorded_at=_days_ago(d)) for d in (8, 9, 10)]
             + [log_body(pain=p, recorded_at=_days_ago(d)) for d, p in ((1, 6), (2, 7), (3, 6))])
    page = desk_context.new_page()
    open_workspace(page, therapist, f"#/clients/{client.id}")
    flag = page.get_by_role("list", name="Open safety flags").get_by_role("listitem")
    expect(flag).to_have_count(1)
    expect(flag).to_contain_text("Pain rising")
    expect(flag).to_contain_text("7-day mean 6.3, up from 4.0 the week before")
    expect(flag).to_contain_text("3 logs")
    expect(flag).to_contain_text("Flagged at a rise of 2 points or more.")
    expect(flag.get_by_label("What was done (optional)")).to_be_visible()


def test_the_watch_thresholds_are_changed_per_client_with_a_field_error_for_a_bad_value(
        desk_context, therapist_and_client, signed_in):
    therapist, client = therapist_and_client
    page = desk_context.new_page()
    open_workspace(page, therapist, f"#/clients/{client.id}")
    page.get_by_text("When the watch opens a flag").click()
    rise = page.get_by_label("Rise (points of pain)")
    expect(rise).to_have_value("2")
    rise.fill("20")
    page.get_by_role("button", name="Save thresholds").click()
    expect(rise).to_have_attribute("aria-invalid", "true")
    expect(rise).to_have_accessible_description(re.compile("Must be between 0.5 and 10"))
    rise.fill("3")
    page.get_by_role("button", name="Save thresholds").click()
    expect(page.get_by_text("Saved. They apply from the client’s next log.")).to_be_visible()
    expect(rise).not_to_have_attribute("aria-invalid", "true")
    thresholds = signed_in(therapist).get(f"/api/clients/{client.id}/watch-thresholds").json
    assert thresholds == {"rise": 3, "creep": 1.5, "spread": 1, "nerve_like": 1}
    page.get_by_role("button", name="Use the defaults").click()
    expect(rise).to_have_value("2")


def test_the_caseload_refreshes_by_itself_when_a_new_flag_arrives_and_keeps_focus(
        desk_context, therapist_and_client, add_logs):
    therapist, client = therapist_and_client
    page = desk_context.new_page()
    open_workspace(page, therapist)
    row = page.get_by_role("row", name=re.compile("Sam Okafor"))
    expect(row).to_contain_text("none")
    expect(page.get_by_test_id("freshness")).to_contain_text("Updated just now.")
    sort = page.get_by_label("Sort by")
    sort.select_option("name")
    sort.focus()

    add_logs(client, [log_body(pain=4, weakness=True)])
    # No click, no reload: the screen asks again by itself (every 20 s while visible).
    expect(row).to_contain_text("1 open · Same day", timeout=45_000)
    expect(row).to_contain_text("Self-massage paused")
    expect(row.get_by_text("New", exact=True)).to_be_visible()
    expect(page.get_by_test_id("announcer")).to_have_text(
        "New safety flag for Sam Okafor: same day.")
    expect(sort).to_be_focused()
    expect(sort).to_have_value("name")
    expect(page.get_by_test_id("freshness")).to_contain_text("Updated just now.")


def test_a_refresh_keeps_a_note_being_typed_and_adds_the_new_flag(
        desk_context, therapist_and_client, add_logs):
    therapist, client = therapist_and_client
    add_logs(client, [log_body(pain=5, red_flags=["night-pain"])])
    page = desk_context.new_page()
    open_workspace(page, therapist, f"#/clients/{client.id}")
    flags = page.get_by_role("list", name="Open safety flags").get_by_role("listitem")
    expect(flags).to_have_count(1)
    note = flags.filter(has_text="Night pain").get_by_label("What was done (optional)")
    note.fill("Talked about sleep posi")

    add_logs(client, [log_body(pain=5, red_flags=["bladder-bowel"])])
    _refresh_now(page)
    expect(flags).to_have_count(2)
    expect(flags.first).to_contain_text("New bladder or bowel trouble")  # most urgent first
    expect(note).to_have_value("Talked about sleep posi")
    expect(note).to_be_focused()
    expect(page.get_by_test_id("announcer")).to_contain_text(
        "New safety flag, emergency: New bladder or bowel trouble.")
    expect(page.get_by_test_id("client-paused")).to_be_visible()


def test_a_client_page_left_open_reads_the_record_again_only_when_it_moved(
        desk_context, therapist_and_client, add_logs, signed_in):
    therapist, client = therapist_and_client
    page = desk_context.new_page()
    open_workspace(page, therapist, f"#/clients/{client.id}")
    freshness = page.get_by_test_id("freshness")
    expect(freshness).to_contain_text("Updated just now.")
    entries = lambda: len(signed_in(client).get("/api/me/access-log").json)  # noqa: E731
    opened = entries()
    for _ in range(3):
        _refresh_now(page)
        expect(freshness).not_to_have_attribute("aria-busy", "true")
    assert entries() == opened  # asked three times; nothing moved, nothing read, nothing logged

    add_logs(client, [log_body(pain=6)])
    _refresh_now(page)
    expect(page.get_by_test_id("announcer")).to_have_text("A new symptom log arrived.")
    assert entries() > opened


def test_a_flag_acknowledged_on_another_device_moves_to_handled_unless_a_note_is_being_written(
        desk_context, therapist_and_client, add_logs, signed_in):
    therapist, client = therapist_and_client
    add_logs(client, [log_body(pain=5, red_flags=["night-pain", "trauma"])])
    page = desk_context.new_page()
    open_workspace(page, therapist, f"#/clients/{client.id}")
    flags = page.get_by_role("list", name="Open safety flags").get_by_role("listitem")
    expect(flags).to_have_count(2)
    writing = flags.filter(has_text="Night pain").get_by_label("What was done (optional)")
    writing.fill("Half a note")
    office = signed_in(therapist)
    for flag in office.get(f"/api/clients/{client.id}/flags").json:
        office.post(f"/api/clients/{client.id}/flags/{flag['id']}/acknowledge",
                    json={"note": "Done from the phone."})
    _refresh_now(page)
    handled = page.get_by_role("list", name="Handled flags").get_by_role("listitem")
    expect(handled).to_have_count(2)
    expect(flags).to_have_count(1)  # the one being written stays, and says why
    expect(flags).to_contain_text("acknowledged this flag on another device")
    expect(writing).to_have_value("Half a note")
    flags.get_by_role("button", name="Move it to Handled").click()
    expect(flags).to_have_count(0)


def test_the_program_editor_has_the_clinical_reference_beside_it(
        desk_context, therapist_and_client):
    therapist, client = therapist_and_client
    page = desk_context.new_page()
    open_workspace(page, therapist, f"#/clients/{client.id}/program")
    reference = page.get_by_role("complementary", name="Clinical reference")
    expect(reference).to_be_visible()
    expect(reference).to_contain_text("Superior cluneal nerves")
    reference.get_by_text("Mimics", exact=True).click()
    expect(reference).to_contain_text("Sciatica")
    expect(reference).to_contain_text("pudendal")
    reference.get_by_text("The opposite side", exact=True).click()
    expect(reference).to_contain_text("Examine the other side")
    reference.get_by_text("Sources and evidence", exact=True).click()
    expect(reference).to_contain_text(
        "No published research has tested massage or other manual therapy")
    expect(reference.get_by_role("link", name="doi:10.14245/ns.1836024.012")).to_be_visible()
    step = page.get_by_role("group", name="Step 1 of 1")
    expect(step.get_by_label("Side")).to_have_accessible_description(
        "Both sides: one side at a time, left then right, each with its own trial.")
    page.get_by_role("button", name="Add a step").click()
    second = page.get_by_role("group", name="Step 2 of 2")
    expect(second.get_by_label("Hold (seconds)")).to_have_value("5")


def test_the_handout_draws_each_step_and_says_both_sides_and_the_warning_signs(
        desk_context, make_therapist, make_client, make_program):
    therapist = make_therapist()
    client = make_client(therapist, name="Lee Park")
    make_program(therapist, client, steps=[{
        "group": "inferior", "side": "both", "landmark": "Just above the sitting bones",
        "directions": ["medial", "superior"], "contact": "forearm", "hold_seconds": 7,
        "repetitions": 2, "notes": ""}])
    page = desk_context.new_page()
    open_workspace(page, therapist, f"#/clients/{client.id}/program/print")
    outline = page.get_by_role("img", name=re.compile("^Step 1: where to start"))
    expect(outline).to_be_visible()
    # Two directions, drawn on each side: four arrows, numbered 1 and 2 on each side.
    expect(outline.locator(".drag-arrow")).to_have_count(4)
    expect(outline.locator(".outline-order")).to_have_text(["1", "2", "1", "2"])
    expect(outline.locator(".region.target")).to_have_count(2)
    sheet = page.locator(".print-sheet")
    expect(sheet).to_contain_text("Both sides: one side at a time, left then right.")
    expect(sheet).to_contain_text("hold the direction that eased it most for 7 seconds")
    same_day = page.locator("[data-tier='same-day']")
    expect(same_day.get_by_role("heading", name="See a doctor today")).to_be_visible()
    expect(same_day).to_contain_text("Any weakness in a leg or foot")
    expect(same_day).to_contain_text("Please see a doctor today. No self-massage until a doctor "
                                     "has checked you.")
    expect(sheet).to_contain_text("No published research has yet tested massage")
    screenshot(page, "therapist-print-both-sides-1280")


@pytest.mark.parametrize("width", [1280, 360])
def test_the_client_page_with_open_and_handled_flags_has_no_serious_accessibility_violations(
        browser, live_server, therapist_and_client, add_logs, signed_in, width):
    therapist, client = therapist_and_client
    add_logs(client, [log_body(pain=4, weakness=True)])
    add_logs(client, [log_body(pain=4, red_flags=["trauma"])])
    office = signed_in(therapist)
    [_weakness, trauma] = sorted(office.get(f"/api/clients/{client.id}/flags").json,
                                 key=lambda f: f["id"])
    office.post(f"/api/clients/{client.id}/flags/{trauma['id']}/acknowledge",
                json={"note": "Seen in clinic."})
    size = PHONE if width == 360 else {"viewport": {"width": 1280, "height": 860}}
    context = browser.new_context(base_url=live_server, bypass_csp=True, service_workers="block",
                                  **size)
    try:
        page = context.new_page()
        open_workspace(page, therapist, f"#/clients/{client.id}")
        expect(page.get_by_test_id("client-paused")).to_be_visible()
        page.get_by_text("When the watch opens a flag").click()
        screenshot(page, f"therapist-client-flags-{width}")
        assert serious_accessibility_violations(page) == []
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"the client page is {overflow}px wider than the window"
        page.goto(f"/#/clients/{client.id}/program")
        if width == 360:  # folded on phones, open beside the form on wide screens
            page.get_by_text("Clinical reference", exact=True).click()
        expect(page.get_by_role("complementary", name="Clinical reference")).to_contain_text(
            "Superior cluneal nerves")
        assert serious_accessibility_violations(page) == []
    finally:
        context.close()


COUNT_CASELOAD_REQUESTS = """(() => {
  window.__asked = 0;
  const fetch = window.fetch;
  window.fetch = (input, init) => {
    if (String(input).endsWith('/api/clients')) window.__asked += 1;
    return fetch(input, init);
  };
})();"""


def _hide(page, hidden: bool) -> None:
    """Headless tabs never become hidden: say so as the browser would (testing.md)."""
    page.evaluate("""(hidden) => {
        Object.defineProperty(document, 'visibilityState', {configurable: true,
                              get: () => hidden ? 'hidden' : 'visible'});
        Object.defineProperty(document, 'hidden', {configurable: true, get: () => hidden});
        document.dispatchEvent(new Event('visibilitychange'));
    }""", hidden)


def test_the_caseload_asks_again_only_while_visible_and_backs_off_while_unreachable(
        desk_context, therapist_and_client):
    therapist, _client = therapist_and_client
    page = desk_context.new_page()
    page.clock.install()  # the page's timers run when the test says: no waiting on real time
    page.add_init_script(COUNT_CASELOAD_REQUESTS)
    open_workspace(page, therapist)
    expect(page.get_by_role("row", name=re.compile("Sam Okafor"))).to_be_visible()
    asked = lambda: page.evaluate("window.__asked")  # noqa: E731
    freshness = page.get_by_test_id("freshness")
    assert asked() == 1
    page.clock.run_for(22_000)  # 20 s, give or take a tenth so tabs do not ask in step
    assert asked() == 2
    expect(freshness).not_to_have_attribute("aria-busy", "true")  # that answer is in

    _hide(page, True)
    page.clock.run_for(10 * 60_000)
    assert asked() == 2  # not once while hidden
    _hide(page, False)
    assert asked() == 3  # at once on coming back, the last answer being old
    expect(freshness).not_to_have_attribute("aria-busy", "true")

    page.route("**/api/clients", lambda route: route.abort())
    page.clock.run_for(22_000)
    assert asked() == 4
    expect(freshness).to_contain_text("the server could not be reached. Trying again in 40 s.")
    page.clock.run_for(39_000)
    assert asked() == 4  # backing off: 40 s after one failure
    page.clock.run_for(2_000)
    assert asked() == 5
    page.unroute("**/api/clients")
    freshness.get_by_role("button", name="Update now").click()
    expect(freshness).to_contain_text("Updated just now.")
