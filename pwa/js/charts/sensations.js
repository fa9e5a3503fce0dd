// Sensations over time as small multiples: one strip per sensation named in the range, every
// strip on the same "logs" axis so heights compare, and under them the mean count of nerve-pain
// (DN4) descriptors per log in a strip of its own, 0–7: never two scales on one plot.

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
  responsivePlot,
  tzDateIn,
  uPlot,
  Y_AXIS_SIZE,
} from './chart-kit.js';
import { SENSATION_LABELS } from './vocabulary-labels.js';

/** A strip's height in CSS pixels; the last one also carries the date axis. */
const STRIP_HEIGHT = 52;
const AXIS_HEIGHT = 36;
let syncCount = 0;

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

/** Draw one strip per sensation and one of the nerve-pain descriptor mean for a /trends answer. */
export function renderSensations(container, trends) {
  ensureChartStyles();
  const title = 'Sensations';
  const logged = trends.series.some((b) => b.logs > 0);
  if (!trends.series.length || !logged) {
    emptyChart(container, title, 'No symptom logs in this range.');
    return null;
  }
  const codes = sensationsPresent(trends);
  const { figure, plotHolder } = chartFigure(container, {
    title,
    summary: sensationSummary(trends, codes),
    className: 'chart-sensations',
  });
  // A bucket without logs is unknown (null, a gap), not "no sensations" (0).
  const counts = codes.map((code) =>
    trends.series.map((b) => (b.logs > 0 ? b.sensations?.[code] || 0 : null)),
  );
  const maxCount = Math.max(1, ...counts.flat().filter((v) => v != null));
  const sync = `sensations-${++syncCount}`;
  const note = document.createElement('p');
  note.className = 'chart-note';
  note.textContent = `Each strip: how many logs named that sensation, on the same scale (0 to ${maxCount}).`;
  plotHolder.append(note);

  const strips = codes.map((code, i) =>
    strip(plotHolder, trends, {
      name: SENSATION_LABELS[code],
      values: counts[i],
      range: [0, maxCount],
      color: `--sensation-${code}`,
      unit: (v) => `${v} ${v === 1 ? 'log' : 'logs'}`,
      sync,
    }),
  );
  const neuroNote = document.createElement('p');
  neuroNote.className = 'chart-note';
  neuroNote.textContent =
    'Nerve-pain descriptors per log (mean, 0 to 7): burning, tingling, electric and the other DN4 words.';
  plotHolder.append(neuroNote);
  const neuro = strip(plotHolder, trends, {
    name: 'Nerve-pain descriptors',
    values: trends.series.map((b) => b.neuropathic_mean),
    range: [0, 7],
    color: '--fg',
    unit: (v) => `${v} of 7`,
    sync,
    last: true,
    line: true,
  });
  figure.classList.add('small-multiples');
  const all = [...strips, neuro];
  return {
    get plots() {
      return all.map((one) => one.plot);
    },
    destroy() {
      for (const one of all) one.destroy();
    },
  };
}

/** One small multiple: its name beside it, its own strip of bars (or a line), shared x. */
function strip(
  parent,
  trends,
  { name, values, range, color, unit, sync, last = false, line = false },
) {
  const row = document.createElement('div');
  row.className = 'strip';
  const label = document.createElement('span');
  label.className = 'strip-name';
  label.textContent = name;
  const holder = document.createElement('div');
  holder.className = 'strip-plot';
  row.append(label, holder);
  parent.append(row);
  const height = STRIP_HEIGHT + (last ? AXIS_HEIGHT : 0);
  const makeOptions = (width) => {
    const stroke = cssColor(holder, color, '#777');
    return {
      width,
      height,
      padding: [8, PLOT_PADDING[1], last ? 0 : 8, 0],
      tzDate: tzDateIn(trends.timezone),
      legend: { show: false },
      scales: { x: bucketScale(trends), y: { range } },
      axes: [
        dateAxis(holder, trends, { show: last }),
        { ...axisColors(holder), splits: () => range, size: Y_AXIS_SIZE, gap: 2 },
      ],
      series: [
        bucketAxisSeries(trends),
        line
          ? {
              label: name,
              stroke,
              width: 2,
              spanGaps: false,
              points: { show: true, size: 5, fill: stroke },
              value: (_u, v) => (v == null ? '–' : unit(v)),
            }
          : {
              label: name,
              stroke,
              fill: stroke,
              width: 0,
              points: { show: false },
              paths: uPlot.paths.bars({ size: [0.8, 16] }),
              value: (_u, v) => (v == null ? '–' : unit(v)),
            },
      ],
      cursor: { drag: { x: false, y: false }, sync: { key: sync } },
    };
  };
  return responsivePlot(holder, makeOptions, [bucketSeconds(trends), values], () => height);
}
