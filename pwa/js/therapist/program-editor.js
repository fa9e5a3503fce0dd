// The program editor: steps, positions to avoid, schedule and movement breaks. Saving PUTs a new
// version (earlier ones are kept); a 422 puts each message beside its field.

import { h } from '../dom.js';
import { clinicalReference } from './clinical-reference.js';
import { clearFieldErrors, programFieldName, showFieldErrors } from './field-errors.js';
import { avoidFields, breaksFields, scheduleFields } from './routine-fields.js';
import { newStep, stepFields } from './step-fields.js';

const MAX_STEPS = 20;

async function currentProgram(api, clientId) {
  try {
    return await api.get(`/api/clients/${clientId}/program`);
  } catch (error) {
    if (error.status === 404) return null; // no program yet: start from a blank one
    throw error;
  }
}

/** The program editor for params.clientId. */
export async function programEditorScreen({ api }, { clientId }) {
  const [client, program] = await Promise.all([
    api.get(`/api/clients/${clientId}`),
    currentProgram(api, clientId),
  ]);
  let steps = program ? program.steps.map((s) => ({ ...s })) : [newStep()];
  let stepParts = [];
  const stepsHolder = h('div', { class: 'steps', 'data-field': 'steps' });
  const addStep = h('button', { type: 'button', class: 'button', text: 'Add a step' });
  const avoid = avoidFields(program?.avoid);
  const schedule = scheduleFields(program?.schedule);
  const breaks = breaksFields(program?.movement_breaks);
  const notes = h('textarea', {
    id: 'program-notes',
    rows: 3,
    maxlength: 2000,
    'data-field': 'notes',
    props: { value: program?.notes || '' },
  });
  const summary = h('div', { class: 'error-summary', tabindex: '-1', role: 'alert', hidden: true });
  const status = h('div', { role: 'status', 'aria-live': 'polite' });
  const saveButton = h('button', {
    type: 'submit',
    class: 'button primary',
    text: 'Save as a new version',
  });
  const heading = h('h1', { tabindex: '-1', text: `${client.name}: home program` });
  const versionNote = h('p', { class: 'ws-lede', text: versionText(program) });

  function drawSteps(focusIndex) {
    stepParts = steps.map((step, i) =>
      stepFields(step, i, steps.length, {
        remove:
          steps.length > 1 ? () => edit((list) => list.splice(i, 1), Math.max(0, i - 1)) : null,
        moveUp:
          i > 0 ? () => edit((list) => list.splice(i - 1, 0, list.splice(i, 1)[0]), i - 1) : null,
        moveDown:
          i < steps.length - 1
            ? () => edit((list) => list.splice(i + 1, 0, list.splice(i, 1)[0]), i + 1)
            : null,
      }),
    );
    stepsHolder.replaceChildren(...stepParts.map((part) => part.element));
    addStep.disabled = steps.length >= MAX_STEPS;
    if (focusIndex != null) stepParts[focusIndex]?.element.querySelector('select')?.focus();
  }

  /** Re-read what is typed, change the list of steps, redraw (indices, hence error paths, move). */
  function edit(change, focusIndex) {
    steps = stepParts.map((part) => part.read());
    change(steps);
    clearFieldErrors(form);
    drawSteps(focusIndex);
  }

  addStep.addEventListener('click', () => edit((list) => list.push(newStep()), steps.length));

  const form = h(
    'form',
    { class: 'ws-form', novalidate: true },
    summary,
    h('h2', { text: 'Skin-drag steps' }),
    h('p', {
      class: 'ws-hint',
      text: 'Broad contact, light pressure along the skin, little or no lotion. At each spot the client tries a short, gentle pull in each direction, in your order, then holds the one that eased most; a pull that makes it worse ends that spot for the day.',
    }),
    stepsHolder,
    h('p', {}, addStep),
    h('h2', { text: 'Routine' }),
    avoid.element,
    schedule.element,
    breaks.element,
    h(
      'fieldset',
      {},
      h('legend', { text: 'Notes for the client' }),
      h(
        'div',
        { class: 'ws-field' },
        h('label', {
          for: 'program-notes',
          class: 'visually-hidden',
          text: 'Notes for the client',
        }),
        notes,
      ),
    ),
    h(
      'div',
      { class: 'form-actions' },
      saveButton,
      h('a', { class: 'button', href: `#/clients/${clientId}`, text: 'Back to the client' }),
      status,
    ),
  );

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = {
      steps: stepParts.map((part) => part.read()),
      avoid: avoid.read(),
      schedule: schedule.read(),
      movement_breaks: breaks.read(),
      notes: notes.value.trim(),
    };
    saveButton.disabled = true;
    status.textContent = 'Saving…';
    try {
      const saved = await api.put(`/api/clients/${clientId}/program`, body);
      clearFieldErrors(form);
      summary.hidden = true;
      versionNote.textContent = versionText(saved);
      status.replaceChildren(
        h(
          'p',
          { class: 'saved-note' },
          `Saved as version ${saved.version}. `,
          h('a', { href: `#/clients/${clientId}`, text: 'See it beside the earlier versions' }),
          ' · ',
          h('a', { href: `#/clients/${clientId}/program/print`, text: 'Printable copy' }),
        ),
      );
    } catch (error) {
      if (error.status === 422 && error.errors && Object.keys(error.errors).length) {
        const count = showFieldErrors(form, error.errors, summary, programFieldName);
        status.textContent = `Not saved: ${count === 1 ? 'one field needs' : `${count} fields need`} attention.`;
      } else {
        status.textContent = `Not saved: ${error.message}`;
      }
    } finally {
      saveButton.disabled = false;
    }
  });

  drawSteps();
  return h(
    'section',
    { class: 'ws-screen program-editor', 'data-title': `${client.name}: program` },
    h('p', {}, h('a', { href: `#/clients/${clientId}`, text: `← ${client.name}` })),
    heading,
    versionNote,
    h('div', { class: 'editor-layout' }, form, clinicalReference()),
  );
}

function versionText(program) {
  return program
    ? `Editing version ${program.version}. Saving makes version ${program.version + 1}; earlier versions are kept.`
    : 'No program yet. Saving makes version 1.';
}
