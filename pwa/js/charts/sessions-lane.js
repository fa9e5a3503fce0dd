// The sessions lane under the pain chart: per day or week, sessions done against planned, in a
// strip of its own with its own labelled axis (never marks under the pain plot's zero).

import {
  axisColors,
  bucketAxisSeries,
  bucketScale,
  bucketSeconds,
  cssColor,
  dateAxis,
  PLOT_PADDING,
  responsivePlot,
  tzDateIn,
  uPlot,
  Y_AXIS_SIZE,
} from './chart-kit.js';
import { sessionsText } from './trend-shape.js';

/** The lane's height in CSS pixels. */
const LANE_HEIGHT = 72;

/**
 * Sessions done against planned per bucket: an outlined bar as tall as the sessions planned and
 * a filled bar inside it as tall as those done, so one of two reads as half a bar, never as two.
 */
export function sessionsLane(holder, trends, sync) {
  const planned = trends.series.map((b) => b.sessions_planned || 0);
  const done = trends.series.map((b) => b.sessions_done || 0);
  const top = Math.max(1, ...planned, ...done);
  const data = [bucketSeconds(trends), planned, done];
  const makeOptions = (width) => {
    const ok = cssColor(holder, '--ok', '#1b7f3b');
    const muted = cssColor(holder, '--muted', '#666');
    return {
      width,
      height: LANE_HEIGHT,
      padding: [8, PLOT_PADDING[1], 8, 0],
      tzDate: tzDateIn(trends.timezone),
      legend: { show: false }, // the pain plot's legend says "Sessions: 1 of 2"
      scales: { x: bucketScale(trends), y: { range: [0, top] } },
      axes: [
        dateAxis(holder, trends, { show: false }),
        {
          ...axisColors(holder),
          splits: () => [0, top],
          size: Y_AXIS_SIZE,
          label: 'Sessions',
          labelSize: 18,
          grid: { show: false },
        },
      ],
      series: [
        bucketAxisSeries(trends),
        {
          label: 'Sessions planned',
          stroke: muted,
          fill: 'transparent',
          width: 1.5,
          paths: uPlot.paths.bars({ size: [0.7, 18] }),
          points: { show: false },
          value: (_u, v) => (v == null ? '–' : `${v}`),
        },
        {
          label: 'Sessions done',
          stroke: ok,
          fill: ok,
          width: 0,
          paths: uPlot.paths.bars({ size: [0.4, 10] }),
          points: { show: false },
          value: (_u, _v, _si, i) => (i == null ? '–' : sessionsText(done[i], planned[i])),
        },
      ],
      cursor: { drag: { x: false, y: false }, sync: { key: sync } },
    };
  };
  return responsivePlot(holder, makeOptions, data, () => LANE_HEIGHT);
}
