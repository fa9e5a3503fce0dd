// History: pain trend, sensations and relief by direction over 30/90/365 days, and a printable report.
import { h, screenTitle } from '../dom.js';
import { loadTrends } from '../trends-source.js';

const RANGES = [30, 90, 365];

/** The chart modules, fetched alongside the first trends answer rather than before it. */
const charts = () => Promise.all([
  import('/js/charts/pain-trend.js'), import('/js/charts/sensations.js'),
  import('/js/charts/relief.js'), import('/js/charts/trend-table.js'),
]).then(([pain, sensations, relief, table]) => ({ ...pain, ...sensations, ...relief, ...table }));

/** Let the browser paint and take input between charts (one long task would block taps). */
const nextTask = () => new Promise((resolve) => { setTimeout(resolve, 0); });

/** The History screen; the same page prints as a report for a doctor. */
export function createHistoryView(context) {
  const { user } = context;
  const body = h('div', { class: 'stack', 'aria-live': 'polite', 'aria-busy': 'true' });
  const buttons = RANGES.map((days) => h('button', {
    type: 'button', class: 'chip', 'aria-pressed': String(days === 30), on: { click: () => show(days) },
  }, `${days} days`));
  const printHeading = h('p', { class: 'print-only' });

  async function show(days) {
    buttons.forEach((button, index) => button.setAttribute('aria-pressed', String(RANGES[index] === days)));
    body.setAttribute('aria-busy', 'true');
    const [{ trends, offline }, draw] = await Promise.all([loadTrends(context.api, user.id, days), charts()]);
    body.setAttribute('aria-busy', 'false');
    if (!trends) {
      body.replaceChildren(h('p', {}, 'Your history needs a connection the first time. Please try again when you are online.'));
      return;
    }
    printHeading.textContent = `${user.name} · ${trends.from} to ${trends.to} (${trends.timezone}) · printed ${new Date().toLocaleDateString()}`;
    const blocks = {
      pain: h('div', { class: 'chart-block chart-pain' }),
      sensations: h('div', { class: 'chart-block chart-sensations' }),
      relief: h('div', { class: 'chart-block chart-relief' }),
      table: h('div', { class: 'chart-block' }),
    };
    body.replaceChildren(...[
      offline && h('p', { class: 'notice info' }, 'You are offline: this is the history saved on this phone.'),
      section('Pain', blocks.pain),
      section('What it felt like', blocks.sensations),
      section('Which directions helped', blocks.relief),
      h('details', { class: 'card table-details', open: window.matchMedia('print').matches },
        h('summary', {}, h('strong', {}, 'All figures as a table')), blocks.table)].filter(Boolean));
    draw.renderPainTrend(blocks.pain, trends);
    await nextTask();
    draw.renderSensations(blocks.sensations, trends);
    await nextTask();
    draw.renderRelief(blocks.relief, trends);
    draw.renderTrendTable(blocks.table, trends);
  }

  body.append(...['Pain', 'What it felt like', 'Which directions helped'].map((title, index) => section(title,
    h('div', { class: `chart-block ${['chart-pain', 'chart-sensations', 'chart-relief'][index]}` },
      h('p', { class: 'muted' }, 'Loading…')))));
  const element = h('section', { class: 'screen history' },
    screenTitle('My progress'), printHeading,
    h('div', { class: 'history-range no-print', role: 'group', 'aria-label': 'Time range' }, buttons),
    body,
    h('div', { class: 'no-print stack' },
      h('button', { type: 'button', class: 'button wide', on: { click: printReport } }, 'Print or save as PDF for my doctor'),
      h('p', { class: 'small muted' }, 'The report shows these charts and the table, ready to take to an appointment.')));
  show(30);
  return { element };
}

function section(title, block) {
  return h('section', { class: 'card' }, h('h2', {}, title), block);
}

function printReport() {
  // The figures table is folded on screen; a printed report should show it in full.
  const details = document.querySelector('.table-details');
  const wasOpen = details?.open;
  if (details) details.open = true;
  window.addEventListener('afterprint', () => { if (details) details.open = wasOpen; }, { once: true });
  window.print();
}
