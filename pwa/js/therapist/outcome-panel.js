// Change that matters, for one client: mean pain now against the baseline the therapist chose
// (IMMPACT; coloured only when meaningful), and the activities the client rates each week (PSFS).

import { PSFS } from '../clinical-rules.js';
import { h, uniqueId } from '../dom.js';
import { describePsfsChange, weekOf } from '../psfs-words.js';
import { calendarDate } from './format.js';
import { BASELINE_WORDS, outcomeLine, outcomeRule } from './outcome-words.js';

const LATEST = 'latest';

/** "31 Oct – 6 Nov" for a window's [start, end) instants, in the client's zone. */
function windowText(window, timezone) {
  const day = new Intl.DateTimeFormat(undefined, {
    day: 'numeric',
    month: 'short',
    timeZone: timezone || 'UTC',
  });
  const last = new Date(Date.parse(window.end) - 1);
  return `${day.format(new Date(window.start))} – ${day.format(last)}, ${window.logs} ${window.logs === 1 ? 'log' : 'logs'}`;
}

function baselineChooser({ api, clientId, outcome, onSaved, readOnly }) {
  const id = uniqueId('baseline');
  const select = h(
    'select',
    { id, disabled: readOnly ? true : null },
    h('option', { value: 'first-week', text: 'The first week of logs' }),
    outcome.program_changes.length
      ? h('option', {
          value: `before-program-change:${LATEST}`,
          text: 'The week before the latest program change',
        })
      : null,
    outcome.program_changes.map((change) =>
      h('option', {
        value: `before-program-change:${change.version}`,
        text: `The week before version ${change.version} (${calendarDate(change.created_at)})`,
      }),
    ),
  );
  const chosen =
    outcome.baseline_kind === 'first-week'
      ? 'first-week'
      : `before-program-change:${outcome.baseline_program_version ?? LATEST}`;
  select.value = chosen;
  const status = h('p', { role: 'status', class: 'muted' });
  const save = h('button', {
    type: 'submit',
    class: 'button',
    text: 'Compare with this',
    disabled: readOnly ? true : null,
  });
  const form = h(
    'form',
    { class: 'ws-form baseline-form' },
    h(
      'div',
      { class: 'ws-field' },
      h('label', { for: id, text: 'Compare the last 7 days with' }),
      select,
    ),
    h('div', { class: 'ack-actions' }, save, status),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const [baseline, version] = select.value.split(':');
    save.disabled = true;
    status.textContent = 'Saving…';
    try {
      const body =
        baseline === 'first-week'
          ? { baseline }
          : { baseline, program_version: version === LATEST ? null : Number(version) };
      onSaved(await api.put(`/api/clients/${clientId}/outcome`, body), 'Saved.');
    } catch (error) {
      status.textContent = `Not saved: ${error.message}`;
      save.disabled = false;
    }
  });
  return form;
}

function psfsPart(record) {
  const titleId = uniqueId('psfs-title');
  const active = record.activities.filter((activity) => !activity.retired_at);
  const retired = record.activities.filter((activity) => activity.retired_at);
  const latest = new Map();
  for (const rating of record.ratings) latest.set(rating.activity_id, rating);
  const item = (activity) => {
    const last = latest.get(activity.id);
    const meaningful = activity.change?.meaningful;
    const better = meaningful && activity.change.points > 0;
    return h(
      'li',
      { class: meaningful ? `trend-${better ? 'better' : 'worse'}` : null },
      h('strong', { text: activity.name }),
      activity.retired_at ? h('span', { class: 'muted', text: ' (no longer rated)' }) : null,
      h('p', {
        class: 'small',
        text: activity.change
          ? describePsfsChange(activity.change)
          : last
            ? `Rated ${last.score} in the week of ${weekOf(last.week_start)}; one week so far.`
            : 'Not rated yet.',
      }),
    );
  };
  return h(
    'section',
    { class: 'psfs-part', 'aria-labelledby': titleId, 'data-testid': 'psfs-summary' },
    h('h4', { id: titleId, text: 'Activities the client rates (PSFS)' }),
    h('p', {
      class: 'ws-hint',
      text:
        `Each rated ${PSFS.score_min} (cannot do it) to ${PSFS.score_max} (as before the problem) ` +
        `once a week; a change of ${PSFS.meaningful_change} points or more matters.`,
    }),
    record.activities.length
      ? h('ul', { class: 'plain-list psfs-list' }, active.map(item), retired.map(item))
      : h('p', {
          text: 'The client has not named any activities yet (they do it under My activities on their phone).',
        }),
  );
}

/** The panel for one client; loads its own figures. */
export function outcomePanel({ api, clientId, timezone, readOnly = false }) {
  const titleId = uniqueId('outcome-title');
  const body = h(
    'div',
    { class: 'stack', 'aria-busy': 'true' },
    h('p', { class: 'muted', text: 'Loading…' }),
  );
  const element = h(
    'section',
    { class: 'outcome-card change-since', 'aria-labelledby': titleId, 'data-testid': 'outcome' },
    h('h3', { id: titleId, text: 'Change since the baseline' }),
    body,
  );

  function draw(outcome, psfs, message = '') {
    const line = outcomeLine(outcome);
    const saved = (fresh, note) => draw(fresh, psfs, note);
    body.replaceChildren(
      ...[
        h('p', {
          class: `outcome-line trend-${line.trend}`,
          'data-testid': 'outcome-line',
          text: line.text,
        }),
        h('p', {
          class: 'small',
          text: [
            outcome.baseline
              ? `Baseline: ${BASELINE_WORDS[outcome.baseline_kind]}` +
                `${outcome.baseline.program_version ? ` (version ${outcome.baseline.program_version})` : ''}, ` +
                `${windowText(outcome.baseline, timezone)}.`
              : `Baseline: ${BASELINE_WORDS[outcome.baseline_kind]}.`,
            `Now: the last 7 days, ${windowText(outcome.now, timezone)}.`,
          ].join(' '),
        }),
        h('p', { class: 'ws-hint', text: outcomeRule() }),
        baselineChooser({ api, clientId, outcome, onSaved: saved, readOnly }),
        message && h('p', { role: 'status', class: 'muted', text: message }),
        psfsPart(psfs),
      ].filter(Boolean),
    );
    body.removeAttribute('aria-busy');
  }

  async function load() {
    body.setAttribute('aria-busy', 'true');
    try {
      const [outcome, psfs] = await Promise.all([
        api.get(`/api/clients/${clientId}/outcome`),
        api.get(`/api/clients/${clientId}/psfs`),
      ]);
      draw(outcome, psfs);
    } catch (error) {
      body.removeAttribute('aria-busy');
      body.replaceChildren(
        h('p', { class: 'muted', text: `Could not load: ${error.message}` }),
        h('button', { type: 'button', class: 'button', text: 'Try again', on: { click: load } }),
      );
    }
  }

  load();
  return element;
}
