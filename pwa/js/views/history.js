// History: pain trend, sensations and relief by direction over 30 days, 90 days, 12 months (from
// the first log when later), since the first log or chosen dates; and a printable report.
import { rangePicker } from '../charts/range-picker.js';
import { FIXED_RANGES, isoDay, longDate, startAtFirstRecord } from '../charts/trend-shape.js';
import { h, screenTitle } from '../dom.js';
import { loadTrends } from '../trends-source.js';
import { whenShown } from './lazy-render.js';
import { createProblem } from './problem.js';

/** The chart modules and their stylesheets, fetched alongside the first trends answer. */
const charts = () =>
  Promise.all([
    import('/js/charts/pain-trend.js'),
    import('/js/charts/sensations.js'),
    import('/js/charts/relief.js'),
    import('/js/charts/trend-table.js'),
    import('/js/charts/chart-kit.js').then((kit) => kit.ensureChartStyles()),
  ]).then(([pain, sensations, relief, table]) => ({ ...pain, ...sensations, ...relief, ...table }));

/** The History screen; the same page prints as a report for a doctor. */
export function createHistoryView(context) {
  const { user } = context;
  const body = h('div', { class: 'stack', 'aria-live': 'polite', 'aria-busy': 'true' });
  const picker = rangePicker({ onChange: (range) => show(range), idPrefix: 'history-range' });
  const printHeading = h('p', { class: 'print-only' });
  let pending = null; // what of the range on screen is not drawn yet: {drawAll(), cancel()}
  let current = { range: FIXED_RANGES[0], complete: false }; // complete: fresh from the server, drawn
  let asked = 0; // the latest range asked for wins; an older answer arriving late is dropped
  let loading = false;

  async function show(range) {
    const ask = ++asked;
    current = { range, complete: false };
    picker.select(range.key);
    body.setAttribute('aria-busy', 'true');
    pending?.cancel();
    let loaded;
    loading = true;
    try {
      loaded = await Promise.all([loadTrends(context.api, user.id, range), charts()]);
    } catch (error) {
      if (ask !== asked) return;
      loading = false;
      body.setAttribute('aria-busy', 'false');
      body.replaceChildren(createProblem({ error, onRetry: () => show(range) }));
      return;
    }
    if (ask !== asked) return;
    loading = false;
    const [{ trends: answer, offline, message }, draw] = loaded;
    body.setAttribute('aria-busy', 'false');
    if (message) {
      current.complete = true;
      body.replaceChildren(h('p', { class: 'card muted' }, message));
      return;
    }
    if (!answer) {
      body.replaceChildren(
        createProblem({
          message:
            'Your history for this range needs a connection the first time, and the app cannot reach ' +
            'its server just now.',
          onRetry: () => show(range),
        }),
      );
      return;
    }
    // The 12 months start at the first log when that is later: no months of empty chart.
    const trends = range.startAtFirstRecord ? startAtFirstRecord(answer) : answer;
    current.complete = !offline;
    printHeading.textContent =
      `${user.name} · ${longDate(trends.from)} to ${longDate(trends.to)} ` +
      `(${trends.timezone}) · printed ${longDate(isoDay(new Date()))}`;
    const blocks = chartBlocks();
    const table = h('div', { class: 'chart-block' });
    const details = h(
      'details',
      { class: 'card table-details', open: window.matchMedia('print').matches },
      h('summary', {}, h('strong', {}, 'All figures as a table')),
      table,
    );
    body.replaceChildren(
      ...[
        offline &&
          h(
            'p',
            { class: 'notice info' },
            'You are offline: this is the history saved on this phone.',
          ),
        ...blocks.map((block) => h('section', { class: 'card' }, block)),
        details,
      ].filter(Boolean),
    );
    // Each chart is drawn in a task of its own once its card is near the screen (uPlot's set-up
    // is the page's longest work); the folded table only when opened or printed.
    const charted = whenShown(blocks, [
      () => draw.renderPainTrend(blocks[0], trends),
      () => draw.renderSensations(blocks[1], trends),
      () => draw.renderRelief(blocks[2], trends),
    ]);
    let tableDrawn = false;
    const drawTable = () => {
      if (!tableDrawn) draw.renderTrendTable(table, trends);
      tableDrawn = true;
    };
    details.addEventListener('toggle', () => {
      if (details.open) drawTable();
    });
    if (details.open) drawTable();
    pending = {
      cancel: () => charted.cancel(),
      drawAll: () => {
        charted.drawAll();
        drawTable();
      },
    };
  }

  body.append(...chartBlocks().map((block) => h('section', { class: 'card' }, block)));
  const printNow = () => pending?.drawAll();
  window.addEventListener('beforeprint', printNow);
  const element = h(
    'section',
    { class: 'screen history' },
    screenTitle('My progress'),
    printHeading,
    h('div', { class: 'history-range' }, picker.element),
    body,
    h(
      'div',
      { class: 'no-print stack' },
      h(
        'button',
        { type: 'button', class: 'button wide', on: { click: printReport } },
        'Print or save as PDF for my doctor',
      ),
      h(
        'p',
        { class: 'small muted' },
        'The report shows these charts and the table, ready to take to an appointment.',
      ),
    ),
  );
  show(FIXED_RANGES[0]);
  return {
    element,
    /** Back online: fetch again what was shown from this phone or could not be loaded. */
    reconnected() {
      if (!loading && !current.complete) show(current.range);
    },
    leave() {
      pending?.cancel();
      window.removeEventListener('beforeprint', printNow);
    },
  };
}

/** Empty blocks that keep each chart's room (app.css), so nothing jumps when they draw. */
function chartBlocks() {
  return ['chart-pain', 'chart-sensations', 'chart-relief'].map((name) =>
    h('div', { class: `chart-block ${name}` }, h('p', { class: 'muted' }, 'Loading…')),
  );
}

function printReport() {
  // The figures table is folded on screen; a printed report should show it in full.
  const details = document.querySelector('.table-details');
  const wasOpen = details?.open;
  if (details) details.open = true;
  window.addEventListener(
    'afterprint',
    () => {
      if (details) details.open = wasOpen;
    },
    { once: true },
  );
  window.print();
}
