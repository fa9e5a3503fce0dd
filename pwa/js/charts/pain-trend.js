// Pain over time: daily means with their lowest–highest range, the server's 7-day mean line and
// practice sessions, on the client's local days; empty days are gaps, never zeros.

import {
  axisColors,
  bucketAxisSeries,
  bucketLabel,
  bucketSeconds,
  chartFigure,
  cssColor,
  emptyChart,
  ensureChartStyles,
  plotHeight,
  responsivePlot,
  tzDateIn,
} from './chart-kit.js';

// Session markers sit just under the 0 line so they never hide a pain point.
const MARKER_Y = -0.6;

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
  const unit = trends.bucket === 'week' ? 'weeks' : 'days';
  const first = trends.series[0];
  const last = trends.series[trends.series.length - 1];
  const span = `from ${bucketLabel(first.start, trends.bucket)} to ${bucketLabel(last.start, trends.bucket)}`;
  if (!logged.length) return `Pain chart ${span}: no pain logged.`;
  const lows = Math.min(...logged.map((b) => b.pain_min));
  const highs = Math.max(...logged.map((b) => b.pain_max));
  const latest = logged[logged.length - 1];
  const parts = [
    `Pain chart ${span}, 0 to 10 scale`,
    `pain logged on ${logged.length} of ${trends.series.length} ${unit}`,
    `lowest ${lows}, highest ${highs}`,
    `latest mean ${latest.pain_mean} on ${bucketLabel(latest.start, trends.bucket)}`,
  ];
  const latestRolling = rolling.filter((v) => v != null).pop();
  if (trends.bucket !== 'week' && latestRolling != null) {
    parts.push(`latest 7-day mean ${latestRolling}`);
  }
  parts.push(`${sessions} practice ${sessions === 1 ? 'session' : 'sessions'} done`);
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

/** Draw the pain chart for a /trends answer into container; returns {destroy} or null. */
export function renderPainTrend(container, trends) {
  ensureChartStyles();
  const title = trends.bucket === 'week' ? 'Pain by week' : 'Pain by day';
  if (!trends.series.length) {
    emptyChart(container, title, 'No days in this range.');
    return null;
  }
  const rolling = trends.bucket === 'week' ? null : sevenDayMeans(trends.series);
  const { plotHolder } = chartFigure(container, {
    title,
    summary: painSummary(trends, rolling || []),
    className: 'chart-pain',
  });
  const xs = bucketSeconds(trends);
  const means = trends.series.map((b) => b.pain_mean);
  const marks = trends.series.map((b) => (b.sessions_done > 0 ? MARKER_Y : null));
  const data = rolling ? [xs, means, rolling, marks] : [xs, means, marks];

  const makeOptions = (width) => {
    const accent = cssColor(plotHolder, '--accent', '#2457a6');
    const fg = cssColor(plotHolder, '--fg', '#111');
    const ok = cssColor(plotHolder, '--ok', '#1b7f3b');
    const muted = cssColor(plotHolder, '--muted', '#666');
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
      label: 'Practice sessions',
      stroke: ok,
      paths: () => null,
      points: { show: true, size: dot, fill: ok, stroke: ok },
      value: (_u, _v, _si, i) => (i == null ? '–' : `${trends.series[i].sessions_done}`),
    };
    return {
      width,
      height: plotHeight(width),
      tzDate: tzDateIn(trends.timezone),
      scales: { x: { time: true }, y: { range: [MARKER_Y - 0.6, 10] } },
      axes: [
        { ...axisColors(plotHolder) },
        { ...axisColors(plotHolder), splits: () => [0, 2, 4, 6, 8, 10], size: 36 },
      ],
      series: [
        bucketAxisSeries(trends),
        painSeries,
        ...(rolling ? [rollingSeries] : []),
        sessionSeries,
      ],
      hooks: { drawAxes: [rangeWhiskers(trends.series, muted)] },
      cursor: { drag: { x: false, y: false } },
    };
  };
  return responsivePlot(plotHolder, makeOptions, data);
}
