// Shared plumbing for the uPlot charts: styles, theme colours, time axis, resizing, summaries.

import uPlot from '/vendor/uplot.js';
import { localeTicks } from './trend-shape.js';

export { uPlot };

const stylesheets = new Map();

/**
 * Insert a stylesheet <link> once (CSP allows 'self' stylesheets, not inline styles).
 * @returns {Promise<void>} settles when it has loaded (or failed: the page still works unstyled)
 */
export function ensureStylesheet(href) {
  if (!stylesheets.has(href)) {
    const existing = document.querySelector(`link[rel="stylesheet"][href="${href}"]`);
    const link = existing || document.createElement('link');
    const loaded = existing
      ? Promise.resolve()
      : new Promise((resolve) => {
          link.addEventListener('load', resolve, { once: true });
          link.addEventListener('error', resolve, { once: true });
        });
    if (!existing) {
      link.rel = 'stylesheet';
      link.href = href;
      document.head.append(link);
    }
    stylesheets.set(href, loaded);
  }
  return stylesheets.get(href);
}

/** Load uPlot's own CSS and ours; resolves when both are in (colours are read from them). */
export function ensureChartStyles() {
  return Promise.all([ensureStylesheet('/vendor/uplot.css'), ensureStylesheet('/css/charts.css')]);
}

/** Read a CSS custom property as seen from el, so dark mode and themes apply. */
export function cssColor(el, name, fallback) {
  const value = getComputedStyle(el).getPropertyValue(name).trim();
  return value || fallback;
}

/** Axis, grid and tick colours from the design tokens. */
export function axisColors(el) {
  return {
    stroke: cssColor(el, '--muted', '#555'),
    grid: { stroke: cssColor(el, '--border', '#ddd'), width: 1 },
    ticks: { stroke: cssColor(el, '--border', '#ddd'), width: 1 },
  };
}

/** Bucket starts (local midnight with offset, from the server) as Unix seconds for uPlot. */
export function bucketSeconds(trends) {
  return trends.series.map((bucket) => Date.parse(bucket.start) / 1000);
}

/** Draw the x axis in the client's zone, not the viewer's (uPlot's tzDate; DST-correct). */
export function tzDateIn(timezone) {
  return (seconds) => uPlot.tzDate(new Date(seconds * 1e3), timezone || 'UTC');
}

const DAY = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' });

/** "3 May" for a bucket start: its local date is the first ten characters, whatever the zone. */
export function bucketDate(start) {
  const [y, m, d] = start.slice(0, 10).split('-').map(Number);
  return DAY.format(new Date(Date.UTC(y, m - 1, d)));
}

/** A bucket's name in a sentence or table cell: "3 May" or "week of 3 May". */
export function bucketLabel(start, bucket) {
  return bucket === 'week' ? `week of ${bucketDate(start)}` : bucketDate(start);
}

/** The x series of a trend chart: its legend names the bucket ("Day 25 Nov"), not a timestamp. */
export function bucketAxisSeries(trends) {
  return {
    label: trends.bucket === 'week' ? 'Week of' : 'Day',
    value: (_u, _v, _s, idx) => (idx == null ? '–' : bucketDate(trends.series[idx].start)),
  };
}

const DAY_SECONDS = 86400;
/** Tick steps of whole days, then whole months: never two ticks on one day ("1 Mar, 1 Mar"). */
const DATE_INCRS = [1, 2, 3, 7, 14]
  .map((n) => n * DAY_SECONDS)
  .concat([1, 2, 3, 6, 12].map((n) => n * 30 * DAY_SECONDS));

/**
 * The x scale of a trend chart: time, widened by half a bucket at each end so the first and
 * last bars are whole and the first dot is not on the axis.
 */
export function bucketScale(trends) {
  const half = ((trends.bucket === 'week' ? 7 : 1) * DAY_SECONDS) / 2;
  return { time: true, range: (_u, min, max) => [min - half, max + half] };
}

/** Fixed plot padding [top, right, bottom, left] in CSS pixels: stacked plots line up exactly. */
export const PLOT_PADDING = [8, 22, 0, 0];

/**
 * The x axis of a trend chart: dates in the reader's locale ("30 Nov", never "11/1") on the
 * client's local days, titled with what a tick stands for. show: false keeps the room out
 * (small multiples above the last one).
 */
export function dateAxis(el, trends, { show = true } = {}) {
  return {
    ...axisColors(el),
    show,
    values: localeTicks(trends.timezone),
    incrs: DATE_INCRS,
    label: trends.bucket === 'week' ? 'Week starting' : 'Day',
    labelSize: show ? 18 : 0,
    size: show ? 36 : 0,
  };
}

/** Width of every y axis (ticks and title), so stacked plots line their x axes up exactly. */
export const Y_AXIS_SIZE = 44;

/** Wrap a chart in a figure with a visible title and an accessible summary of its numbers. */
export function chartFigure(container, { title, summary, className }) {
  const figure = document.createElement('figure');
  figure.className = `chart ${className || ''}`.trim();
  const caption = document.createElement('figcaption');
  caption.className = 'chart-title';
  caption.textContent = title;
  const canvasHolder = document.createElement('div');
  canvasHolder.className = 'chart-plot';
  canvasHolder.setAttribute('role', 'img');
  canvasHolder.setAttribute('aria-label', summary);
  figure.append(caption, canvasHolder);
  container.replaceChildren(figure);
  return { figure, plotHolder: canvasHolder };
}

/** A short note shown in place of a chart when there is nothing to draw. */
export function emptyChart(container, title, message) {
  const { plotHolder } = chartFigure(container, { title, summary: message });
  plotHolder.classList.add('chart-empty');
  plotHolder.textContent = message;
}

/**
 * Fill the legend with the latest bucket that has data, so before any pointer moves it reads
 * "Pain (mean): 4" rather than uPlot's "--", which a client could take for missing data.
 */
function showLatest(plot) {
  // uPlot commits its first draw (which resets the legend) after construction, so wait a frame.
  requestAnimationFrame(() => {
    const [, ...values] = plot.data;
    for (let idx = plot.data[0].length - 1; idx >= 0; idx--) {
      if (values.some((series) => series[idx] != null)) {
        plot.setLegend({ idx });
        break;
      }
    }
  });
  return plot;
}

/**
 * Build a uPlot that follows its container's width and the colour scheme.
 * @param {HTMLElement} holder  element the plot lives in
 * @param {(width: number) => object} makeOptions  uPlot options for a width in CSS pixels
 * @param {Array} data  uPlot columns
 * @param {(width: number) => number} [heightOf]  plot height in CSS pixels for a width
 * @returns {{ plot: uPlot, destroy: () => void }}
 */
export function responsivePlot(holder, makeOptions, data, heightOf = plotHeight) {
  const widthOf = () =>
    Math.max(240, Math.floor(holder.clientWidth || holder.parentElement?.clientWidth || 320));
  let plot = null;
  let lastWidth = 0;
  let stopped = false;
  // Colours are read from charts.css, so the plot is built once the stylesheet is in.
  ensureChartStyles().then(() => {
    if (stopped) return;
    lastWidth = widthOf();
    plot = showLatest(new uPlot(makeOptions(lastWidth), data, holder));
    resize.observe(holder);
    scheme.addEventListener('change', rebuild);
  });
  const resize = new ResizeObserver(() => {
    if (!holder.isConnected) return stop();
    const width = widthOf();
    if (plot && width !== lastWidth) {
      lastWidth = width;
      plot.setSize({ width, height: heightOf(width) });
    }
  });
  // Colours come from CSS variables read at build time, so rebuild when the scheme flips.
  const scheme = window.matchMedia('(prefers-color-scheme: dark)');
  const rebuild = () => {
    if (!holder.isConnected) return stop();
    plot?.destroy();
    plot = showLatest(new uPlot(makeOptions(widthOf()), data, holder));
  };
  function stop() {
    stopped = true;
    resize.disconnect();
    scheme.removeEventListener('change', rebuild);
  }
  return {
    get plot() {
      return plot;
    },
    destroy() {
      stop();
      plot?.destroy();
    },
  };
}

/** Plot height in CSS pixels: shorter on phones so the page stays scannable. */
export function plotHeight(width) {
  return width < 480 ? 200 : 260;
}

/** Put a wide table in a keyboard-scrollable region (narrow phones scroll it sideways). */
export function scrollableTable(table, label) {
  const region = document.createElement('div');
  region.className = 'table-scroll';
  region.tabIndex = 0;
  region.setAttribute('role', 'region');
  region.setAttribute('aria-label', label);
  region.append(table);
  return region;
}
