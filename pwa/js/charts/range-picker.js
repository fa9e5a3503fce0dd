// The range of a trend view, the same for the client's History and the therapist's client page:
// the fixed chips (30 days, 90 days, 12 months), "Since the first log", and a custom range of
// two dates. Emits the choice; trend-shape.js turns it into a query.

import { h } from '../dom.js';
import { FIXED_RANGES, isoDay, rangeQuery } from './trend-shape.js';

/**
 * The first log's instant (ISO) through a logs list that pages newest first: the last page of
 * one log each is the oldest. Null when nothing has been logged.
 * @param {{get: (path: string) => Promise<any>}} api
 * @param {string} logsPath  /api/me/logs or /api/clients/<id>/logs
 */
export async function firstLogAt(api, logsPath) {
  const newest = await api.get(`${logsPath}?page_size=1`);
  const pages = newest?.pagination?.total_pages ?? newest?.pagination?.last_page ?? 0;
  if (!newest?.length || !pages) return null;
  if (pages === 1) return newest[0].recorded_at;
  const oldest = await api.get(`${logsPath}?page_size=1&page=${pages}`);
  return oldest?.[0]?.recorded_at ?? null;
}

/**
 * Range chips and the custom form. onChange(range) with a FIXED_RANGES entry, {key: 'first'} or
 * {key: 'custom', from, to}; a custom range is checked (rangeQuery) before it is sent.
 * @returns {{element: HTMLElement, select: (key: string) => void, current: () => object}}
 */
export function rangePicker({ onChange, idPrefix = 'range' }) {
  const choices = [
    ...FIXED_RANGES,
    { key: 'first', label: 'Since the first log' },
    { key: 'custom', label: 'Choose dates' },
  ];
  let current = FIXED_RANGES[0];
  const chips = choices.map((choice) =>
    h(
      'button',
      {
        type: 'button',
        class: 'chip',
        'aria-pressed': String(choice === current),
        'data-range': choice.key,
        'aria-expanded': choice.key === 'custom' ? 'false' : null,
        on: { click: () => (choice.key === 'custom' ? openCustom() : pick(choice)) },
      },
      choice.label,
    ),
  );

  const today = isoDay(new Date());
  const from = h('input', { type: 'date', id: `${idPrefix}-from`, max: today, required: true });
  const to = h('input', {
    type: 'date',
    id: `${idPrefix}-to`,
    max: today,
    required: true,
    props: { value: today },
  });
  const problem = h('p', { class: 'range-problem', role: 'alert' });
  const form = h(
    'form',
    { class: 'range-custom', hidden: true, novalidate: true },
    h('span', { class: 'range-field' }, h('label', { for: from.id, text: 'From' }), from),
    h('span', { class: 'range-field' }, h('label', { for: to.id, text: 'To' }), to),
    h('button', { type: 'submit', class: 'button small', text: 'Show' }),
    problem,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const range = { key: 'custom', label: 'Chosen dates', from: from.value, to: to.value };
    const query = rangeQuery(range);
    problem.textContent = query.error || '';
    if (!query.error) pick(range);
  });

  function press(key) {
    for (const chip of chips) chip.setAttribute('aria-pressed', String(chip.dataset.range === key));
  }

  function openCustom() {
    const open = form.hidden;
    form.hidden = !open;
    chips.at(-1).setAttribute('aria-expanded', String(open));
    if (open) from.focus();
  }

  function pick(range) {
    current = range;
    press(range.key);
    if (range.key !== 'custom') {
      form.hidden = true;
      chips.at(-1).setAttribute('aria-expanded', 'false');
    }
    onChange(range);
  }

  const element = h(
    'div',
    { class: 'range-picker no-print' },
    h('div', { class: 'range-chips', role: 'group', 'aria-label': 'Time range' }, ...chips),
    form,
  );
  return {
    element,
    current: () => current,
    /** Show a fixed range as chosen without asking for it (the view loads it itself). */
    select(key) {
      const range = choices.find((choice) => choice.key === key);
      if (range) {
        current = range;
        press(key);
      }
    },
  };
}
