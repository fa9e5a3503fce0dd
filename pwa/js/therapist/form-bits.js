// Small form builders for the workspace: a labelled field, radio choices, numbers and times.
// Every input carries data-field (the API's error path), so a 422 can be shown beside it.

import { h } from '../dom.js';

/** A labelled field: label, optional hint, the control. */
export function field(id, label, control, hint) {
  const hintId = hint ? `${id}-hint` : null;
  if (hintId) control.setAttribute('aria-describedby', hintId);
  control.id = id;
  return h(
    'div',
    { class: 'ws-field' },
    h('label', { for: id, text: label }),
    hint ? h('p', { class: 'ws-hint', id: hintId, text: hint }) : null,
    control,
  );
}

/** A number input with bounds (the browser's own checks are off: the server's bounds rule). */
export function numberInput(path, value, { min, max, step = 1 } = {}) {
  return h('input', {
    type: 'number',
    inputmode: 'numeric',
    min,
    max,
    step,
    'data-field': path,
    props: { value: value ?? '' },
  });
}

/** The number typed, or null when empty (the server then names the field). */
export function readNumber(input) {
  return input.value.trim() === '' ? null : Number(input.value);
}

/** A group of radio buttons in a fieldset; returns {element, value()}. */
export function radioGroup({ name, legend, options, value, path, hint, onChange }) {
  const hintId = hint ? `${name}-hint` : null;
  const element = h(
    'fieldset',
    { class: 'ws-choices', 'data-field': path, 'aria-describedby': hintId },
    h('legend', { text: legend }),
    hint ? h('p', { class: 'ws-hint', id: hintId, text: hint }) : null,
    h(
      'div',
      { class: 'choice-row' },
      Object.entries(options).map(([code, label]) =>
        h(
          'label',
          { class: 'choice' },
          h('input', {
            type: 'radio',
            name,
            value: code,
            props: { checked: code === value },
            on: onChange ? { change: () => onChange(code) } : undefined,
          }),
          label,
        ),
      ),
    ),
  );
  return {
    element,
    value: () => element.querySelector('input:checked')?.value ?? null,
  };
}

/** A select of code → label options. */
export function codeSelect(path, options, value, onChange) {
  const select = h(
    'select',
    { 'data-field': path },
    Object.entries(options).map(([code, label]) => h('option', { value: code, text: label })),
  );
  select.value = value;
  if (onChange) select.addEventListener('change', () => onChange(select.value));
  return select;
}
