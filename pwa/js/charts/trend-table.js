// The numbers behind the charts as a plain table: for screen readers, for print, and for anyone
// who would rather read than look at a chart.

import { bucketDate, ensureChartStyles, scrollableTable } from './chart-kit.js';
import { sessionsText } from './trend-shape.js';
import { SENSATION_LABELS } from './vocabulary-labels.js';

const COLUMNS = [
  ['Logs', (b) => String(b.logs)],
  ['Mean pain', (b) => (b.pain_mean == null ? '–' : String(b.pain_mean))],
  ['Lowest', (b) => (b.pain_min == null ? '–' : String(b.pain_min))],
  ['Highest', (b) => (b.pain_max == null ? '–' : String(b.pain_max))],
  [
    'Nerve-pain descriptors (mean, 0–7)',
    (b) => (b.neuropathic_mean == null ? '–' : String(b.neuropathic_mean)),
  ],
  ['Sensations named', sensationList],
  ['Sessions done of planned', (b) => sessionsText(b.sessions_done, b.sessions_planned)],
];

function sensationList(bucket) {
  const named = Object.entries(bucket.sensations || {}).filter(([, n]) => n > 0);
  if (!named.length) return '–';
  return named.map(([code, n]) => `${SENSATION_LABELS[code] || code} ${n}`).join(', ');
}

function cell(tag, text, scope) {
  const el = document.createElement(tag);
  el.textContent = text;
  if (scope) el.scope = scope;
  return el;
}

/** Draw the trends as a data table (caption, column and row headers), newest bucket first. */
export function renderTrendTable(container, trends) {
  ensureChartStyles();
  const week = trends.bucket === 'week';
  const table = document.createElement('table');
  table.className = 'trend-table';
  const caption = cell(
    'caption',
    `${week ? 'Weekly' : 'Daily'} figures (times in ${trends.timezone || 'UTC'}), newest first`,
  );
  const head = document.createElement('tr');
  head.append(cell('th', week ? 'Week of' : 'Day', 'col'));
  for (const [label] of COLUMNS) head.append(cell('th', label, 'col'));
  const thead = document.createElement('thead');
  thead.append(head);
  const tbody = document.createElement('tbody');
  for (const bucket of [...trends.series].reverse()) {
    const tr = document.createElement('tr');
    if (!bucket.logs && !bucket.sessions_done) tr.className = 'trend-empty';
    tr.append(cell('th', bucketDate(bucket.start), 'row'));
    for (const [, value] of COLUMNS) tr.append(cell('td', value(bucket)));
    tbody.append(tr);
  }
  table.append(caption, thead, tbody);
  container.replaceChildren(scrollableTable(table, 'Figures table'));
  return null;
}
