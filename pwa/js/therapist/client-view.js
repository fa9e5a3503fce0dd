// One client: caseload figures, open safety flags, the same charts as the client's History,
// recent logs and sessions, and the program's versions side by side.

import { h } from '../dom.js';
import { carePanel } from './care-panel.js';
import { flagsPanel } from './flags-panel.js';
import { adherenceText, painChange, painFigure, timeAgo } from './format.js';
import { programHistory } from './program-history.js';
import { logsTable, sessionsTable } from './records-tables.js';
import { trendsPanel } from './trends-panel.js';

const RECENT = 10;

/** The client page for params.clientId. */
export async function clientScreen(context, { clientId }) {
  const { api } = context;
  const base = `/api/clients/${clientId}`;
  const [client, flags, logs, sessions, versions] = await Promise.all([
    api.get(base),
    api.get(`${base}/flags`),
    api.get(`${base}/logs?page=1&page_size=${RECENT}`),
    api.get(`${base}/sessions?page=1&page_size=${RECENT}`),
    api.get(`${base}/program/versions`),
  ]);
  const change = painChange(client.pain_change_7d);
  const title = h('h1', { tabindex: '-1', text: client.name });
  return h('section', { class: 'ws-screen', 'data-title': client.name },
    h('p', { class: 'no-print' }, h('a', { href: '#/clients', text: '← Caseload' })),
    h('div', { class: 'ws-title-row' },
      h('div', {}, title,
        h('p', { class: 'ws-lede' },
          [client.email, client.phone ? `phone ${client.phone}` : null, `times in ${client.timezone}`]
            .filter(Boolean).join(' · '))),
      h('div', { class: 'ws-actions' },
        client.status === 'closed' ? null : h('a', { class: 'button primary', href: `#/clients/${clientId}/program`,
          text: versions.length ? 'Edit program' : 'Assign a program' }),
        versions.length
          ? h('a', { class: 'button', href: `#/clients/${clientId}/program/print`, text: 'Printable program' })
          : null)),
    statusNotice(client),
    h('dl', { class: 'figures' },
      figure('Last log', client.last_log_at ? timeAgo(client.last_log_at) : 'never'),
      figure('7-day mean pain', painFigure(client.pain_mean_7d)),
      figure('Change on the week before', change.text, `trend-${change.trend}`),
      figure('Sessions (7 days)', adherenceText(client.adherence)),
      figure('Program', client.program_version ? `version ${client.program_version}` : 'none yet')),
    h('h2', { id: 'flags-heading', text: 'Open safety flags' }),
    flagsPanel({ api, clientId, flags, timezone: client.timezone }),
    h('h2', { text: 'Trends' }),
    trendsPanel({ api, clientId }),
    h('h2', { text: 'Recent symptom logs' }),
    logsTable(logs, client.timezone, logs.pagination?.total),
    h('h2', { text: 'Recent practice sessions' }),
    sessionsTable(sessions, client.timezone, sessions.pagination?.total),
    h('h2', { id: 'history-heading', text: 'Program history' }),
    programHistory(versions, clientId),
    carePanel(context, client),
  );
}

/** A closed or discharged record says so at the top. */
function statusNotice(client) {
  const day = (iso) => new Date(iso).toLocaleDateString([], { dateStyle: 'medium' });
  if (client.status === 'closed') {
    return h('div', { class: 'notice warn', role: 'note', 'data-testid': 'record-status' },
      h('p', { text: `${client.name} closed their account on ${day(client.closed_at)}. This record is kept read-only `
        + `until ${day(client.erase_after)}, then erased. Open safety flags can still be marked as dealt with.` }));
  }
  if (client.status === 'discharged') {
    return h('div', { class: 'notice info', role: 'note', 'data-testid': 'record-status' },
      h('p', { text: `Discharged on ${day(client.discharged_at)}: no reminders are sent. The record is kept.` }));
  }
  return null;
}

function figure(label, value, className) {
  return h('div', {}, h('dt', { text: label }), h('dd', { class: className, text: value }));
}
