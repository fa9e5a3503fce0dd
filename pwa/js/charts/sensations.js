// Sensations over time: how many logs named each sensation per day or week, and the mean count
// of nerve-pain (DN4) descriptors per log on its own 0–7 scale.

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
import { SENSATION_LABELS } from './vocabulary-labels.js';

// Dashes as well as colours, so lines stay apart for people who do not see the colours.
const DASHES = [[], [6, 4], [2, 3], [10, 3, 2, 3], [], [6, 4], [2, 3], [10, 3, 2, 3]];

/** Sensation codes named at least once in the range, in vocabulary order. */
export function sensationsPresent(trends) {
  return Object.keys(SENSATION_LABELS).filter((code) =>
    trends.series.some((bucket) => bucket.sensations?.[code] > 0),
  );
}

function sensationSummary(trends, codes) {
  const first = trends.series[0];
  const last = trends.series[trends.series.length - 1];
  const totals = codes
    .map((code) => [code, trends.series.reduce((n, b) => n + (b.sensations?.[code] || 0), 0)])
    .sort((a, b) => b[1] - a[1])
    .map(
      ([code, n]) => `${SENSATION_LABELS[code].toLowerCase()} in ${n} ${n === 1 ? 'log' : 'logs'}`,
    );
  const neuro = trends.series.filter((b) => b.neuropathic_mean != null);
  const latest = neuro[neuro.length - 1];
  const parts = [
    `Sensations chart from ${bucketLabel(first.start, trends.bucket)} to ${bucketLabel(last.start, trends.bucket)}`,
    totals.length ? totals.join(', ') : 'no sensations named',
  ];
  if (latest) {
    parts.push(
      `latest nerve-pain descriptor mean ${latest.neuropathic_mean} of 7 on ${bucketLabel(latest.start, trends.bucket)}`,
    );
  }
  return `${parts.join('; ')}. The table below lists every number.`;
}

/** Draw sensation counts and the nerve-pain descriptor mean for a /trends answer. */
export function renderSensations(container, trends) {
  ensureChartStyles();
  const title = 'Sensations';
  const logged = trends.series.some((b) => b.logs > 0);
  if (!trends.series.length || !logged) {
    emptyChart(container, title, 'No symptom logs in this range.');
    return null;
  }
  const codes = sensationsPresent(trends);
  const { plotHolder } = chartFigure(container, {
    title,
    summary: sensationSummary(trends, codes),
    className: 'chart-sensations',
  });
  // A bucket without logs is unknown (null, a gap), not "no sensations" (0).
  const counts = codes.map((code) =>
    trends.series.map((b) => (b.logs > 0 ? b.sensations?.[code] || 0 : null)),
  );
  const neuropathic = trends.series.map((b) => b.neuropathic_mean);
  const data = [bucketSeconds(trends), ...counts, neuropathic];
  const maxCount = Math.max(1, ...counts.flat().filter((v) => v != null));

  const makeOptions = (width) => {
    const colors = codes.map((code) => cssColor(plotHolder, `--sensation-${code}`, '#777'));
    const fg = cssColor(plotHolder, '--fg', '#111');
    return {
      width,
      height: plotHeight(width),
      tzDate: tzDateIn(trends.timezone),
      scales: {
        x: { time: true },
        count: { range: [0, Math.max(4, maxCount)] },
        dn4: { range: [0, 7] },
      },
      axes: [
        { ...axisColors(plotHolder) },
        { ...axisColors(plotHolder), scale: 'count', size: 36, label: 'Logs', labelSize: 20 },
        {
          ...axisColors(plotHolder),
          scale: 'dn4',
          side: 1,
          size: 36,
          grid: { show: false },
          label: width < 480 ? 'Nerve-pain (0–7)' : 'Nerve-pain descriptors (0–7)',
          labelSize: 20,
        },
      ],
      series: [
        bucketAxisSeries(trends),
        ...codes.map((code, i) => ({
          label: SENSATION_LABELS[code],
          scale: 'count',
          stroke: colors[i],
          width: 2,
          dash: DASHES[i % DASHES.length],
          spanGaps: false,
          points: { show: true, size: 5, fill: colors[i] },
          value: (_u, v) => (v == null ? '–' : `${v}`),
        })),
        {
          label: 'Nerve-pain descriptors per log',
          scale: 'dn4',
          stroke: fg,
          width: 3,
          spanGaps: false,
          points: { show: true, size: 7, fill: fg },
          value: (_u, v) => (v == null ? '–' : `${v}`),
        },
      ],
      cursor: { drag: { x: false, y: false } },
    };
  };
  return responsivePlot(plotHolder, makeOptions, data);
}
