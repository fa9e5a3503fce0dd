// The caseload: every client with last log, 7-day pain and its change, adherence, open flags and
// a sparkline; the server's order (most in need of attention first, the rule said above the
// list) unless re-sorted; a name search and filters over the same answer (caseload-filter.js);
// a header that stays in view. It refreshes by itself (live-refresh.js), keeping focus, the
// chosen order and filters, and marks and announces a client with a new flag.

import { URGENCY_TIERS } from '../clinical-rules.js';
import { h } from '../dom.js';
import { ATTENTION_RULE, filterRows, shownText } from './caseload-filter.js';
import { caseloadNews, flaggedSince } from './caseload-news.js';
import { caseloadToolbar } from './caseload-toolbar.js';
import { urgencyLabel } from './flag-labels.js';
import { adherenceText, painChange, painFigure, timeAgo } from './format.js';
import { keepFresh } from './live-refresh.js';
import { noticesPanel } from './notices-panel.js';
import { caseloadOutcomeLine } from './outcome-words.js';
import { pendingInvitesPanel } from './pending-invites.js';
import { painSparkline } from './sparkline.js';

const URGENCY_RANK = Object.fromEntries(URGENCY_TIERS.map((tier, rank) => [tier, rank]));
const last = Number.POSITIVE_INFINITY;

/** Sort orders: label and a comparator; 'attention' keeps the server's order. */
export const SORTS = {
  attention: { label: 'Needs attention', compare: null },
  name: { label: 'Name', compare: (a, b) => a.name.localeCompare(b.name) },
  lastLog: {
    label: 'Last log (oldest first)',
    compare: (a, b) =>
      (a.last_log_at ? Date.parse(a.last_log_at) : -last) -
      (b.last_log_at ? Date.parse(b.last_log_at) : -last),
  },
  pain: {
    label: '7-day pain (highest first)',
    compare: (a, b) => (b.pain_mean_7d ?? -1) - (a.pain_mean_7d ?? -1),
  },
  change: {
    label: 'Pain change (worst first)',
    compare: (a, b) => (b.pain_change_7d ?? -99) - (a.pain_change_7d ?? -99),
  },
  adherence: {
    label: 'Adherence (lowest first)',
    compare: (a, b) => (a.adherence?.ratio ?? 2) - (b.adherence?.ratio ?? 2),
  },
  flags: {
    label: 'Open flags (most urgent first)',
    compare: (a, b) =>
      (URGENCY_RANK[a.top_urgency] ?? 9) - (URGENCY_RANK[b.top_urgency] ?? 9) ||
      b.open_flags - a.open_flags,
  },
};

/** Rows in the chosen order (a stable copy; the server's order breaks ties). */
export function sortedRows(rows, sortKey) {
  const compare = SORTS[sortKey]?.compare;
  return compare ? [...rows].sort(compare) : [...rows];
}

const COLUMNS = [
  ['Client', 'name'],
  ['Last log', 'lastLog'],
  ['7-day pain', 'pain'],
  ['Change', 'change'],
  ['Adherence (7 days)', 'adherence'],
  ['Open flags', 'flags'],
  ['Recent pain', null],
];

/** The caseload screen. */
export async function caseloadScreen({ api }) {
  let rows = await api.get('/api/clients');
  const newlyFlagged = new Set();
  let sortKey = 'attention';
  const tbody = h('tbody');
  const headRow = h('tr');
  const sortSelect = h(
    'select',
    { id: 'caseload-sort' },
    Object.entries(SORTS).map(([key, sort]) => h('option', { value: key, text: sort.label })),
  );
  const status = h('p', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite' });
  const shown = h('p', { class: 'caseload-shown', role: 'status', 'aria-live': 'polite' });
  const noMatch = h('p', { class: 'card empty-state', hidden: true });
  const toolbar = caseloadToolbar({
    onChange: () => {
      drawRows();
      drawCounts();
    },
  });

  function applySort(key) {
    sortKey = key;
    sortSelect.value = key;
    drawRows();
    headRow.replaceChildren(...COLUMNS.map(([label, key]) => headerCell(label, key)));
    status.textContent = `Sorted by ${SORTS[key].label.toLowerCase()}.`;
  }

  /** The rows in the chosen order; focus on a client's link stays on that client's link. */
  function drawRows() {
    const focused = tbody.contains(document.activeElement)
      ? document.activeElement.closest('tr')?.dataset.client
      : null;
    const matching = filterRows(sortedRows(rows, sortKey), toolbar.choice());
    tbody.replaceChildren(...matching.map(clientRow));
    noMatch.hidden = matching.length > 0 || rows.length === 0;
    noMatch.replaceChildren(
      'No client matches this search and these filters. ',
      h('button', {
        type: 'button',
        class: 'text-button',
        text: 'Show everyone',
        on: { click: () => toolbar.clear() },
      }),
    );
    for (const id of newlyFlagged) {
      tbody
        .querySelector(`tr[data-client="${id}"] [data-label="Open flags"]`)
        ?.append(h('span', { class: 'badge badge-new', text: 'New' }));
    }
    if (focused)
      tbody.querySelector(`tr[data-client="${focused}"] a`)?.focus({ preventScroll: true });
  }

  function headerCell(label, key) {
    if (!key) return h('th', { scope: 'col', text: label });
    const active = sortKey === key;
    return h(
      'th',
      { scope: 'col', 'aria-sort': active ? 'ascending' : null },
      h(
        'button',
        {
          type: 'button',
          class: 'th-sort',
          on: { click: () => applySort(active ? 'attention' : key) },
        },
        label,
        h('span', { class: 'sort-mark', 'aria-hidden': 'true', text: active ? ' ▲' : '' }),
      ),
    );
  }

  sortSelect.addEventListener('change', () => applySort(sortSelect.value));
  const table = h(
    'table',
    { class: 'caseload' },
    h('caption', { class: 'visually-hidden', text: 'Your clients' }),
    h('thead', {}, headRow),
    tbody,
  );
  applySort('attention');
  status.textContent = '';

  const lede = h('p', { class: 'ws-lede' });
  const outcomeSummary = h('p', { class: 'ws-lede', 'data-testid': 'outcome-summary' });
  const filled = h(
    'div',
    { class: 'caseload-block' },
    lede,
    outcomeSummary,
    ...toolbar.elements,
    h(
      'div',
      { class: 'ws-sort' },
      h('label', { for: 'caseload-sort', text: 'Sort by' }),
      sortSelect,
    ),
    shown,
    status,
    table,
    noMatch,
  );
  const empty = h(
    'div',
    { class: 'card empty-state' },
    h('p', { text: 'No clients yet. Invite your first client to send them a link to join.' }),
  );
  function drawCounts() {
    lede.textContent = ATTENTION_RULE;
    outcomeSummary.textContent = caseloadOutcomeLine(rows);
    const words = `${shownText(tbody.rows.length, rows.length)}.`;
    if (shown.textContent !== words) shown.textContent = words; // said only when it changes
    filled.hidden = rows.length === 0;
    empty.hidden = rows.length > 0;
  }
  drawCounts();

  const screen = h(
    'section',
    { class: 'ws-screen', 'data-title': 'Caseload' },
    h(
      'div',
      { class: 'ws-title-row' },
      h('h1', { tabindex: '-1', text: 'Caseload' }),
      h('a', { class: 'button primary', href: '#/invite', text: 'Invite a client' }),
    ),
    noticesPanel({ api }),
    filled,
    empty,
    pendingInvitesPanel({ api }),
  );
  const live = keepFresh({
    screen,
    load: () => api.get('/api/clients'),
    apply(fresh) {
      const news = caseloadNews(rows, fresh);
      for (const id of flaggedSince(rows, fresh)) newlyFlagged.add(id);
      rows = fresh;
      drawRows();
      drawCounts();
      return news;
    },
  });
  screen.querySelector('.ws-title-row').after(live.element, live.announcer);
  return screen;
}

/** Closed, discharged or shared: said beside the name, so the row is read right. */
const STATUS_TAGS = { closed: 'Account closed (read-only)', discharged: 'Discharged' };

function statusTag(row) {
  const words = [STATUS_TAGS[row.status], row.shared_with_me ? 'Shared with you' : null].filter(
    Boolean,
  );
  return words.length
    ? h('span', { class: `status-tag status-${row.status}`, text: words.join(' · ') })
    : null;
}

function clientRow(row) {
  const change = painChange(row.pain_change_7d, row.pain_change_7d_category);
  const flagCell = row.open_flags
    ? h(
        'span',
        { class: 'flag-badges' },
        h(
          'span',
          { class: `badge urgency-${row.top_urgency}` },
          `${row.open_flags} open · ${urgencyLabel(row.top_urgency)}`,
        ),
        row.paused ? h('span', { class: 'badge badge-paused', text: 'Self-massage paused' }) : null,
      )
    : h('span', { class: 'muted', text: 'none' });
  const recent = row.recent_pain || [];
  return h(
    'tr',
    { class: row.open_flags ? 'has-flags' : null, 'data-client': row.id },
    h(
      'th',
      { scope: 'row', 'data-label': 'Client' },
      h('a', { href: `#/clients/${row.id}`, class: 'client-link', text: row.name }),
      statusTag(row),
      h('span', {
        class: 'client-sub',
        text: row.program_version ? `Program v${row.program_version}` : 'No program yet',
      }),
    ),
    h(
      'td',
      { 'data-label': 'Last log' },
      h(
        'span',
        { class: 'last-log' },
        row.last_log_at
          ? h('time', { datetime: row.last_log_at, text: timeAgo(row.last_log_at) })
          : 'never',
        row.not_logging ? h('span', { class: 'badge badge-reason', text: 'Not logging' }) : null,
      ),
    ),
    h('td', { 'data-label': '7-day pain', class: 'num', text: painFigure(row.pain_mean_7d) }),
    h('td', { 'data-label': 'Change', class: `num trend-${change.trend}`, text: change.text }),
    h('td', { 'data-label': 'Adherence (7 days)', text: adherenceText(row.adherence) }),
    h('td', { 'data-label': 'Open flags' }, flagCell),
    h(
      'td',
      { 'data-label': 'Recent pain' },
      painSparkline(recent),
      h('span', {
        class: 'visually-hidden',
        text: recent.length
          ? `Recent pain scores, oldest first: ${recent.join(', ')}`
          : 'No recent scores',
      }),
    ),
  );
}
