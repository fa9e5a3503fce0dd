"""The chart modules both roles use, in real Chromium: gaps for empty days, the client's zone,
the server's 7-day mean, accessible summaries, a data table, and resizing; and charts that say
what they show: axis titles with units, a key on screen, sessions done against planned in a lane
of their own (nothing below zero), sensations as small multiples on one scale, dates in the
reader's locale, relief as percentages with n that fit 360 px, and the ranges (the year from
the first log, since the first log, chosen dates) on the therapist's client page and the
client's History."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import PHONE
from tests.browser.helpers import sign_in
from tests.browser.test_therapist_workspace import open_workspace
from tests.factories import log_body, session_body


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


# ---------- Charts that say what they show (issue 10) ----------

def test_pain_axes_are_titled_with_their_units_and_nothing_is_drawn_below_zero(chart_page):
    _render(chart_page, "pain-trend", "renderPainTrend")
    expect(chart_page.locator("#slot canvas")).to_have_count(2)
    axes = chart_page.evaluate("""() => { const {plot, lane} = window.chartHandle;
        return {pain: plot.axes.map(a => a.label), lane: lane.axes[1].label,
                y: [plot.scales.y.min, plot.scales.y.max], laneMin: lane.scales.y.min,
                values: plot.data.slice(1).flat().filter(v => v != null)}; }""")
    assert axes["pain"] == ["Day", "Pain (0–10)"]
    assert axes["lane"] == "Sessions"
    assert axes["y"] == [0, 10] and axes["laneMin"] == 0
    assert min(axes["values"]) >= 0
    # Sessions sit in their own labelled lane under the pain plot, not under its zero line.
    pain_box, lane_box = (chart_page.locator("#slot canvas").nth(i).bounding_box()
                          for i in (0, 1))
    assert lane_box["y"] >= pain_box["y"] + pain_box["height"]
    week = {**TRENDS, "bucket": "week"}
    _render(chart_page, "pain-trend", "renderPainTrend", week)
    expect(chart_page.get_by_text("Pain by week")).to_be_visible()
    assert chart_page.evaluate("window.chartHandle.plot.axes[0].label") == "Week starting"


def test_the_key_explains_the_whiskers_and_the_session_bars_on_screen(chart_page):
    _render(chart_page, "pain-trend", "renderPainTrend")
    key = chart_page.locator(".chart-key")
    for words in ("Dot: mean pain of the day's logs",
                  "Vertical line: lowest to highest pain that day", "Line: 7-day mean",
                  "Outline: sessions planned", "Filled: sessions done"):
        expect(key.get_by_text(words)).to_be_visible()
    assert key.get_attribute("aria-hidden") is None


def test_sessions_done_against_planned_read_one_of_two(chart_page):
    _render(chart_page, "pain-trend", "renderPainTrend")
    expect(chart_page.locator("#slot canvas").nth(1)).to_be_visible()
    chart_page.evaluate("window.chartHandle.plot.setLegend({idx: 3})")
    expect(chart_page.locator(".chart-pain .u-legend").first).to_contain_text("Sessions1 of 2")
    # The filled bar (done) is half the height of the outline (planned) on that day.
    heights = chart_page.evaluate("""() => { const u = window.chartHandle.lane;
        const zero = u.valToPos(0, 'y'); return [zero - u.valToPos(u.data[1][3], 'y'),
                                                 zero - u.valToPos(u.data[2][3], 'y')]; }""")
    assert heights[1] * 2 == pytest.approx(heights[0])


@pytest.mark.parametrize(("locale", "pattern"), [("en-GB", r"^\d{1,2} [A-Z][a-z]{2}$"),
                                                 ("en-US", r"^[A-Z][a-z]{2} \d{1,2}$")])
def test_axis_dates_follow_the_readers_locale(browser, live_server, locale, pattern):
    context = browser.new_context(base_url=live_server, locale=locale, service_workers="block",
                                  viewport={"width": 1280, "height": 860})
    try:
        page = _blank_page(context)
        _render(page, "pain-trend", "renderPainTrend")
        page.wait_for_function("() => window.chartHandle.plot?.axes[0]._values?.length > 0")
        ticks = page.evaluate("window.chartHandle.plot.axes[0]._values")
        assert ticks and all(re.match(pattern, tick) for tick in ticks), ticks
        assert not any("/" in tick for tick in ticks)
        _render(page, "sensations", "renderSensations")
        page.wait_for_function("() => window.chartHandle.plots.at(-1)?.axes[0]._values?.length > 0")
        ticks = page.evaluate("window.chartHandle.plots.at(-1).axes[0]._values")
        assert all(re.match(pattern, tick) for tick in ticks), ticks
    finally:
        context.close()


#: Every direction tried on three spots: the longest names the relief table has to fit.
WIDE_RELIEF = {**TRENDS, "relief": [
    {"group": group, "side": side, "direction": direction, "better": b, "same": 12, "worse": 1}
    for group, side in (("middle", "right"), ("superior", "left"), ("inferior", "right"))
    for b, direction in enumerate(("lateral", "medial", "superior", "inferior"), start=100)]}


def test_relief_fits_a_360_px_phone_in_body_order(browser, live_server):
    context = browser.new_context(base_url=live_server, service_workers="block", **PHONE)
    try:
        page = _blank_page(context)
        # As the app's page does: the phone's width, not a 980 px desktop layout, in a card.
        page.evaluate("""() => { document.head.append(Object.assign(document.createElement('meta'),
            {name: 'viewport', content: 'width=device-width, initial-scale=1'}));
            document.getElementById('slot').className = 'card'; }""")
        assert page.evaluate("window.innerWidth") == 360
        _render(page, "relief", "renderRelief", WIDE_RELIEF)
        table = page.get_by_role("table", name=re.compile("^Relief by drag direction"))
        expect(table).to_be_visible()
        assert table.get_by_role("rowheader").filter(has_text="nerves").all_inner_texts() == [
            "Upper nerves, left", "Middle nerves, right", "Lower nerves, right"]
        row = table.get_by_role("row", name=re.compile("^Away from the spine")).first
        expect(row.get_by_role("cell")).to_have_text(["88%", "11%", "1%", "113"])
        widths = page.evaluate("""() => ({page: document.documentElement.scrollWidth,
            table: document.querySelector('.relief-table').scrollWidth,
            slot: document.getElementById('slot').clientWidth})""")
        assert widths["page"] <= 360 and widths["table"] <= widths["slot"], widths
    finally:
        context.close()


# The history tests run on a Wednesday in May, at noon on both the server and the page.
HISTORY_AT = "2026-05-13T12:00:00+00:00"


@pytest.fixture
def logged_since_october(make_therapist, make_client, add_logs):
    """A therapist's client who began logging 40 days ago (then 20 and 2 days ago)."""
    therapist = make_therapist(name="Dana Reid")
    client = make_client(therapist, name="Morgan Avery", timezone="UTC")
    today = datetime.fromisoformat(HISTORY_AT)
    add_logs(client, [log_body(pain=p, recorded_at=(today - timedelta(days=d)).isoformat())
                      for d, p in ((40, 7), (20, 5), (2, 3))])
    return therapist, client, today


@pytest.mark.clock_at(HISTORY_AT)
def test_the_client_page_offers_the_year_from_the_first_log_since_the_first_log_and_dates(
        browser, live_server, logged_since_october):
    therapist, client, today = logged_since_october
    context = browser.new_context(base_url=live_server, service_workers="block",
                                  viewport={"width": 1280, "height": 900}, locale="en-GB")
    try:
        page = context.new_page()
        open_workspace(page, therapist, f"#/clients/{client.id}")
        pain = page.get_by_role("img", name=re.compile("^Pain chart"))
        expect(pain).to_have_attribute("aria-label", re.compile("pain logged on 2 of 30 days"))
        ranges = page.get_by_role("group", name="Time range")

        # Twelve months by week, from the week of the first log, not eight empty months.
        ranges.get_by_role("button", name="12 months").click()
        expect(pain).to_have_attribute("aria-label", re.compile(
            r"from week of 30 Mar to week of 11 May.*pain logged on 3 of 7 weeks"))
        expect(page.get_by_text("Pain by week")).to_be_visible()

        ranges.get_by_role("button", name="Since the first log").click()
        first = today - timedelta(days=40)
        expect(pain).to_have_attribute("aria-label", re.compile(
            rf"from {first.day} {first:%b} to .*pain logged on 3 of 41 days"))
        expect(ranges.get_by_role("button", name="Since the first log")).to_have_attribute(
            "aria-pressed", "true")

        ranges.get_by_role("button", name="Choose dates").click()
        start, end = today - timedelta(days=25), today - timedelta(days=15)
        page.get_by_label("From", exact=True).fill(f"{end:%Y-%m-%d}")
        page.get_by_label("To", exact=True).fill(f"{start:%Y-%m-%d}")
        page.get_by_role("button", name="Show", exact=True).click()
        expect(page.get_by_role("alert")).to_have_text(
            "The first day must not be after the last day.")
        page.get_by_label("From", exact=True).fill(f"{start:%Y-%m-%d}")
        page.get_by_label("To", exact=True).fill(f"{end:%Y-%m-%d}")
        page.get_by_role("button", name="Show", exact=True).click()
        expect(pain).to_have_attribute("aria-label", re.compile(
            rf"from {start.day} {start:%b} to {end.day} {end:%b}.*pain logged on 1 of 11 days"))
        expect(page.get_by_role("status").filter(has_text="Showing")).to_have_text(
            f"Showing {start.day} {start:%b} {start.year} to {end.day} {end:%b} {end.year}.")
    finally:
        context.close()


@pytest.mark.clock_at(HISTORY_AT)
def test_history_on_a_phone_has_the_same_ranges_and_fits_360_px(
        phone_context, logged_since_october, make_program, add_sessions):
    therapist, client, today = logged_since_october
    make_program(therapist, client)
    add_sessions(client, [session_body(drags=[
        {"group": "superior", "side": "left", "direction": d, "response": r, "held_seconds": 0}
        for d, r in (("inferior", "same"), ("medial", "better"), ("lateral", "worse"))])])
    page = phone_context.new_page()
    sign_in(page, client)
    page.goto("/#/history")
    expect(page.get_by_text("Pain by day", exact=True)).to_be_visible()
    page.get_by_role("button", name="Since the first log").click()
    pain = page.get_by_role("img", name=re.compile("^Pain chart"))
    expect(pain).to_have_attribute("aria-label", re.compile("pain logged on 3 of 41 days"))
    # The printed report's heading says its dates in words too, never 2026-10-21 or 11/30/2026.
    heading = page.locator(".history .print-only").first.text_content()
    assert not re.search(r"\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4}", heading), heading
    assert re.search(r"(\d{1,2} [A-Z][a-z]{2}|[A-Z][a-z]{2} \d{1,2},?) \d{4} to ", heading), heading
    page.locator(".chart-relief").scroll_into_view_if_needed()
    relief = page.get_by_role("table", name=re.compile("^Relief by drag direction"))
    expect(relief.get_by_role("row", name=re.compile("^Towards the spine"))).to_contain_text(
        "100%")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
