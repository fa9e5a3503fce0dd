// The client's trends on the client page: the range picker (shared with the client's History),
// the shared charts, and the numbers as a table (the charts are never the only way to read them).

import { renderPainTrend } from '../charts/pain-trend.js';
import { firstLogAt, rangePicker } from '../charts/range-picker.js';
import { renderRelief } from '../charts/relief.js';
import { renderSensations } from '../charts/sensations.js';
import {
  FIXED_RANGES,
  longDate,
  rangeQuery,
  rangeSearch,
  startAtFirstRecord,
} from '../charts/trend-shape.js';
import { renderTrendTable } from '../charts/trend-table.js';
import { h } from '../dom.js';

/** Dispatched on the panel when new logs or sessions arrived: it reloads the range shown. */
export const RECORDS_CHANGED = 'records-changed';

/** Range picker, charts and table for one client; loads the 30-day range at once. */
export function trendsPanel({ api, clientId }) {
  const pain = h('div', { class: 'chart-slot', 'data-chart': 'pain' });
  const sensations = h('div', { class: 'chart-slot', 'data-chart': 'sensations' });
  const relief = h('div', { class: 'chart-slot', 'data-chart': 'relief' });
  const table = h('div', { class: 'chart-slot', 'data-chart': 'table' });
  const status = h('p', { class: 'muted', role: 'status', 'aria-live': 'polite' });
  const handles = [];
  let ticket = 0;
  const picker = rangePicker({
    onChange: (range) => load(range),
    idPrefix: `client-${clientId}-range`,
  });

  async function load(range) {
    picker.select(range.key);
    const mine = ++ticket;
    status.textContent = 'Loading…';
    try {
      const asked =
        range.key === 'first'
          ? { ...range, firstLog: await firstLogAt(api, `/api/clients/${clientId}/logs`) }
          : range;
      const query = rangeQuery(asked);
      if (query.error) {
        if (mine === ticket) status.textContent = query.error;
        return;
      }
      const answer = await api.get(`/api/clients/${clientId}/trends?${rangeSearch(query)}`);
      if (mine !== ticket) return;
      // The 12 months start at the first log when that is later: no months of empty chart.
      const trends = range.startAtFirstRecord ? startAtFirstRecord(answer) : answer;
      for (const handle of handles.splice(0)) handle?.destroy();
      handles.push(renderPainTrend(pain, trends), renderSensations(sensations, trends));
      renderRelief(relief, trends);
      renderTrendTable(table, trends);
      status.textContent =
        `Showing ${longDate(trends.from)} to ${longDate(trends.to)}` +
        `${query.clipped ? ' (the longest range one view shows)' : ''}.`;
    } catch (error) {
      if (mine === ticket) status.textContent = `Could not load the trends: ${error.message}`;
    }
  }

  load(FIXED_RANGES[0]);
  const panel = h(
    'div',
    { class: 'trends-panel' },
    h('div', { class: 'range-controls' }, picker.element),
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
  panel.addEventListener(RECORDS_CHANGED, () => load(picker.current()));
  return panel;
}
