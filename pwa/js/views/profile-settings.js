// Settings: one's details (name, phone number for emergencies, time zone) and password.
import { ApiError, isNetworkError } from '../api.js';
import { h, uniqueId } from '../dom.js';
import { clearFieldErrors, formField, newPasswordField, showFieldErrors } from './form-field.js';

/** The "Your details" section; onSaved(user) after a change is stored. */
export function createDetailsSection({ api, user }, onSaved) {
  const name = formField('Name', {
    name: 'name',
    autocomplete: 'name',
    required: true,
    maxlength: '120',
    value: user.name,
  });
  const phone =
    user.role === 'client'
      ? formField(
          'Phone number (optional)',
          { type: 'tel', name: 'phone', autocomplete: 'tel', value: user.phone || '' },
          'Your therapist sees it, to reach you if something you log needs attention.',
        )
      : null;
  const timezone = timezoneField(user.timezone);
  const message = h('p', { role: 'status', class: 'form-message' });
  const fields = { name, timezone, ...(phone ? { phone } : {}) };

  async function onSubmit(event) {
    event.preventDefault();
    message.textContent = '';
    const body = { name: name.input.value.trim(), timezone: timezone.input.value };
    if (phone) body.phone = phone.input.value.trim() || null;
    try {
      const saved = await api.patch('/api/me', body);
      clearFieldErrors(fields);
      message.textContent = 'Saved.';
      onSaved?.(saved);
    } catch (error) {
      message.textContent = explain(error, fields);
    }
  }

  return h(
    'section',
    { class: 'card stack', 'aria-labelledby': 'details-title' },
    h('h2', { id: 'details-title' }, 'Your details'),
    h(
      'form',
      { class: 'stack', novalidate: true, on: { submit: onSubmit } },
      name.element,
      phone?.element,
      timezone.element,
      message,
      h('button', { type: 'submit', class: 'button primary' }, 'Save details'),
    ),
  );
}

/** A time zone select (every zone the browser knows), with this phone's zone one tap away. */
function timezoneField(current) {
  const id = uniqueId('timezone');
  const here = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  const zones = new Set(Intl.supportedValuesOf?.('timeZone') || []);
  zones.add(current);
  zones.add(here);
  const input = h(
    'select',
    { id, name: 'timezone', 'aria-describedby': `${id}-hint ${id}-error` },
    [...zones].sort().map((zone) => h('option', { value: zone }, zone.replaceAll('_', ' '))),
  );
  input.value = current;
  const error = h('p', { id: `${id}-error`, class: 'field-error' });
  const useHere = h(
    'button',
    {
      type: 'button',
      class: 'button',
      hidden: here === current,
      on: {
        click: () => {
          input.value = here;
          useHere.hidden = true;
        },
      },
    },
    `Use this phone’s: ${here.replaceAll('_', ' ')}`,
  );
  input.addEventListener('change', () => {
    useHere.hidden = input.value === here;
  });
  const element = h(
    'div',
    { class: 'field' },
    h('label', { for: id }, 'Time zone'),
    h(
      'p',
      { id: `${id}-hint`, class: 'field-hint' },
      'Reminders, your schedule and your history follow it.',
    ),
    input,
    useHere,
    error,
  );
  return {
    element,
    input,
    setError: (text) => {
      error.textContent = text || '';
    },
  };
}

/** The "Password" section: change it; other phones and computers are then signed out. */
export function createPasswordSection({ api, user }) {
  const current = formField('Current password', {
    type: 'password',
    name: 'current_password',
    autocomplete: 'current-password',
    required: true,
  });
  const fresh = newPasswordField('New password', 'new_password');
  const message = h('p', { role: 'status', class: 'form-message' });
  const fields = { current_password: current, new_password: fresh };

  async function onSubmit(event) {
    event.preventDefault();
    message.textContent = '';
    try {
      await api.post('/api/me/password', {
        current_password: current.input.value,
        new_password: fresh.input.value,
      });
      clearFieldErrors(fields);
      event.target.reset();
      message.textContent =
        'Password changed. Any other phone or computer signed in to your account has been signed out.';
    } catch (error) {
      message.textContent = explain(error, fields);
    }
  }

  return h(
    'section',
    { class: 'card stack', 'aria-labelledby': 'password-title' },
    h('h2', { id: 'password-title' }, 'Password'),
    h(
      'form',
      { class: 'stack', novalidate: true, on: { submit: onSubmit } },
      h('input', {
        type: 'text',
        name: 'username',
        autocomplete: 'username',
        value: user.email,
        hidden: true,
      }),
      current.element,
      fresh.element,
      message,
      h('button', { type: 'submit', class: 'button' }, 'Change password'),
    ),
  );
}

function explain(error, fields) {
  if (isNetworkError(error))
    return 'You seem to be offline. This needs a connection; please try again later.';
  if (!(error instanceof ApiError)) throw error;
  if (showFieldErrors(fields, error)) return 'Please check the fields marked above.';
  if (error.status === 429) return 'Too many tries. Please wait a few minutes, then try again.';
  return error.message;
}
