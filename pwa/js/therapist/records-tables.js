// Recent symptom logs and practice sessions as compact tables, times on the client's clock.

import { scrollableTable } from '../charts/chart-kit.js';
import { DIRECTION_LABELS, SENSATION_LABELS } from '../charts/vocabulary-labels.js';
import { h } from '../dom.js';
import { ACTIVITIES, regionLabel } from '../vocabulary.js';
import { flagText } from './flag-labels.js';
import { clientTime, minutesBetween } from './format.js';

const list = (codes, labels) => (codes?.length ? codes.map((c) => labels[c] || c).join(', ') : '–');

function table(caption, headers, rows) {
  return scrollableTable(
    h(
      'table',
      { class: 'records-table' },
      h('caption', { class: 'visually-hidden', text: caption }),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          headers.map((label) => h('th', { scope: 'col', text: label })),
        ),
      ),
      h('tbody', {}, rows),
    ),
    caption,
  );
}

function shownOf(count, total, noun) {
  if (!count) return h('p', { class: 'muted', text: `No ${noun} yet.` });
  return h('p', {
    class: 'muted',
    text: total > count ? `The latest ${count} of ${total} ${noun}.` : `${count} ${noun}.`,
  });
}

/** The latest symptom logs, newest first. */
export function logsTable(logs, timezone, total) {
  if (!logs.length) return shownOf(0, 0, 'symptom logs');
  const rows = logs.map((log) =>
    h(
      'tr',
      {},
      h('th', { scope: 'row', text: clientTime(log.recorded_at, timezone) }),
      h('td', { class: 'num', text: String(log.pain) }),
      h('td', { text: list(log.sensations, SENSATION_LABELS) }),
      h('td', { text: log.regions?.length ? log.regions.map(regionLabel).join('; ') : '–' }),
      h('td', { text: list(log.aggravators, ACTIVITIES) }),
      h('td', {
        text:
          [
            log.weakness ? flagText({ kind: 'weakness' }) : null,
            ...(log.red_flags || []).map((code) => flagText({ kind: 'red-flag', code })),
          ]
            .filter(Boolean)
            .join('; ') || '–',
      }),
      h('td', { text: log.notes || '' }),
    ),
  );
  return h(
    'div',
    {},
    shownOf(logs.length, total, 'symptom logs'),
    table(
      'Recent symptom logs',
      ['When', 'Pain', 'Sensations', 'Where', 'Made worse by', 'Safety answers', 'Notes'],
      rows,
    ),
  );
}

function dragsSummary(drags) {
  if (!drags?.length) return '–';
  const better = drags
    .filter((d) => d.response === 'better')
    .map((d) => DIRECTION_LABELS[d.direction] || d.direction);
  const worse = drags.filter((d) => d.response === 'worse').length;
  const parts = [`${drags.length} tried`];
  if (better.length) parts.push(`eased: ${[...new Set(better)].join(', ').toLowerCase()}`);
  if (worse) parts.push(`${worse} worse`);
  return parts.join('; ');
}

/** The latest practice sessions, newest first. */
export function sessionsTable(sessions, timezone, total) {
  if (!sessions.length) return shownOf(0, 0, 'practice sessions');
  const rows = sessions.map((session) => {
    const minutes = minutesBetween(session.started_at, session.ended_at);
    const before = session.pain_before ?? '–';
    const after = session.pain_after ?? '–';
    return h(
      'tr',
      {},
      h('th', { scope: 'row', text: clientTime(session.started_at, timezone) }),
      h('td', { text: minutes == null ? '–' : `${minutes} min` }),
      h('td', { class: 'num', text: `${before} → ${after}` }),
      h('td', { text: dragsSummary(session.drags) }),
      h('td', { text: session.stopped_early ? 'Stopped early' : 'Completed' }),
      h('td', {
        class: 'num',
        text: session.program_version ? `v${session.program_version}` : '–',
      }),
    );
  });
  return h(
    'div',
    {},
    shownOf(sessions.length, total, 'practice sessions'),
    table(
      'Recent practice sessions',
      ['Started', 'Length', 'Pain before → after', 'Drags', 'Outcome', 'Program'],
      rows,
    ),
  );
}
