// The clinical summary of one client, for the notes or a doctor's letter: one printed A4 page
// (and a PDF through the browser's print) with the client, therapist, range and date printed,
// pain at the baseline against now, the PSFS, adherence, the best direction with its evidence,
// every flag raised and how it was handled, and the program in force. The range form and the
// Print button are the screen's only controls; neither prints.

import { h, uniqueId } from '../dom.js';
import { flagText, urgencyLabel } from './flag-labels.js';
import { clientTime, painFigure } from './format.js';
import { programLines } from './program-lines.js';
import { summarySections } from './summary-outcomes.js';
import { scrolling } from './summary-scroll.js';

/** "10 Nov 2026" for a local date "2026-11-10" (a calendar day: no time zone can move it). */
export function dayText(isoDate) {
  return new Intl.DateTimeFormat(undefined, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${isoDate}T12:00:00Z`));
}

/** "30 Nov 2026, 15:50" for an instant, on the viewer's clock (that is when they printed it). */
function printedText(iso) {
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(iso),
  );
}

/** "19 Oct" for a week's first local date (the year is in the range above the table). */
function weekText(isoDate) {
  return new Intl.DateTimeFormat(undefined, {
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  }).format(new Date(`${isoDate}T12:00:00Z`));
}

/** "4 of 6 planned sessions on time (67%)", or why there is no figure. */
export function adherenceSentence(adherence) {
  if (!adherence.sessions_planned) {
    return `No sessions were planned in this range; ${adherence.sessions_done} done.`;
  }
  const percent = Math.round(adherence.ratio * 100);
  return (
    `${adherence.on_time} of ${adherence.sessions_planned} planned sessions done on time (${percent}%); ` +
    `${adherence.sessions_done} done in all.`
  );
}

function section(title, ...body) {
  const id = uniqueId('summary-part');
  return h(
    'section',
    { class: 'summary-part', 'aria-labelledby': id },
    h('h2', { id, text: title }),
    ...body,
  );
}

function whoAndWhen(summary) {
  const rows = [
    [
      'Client',
      [summary.client.name, summary.client.email, summary.client.phone].filter(Boolean).join(' · '),
    ],
    ['Therapist', summary.therapist?.name || '–'],
    ['Range', `${dayText(summary.from)} to ${dayText(summary.to)} (days in ${summary.timezone})`],
    ['Printed', `${printedText(summary.printed_at)} by ${summary.prepared_by.name}`],
  ];
  return h(
    'dl',
    { class: 'summary-who' },
    rows.map(([label, value]) => h('div', {}, h('dt', { text: label }), h('dd', { text: value }))),
  );
}

function painPart(summary) {
  const { pain } = summary;
  const inRange = pain.logs
    ? `In this range: mean pain ${painFigure(pain.mean)} of 10 over ${pain.logs} ${pain.logs === 1 ? 'log' : 'logs'} (lowest ${pain.min}, highest ${pain.max}).`
    : 'No symptom logs in this range.';
  return section('Pain', ...summarySections.painChange(summary), h('p', { text: inRange }));
}

function weeksTable(weeks) {
  if (!weeks.length) return null;
  return scrolling(
    'Weeks',
    h(
      'table',
      { class: 'summary-table summary-weeks' },
      h('caption', { text: 'The latest weeks (weeks start on Monday)' }),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ['Week of', 'Mean pain', 'Logs', 'Sessions done', 'Planned', 'On time'].map((text) =>
            h('th', { scope: 'col', text }),
          ),
        ),
      ),
      h(
        'tbody',
        {},
        weeks.map((week) =>
          h(
            'tr',
            {},
            h('th', { scope: 'row', text: weekText(week.start.slice(0, 10)) }),
            h('td', { text: painFigure(week.pain_mean) }),
            h('td', { text: String(week.logs) }),
            h('td', { text: String(week.sessions_done) }),
            h('td', { text: String(week.sessions_planned) }),
            h('td', { text: String(week.on_time) }),
          ),
        ),
      ),
    ),
  );
}

function handling(flag, timezone) {
  if (!flag.acknowledged_at)
    return h('td', { class: 'flag-open', text: 'Open: not yet acknowledged' });
  const who = flag.acknowledged_by?.name || 'a therapist';
  return h(
    'td',
    {},
    `Acknowledged by ${who}, ${clientTime(flag.acknowledged_at, timezone)}`,
    flag.note ? `: ${flag.note}` : '.',
  );
}

function flagsPart(summary) {
  if (!summary.flags.length)
    return section('Safety flags', h('p', { text: 'No flags were raised in this range.' }));
  return section(
    'Safety flags and how each was handled',
    scrolling(
      'Safety flags',
      h(
        'table',
        { class: 'summary-table summary-flags' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ['Raised', 'What', 'Urgency', 'How it was handled'].map((text) =>
              h('th', { scope: 'col', text }),
            ),
          ),
        ),
        h(
          'tbody',
          {},
          summary.flags.map((flag) =>
            h(
              'tr',
              { 'data-flag': flag.id },
              h('td', { text: clientTime(flag.raised_at, summary.timezone) }),
              h('td', { text: flagText(flag) }),
              h('td', { text: urgencyLabel(flag.urgency) }),
              handling(flag, summary.timezone),
            ),
          ),
        ),
      ),
    ),
  );
}

function programPart(summary) {
  const { program } = summary;
  if (!program)
    return section('Program in force', h('p', { text: 'No home program has been assigned.' }));
  const since = new Intl.DateTimeFormat(undefined, {
    dateStyle: 'medium',
    timeZone: summary.timezone,
  }).format(new Date(program.created_at));
  return section(
    `Program in force: version ${program.version}, since ${since}`,
    h(
      'dl',
      { class: 'summary-program' },
      programLines(program).map(({ title, lines }) =>
        h(
          'div',
          {},
          h('dt', { text: title }),
          h('dd', {
            text: lines.map(([, label, text]) => (text ? `${label}: ${text}` : label)).join('; '),
          }),
        ),
      ),
    ),
  );
}

/** The printable sheet for one summary (no controls in it). */
export function summarySheet(summary) {
  return h(
    'article',
    { class: 'summary-sheet', 'data-testid': 'clinical-summary' },
    h(
      'header',
      { class: 'summary-head' },
      h('p', { class: 'summary-kind', text: 'Clinical summary · Cluneal Companion' }),
      whoAndWhen(summary),
    ),
    h(
      'div',
      { class: 'summary-columns' },
      painPart(summary),
      ...summarySections.outcomes(summary),
      section(
        'Adherence',
        h('p', { text: adherenceSentence(summary.adherence) }),
        weeksTable(summary.weeks),
      ),
    ),
    ...summarySections.bestDirection(summary),
    flagsPart(summary),
    programPart(summary),
    h('p', {
      class: 'summary-foot muted',
      text: 'Self-reported by the client in the app, between visits. A companion to care, not a diagnosis.',
    }),
  );
}

function rangeForm(initial, onChange) {
  const from = h('input', { type: 'date', id: uniqueId('from'), value: initial.from || '' });
  const to = h('input', { type: 'date', id: uniqueId('to'), value: initial.to || '' });
  const form = h(
    'form',
    { class: 'summary-range no-print', 'aria-label': 'Range of the summary' },
    h('div', { class: 'field' }, h('label', { for: from.id, text: 'From' }), from),
    h('div', { class: 'field' }, h('label', { for: to.id, text: 'To' }), to),
    h('button', { type: 'submit', class: 'button', text: 'Show this range' }),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    onChange({ from: from.value, to: to.value });
  });
  return form;
}

/** The summary screen for params.clientId: the whole record unless a range is chosen. */
export async function clinicalSummaryScreen({ api }, { clientId }) {
  const base = `/api/clients/${clientId}/summary`;
  const load = ({ from, to } = {}) =>
    api.get(
      base +
        (from || to
          ? `?${new URLSearchParams(Object.entries({ from, to }).filter(([, v]) => v))}`
          : ''),
    );
  const summary = await load();
  const holder = h('div', {}, summarySheet(summary));
  const status = h('p', { class: 'muted no-print', role: 'status', 'aria-live': 'polite' });
  const printButton = h('button', {
    type: 'button',
    class: 'button primary',
    text: 'Print or save as PDF',
  });
  printButton.addEventListener('click', () => window.print());
  const form = rangeForm(summary, async (range) => {
    status.textContent = 'Loading…';
    holder.setAttribute('aria-busy', 'true');
    try {
      holder.replaceChildren(summarySheet(await load(range)));
      status.textContent = 'Summary updated.';
    } catch (error) {
      status.textContent = `Could not load that range: ${error.message}`;
    } finally {
      holder.removeAttribute('aria-busy');
    }
  });
  return h(
    'section',
    { class: 'ws-screen summary-screen', 'data-title': `Clinical summary: ${summary.client.name}` },
    h(
      'div',
      { class: 'ws-actions no-print' },
      h('a', { class: 'button', href: `#/clients/${clientId}`, text: `← ${summary.client.name}` }),
      printButton,
    ),
    h('h1', { tabindex: '-1', text: `Clinical summary: ${summary.client.name}` }),
    form,
    status,
    holder,
  );
}
