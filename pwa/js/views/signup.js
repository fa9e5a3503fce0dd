// A therapist creates an account here (while the installation's sign-up is open) and lands in
// their workspace; clients join through their therapist's invite instead.
import { ApiError, isNetworkError } from '../api.js';
import { h, screenTitle } from '../dom.js';
import { formField, newPasswordField, showFieldErrors } from './form-field.js';

/** The #/signup screen. */
export function createSignupView(context) {
  const name = formField('Your name', {
    name: 'name',
    autocomplete: 'name',
    required: true,
    maxlength: '120',
  });
  const email = formField('Email (you will sign in with it)', {
    type: 'email',
    name: 'email',
    autocomplete: 'username',
    required: true,
  });
  const password = newPasswordField('Choose a password');
  const message = h('p', { class: 'form-message', role: 'alert' });
  const submit = h('button', { type: 'submit', class: 'button primary wide' }, 'Create my account');
  const timezone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

  async function onSubmit(event) {
    event.preventDefault();
    message.textContent = '';
    submit.disabled = true;
    try {
      const user = await context.api.post('/api/auth/register', {
        name: name.input.value.trim(),
        email: email.input.value.trim(),
        password: password.input.value,
        timezone,
      });
      await context.signedIn(user);
    } catch (error) {
      message.textContent = explain(error, { name, email, password });
      submit.disabled = false;
    }
  }

  const element = h(
    'section',
    { class: 'screen narrow' },
    screenTitle('Create a therapist account'),
    h(
      'p',
      {},
      'Set up your practice: invite your clients, write their home programs and follow how they are doing.',
    ),
    h(
      'form',
      { class: 'card stack', novalidate: true, on: { submit: onSubmit } },
      name.element,
      email.element,
      password.element,
      message,
      submit,
    ),
    h(
      'p',
      { class: 'muted' },
      'Are you a client? Open the invite link your therapist sent you instead.',
    ),
    h('p', {}, h('a', { href: '#/login' }, 'I already have an account: sign in')),
  );
  return { element };
}

function explain(error, fields) {
  if (isNetworkError(error))
    return 'You seem to be offline. Creating an account needs a connection.';
  if (!(error instanceof ApiError)) throw error;
  if (showFieldErrors(fields, error)) return 'Please check the fields marked above.';
  if (error.status === 403)
    return 'Sign-up is closed here. Ask your clinic’s administrator to invite you.';
  if (error.status === 429) return 'Too many tries. Please wait a few minutes, then try again.';
  return error.message;
}
