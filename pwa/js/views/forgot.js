// "Forgot your password?": ask for an emailed reset link. The answer is the same whether or not
// the email has an account, so it says what to expect either way.
import { ApiError, isNetworkError } from '../api.js';
import { h, screenTitle } from '../dom.js';
import { formField, showFieldErrors } from './form-field.js';

/** The #/forgot screen. */
export function createForgotView(context) {
  const email = formField('Your email', {
    type: 'email',
    name: 'email',
    autocomplete: 'username',
    required: true,
  });
  const message = h('p', { class: 'form-message', role: 'alert' });
  const submit = h(
    'button',
    { type: 'submit', class: 'button primary wide' },
    'Send me a reset link',
  );
  const element = h('section', { class: 'screen narrow' });

  async function onSubmit(event) {
    event.preventDefault();
    message.textContent = '';
    submit.disabled = true;
    try {
      const answer = await context.api.post('/api/auth/forgot', {
        email: email.input.value.trim(),
      });
      element.replaceChildren(
        screenTitle('Check your email'),
        h('p', { role: 'status' }, answer.message),
        h('p', {}, h('a', { class: 'button wide', href: '#/login' }, 'Back to sign in')),
      );
      element.querySelector('.screen-title').focus();
    } catch (error) {
      message.textContent = explain(error, { email });
      submit.disabled = false;
    }
  }

  element.append(
    screenTitle('Forgot your password?'),
    h(
      'p',
      {},
      'Enter the email you sign in with. If this app can send email, a link to set a new password is sent to it.',
    ),
    h(
      'p',
      { class: 'muted' },
      'A client can also ask their therapist for a reset link: it works the same way.',
    ),
    h(
      'form',
      { class: 'card stack', novalidate: true, on: { submit: onSubmit } },
      email.element,
      message,
      submit,
    ),
    h('p', {}, h('a', { href: '#/login' }, 'Back to sign in')),
  );
  return { element };
}

function explain(error, fields) {
  if (isNetworkError(error)) return 'You seem to be offline. Please try again when you are online.';
  if (!(error instanceof ApiError)) throw error;
  if (showFieldErrors(fields, error)) return 'Please check the field marked above.';
  if (error.status === 429)
    return 'Too many requests for this email. Please wait a while, then try again.';
  return error.message;
}
