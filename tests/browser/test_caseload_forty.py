"""A caseload of forty in real Chromium: a search and each filter answered in the browser over
the one caseload answer, the ordering rule on screen, column names that stay in view, and the
screenshot the README shows: test-results/screenshots/caseload-40.png on every run, and
docs/screenshots/caseload-40.png too when UPDATE_DOCS_SCREENSHOTS=1 (so a test run never
changes a committed file by itself)."""

from __future__ import annotations

import os
import re
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from server.domain import programs, records
from server.domain.caseload import LOW_ADHERENCE_RATIO, NOT_LOGGING_DAYS
from server.domain.pain_change import WORSENINGS as PAIN_WORSENINGS
from server.extensions import db
from server.models import CLIENT, Program, User
from server.schemas.programs import ProgramSchema
from server.schemas.records import PracticeSessionSchema, SymptomLogSchema
from tests.browser.conftest import PHONE, SCREENSHOTS
from tests.browser.test_therapist_workspace import open_workspace, serious_violations, watch_csp
from tests.factories import log_body, program_spec, session_body

DOCS_SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "screenshots" / "caseload-40.png"

FIRST = ["Avery", "Blake", "Casey", "Devon", "Eden", "Finley", "Gray", "Harper", "Indra", "Jules",
         "Kai", "Lane", "Morgan", "Noor", "Oakley", "Parker", "Quinn", "Reese", "Sage", "Zoë"]
LAST = ["Okafor", "Lindqvist", "Moreau", "Tanaka", "Ávila", "Brennan", "Castro", "Duarte",
        "Eriksen", "Fischer", "Garnier", "Haddad", "Ibsen", "Jovanović", "Kowalski", "Larsen",
        "Mbeki", "Nakamura", "O'Neill", "Petrov"]


def _name(n: int) -> str:
    return f"{FIRST[n % 20]} {LAST[(n * 7 + n // 20) % 20]}"


def _seed_forty(app, therapist) -> None:
    """Forty clients of every kind a real list has: steady, rising, flagged, lapsed (no log for
    a week), never logged since joining a fortnight ago, and some who do few of their sessions.
    Rows made with the domain verbs; joining and program dates set back so adherence counts."""
    now = datetime.now(UTC)
    ago = lambda **d: (now - timedelta(**d)).isoformat()  # noqa: E731
    with app.app_context():
        owner = db.session.get(User, therapist.id)
        for n in range(40):
            client = User(role=CLIENT, email=f"forty-{therapist.id}-{n}@example.test",
                          name=_name(n), password_hash=owner.password_hash,
                          timezone=("Europe/London", "America/New_York")[n % 2],
                          therapist_id=owner.id, created_at=now - timedelta(days=20))
            db.session.add(client)
            db.session.flush()
            programs.assign_program_version(owner, client,
                                            ProgramSchema().load(program_spec()))
            kind = n % 8
            if kind == 7:
                continue  # never logged, joined 20 days ago
            if kind == 6:  # lapsed: last log well past the not-logging line
                days = [NOT_LOGGING_DAYS + 3, NOT_LOGGING_DAYS + 5]
                pains = [4, 5]
            elif kind == 5:  # rising: this week well above last week and the first week
                days, pains = [1, 2, 3, 8, 9, 15, 16, 17], [7, 7, 8, 4, 4, 3, 4, 3]
            else:
                days, pains = [1, 2, 4, 8, 10], [(n % 5) + 2, (n % 5) + 2, 3, 3, 4]
            flags = ["night-pain"] if kind == 3 else []
            records.record_logs(client, SymptomLogSchema(many=True).load(
                [log_body(pain=p, recorded_at=ago(days=d, hours=2), red_flags=flags if d == 1
                          else []) for d, p in zip(days, pains, strict=True)]))
            sessions = {0: 12, 1: 8, 2: 2, 3: 5, 4: 1, 5: 10, 6: 0}[kind]
            records.record_sessions(client, PracticeSessionSchema(many=True).load(
                [session_body(started_at=ago(hours=12 * s + 3)) for s in range(sessions)]))
        db.session.flush()
        db.session.execute(db.update(Program).where(Program.client_id.in_(
            db.select(User.id).where(User.therapist_id == owner.id))).values(
            created_at=now - timedelta(days=20)))
        db.session.commit()


@pytest.fixture
def forty(app, make_therapist):
    therapist = make_therapist(name="Dana Reid")
    _seed_forty(app, therapist)
    return therapist


def _caseload_rows(page: Page) -> list[dict]:
    response = page.request.get("/api/clients")
    assert response.ok
    return response.json()


def _shown_names(page: Page) -> list[str]:
    return page.locator("table.caseload tbody tr .client-link").all_inner_texts()


def _expect_shown(page: Page, names: list[str], total: int = 40) -> None:
    expect(page.locator("table.caseload tbody tr")).to_have_count(len(names))
    assert _shown_names(page) == names
    words = f"All {total} clients." if len(names) == total else f"Showing {len(names)} of {total}"
    expect(page.locator(".caseload-shown")).to_contain_text(words)


def test_a_caseload_of_forty_answers_a_search_and_each_filter_in_the_browser(desk_context, forty):
    page = desk_context.new_page()
    csp = watch_csp(page)
    open_workspace(page, forty)
    rows = _caseload_rows(page)
    everyone = [r["name"] for r in rows]
    assert len(everyone) == 40
    _expect_shown(page, everyone)
    rule = page.get_by_text(re.compile(r"^Needs attention first: open safety flags"))
    expect(rule).to_be_visible()

    # Clients who never logged are not at the bottom: they come right after the flagged ones.
    never = [r["name"] for r in rows if r["last_log_at"] is None]
    assert len(never) == 5 and all(r["not_logging"] for r in rows if r["name"] in never)
    flagged = [r["name"] for r in rows if r["open_flags"]]
    assert set(everyone[len(flagged):len(flagged) + 10]) >= set(never)
    expect(page.get_by_role("row", name=re.compile(re.escape(never[0])))).to_contain_text(
        "Not logging")

    search = page.get_by_role("searchbox", name="Find a client")
    search.fill("quinn")
    quinns = [name for name in everyone if name.startswith("Quinn")]
    assert len(quinns) == 2
    _expect_shown(page, quinns)
    search.fill("zoe jovanovic")  # accents aside: finds Zoë Jovanović
    _expect_shown(page, [name for name in everyone if name == "Zoë Jovanović"])
    search.fill("ÁVILA")
    _expect_shown(page, [name for name in everyone if name.endswith("Ávila")])
    search.fill("nobody by this name")
    _expect_shown(page, [])
    expect(page.get_by_text("No client matches this search")).to_be_visible()
    page.get_by_role("button", name="Show everyone").click()
    _expect_shown(page, everyone)
    expect(search).to_have_value("")

    filters = page.get_by_role("group", name="Show only")
    expected = {
        "Open flags": [r["name"] for r in rows if r["open_flags"] > 0],
        f"No log for {NOT_LOGGING_DAYS}+ days": [r["name"] for r in rows if r["not_logging"]],
        "Adherence under 50%": [r["name"] for r in rows if r["adherence"]["ratio"] is not None
                                and r["adherence"]["ratio"] < LOW_ADHERENCE_RATIO],
        # The server's IMMPACT classification of the change since each client's baseline.
        "Meaningfully worse": [r["name"] for r in rows
                               if r["outcome"]["category"] in PAIN_WORSENINGS],
    }
    for label, names in expected.items():
        assert 0 < len(names) < 40, (label, names)
        chip = filters.get_by_role("button", name=label)
        chip.click()
        expect(chip).to_have_attribute("aria-pressed", "true")
        _expect_shown(page, names)
        chip.click()
        _expect_shown(page, everyone)

    # The adherence threshold is the therapist's to choose; filters and search combine.
    page.get_by_label("Adherence threshold").select_option(label="25%")
    filters.get_by_role("button", name="Adherence under 25%").click()
    under_25 = [r["name"] for r in rows if r["adherence"]["ratio"] is not None
                and r["adherence"]["ratio"] < 0.25]
    assert under_25 and under_25 != expected["Adherence under 50%"]
    _expect_shown(page, under_25)
    filters.get_by_role("button", name=f"No log for {NOT_LOGGING_DAYS}+ days").click()
    both = [name for name in under_25 if name in expected[f"No log for {NOT_LOGGING_DAYS}+ days"]]
    _expect_shown(page, both)
    page.get_by_role("button", name="Clear search and filters").click()
    _expect_shown(page, everyone)
    assert csp == []


def test_the_column_names_stay_in_view_down_a_list_of_forty(desk_context, forty):
    page = desk_context.new_page()
    open_workspace(page, forty)
    expect(page.locator("table.caseload tbody tr")).to_have_count(40)
    header = page.get_by_role("columnheader", name="Open flags")
    page.locator("table.caseload tbody tr").nth(35).scroll_into_view_if_needed()
    assert page.evaluate("window.scrollY") > 1000
    box = header.bounding_box()
    assert box is not None and 0 <= box["y"] < 5, box
    expect(header).to_be_in_viewport()
    expect(page.locator("table.caseload tbody tr").first).not_to_be_in_viewport()
    page.evaluate("window.scrollTo(0, 0)")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    shot = SCREENSHOTS / DOCS_SCREENSHOT.name
    page.screenshot(path=str(shot))
    if os.environ.get("UPDATE_DOCS_SCREENSHOTS") == "1":
        DOCS_SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shot, DOCS_SCREENSHOT)


def test_the_caseload_of_forty_on_a_phone_keeps_the_search_in_reach_and_is_accessible(
        browser, live_server, forty):
    context = browser.new_context(base_url=live_server, service_workers="block",
                                  bypass_csp=True, **PHONE)
    try:
        page = context.new_page()
        open_workspace(page, forty)
        expect(page.locator("table.caseload tbody tr")).to_have_count(40)
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        page.locator("table.caseload tbody tr").nth(30).scroll_into_view_if_needed()
        search = page.get_by_role("searchbox", name="Find a client")
        expect(search).to_be_in_viewport()
        search.fill("sage")
        expect(page.locator("table.caseload tbody tr")).to_have_count(2)
        assert serious_violations(page) == []
    finally:
        context.close()
