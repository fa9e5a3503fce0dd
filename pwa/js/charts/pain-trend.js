// Pain over time: daily means with their lowest–highest range and the server's 7-day mean line
// on a 0–10 axis, and below it a lane of practice sessions done against planned, on the
// client's local days; empty days are gaps, never zeros. A key under the plot says what each
// mark is, for everyone (the summary says the numbers to screen readers).

import {
  axisColors,
  bucketAxisSeries,
  bucketLabel,
  bucketScale,
  bucketSeconds,
  chartFigure,
  cssColor,
  dateAxis,
  emptyChart,
  ensureChartStyles,
  PLOT_PADDING,
  plotHeight,
  responsivePlot,
  tzDateIn,
  Y_AXIS_SIZE,
} from './chart-kit.js';
import { sessionsLane } from './sessions-lane.js';
import { sessionsText } from './trend-shape.js';

let syncCount = 0;

/**
 * The 7-day mean ending on each bucket, as the server defines it (pain_mean_7d: every log of the
 * 7 local days); null where those days have no logs.
 * @returns {(number|null)[]}
 */
export function sevenDayMeans(series) {
  return series.map((bucket) => bucket.pain_mean_7d ?? null);
}

function painSummary(trends, rolling) {
  const logged = trends.series.filter((b) => b.pain_mean != null);
  const sessions = trends.series.reduce((n, b) => n + (b.sessions_done || 0), 0);
  const planned = trends.series.reduce((n, b) => n + (b.sessions_planned || 0), 0);
  const unit = trends.bucket === 'week' ? 'weeks' : 'days';
  const first = trends.series[0];
  const last = trends.series[trends.series.length - 1];
  const span = `from ${bucketLabel(first.start, trends.bucket)} to ${bucketLabel(last.start, trends.bucket)}`;
  if (!logged.length) return `Pain chart ${span}: no pain logged.`;
  const lows = Math.min(...logged.map((b) => b.pain_min));
  const highs = Math.max(...logged.map((b) => b.pain_max));
  const latest = logged[logged.length - 1];
  const parts = [
    `Pain chart ${span}, 0 to 10 scale; dots are means, lines the lowest to highest`,
    `pain logged on ${logged.length} of ${trends.series.length} ${unit}`,
    `lowest ${lows}, highest ${highs}`,
    `latest mean ${latest.pain_mean} on ${bucketLabel(latest.start, trends.bucket)}`,
  ];
  const latestRolling = rolling.filter((v) => v != null).pop();
  if (trends.bucket !== 'week' && latestRolling != null) {
    parts.push(`latest 7-day mean ${latestRolling}`);
  }
  parts.push(
    planned
      ? `${sessions} of ${planned} planned practice sessions done`
      : `${sessions} practice ${sessions === 1 ? 'session' : 'sessions'} done, none planned`,
  );
  return `${parts.join('; ')}. The table below lists every number.`;
}

/** Vertical lines from each bucket's lowest to highest pain, drawn under the mean points. */
function rangeWhiskers(series, color) {
  return (u) => {
    const { ctx } = u;
    ctx.save();
    ctx.strokeStyle = color;
    ctx.lineWidth = 2 * devicePixelRatio;
    ctx.beginPath();
    series.forEach((bucket, i) => {
      if (bucket.pain_min == null || bucket.pain_min === bucket.pain_max) return;
      const x = Math.round(u.valToPos(u.data[0][i], 'x', true));
      ctx.moveTo(x, u.valToPos(bucket.pain_min, 'y', true));
      ctx.lineTo(x, u.valToPos(bucket.pain_max, 'y', true));
    });
    ctx.stroke();
    ctx.restore();
  };
}

/** The visible key: what a dot, a vertical line, the 7-day line and the lane's bars mean. */
function chartKey(week, withRolling) {
  const unit = week ? 'week' : 'day';
  const item = (swatch, text) => {
    const li = document.createElement('li');
    const mark = document.createElement('span');
    mark.className = `key-mark key-${swatch}`;
    mark.setAttribute('aria-hidden', 'true');
    li.append(mark, text);
    return li;
  };
  const key = document.createElement('ul');
  key.className = 'chart-key';
  key.append(
    item('dot', `Dot: mean pain of the ${unit}'s logs`),
    item('whisker', `Vertical line: lowest to highest pain that ${unit}`),
    ...(withRolling ? [item('rolling', 'Line: 7-day mean')] : []),
    item('planned', 'Outline: sessions planned'),
    item('done', 'Filled: sessions done'),
  );
  return key;
}

/** Draw the pain chart for a /trends answer into container; returns {plot, lane, destroy} or null. */
export function renderPainTrend(container, trends) {
  ensureChartStyles();
  const title = trends.bucket === 'week' ? 'Pain by week' : 'Pain by day';
  if (!trends.series.length) {
    emptyChart(container, title, 'No days in this range.');
    return null;
  }
  const week = trends.bucket === 'week';
  const rolling = week ? null : sevenDayMeans(trends.series);
  const { figure, plotHolder } = chartFigure(container, {
    title,
    summary: painSummary(trends, rolling || []),
    className: 'chart-pain',
  });
  const painHolder = document.createElement('div');
  const laneHolder = document.createElement('div');
  laneHolder.className = 'chart-lane';
  plotHolder.append(painHolder, laneHolder);
  figure.append(chartKey(week, Boolean(rolling)));

  const xs = bucketSeconds(trends);
  const means = trends.series.map((b) => b.pain_mean);
  const planned = trends.series.map((b) => b.sessions_planned || 0);
  const done = trends.series.map((b) => b.sessions_done || 0);
  // Sessions ride along in the pain plot's legend only (their bars are in the lane below).
  const data = rolling ? [xs, means, rolling, done] : [xs, means, done];
  const sync = `pain-${++syncCount}`;

  const makeOptions = (width) => {
    const accent = cssColor(plotHolder, '--accent', '#2457a6');
    const fg = cssColor(plotHolder, '--fg', '#111');
    const muted = cssColor(plotHolder, '--muted', '#666');
    const ok = cssColor(plotHolder, '--ok', '#1b7f3b');
    const dot = width < 480 ? 6 : 9;
    const painSeries = {
      label: 'Pain (mean)',
      stroke: fg,
      width: 0,
      paths: () => null,
      points: { show: true, size: dot, fill: fg, stroke: fg },
      value: (_u, v, _si, i) => {
        if (v == null) return 'no log';
        const b = trends.series[i];
        return b.pain_min === b.pain_max ? `${v}` : `${v} (${b.pain_min}–${b.pain_max})`;
      },
    };
    const rollingSeries = {
      label: '7-day mean',
      stroke: accent,
      width: 2.5,
      spanGaps: false,
      points: { show: false },
      value: (_u, v) => (v == null ? '–' : `${v}`),
    };
    const sessionSeries = {
      label: 'Sessions',
      scale: 'sessions',
      stroke: ok,
      fill: ok,
      paths: () => null,
      points: { show: false },
      value: (_u, _v, _si, i) => (i == null ? '–' : sessionsText(done[i], planned[i])),
    };
    return {
      width,
      height: plotHeight(width),
      padding: PLOT_PADDING,
      tzDate: tzDateIn(trends.timezone),
      // Pain is 0–10 and nothing is drawn below 0: sessions have their own lane.
      scales: { x: bucketScale(trends), y: { range: [0, 10] }, sessions: { range: [0, 1] } },
      axes: [
        dateAxis(plotHolder, trends),
        {
          ...axisColors(plotHolder),
          splits: () => [0, 2, 4, 6, 8, 10],
          size: Y_AXIS_SIZE,
          label: 'Pain (0–10)',
          labelSize: 18,
        },
      ],
      series: [
        bucketAxisSeries(trends),
        painSeries,
        ...(rolling ? [rollingSeries] : []),
        sessionSeries,
      ],
      hooks: { drawAxes: [rangeWhiskers(trends.series, muted)] },
      cursor: { drag: { x: false, y: false }, sync: { key: sync } },
    };
  };
  const pain = responsivePlot(painHolder, makeOptions, data);
  const lane = sessionsLane(laneHolder, trends, sync);
  return {
    get plot() {
      return pain.plot;
    },
    get lane() {
      return lane.plot;
    },
    destroy() {
      pain.destroy();
      lane.destroy();
    },
  };
}
