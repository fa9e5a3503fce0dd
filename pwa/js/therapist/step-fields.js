// One skin-drag step in the program editor: nerve group and side, landmark, directions picked on
// the body outline, broad contact only (palm or forearm), a hold of a few seconds and repetitions
// (their bounds from the server, clinical-rules.js).

import { DIRECTIONS, HOLD_SECONDS, REPETITIONS } from '../clinical-rules.js';
import { h } from '../dom.js';
import { directionPicker } from './direction-picker.js';
import { codeSelect, field, numberInput, radioGroup, readNumber } from './form-bits.js';

export const GROUPS = {
  superior: 'Upper (over the top of the hip bone)',
  middle: 'Middle (beside the sacrum)',
  inferior: 'Lower (near the sitting bone)',
};
export const SIDES = { left: 'Left', right: 'Right', both: 'Both sides' };
export const CONTACTS = { palm: 'Flat palm', forearm: 'Forearm' };
export const HOLD = { min: HOLD_SECONDS.min, max: HOLD_SECONDS.max };
export const REPS = { min: REPETITIONS.min, max: REPETITIONS.max };

/** A blank step with sensible starting values (trial order, palm, the default hold, 3 times). */
export function newStep() {
  return {
    group: 'superior',
    side: 'left',
    landmark: '',
    directions: [...DIRECTIONS],
    contact: 'palm',
    hold_seconds: HOLD_SECONDS.default,
    repetitions: 3,
    notes: '',
  };
}

/**
 * The fieldset for steps[index]; actions: {remove, moveUp, moveDown} (null hides the button).
 * @returns {{ element: HTMLElement, read: () => object }}
 */
export function stepFields(step, index, count, actions) {
  const prefix = `steps-${index}`;
  const path = (name) => `steps.${index}.${name}`;
  const picker = directionPicker({
    group: step.group,
    side: step.side,
    directions: step.directions,
    idPrefix: prefix,
  });
  const group = codeSelect(path('group'), GROUPS, step.group, (value) =>
    picker.place(value, side.value),
  );
  const side = codeSelect(path('side'), SIDES, step.side, (value) =>
    picker.place(group.value, value),
  );
  const landmark = h('input', {
    type: 'text',
    maxlength: 200,
    autocomplete: 'off',
    'data-field': path('landmark'),
    props: { value: step.landmark || '' },
  });
  const contact = radioGroup({
    name: `${prefix}-contact`,
    legend: 'Contact',
    options: CONTACTS,
    value: step.contact,
    path: path('contact'),
    hint: 'Broad contact only. Never a thumb, fingertip or elbow over these nerves.',
  });
  const hold = numberInput(path('hold_seconds'), step.hold_seconds, HOLD);
  const reps = numberInput(path('repetitions'), step.repetitions, REPS);
  const notes = h('textarea', {
    rows: 2,
    maxlength: 2000,
    'data-field': path('notes'),
    props: { value: step.notes || '' },
  });
  const button = (label, onClick, extra = {}) =>
    h('button', { type: 'button', class: 'button', on: { click: onClick }, ...extra }, label);

  const element = h(
    'fieldset',
    { class: 'step-fields', 'data-step': index },
    h('legend', { text: `Step ${index + 1} of ${count}` }),
    h(
      'div',
      { class: 'ws-row' },
      field(`${prefix}-group`, 'Nerve group', group),
      field(
        `${prefix}-side`,
        'Side',
        side,
        'Both sides: one side at a time, left then right, each with its own trial.',
      ),
    ),
    field(
      `${prefix}-landmark`,
      'Where to start',
      landmark,
      'A landmark the client can find, e.g. "a hand\'s width from the spine, on top of the hip bone".',
    ),
    h(
      'div',
      { class: 'ws-field' },
      h('span', {
        class: 'ws-label',
        id: `${prefix}-directions-label`,
        text: 'Drag directions, in the order to try them',
      }),
      h('p', {
        class: 'ws-hint',
        text: 'Tap a direction on the outline to add or remove it. The client tries them in the numbered order and notes which eases the symptoms.',
      }),
      picker.element,
    ),
    contact.element,
    h(
      'div',
      { class: 'ws-row' },
      field(
        `${prefix}-hold`,
        'Hold (seconds)',
        hold,
        `How long the direction that eased most is held: a few seconds (${HOLD.min} to ${HOLD.max}, usually ${HOLD_SECONDS.default}), then a slow release.`,
      ),
      field(
        `${prefix}-reps`,
        'Repetitions',
        reps,
        `Times that hold is repeated: ${REPS.min} to ${REPS.max}.`,
      ),
    ),
    field(`${prefix}-notes`, 'Notes for the client (optional)', notes),
    h(
      'div',
      { class: 'step-actions' },
      actions.moveUp
        ? button('Move up', actions.moveUp, { 'aria-label': `Move step ${index + 1} up` })
        : null,
      actions.moveDown
        ? button('Move down', actions.moveDown, { 'aria-label': `Move step ${index + 1} down` })
        : null,
      actions.remove
        ? button('Remove step', actions.remove, {
            class: 'button danger',
            'aria-label': `Remove step ${index + 1}`,
          })
        : null,
    ),
  );

  return {
    element,
    read: () => ({
      group: group.value,
      side: side.value,
      landmark: landmark.value.trim(),
      directions: picker.directions(),
      contact: contact.value(),
      hold_seconds: readNumber(hold),
      repetitions: readNumber(reps),
      notes: notes.value.trim(),
    }),
  };
}
