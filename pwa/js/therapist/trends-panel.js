// The client's trends on the client page: a range picker, the shared charts, and the numbers
// as a table (the charts are never the only way to read them).

import { renderPainTrend } from '../charts/pain-trend.js';
import { renderRelief } from '../charts/relief.js';
import { renderSensations } from '../charts/sensations.js';
import { renderTrendTable } from '../charts/trend-table.js';
import { h } from '../dom.js';

const RANGES = [
  { key: '30', label: '30 days', days: 30, bucket: 'day' },
  { key: '90', label: '90 days', days: 90, bucket: 'day' },
  { key: '365', label: '12 months by week', days: 365, bucket: 'week' },
];

/** Dispatched on the panel when new logs or sessions arrived: it reloads the range shown. */
export const RECORDS_CHANGED = 'records-changed';

/** YYYY-MM-DD of a date n days before today, in the viewer's calendar (the server re-reads it
 *  as the client's local date, which is what a range of days means to them). */
function daysAgo(n) {
  const day = new Date();
  day.setDate(day.getDate() - n);
  return `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, '0')}-${String(day.getDate()).padStart(2, '0')}`;
}

/** Range chips, charts and table for one client; loads the 30-day range at once. */
export function trendsPanel({ api, clientId }) {
  const pain = h('div', { class: 'chart-slot', 'data-chart': 'pain' });
  const sensations = h('div', { class: 'chart-slot', 'data-chart': 'sensations' });
  const relief = h('div', { class: 'chart-slot', 'data-chart': 'relief' });
  const table = h('div', { class: 'chart-slot', 'data-chart': 'table' });
  const status = h('p', { class: 'muted', role: 'status', 'aria-live': 'polite' });
  const handles = [];
  let ticket = 0;
  let current = RANGES[0];

  const chips = RANGES.map((range) =>
    h(
      'button',
      {
        type: 'button',
        class: 'chip',
        'aria-pressed': String(range.key === '30'),
        on: { click: () => load(range) },
      },
      range.label,
    ),
  );

  async function load(range) {
    current = range;
    chips.forEach((chip, i) => {
      chip.setAttribute('aria-pressed', String(RANGES[i] === range));
    });
    const mine = ++ticket;
    status.textContent = 'Loading…';
    try {
      const trends = await api.get(
        `/api/clients/${clientId}/trends?from=${daysAgo(range.days - 1)}&bucket=${range.bucket}`,
      );
      if (mine !== ticket) return;
      for (const handle of handles.splice(0)) handle?.destroy();
      handles.push(renderPainTrend(pain, trends), renderSensations(sensations, trends));
      renderRelief(relief, trends);
      renderTrendTable(table, trends);
      status.textContent = `Showing ${range.label}.`;
    } catch (error) {
      if (mine === ticket) status.textContent = `Could not load the trends: ${error.message}`;
    }
  }

  load(RANGES[0]);
  const panel = h(
    'div',
    { class: 'trends-panel' },
    h('div', { class: 'range-controls', role: 'group', 'aria-label': 'Range' }, chips),
    status,
    h('div', { class: 'charts-grid' }, pain, sensations),
    relief,
    h(
      'details',
      { class: 'numbers-details' },
      h('summary', { text: 'The numbers as a table' }),
      table,
    ),
  );
  panel.addEventListener(RECORDS_CHANGED, () => load(current));
  return panel;
}
