// One client: the pause on self-massage when there is one, caseload figures, safety flags (open
// ones to acknowledge, handled ones with their notes), the watch's thresholds, the same charts as
// the client's History, recent logs and sessions, and the program's versions side by side. It
// refreshes by itself (live-refresh.js) without touching what is being typed.

import { h } from '../dom.js';
import { bestDirectionPanel } from './best-direction-panel.js';
import { carePanel } from './care-panel.js';
import { recordMark } from './caseload-news.js';
import { exportLinks } from './export-links.js';
import { flagText, urgencyLabel } from './flag-labels.js';
import { flagsPanel } from './flags-panel.js';
import { adherenceText, painChange, painFigure, timeAgo } from './format.js';
import { keepFresh, replaceKeepingFocus } from './live-refresh.js';
import { outcomePanel } from './outcome-panel.js';
import { outcomeLine } from './outcome-words.js';
import { pauseBanner } from './pause-banner.js';
import { programHistory } from './program-history.js';
import { logsTable, sessionsTable } from './records-tables.js';
import { RECORDS_CHANGED, trendsPanel } from './trends-panel.js';
import { watchThresholdsPanel } from './watch-thresholds.js';

const RECENT = 10;

/** What the page shows of the record: the client, all their flags, the latest logs and sessions. */
function loader(api, base) {
  return () =>
    Promise.all([
      api.get(base),
      api.get(`${base}/flags?state=all`),
      api.get(`${base}/logs?page=1&page_size=${RECENT}`),
      api.get(`${base}/sessions?page=1&page_size=${RECENT}`),
    ]);
}

/**
 * Each refresh asks the caseload (GET /api/clients) whether this client's record moved, and reads
 * the record only then: every read of a record is an entry in the client's access log, and a page
 * left open would otherwise write four every 20 seconds. Resolves with null when nothing moved.
 */
function watcher(api, clientId, loadRecord, initialMark) {
  let mark = initialMark;
  return async () => {
    const row = (await api.get('/api/clients')).find((r) => r.id === clientId);
    const now = recordMark(row);
    if (row && now === mark) return null;
    const record = await loadRecord();
    mark = now;
    return record;
  };
}

const newestId = (records) => records[0]?.id ?? null;

/** The client page for params.clientId. */
export async function clientScreen(context, { clientId }) {
  const { api } = context;
  const base = `/api/clients/${clientId}`;
  const load = loader(api, base);
  const [[client, flags, logs, sessions], versions, thresholds] = await Promise.all([
    load(),
    api.get(`${base}/program/versions`),
    api.get(`${base}/watch-thresholds`),
  ]);
  let shown = { client, logs, sessions };
  const title = h('h1', { tabindex: '-1', text: client.name });
  const flagsHeading = h('h3', { id: 'flags-heading', tabindex: '-1', text: 'Open safety flags' });
  const pause = pauseBanner(client, () => flagsHeading.focus());
  const figuresHolder = h('div', {}, figures(client));
  const flagsPart = flagsPanel({
    api,
    clientId,
    flags,
    timezone: client.timezone,
    onAcknowledged: () => live.refresh(),
  });
  const trends = trendsPanel({ api, clientId });
  const logsHolder = h('div', {}, logsTable(logs, client.timezone, logs.pagination?.total));
  const sessionsHolder = h(
    'div',
    {},
    sessionsTable(sessions, client.timezone, sessions.pagination?.total),
  );

  const screen = h(
    'section',
    { class: 'ws-screen', 'data-title': client.name },
    h('p', { class: 'no-print' }, h('a', { href: '#/clients', text: '← Caseload' })),
    h(
      'div',
      { class: 'ws-title-row' },
      h(
        'div',
        {},
        title,
        h(
          'p',
          { class: 'ws-lede' },
          [
            client.email,
            client.phone ? `phone ${client.phone}` : null,
            `times in ${client.timezone}`,
          ]
            .filter(Boolean)
            .join(' · '),
        ),
      ),
      h(
        'div',
        { class: 'ws-actions' },
        client.status === 'closed'
          ? null
          : h('a', {
              class: 'button primary',
              href: `#/clients/${clientId}/program`,
              text: versions.length ? 'Edit program' : 'Assign a program',
            }),
        versions.length
          ? h('a', {
              class: 'button',
              href: `#/clients/${clientId}/program/print`,
              text: 'Printable program',
            })
          : null,
        h('a', {
          class: 'button',
          href: `#/clients/${clientId}/summary`,
          text: 'Clinical summary',
        }),
      ),
    ),
    statusNotice(client),
    pause.element,
    figuresHolder,
    h('h2', { text: 'Safety flags' }),
    flagsHeading,
    flagsPart.element,
    watchThresholdsPanel({ api, clientId, thresholds }),
    h('h2', { id: 'outcomes-heading', text: 'Outcomes' }),
    h(
      'div',
      { class: 'outcome-cards' },
      outcomePanel({
        api,
        clientId,
        timezone: client.timezone,
        readOnly: client.status === 'closed',
      }),
      bestDirectionPanel({ api, clientId, readOnly: client.status === 'closed' }),
    ),
    h('h2', { text: 'Trends' }),
    trends,
    h('h2', { text: 'Recent symptom logs' }),
    logsHolder,
    h('h2', { text: 'Recent practice sessions' }),
    sessionsHolder,
    h('h2', { id: 'history-heading', text: 'Program history' }),
    programHistory(versions, clientId),
    exportLinks(clientId),
    carePanel(context, client),
  );

  const live = keepFresh({
    screen,
    load: watcher(api, clientId, load, recordMark(client)),
    apply(record) {
      if (!record) return '';
      const [fresh, freshFlags, freshLogs, freshSessions] = record;
      const news = [];
      const wasPaused = Boolean(shown.client.paused);
      pause.update(fresh);
      if (wasPaused && !fresh.paused)
        news.push('Self-massage is no longer paused for this client.');
      if (!wasPaused && fresh.paused) news.push('Self-massage is now paused for this client.');
      for (const flag of flagsPart.update(freshFlags)) {
        news.push(
          `New safety flag, ${urgencyLabel(flag.urgency).toLowerCase()}: ${flagText(flag)}.`,
        );
      }
      if (JSON.stringify(figureValues(fresh)) !== JSON.stringify(figureValues(shown.client))) {
        replaceKeepingFocus(figuresHolder, figures(fresh));
      }
      const newLog = newestId(freshLogs) !== newestId(shown.logs);
      const newSession = newestId(freshSessions) !== newestId(shown.sessions);
      if (newLog) {
        replaceKeepingFocus(
          logsHolder,
          logsTable(freshLogs, fresh.timezone, freshLogs.pagination?.total),
        );
        news.push('A new symptom log arrived.');
      }
      if (newSession) {
        replaceKeepingFocus(
          sessionsHolder,
          sessionsTable(freshSessions, fresh.timezone, freshSessions.pagination?.total),
        );
        news.push('A new practice session arrived.');
      }
      if (newLog || newSession) trends.dispatchEvent(new CustomEvent(RECORDS_CHANGED));
      shown = { client: fresh, logs: freshLogs, sessions: freshSessions };
      return news.join(' ');
    },
  });
  screen.querySelector('.ws-title-row').after(live.element, live.announcer);
  return screen;
}

/** The figures as text, in order (compared to decide whether to redraw them). */
function figureValues(client) {
  const change = painChange(client.pain_change_7d, client.pain_change_7d_category);
  const outcome = outcomeLine(client.outcome);
  return [
    ['Last log', client.last_log_at ? timeAgo(client.last_log_at) : 'never'],
    ['7-day mean pain', painFigure(client.pain_mean_7d)],
    ['Change on the week before', change.text, `trend-${change.trend}`],
    ['Since the baseline', outcome.text, `trend-${outcome.trend}`],
    ['Sessions (7 days)', adherenceText(client.adherence)],
    ['Program', client.program_version ? `version ${client.program_version}` : 'none yet'],
  ];
}

function figures(client) {
  return h(
    'dl',
    { class: 'figures' },
    figureValues(client).map(([label, value, className]) =>
      h('div', {}, h('dt', { text: label }), h('dd', { class: className, text: value })),
    ),
  );
}

/** A closed or discharged record says so at the top. */
function statusNotice(client) {
  const day = (iso) => new Date(iso).toLocaleDateString([], { dateStyle: 'medium' });
  if (client.status === 'closed') {
    return h(
      'div',
      { class: 'notice warn', role: 'note', 'data-testid': 'record-status' },
      h('p', {
        text:
          `${client.name} closed their account on ${day(client.closed_at)}. This record is kept read-only ` +
          `until ${day(client.erase_after)}, then erased. Open safety flags can still be marked as dealt with.`,
      }),
    );
  }
  if (client.status === 'discharged') {
    return h(
      'div',
      { class: 'notice info', role: 'note', 'data-testid': 'record-status' },
      h('p', {
        text: `Discharged on ${day(client.discharged_at)}: no reminders are sent. The record is kept.`,
      }),
    );
  }
  return null;
}
