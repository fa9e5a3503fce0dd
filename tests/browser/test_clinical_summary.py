"""The clinical summary printed to PDF as a therapist would (the browser's print), and the client
page printed without its controls.

Screenshots of the summary go to test-results/screenshots/; with UPDATE_DOC_SCREENSHOTS=1 they
are also written to docs/screenshots/ for the README (commit them when they change).
"""

from __future__ import annotations

import csv
import io
import os
import unicodedata
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import time_machine
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from tests.browser.conftest import PHONE, screenshot
from tests.browser.helpers import serious_accessibility_violations, watch_csp
from tests.factories import PASSWORD, log_body, session_body

DOC_SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
NOTE = "Rang her at once; GP saw her the same day, no concern."


def open_workspace(page: Page, therapist, path: str) -> None:
    """Sign in through the API (the context shares the cookie), then open the workspace."""
    response = page.request.post("/api/auth/login",
                                 data={"email": therapist.email, "password": PASSWORD})
    assert response.ok, response.text()
    page.goto("/" + path)
    expect(page.get_by_role("navigation", name="Workspace")).to_be_visible()


def doc_screenshot(page: Page, name: str, locator=None) -> None:
    screenshot(page, name)
    if os.environ.get("UPDATE_DOC_SCREENSHOTS") == "1":
        DOC_SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        (locator or page).screenshot(path=str(DOC_SCREENSHOTS / f"{name}.png"))


@pytest.fixture
def desk(browser, live_server):
    """A desktop window, service worker blocked (the workspace is online-only)."""
    context = browser.new_context(base_url=live_server, viewport={"width": 1100, "height": 900},
                                  service_workers="block")
    yield context
    context.close()


@pytest.fixture
def treated(app, make_therapist, make_client, make_program, add_logs, add_sessions, signed_in):
    """Six weeks of care: pain from about 7 down to about 3, sessions in which "down" on the
    upper left eased and "up" did not, and a night-pain red flag the therapist dealt with."""
    now = datetime.now(UTC)
    # Made as it happened, before the browser starts: joined and given a program six weeks ago.
    with time_machine.travel(now - timedelta(days=43), tick=False):
        therapist = make_therapist("Dana Reid")
        client = make_client(therapist, "Morgan Avery", timezone="Europe/London")
        make_program(therapist, client, notes="Stand and walk every 30 minutes at work.")
    add_logs(client, [log_body(pain=round(7 - 4 * day / 42), recorded_at=(
        now - timedelta(days=42 - day, hours=2)).isoformat()) for day in range(0, 43, 2)])
    sessions = []
    for day in range(42, 0, -1):  # the morning session most days, at 08:05 in London (UTC now)
        if day % 5 == 0:
            continue
        started = (now - timedelta(days=day)).replace(hour=8, minute=5, second=0, microsecond=0)
        sessions.append(session_body(
            started_at=started.isoformat(), ended_at=(started + timedelta(minutes=10)).isoformat(),
            pain_before=5, pain_after=4, drags=[
                {"group": "superior", "side": "left", "direction": "inferior",
                 "response": "same" if day % 4 == 0 else "better", "held_seconds": 10},
                {"group": "superior", "side": "left", "direction": "superior",
                 "response": "same" if day % 3 else "worse", "held_seconds": 0}]))
    add_sessions(client, sessions)
    with time_machine.travel(now - timedelta(days=10), tick=False):
        add_logs(client, [log_body(pain=5, recorded_at=(now - timedelta(days=10)).isoformat(),
                                   red_flags=["night-pain"])])
    with time_machine.travel(now - timedelta(days=10, hours=-2), tick=False):
        http = signed_in(therapist)
        for flag in http.get(f"/api/clients/{client.id}/flags?state=all").json:
            assert http.post(f"/api/clients/{client.id}/flags/{flag['id']}/acknowledge",
                             json={"note": NOTE}).status_code == 200
    phone = signed_in(client)
    with time_machine.travel(now - timedelta(days=40), tick=False):
        named = phone.put("/api/me/psfs/activities", json={"activities": [
            "Sit through a 30-minute meeting", "Drive to work"]}).json["activities"]
    for days_ago, sit, drive in ((40, 2, 5), (26, 4, 5), (12, 5, 6), (1, 7, 6)):
        with time_machine.travel(now - timedelta(days=days_ago), tick=False):
            assert phone.post("/api/me/psfs/ratings", json={"ratings": [
                {"activity_id": named[0]["id"], "score": sit},
                {"activity_id": named[1]["id"], "score": drive}]}).status_code == 200
    return therapist, client


def pdf_text(pdf: bytes) -> tuple[int, str]:
    """Pages and text of a PDF, ligatures ("ﬁ") undone as a reader's search would."""
    reader = PdfReader(io.BytesIO(pdf))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return len(reader.pages), unicodedata.normalize("NFKC", text)


def test_the_summary_prints_on_one_a4_page_with_baseline_best_direction_and_handled_flags(
        desk, treated):
    therapist, client = treated
    page = desk.new_page()
    csp = watch_csp(page)
    open_workspace(page, therapist, f"#/clients/{client.id}/summary")
    sheet = page.get_by_test_id("clinical-summary")
    expect(sheet).to_contain_text("Morgan Avery")
    doc_screenshot(page, "clinical-summary", sheet)
    best = page.locator("section.summary-part", has=page.get_by_test_id("best-direction"))
    doc_screenshot(page, "summary-best-direction", best)

    pdf = page.pdf(format="A4", print_background=True)
    if os.environ.get("UPDATE_DOC_SCREENSHOTS") == "1":
        page.emulate_media(media="print")
        page.set_viewport_size({"width": 794, "height": 1123})  # A4 at 96 dpi
        sheet.screenshot(path=str(DOC_SCREENSHOTS / "clinical-summary-printed.png"))
        page.emulate_media(media="screen")
    pages, text = pdf_text(pdf)
    flat = " ".join(text.split())
    assert pages == 1, flat
    assert "Clinical summary" in flat and "Morgan Avery" in flat and "Dana Reid" in flat
    assert "Baseline (the first week of logs" in flat and "Now (last 7 days)" in flat
    assert "Change: −3.5 points, −52%: much better" in flat
    assert "Upper nerves, left: Down, eased 26 of 34 tries. Clear:" in flat
    assert "worse lately: not recommended" in flat
    assert "Sit through a 30-" in flat and "+5, meaningful" in flat  # the cell wraps at "30-"
    assert "Night pain, worse lying down" in flat
    assert "Acknowledged by Dana Reid" in flat and "GP saw her the same day" in flat
    assert "Program in force: version 1, since" in flat
    assert "Print or save as PDF" not in flat and "Show this range" not in flat
    assert csp == []


def test_the_summary_answers_a_range(desk, treated):
    therapist, client = treated
    page = desk.new_page()
    open_workspace(page, therapist, f"#/clients/{client.id}/summary")
    today = datetime.now(UTC).date()
    page.get_by_label("From", exact=True).fill((today - timedelta(days=3)).isoformat())
    page.get_by_label("To", exact=True).fill(today.isoformat())
    page.get_by_role("button", name="Show this range").click()
    expect(page.get_by_role("status")).to_have_text("Summary updated.")
    expect(page.get_by_test_id("clinical-summary")).to_contain_text(
        "No flags were raised in this range.")


def test_the_client_page_prints_no_controls_and_opens_its_tables(desk, treated):
    therapist, client = treated
    page = desk.new_page()
    open_workspace(page, therapist, f"#/clients/{client.id}")
    expect(page.get_by_role("link", name="Clinical summary")).to_be_visible()
    panel = page.locator("section.outcome-card.best-direction")
    expect(panel.get_by_test_id("spot-superior-left")).to_be_visible()
    doc_screenshot(page, "best-direction-panel", panel)
    numbers = page.locator("details.numbers-details")
    expect(numbers).not_to_have_attribute("open", "")
    assert page.get_by_role("button").filter(visible=True).count() > 0  # on screen, there are

    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    expect(numbers).to_have_attribute("open", "")
    controls = page.locator("button, .button, .chip, [role=button], input, select, textarea")
    assert controls.filter(visible=True).count() == 0
    assert page.get_by_role("button").filter(visible=True).count() == 0
    expect(page.locator("table.trend-table")).to_be_visible()
    screenshot(page, "client-page-printed")

    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    expect(numbers).not_to_have_attribute("open", "")


def test_the_summary_reads_on_a_phone_and_passes_axe(browser, live_server, treated):
    therapist, client = treated
    context = browser.new_context(base_url=live_server, service_workers="block", bypass_csp=True,
                                  **PHONE)
    try:
        page = context.new_page()
        open_workspace(page, therapist, f"#/clients/{client.id}/summary")
        expect(page.get_by_test_id("best-direction")).to_contain_text("Upper nerves, left")
        page.emulate_media(color_scheme="dark")
        assert serious_accessibility_violations(page) == []
        wide = page.evaluate("""() => [...document.querySelectorAll('body *')]
            .filter((e) => e.getBoundingClientRect().right > 361 && !e.closest('.summary-scroll'))
            .map((e) => e.tagName + '.' + e.className + ' ' + e.getBoundingClientRect().right)""")
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, wide
    finally:
        context.close()


def test_the_therapist_downloads_the_sessions_spreadsheet_from_the_client_page(desk, treated):
    therapist, client = treated
    page = desk.new_page()
    open_workspace(page, therapist, f"#/clients/{client.id}")
    with page.expect_download() as download:
        page.get_by_role("link", name="Practice sessions (CSV)").click()
    body = Path(download.value.path()).read_bytes()
    assert body.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"), newline="")))
    assert len(rows) == 34 and rows[0]["timezone"] == "Europe/London"
    assert "Upper cluneal nerves, left: Down" in rows[0]["drags_words"]
