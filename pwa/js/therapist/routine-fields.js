// The program editor's routine: positions to avoid (with optional limits), practice times and
// days, and movement breaks. Each part returns {element, read()}.

import { h } from '../dom.js';
import { ACTIVITIES } from '../vocabulary.js';
import { field, numberInput, readNumber } from './form-bits.js';

const DAYS = { mon: 'Mon', tue: 'Tue', wed: 'Wed', thu: 'Thu', fri: 'Fri', sat: 'Sat', sun: 'Sun' };

/** One row per position the client might be told to avoid; unchecked rows are not sent. */
export function avoidFields(avoid) {
  const byActivity = new Map((avoid || []).map((a) => [a.activity, a]));
  const rows = Object.entries(ACTIVITIES).map(([code, label]) => {
    const current = byActivity.get(code);
    const checkbox = h('input', {
      type: 'checkbox',
      id: `avoid-${code}`,
      props: { checked: Boolean(current) },
    });
    const minutes = numberInput('', current?.max_minutes, { min: 1, max: 480 });
    const note = h('input', {
      type: 'text',
      maxlength: 500,
      props: { value: current?.note || '' },
    });
    minutes.id = `avoid-${code}-minutes`;
    note.id = `avoid-${code}-note`;
    // The column titles are shown once; each input still has its own full label.
    const limits = [
      h(
        'div',
        { class: 'ws-field' },
        h('label', { class: 'avoid-label', for: minutes.id, text: `${label}: at most (minutes)` }),
        minutes,
      ),
      h(
        'div',
        { class: 'ws-field' },
        h('label', { class: 'avoid-label', for: note.id, text: `${label}: advice (optional)` }),
        note,
      ),
    ];
    // Limits only matter for a ticked position; hiding the rest keeps the list short on phones.
    const showLimits = () =>
      limits.forEach((el) => {
        el.hidden = !checkbox.checked;
      });
    checkbox.addEventListener('change', showLimits);
    showLimits();
    const row = h(
      'div',
      { class: 'avoid-row' },
      h('label', { class: 'choice', for: `avoid-${code}` }, checkbox, label),
      ...limits,
    );
    return { code, checkbox, minutes, note, row };
  });
  return {
    element: h(
      'fieldset',
      { 'data-field': 'avoid' },
      h('legend', { text: 'Positions to avoid' }),
      h('p', {
        class: 'ws-hint',
        text: 'Tick the positions that provoke symptoms. Leave the minutes empty to say "avoid where possible".',
      }),
      h(
        'div',
        { class: 'avoid-row avoid-head', 'aria-hidden': 'true' },
        h('span', { text: 'Position' }),
        h('span', { text: 'At most (minutes)' }),
        h('span', { text: 'Advice (optional)' }),
      ),
      rows.map((r) => r.row),
    ),
    read() {
      let index = 0;
      const chosen = [];
      for (const r of rows) {
        // Error paths follow the index in the list sent, so label the ticked rows with it.
        const at = r.checkbox.checked ? index++ : null;
        r.minutes.dataset.field = at == null ? '' : `avoid.${at}.max_minutes`;
        r.note.dataset.field = at == null ? '' : `avoid.${at}.note`;
        r.checkbox.dataset.field = at == null ? '' : `avoid.${at}.activity`;
        if (at != null) {
          chosen.push({
            activity: r.code,
            max_minutes: readNumber(r.minutes),
            note: r.note.value.trim() || null,
          });
        }
      }
      return chosen;
    },
  };
}

/** Practice times (HH:MM, the client's zone) and the days of the week. */
export function scheduleFields(schedule) {
  const list = h('div', { class: 'time-list', 'data-field': 'schedule.times' });
  const addButton = h('button', { type: 'button', class: 'button', text: 'Add a time' });
  const times = [...(schedule?.times || ['08:00'])];

  function drawTimes() {
    list.replaceChildren(
      ...times.map((time, i) => {
        const input = h('input', {
          type: 'time',
          id: `schedule-time-${i}`,
          'data-field': `schedule.times.${i}`,
          'aria-label': `Practice time ${i + 1}`,
          props: { value: time },
          on: {
            change: (event) => {
              times[i] = event.target.value;
            },
          },
        });
        const remove = h('button', {
          type: 'button',
          class: 'button',
          'aria-label': `Remove time ${i + 1}`,
          text: 'Remove',
          on: {
            click: () => {
              times.splice(i, 1);
              drawTimes();
              addButton.focus();
            },
          },
        });
        return h('span', { class: 'time-entry ws-field' }, input, remove);
      }),
      addButton,
    );
  }
  addButton.addEventListener('click', () => {
    times.push('');
    drawTimes();
    list.querySelector(`#schedule-time-${times.length - 1}`).focus();
  });
  drawTimes();

  const days = new Set(schedule?.days || Object.keys(DAYS));
  const dayChips = h(
    'div',
    { class: 'choice-row', role: 'group', 'aria-label': 'Days', 'data-field': 'schedule.days' },
    Object.entries(DAYS).map(([code, label]) => {
      const chip = h(
        'button',
        { type: 'button', class: 'chip', 'aria-pressed': String(days.has(code)) },
        label,
      );
      chip.addEventListener('click', () => {
        if (days.has(code)) days.delete(code);
        else days.add(code);
        chip.setAttribute('aria-pressed', String(days.has(code)));
      });
      return chip;
    }),
  );

  return {
    element: h(
      'fieldset',
      { 'data-field': 'schedule' },
      h('legend', { text: "When to practise (the client's local time)" }),
      h('div', { class: 'ws-field' }, h('span', { class: 'ws-label', text: 'Times' }), list),
      h('div', { class: 'ws-field' }, h('span', { class: 'ws-label', text: 'Days' }), dayChips),
    ),
    read: () => ({
      times: times.filter((t) => t !== ''),
      days: Object.keys(DAYS).filter((d) => days.has(d)),
    }),
  };
}

/** Movement breaks: every N minutes between two times, or none. */
export function breaksFields(breaks) {
  const enabled = h('input', {
    type: 'checkbox',
    id: 'breaks-on',
    props: { checked: Boolean(breaks) },
  });
  const every = numberInput('movement_breaks.every_minutes', breaks?.every_minutes ?? 45, {
    min: 10,
    max: 240,
  });
  const from = h('input', {
    type: 'time',
    'data-field': 'movement_breaks.from',
    props: { value: breaks?.from || '09:00' },
  });
  const to = h('input', {
    type: 'time',
    'data-field': 'movement_breaks.to',
    props: { value: breaks?.to || '17:00' },
  });
  const details = h(
    'div',
    { class: 'ws-row' },
    field('breaks-every', 'Every (minutes)', every, '10 to 240.'),
    field('breaks-from', 'From', from),
    field('breaks-to', 'To', to),
  );
  const sync = () => {
    details.hidden = !enabled.checked;
  };
  enabled.addEventListener('change', sync);
  sync();
  return {
    element: h(
      'fieldset',
      { 'data-field': 'movement_breaks' },
      h('legend', { text: 'Movement breaks' }),
      h(
        'label',
        { class: 'choice', for: 'breaks-on' },
        enabled,
        'Remind the client to get up and move',
      ),
      details,
    ),
    read: () =>
      enabled.checked ? { every_minutes: readNumber(every), from: from.value, to: to.value } : null,
  };
}
