"""The API docs page, in a real browser: every operation is listed, with a working contents."""

from __future__ import annotations

import re

from playwright.sync_api import expect


def test_the_docs_page_lists_the_endpoints_with_a_table_of_contents(desk_context):
    page = desk_context.new_page()
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto("/api/docs")

    heading = page.get_by_role("heading", name="POST /api/me/logs")
    expect(heading).to_be_visible()
    card = page.locator("article", has=heading)
    expect(card).to_contain_text("Send a batch of symptom logs")
    expect(card).to_contain_text("sign-in needed")
    expect(card).to_contain_text("recorded_at")
    expect(card.get_by_role("cell", name="413", exact=True)).to_be_visible()

    expect(page.get_by_role("heading", name="GET /api/clients/{client_id}/trends")).to_be_visible()
    contents = page.get_by_role("navigation", name="Contents")
    contents.get_by_role("link", name="PUT /api/clients/{client_id}/program").click()
    expect(page).to_have_url(re.compile(r"/api/docs#op-put-.*program$"))
    expect(page.get_by_role("heading", name="PUT /api/clients/{client_id}/program")) \
        .to_be_in_viewport()
    assert errors == []


def test_the_docs_page_reads_well_in_dark_mode_on_a_phone(phone_context):
    page = phone_context.new_page()
    page.emulate_media(color_scheme="dark")
    page.goto("/api/docs")
    expect(page.get_by_role("heading", name="GET /api/health", exact=True)).to_be_visible()
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(18, 20, 22)"
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360
