// Acknowledging one open flag: a note of what was done (needed for the tiers that pause
// self-massage, and said so before anything is sent), the server's field error beside it.

import { NOTE_MAX_LENGTH } from '../clinical-rules.js';
import { h } from '../dom.js';
import { flagText, noteRequired, pausesSelfMassage, urgencyAdjective } from './flag-labels.js';

const EXAMPLES = {
  emergency: 'for example: “Phoned her; she is on her way to the emergency department.”',
  'same-day': 'for example: “Phoned him; GP appointment booked for this afternoon.”',
};

function hintText(flag) {
  if (!noteRequired(flag)) return 'Optional, for example “Talked it through at today’s session.”';
  const paused = pausesSelfMassage(flag)
    ? ' Self-massage stays paused on the client’s devices until you acknowledge.'
    : '';
  return (
    `A note is needed for ${urgencyAdjective(flag.urgency, { article: true })} flag: say what was ` +
    `done, ${EXAMPLES[flag.urgency] || 'and when.'}${paused}`
  );
}

/**
 * The form for one open flag. onAcknowledged(flag) gets the flag as the server now has it;
 * onAlreadyDone() is called when someone acknowledged it first (409).
 * @returns {{ element: HTMLFormElement, note: HTMLTextAreaElement }}
 */
export function acknowledgeForm({ api, clientId, flag, onAcknowledged, onAlreadyDone }) {
  const id = `ack-note-${flag.id}`;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const required = noteRequired(flag);
  const note = h('textarea', {
    id,
    rows: 2,
    maxlength: NOTE_MAX_LENGTH,
    'data-field': 'note',
    'aria-describedby': hintId,
    'aria-required': required ? 'true' : null,
  });
  const error = h('p', { class: 'field-error', id: errorId, hidden: true });
  const submit = h('button', {
    type: 'submit',
    class: 'button primary',
    'aria-label': `Acknowledge: ${flagText(flag)}`,
    text: 'Acknowledge',
  });
  const status = h('p', { class: 'muted', role: 'status' });
  const form = h(
    'form',
    { class: 'ack-form', novalidate: true, 'aria-label': `Acknowledge: ${flagText(flag)}` },
    h(
      'div',
      { class: 'ws-field' },
      h('label', {
        for: id,
        text: required ? 'What was done (needed)' : 'What was done (optional)',
      }),
      h('p', { class: 'ws-hint', id: hintId, text: hintText(flag) }),
      note,
      error,
    ),
    h('div', { class: 'ack-actions' }, submit, status),
  );

  function showError(text) {
    error.textContent = text;
    error.hidden = false;
    note.setAttribute('aria-invalid', 'true');
    note.setAttribute('aria-describedby', `${hintId} ${errorId}`);
    note.focus();
  }

  function clearError() {
    error.hidden = true;
    note.removeAttribute('aria-invalid');
    note.setAttribute('aria-describedby', hintId);
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    submit.disabled = true;
    status.textContent = 'Saving…';
    try {
      const saved = await api.post(`/api/clients/${clientId}/flags/${flag.id}/acknowledge`, {
        note: note.value.trim() || null,
      });
      clearError();
      status.textContent = '';
      onAcknowledged(saved);
    } catch (failure) {
      status.textContent = '';
      if (failure.status === 422 && failure.errors?.note) {
        showError(failure.errors.note.join(' '));
      } else if (failure.status === 409) {
        status.textContent =
          'Someone acknowledged this flag first; their note stands. Yours was not saved.';
        onAlreadyDone();
      } else {
        status.textContent = failure.status
          ? `Not saved: ${failure.message}. Your note is still here; please try again.`
          : 'Not saved: the server could not be reached. Your note is still here; please try again.';
      }
    } finally {
      submit.disabled = false;
    }
  });
  return { element: form, note };
}
