// Setting a new password from a reset link (given by a therapist, or emailed). Every other
// session of the person ends, so a lost phone that was still signed in is signed out.
import { ApiError, isNetworkError } from '../api.js';
import { h, screenTitle } from '../dom.js';
import { newPasswordField, showFieldErrors } from './form-field.js';

/** The #/reset/<token> screen. */
export async function createResetView(context, token) {
  const element = h('section', { class: 'screen narrow' });
  const path = `/api/auth/reset/${encodeURIComponent(token || '')}`;
  let preview;
  try {
    preview = await context.api.get(path);
  } catch (error) {
    element.append(
      screenTitle('Set a new password'),
      h('div', { class: 'notice warn', role: 'alert' }, h('p', {}, explain(error))),
      h('p', {}, h('a', { href: '#/login' }, 'Go to sign in')),
    );
    return { element };
  }
  const password = newPasswordField('New password');
  const message = h('p', { class: 'form-message', role: 'alert' });
  const submit = h('button', { type: 'submit', class: 'button primary wide' }, 'Save and sign in');

  async function onSubmit(event) {
    event.preventDefault();
    message.textContent = '';
    submit.disabled = true;
    try {
      const user = await context.api.post(path, { password: password.input.value });
      await context.signedIn(user);
    } catch (error) {
      message.textContent =
        error instanceof ApiError && showFieldErrors({ password }, error)
          ? 'Please choose another password.'
          : explain(error);
      submit.disabled = false;
    }
  }

  element.append(
    screenTitle('Set a new password'),
    h(
      'p',
      {},
      `For ${preview.email}. Any other phone or computer signed in to this account will be signed out.`,
    ),
    h(
      'form',
      { class: 'card stack', novalidate: true, on: { submit: onSubmit } },
      h('input', {
        type: 'email',
        name: 'username',
        autocomplete: 'username',
        value: preview.email,
        hidden: true,
      }),
      password.element,
      message,
      submit,
    ),
  );
  return { element };
}

function explain(error) {
  if (isNetworkError(error))
    return 'You seem to be offline. Setting a password needs a connection.';
  if (!(error instanceof ApiError)) throw error;
  if (error.status === 410)
    return 'This link has expired. Ask your therapist for a new one, or use "Forgot your password?" on the sign-in page.';
  if (error.status === 404)
    return 'This link does not work: it may have been used already, or replaced by a newer one. Ask for a new link.';
  if (error.status === 429) return 'Too many tries. Please wait a few minutes, then try again.';
  return error.message;
}
