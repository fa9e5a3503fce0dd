"""History on a phone: each card is titled once (by its chart), charts below the fold and the folded
figures table are drawn only when reached, and printing draws everything first."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.helpers import sign_in, watch_csp
from tests.factories import log_body, session_body


def _client_with_history(make_therapist, make_client, make_program, add_logs, add_sessions):
    therapist = make_therapist()
    client = make_client(therapist)
    make_program(therapist, client)
    add_logs(client, [log_body(pain=p, sensations=["burning"]) for p in (6, 4)])
    add_sessions(client, [session_body()])
    return client


def test_each_history_card_is_titled_once_by_its_own_chart(
        phone_context, make_therapist, make_client, make_program, add_logs, add_sessions):
    client = _client_with_history(make_therapist, make_client, make_program, add_logs,
                                  add_sessions)
    page = phone_context.new_page()
    csp = watch_csp(page)
    sign_in(page, client)
    page.goto("/#/history")
    expect(page.get_by_text("Pain by day", exact=True)).to_be_visible()
    page.get_by_text("Print or save as PDF").scroll_into_view_if_needed()
    expect(page.locator(".relief-table")).to_be_visible()

    assert page.get_by_role("heading").all_inner_texts() == ["My progress"]
    assert page.locator(".history figcaption").all_inner_texts() == ["Pain by day", "Sensations"]
    assert page.get_by_text("Pain", exact=True).count() == 0  # the old heading above "Pain by day"
    assert csp == []


def test_charts_below_the_fold_and_the_folded_table_are_drawn_when_reached(
        phone_context, make_therapist, make_client, make_program, add_logs, add_sessions):
    client = _client_with_history(make_therapist, make_client, make_program, add_logs,
                                  add_sessions)
    page = phone_context.new_page()
    sign_in(page, client)
    page.goto("/#/history")
    expect(page.get_by_text("Pain by day", exact=True)).to_be_visible()
    relief = page.locator(".chart-block.chart-relief")
    expect(relief).to_have_text("Loading…")  # out of sight on a 740 px high screen
    expect(page.locator(".trend-table")).to_have_count(0)

    relief.scroll_into_view_if_needed()
    expect(relief.locator(".relief-table")).to_be_visible()
    page.get_by_text("All figures as a table").click()
    expect(page.locator(".trend-table")).to_be_visible()


def test_printing_draws_every_chart_and_the_table_first(
        phone_context, make_therapist, make_client, make_program, add_logs, add_sessions):
    client = _client_with_history(make_therapist, make_client, make_program, add_logs,
                                  add_sessions)
    page = phone_context.new_page()
    sign_in(page, client)
    page.goto("/#/history")
    expect(page.get_by_text("Pain by day", exact=True)).to_be_visible()
    expect(page.locator(".trend-table")).to_have_count(0)
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")  # what window.print() fires
    assert page.locator(".relief-table").count() == 1
    assert page.locator(".trend-table").count() == 1


def test_choosing_another_range_redraws_the_charts_for_it(
        phone_context, make_therapist, make_client, make_program, add_logs, add_sessions):
    client = _client_with_history(make_therapist, make_client, make_program, add_logs,
                                  add_sessions)
    page = phone_context.new_page()
    sign_in(page, client)
    page.goto("/#/history")
    expect(page.get_by_text("Pain by day", exact=True)).to_be_visible()
    with page.expect_response(lambda r: "/api/me/trends" in r.url) as answer:
        page.get_by_role("button", name="90 days").click()
    assert "from=" in answer.value.url
    expect(page.get_by_role("button", name="90 days")).to_have_attribute("aria-pressed", "true")
    expect(page.get_by_role("button", name="30 days")).to_have_attribute("aria-pressed", "false")
    expect(page.locator(".chart-pain .uplot")).to_have_count(2)  # pain plot, sessions lane
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert page.locator(".trend-table tbody tr").count() == 90
