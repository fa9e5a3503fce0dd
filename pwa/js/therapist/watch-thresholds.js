// The sensitisation watch's thresholds for one client: the server's defaults and ranges
// (clinical-rules.js), the therapist's own values for this client, a field error per value.

import { WATCH_DEFAULTS, WATCH_RANGES } from '../clinical-rules.js';
import { h } from '../dom.js';
import { field, numberInput, readNumber } from './form-bits.js';

/** Each threshold: its label, what it means, the step of its field. */
export const THRESHOLD_WORDS = {
  rise: {
    label: 'Rise (points of pain)',
    step: 0.1,
    hint: 'A flag opens when the 7-day mean pain is at least this much above the week before.',
  },
  creep: {
    label: 'Slow creep (points of pain)',
    step: 0.1,
    hint: 'When the 7-day mean is at least this much above the same week four weeks earlier.',
  },
  spread: {
    label: 'Spread (new body regions)',
    step: 1,
    hint: 'When at least this many regions logged in the last two weeks were absent from the first two weeks.',
  },
  nerve_like: {
    label: 'Nerve-like sensations (per log)',
    step: 0.1,
    hint: 'When burning, tingling, electric and the like are logged at least this many more times per log than four weeks earlier.',
  },
};

const KEYS = Object.keys(WATCH_DEFAULTS);

/** "rise 2 · creep 1.5 · spread 1 · nerve-like 1": the values in one line. */
export function thresholdsLine(values) {
  return KEYS.map(
    (key) => `${THRESHOLD_WORDS[key].label.replace(/ \(.*\)$/, '').toLowerCase()} ${values[key]}`,
  ).join(' · ');
}

const isDefault = (values) =>
  KEYS.every((key) => Number(values[key]) === Number(WATCH_DEFAULTS[key]));

/** The folded form for one client, opened on demand. */
export function watchThresholdsPanel({ api, clientId, thresholds }) {
  const inputs = Object.fromEntries(
    KEYS.map((key) => {
      const { min, max } = WATCH_RANGES[key];
      return [
        key,
        numberInput(key, thresholds[key], { min, max, step: THRESHOLD_WORDS[key].step }),
      ];
    }),
  );
  const summaryLine = h('span', { class: 'muted' });
  const status = h('p', { role: 'status', class: 'muted' });
  const save = h('button', { type: 'submit', class: 'button primary', text: 'Save thresholds' });
  const reset = h('button', { type: 'button', class: 'button', text: 'Use the defaults' });
  const form = h(
    'form',
    { class: 'ws-form watch-form', novalidate: true },
    h('p', {
      class: 'ws-hint',
      text: 'Each rule opens one watch flag for you to review. These defaults suit most clients; change them for a client whose pain usually swings more, or less. New values apply from the client’s next log.',
    }),
    h(
      'div',
      { class: 'ws-row' },
      KEYS.map((key) => {
        const { min, max } = WATCH_RANGES[key];
        return field(
          `watch-${key}-${clientId}`,
          THRESHOLD_WORDS[key].label,
          inputs[key],
          `${THRESHOLD_WORDS[key].hint} Default ${WATCH_DEFAULTS[key]}; ${min} to ${max}.`,
        );
      }),
    ),
    h('div', { class: 'ack-actions' }, save, reset, status),
  );

  function show(values) {
    for (const key of KEYS) inputs[key].value = values[key];
    summaryLine.textContent = ` (${isDefault(values) ? 'the defaults' : thresholdsLine(values)})`;
  }

  function clearErrors() {
    form.querySelectorAll('.field-error').forEach((el) => el.remove());
    for (const input of Object.values(inputs)) {
      input.removeAttribute('aria-invalid');
      input.setAttribute('aria-describedby', input.getAttribute('aria-describedby').split(' ')[0]);
    }
  }

  async function store(body, done) {
    save.disabled = true;
    reset.disabled = true;
    status.textContent = 'Saving…';
    try {
      const saved = await api.put(`/api/clients/${clientId}/watch-thresholds`, body);
      clearErrors();
      show(saved);
      status.textContent = done;
    } catch (error) {
      clearErrors();
      const fields = Object.entries(error.errors || {}).filter(([key]) => inputs[key]);
      for (const [key, messages] of fields) {
        const id = `watch-${key}-${clientId}-error`;
        inputs[key].after(h('p', { class: 'field-error', id, text: messages.join(' ') }));
        inputs[key].setAttribute('aria-invalid', 'true');
        inputs[key].setAttribute(
          'aria-describedby',
          `${inputs[key].getAttribute('aria-describedby')} ${id}`,
        );
      }
      status.textContent = fields.length
        ? 'Not saved: see the value marked above.'
        : `Not saved: ${error.message}`;
      if (fields.length) inputs[fields[0][0]].focus();
    } finally {
      save.disabled = false;
      reset.disabled = false;
    }
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    store(
      Object.fromEntries(KEYS.map((key) => [key, readNumber(inputs[key])])),
      'Saved. They apply from the client’s next log.',
    );
  });
  reset.addEventListener('click', () => store({}, 'Back to the defaults.'));
  show(thresholds);
  return h(
    'details',
    { class: 'watch-settings' },
    h('summary', {}, 'When the watch opens a flag', summaryLine),
    form,
  );
}
