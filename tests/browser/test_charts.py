"""The chart modules both roles use, in real Chromium: gaps for empty days, the client's zone,
the server's 7-day mean, accessible summaries, a data table, and resizing; and charts that say
what they show: axis titles with units, a key on screen, sessions done against planned in a lane
of their own (nothing below zero), sensations as small multiples on one scale, dates in the
reader's locale, relief as percentages with n that fit 360 px, and the ranges (the year from
the first log, since the first log, chosen dates) on the therapist's client page and the
client's History."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect


def _day(start: str, pain=None, logs=0, sessions=0, sensations=None, low=None, high=None,
         mean_7d=None):
    return {"start": start, "pain_mean": pain, "pain_min": low if low is not None else pain,
            "pain_max": high if high is not None else pain, "pain_mean_7d": mean_7d,
            "logs": logs,
            "neuropathic_mean": None if not logs else 1.0, "sessions_done": sessions,
            "sessions_planned": 2, "sensations": sensations or {}}


#: Four local days in Auckland (UTC+13 in March): a log, an empty day, two logs, a session only.
TRENDS = {
    "bucket": "day", "timezone": "Pacific/Auckland", "from": "2026-03-01", "to": "2026-03-04",
    "series": [
        _day("2026-03-01T00:00:00+13:00", pain=6, logs=1, sensations={"burning": 1}, mean_7d=6),
        _day("2026-03-02T00:00:00+13:00", mean_7d=6),
        _day("2026-03-03T00:00:00+13:00", pain=3.5, logs=2, low=2, high=5,
             sensations={"aching": 2, "tingling": 1}, mean_7d=4.33),
        _day("2026-03-04T00:00:00+13:00", sessions=1, mean_7d=4.33),
    ],
    "relief": [{"group": "superior", "side": "left", "direction": "medial",
                "better": 3, "same": 1, "worse": 0}],
    "flags": [],
}


def _blank_page(context) -> Page:
    """A same-origin document that loads nothing by itself (a static file), with the app's
    stylesheet and an empty slot for a chart; the chart modules are imported into it."""
    page = context.new_page()
    page.goto("/manifest.webmanifest")
    page.evaluate("""() => new Promise((resolve) => {
        const link = Object.assign(document.createElement('link'),
            {rel: 'stylesheet', href: '/css/app.css', onload: resolve, onerror: resolve});
        document.head.append(link);
        document.body.replaceChildren(Object.assign(document.createElement('div'), {id: 'slot'}));
    })""")
    return page


@pytest.fixture
def chart_page(browser, live_server):
    context = browser.new_context(base_url=live_server, viewport={"width": 1280, "height": 860},
                                  service_workers="block")
    yield _blank_page(context)
    context.close()


def _render(page: Page, module: str, function: str, trends=TRENDS):
    page.evaluate("""async ([module, fn, trends]) => {
        const m = await import(`/js/charts/${module}.js`);
        window.chartHandle = m[fn](document.getElementById('slot'), trends); }""",
                  [module, function, trends])


def test_the_7_day_mean_line_is_the_servers_and_empty_where_it_sent_none(chart_page):
    # The server sends each day's pain_mean_7d (domain/pain_mean.py); the chart computes none.
    means = chart_page.evaluate("""async (series) =>
        (await import('/js/charts/pain-trend.js')).sevenDayMeans(series)""", TRENDS["series"])
    assert means == [6, 6, 4.33, 4.33]
    empty = chart_page.evaluate("""async () => (await import('/js/charts/pain-trend.js'))
        .sevenDayMeans([{pain_mean: 5, logs: 1, pain_mean_7d: null}, {pain_mean: 5, logs: 1}])""")
    assert empty == [None, None]
    _render(chart_page, "pain-trend", "renderPainTrend")
    expect(chart_page.locator("#slot canvas").first).to_be_visible()
    assert chart_page.evaluate("window.chartHandle.plot.data[2]") == [6, 6, 4.33, 4.33]


def test_pain_chart_leaves_empty_days_as_gaps_and_summarises_its_numbers(chart_page):
    _render(chart_page, "pain-trend", "renderPainTrend")
    chart = chart_page.get_by_role("img", name=re.compile("^Pain chart"))
    expect(chart.locator("canvas").first).to_be_visible()
    expect(chart).to_have_attribute("aria-label", re.compile(
        "from (1 Mar|Mar 1) to (4 Mar|Mar 4).*pain logged on 2 of 4 days; lowest 2, highest 6"
        ".*1 of 8 planned practice sessions done"))
    columns = chart_page.evaluate("window.chartHandle.plot.data")
    assert columns[1] == [6, None, 3.5, None]  # pain means: null, never 0, for empty days
    lane = chart_page.evaluate("window.chartHandle.lane.data")
    assert lane[1:] == [[2, 2, 2, 2], [0, 0, 0, 1]]  # planned, done: one of two on day 4


def test_pain_chart_x_axis_reads_the_clients_zone(chart_page):
    _render(chart_page, "pain-trend", "renderPainTrend")
    expect(chart_page.locator("#slot canvas").first).to_be_visible()
    local = chart_page.evaluate("window.chartHandle.plot.data[0][0]")
    assert local == 1772276400  # 2026-03-01T00:00+13:00 in Unix seconds
    hours = chart_page.evaluate("""async (x) => {
        const { tzDateIn } = await import('/js/charts/chart-kit.js');
        const d = tzDateIn('Pacific/Auckland')(x); return [d.getDate(), d.getHours()]; }""", local)
    # The axis's date function turns that instant back into local midnight on 1 March.
    assert hours == [1, 0]


def test_sensations_are_small_multiples_one_per_sensation_on_one_shared_scale(chart_page):
    _render(chart_page, "sensations", "renderSensations")
    chart = chart_page.get_by_role("img", name=re.compile("^Sensations chart"))
    expect(chart).to_have_attribute("aria-label", re.compile(
        "aching in 2 logs, burning in 1 log, tingling in 1 log.*nerve-pain descriptor mean 1 of 7"))
    expect(chart.locator("canvas")).to_have_count(4)
    expect(chart.locator(".strip-name")).to_have_text(
        ["Aching", "Burning", "Tingling", "Nerve-pain descriptors"])
    plots = chart_page.evaluate("""() => window.chartHandle.plots.map(p => ({
        label: p.series[1].label, data: p.data[1], scales: Object.keys(p.scales).sort(),
        min: p.scales.y.min, max: p.scales.y.max, dates: p.axes[0].show}))""")
    assert [p["label"] for p in plots] == ["Aching", "Burning", "Tingling",
                                           "Nerve-pain descriptors"]
    assert plots[0]["data"] == [0, None, 2, None]  # a day without logs is unknown, not zero
    # One scale a plot, never two; every sensation strip on the same 0 to 2 "logs" scale, the
    # descriptors on 0 to 7 in a strip of their own; the dates once, under the last strip.
    assert all(p["scales"] == ["x", "y"] for p in plots)
    assert {(p["min"], p["max"]) for p in plots[:3]} == {(0, 2)}
    assert (plots[3]["min"], plots[3]["max"]) == (0, 7)
    assert [p["dates"] for p in plots] == [False, False, False, True]
    expect(chart_page.get_by_text(re.compile("Each strip: how many logs named that sensation, "
                                             "on the same scale"))).to_be_visible()


def test_trend_table_lists_every_day_with_headers_for_screen_readers(chart_page):
    _render(chart_page, "trend-table", "renderTrendTable")
    table = chart_page.get_by_role("table", name=re.compile("Daily figures.*Pacific.Auckland"))
    expect(table.get_by_role("columnheader", name="Mean pain")).to_have_attribute("scope", "col")
    row = table.get_by_role("row", name=re.compile("^(3 Mar|Mar 3)"))
    expect(row).to_contain_text("3.5")
    expect(row).to_contain_text("Aching 2, Tingling 1")
    expect(row.get_by_role("rowheader")).to_have_text(re.compile("^(3 Mar|Mar 3)$"))
    expect(table.get_by_role("row", name=re.compile("^(4 Mar|Mar 4)"))).to_contain_text("1 of 2")


def test_relief_table_shows_shares_of_tries_by_direction_with_n(chart_page):
    _render(chart_page, "relief", "renderRelief")
    table = chart_page.get_by_role("table", name=re.compile("^Relief by drag direction"))
    expect(table.get_by_role("rowheader", name="Upper nerves, left")).to_be_visible()
    row = table.get_by_role("row", name=re.compile("^Towards the spine"))
    expect(row.get_by_role("cell")).to_have_text(["75%", "25%", "0%", "4"])
    expect(table.get_by_role("columnheader")).to_have_text(
        ["Direction", "Eased", "Same", "Worse", "n"])


def test_charts_follow_the_width_of_their_container(chart_page):
    _render(chart_page, "pain-trend", "renderPainTrend")
    canvas = chart_page.locator("#slot canvas").first
    expect(canvas).to_be_visible()
    chart_page.evaluate("document.getElementById('slot').style.width = '420px'")
    chart_page.wait_for_function("() => window.chartHandle.plot.width === 420")
    chart_page.evaluate("document.getElementById('slot').style.width = '900px'")
    chart_page.wait_for_function("() => window.chartHandle.plot.width === 900")
    assert canvas.bounding_box()["width"] <= 900


def test_charts_read_the_dark_theme_colours(browser, live_server):
    context = browser.new_context(base_url=live_server, color_scheme="dark",
                                  service_workers="block")
    try:
        page = _blank_page(context)
        _render(page, "pain-trend", "renderPainTrend")
        expect(page.locator("#slot canvas").first).to_be_visible()
        stroke, fg = page.evaluate("""() => [window.chartHandle.plot.series[1].stroke(),
            getComputedStyle(document.getElementById('slot')).getPropertyValue('--fg').trim()]""")
        assert stroke == fg and fg != ""
        background = page.evaluate("getComputedStyle(document.body).backgroundColor")
        assert background != "rgb(255, 255, 255)"
    finally:
        context.close()
