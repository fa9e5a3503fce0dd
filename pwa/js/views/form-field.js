// A labelled input with its own error line, for the sign-in and join forms.
import { h, uniqueId } from '../dom.js';

/** {element, input, setError(message)} for one labelled field. */
export function formField(label, inputAttrs, hint = null) {
  const id = uniqueId('field');
  const errorId = `${id}-error`;
  const hintId = hint ? `${id}-hint` : null;
  const input = h('input', {
    id,
    name: inputAttrs.name,
    ...inputAttrs,
    'aria-describedby': [hintId, errorId].filter(Boolean).join(' '),
  });
  const error = h('p', { id: errorId, class: 'field-error' });
  const element = h(
    'div',
    { class: 'field' },
    h('label', { for: id }, label),
    hint && h('p', { id: hintId, class: 'field-hint' }, hint),
    input,
    error,
  );
  const setError = (message) => {
    error.textContent = message || '';
    if (message) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
  };
  return { element, input, setError };
}

/** The server's shortest password (server/security/passwords.py MIN_LENGTH; a test keeps them equal). */
export const PASSWORD_MIN_LENGTH = 8;

/** A field for choosing a password: the same rule and the same advice on every form. */
export function newPasswordField(label, name = 'password') {
  return formField(
    label,
    {
      type: 'password',
      name,
      autocomplete: 'new-password',
      required: true,
      minlength: String(PASSWORD_MIN_LENGTH),
    },
    `At least ${PASSWORD_MIN_LENGTH} characters. A short sentence is easy to remember and hard to guess.`,
  );
}

/** Show an ApiError's field messages beside their fields; returns true if any matched. */
export function showFieldErrors(fields, error) {
  let shown = false;
  for (const [name, field] of Object.entries(fields)) {
    const messages = error.errors?.[name];
    field.setError(messages ? [].concat(messages).join(' ') : '');
    shown ||= Boolean(messages);
  }
  return shown;
}

/** Clear every field's error line (after a successful save). */
export function clearFieldErrors(fields) {
  for (const field of Object.values(fields)) field.setError('');
}
