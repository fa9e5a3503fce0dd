// Sign-in page for clients and therapists alike, with the ways to recover access or sign up.
import { ApiError, isNetworkError } from '../api.js';
import { h, screenTitle } from '../dom.js';
import { formField, showFieldErrors } from './form-field.js';

/** The sign-in screen; on success hands the user to context.signedIn. */
export function createLoginView(context) {
  const email = formField('Email', {
    type: 'email',
    name: 'email',
    autocomplete: 'username',
    required: true,
  });
  const password = formField('Password', {
    type: 'password',
    name: 'password',
    autocomplete: 'current-password',
    required: true,
  });
  const message = h('p', { class: 'form-message', role: 'alert' });
  const submit = h('button', { type: 'submit', class: 'button primary wide' }, 'Sign in');

  const form = h(
    'form',
    { class: 'card stack', novalidate: true, on: { submit: onSubmit } },
    email.element,
    password.element,
    message,
    submit,
  );

  async function onSubmit(event) {
    event.preventDefault();
    message.textContent = '';
    submit.disabled = true;
    try {
      const user = await context.api.post('/api/auth/login', {
        email: email.input.value.trim(),
        password: password.input.value,
      });
      await context.signedIn(user);
    } catch (error) {
      message.textContent = explain(error, { email, password });
    } finally {
      submit.disabled = false;
    }
  }

  const signup = h(
    'p',
    { hidden: true, 'data-testid': 'signup-offer' },
    'Are you a therapist? ',
    h('a', { href: '#/signup' }, 'Create a therapist account'),
  );
  context.api
    .get('/api/auth/signup')
    .then((answer) => {
      signup.hidden = !answer.open;
    })
    .catch(() => {});

  const element = h(
    'section',
    { class: 'screen narrow' },
    screenTitle('Sign in'),
    h('p', {}, 'Welcome back. Sign in with the email and password you chose when you joined.'),
    form,
    h('p', {}, h('a', { href: '#/forgot' }, 'Forgot your password?')),
    h(
      'p',
      { class: 'muted' },
      'New here? Open the invite link your therapist sent you to set up your account.',
    ),
    signup,
    h('p', {}, h('a', { href: '#/about' }, 'About this app and its sources')),
  );
  return { element };
}

function explain(error, fields) {
  if (isNetworkError(error)) return 'You seem to be offline. Signing in needs a connection.';
  if (!(error instanceof ApiError)) throw error;
  if (error.status === 429) return 'Too many tries. Please wait a few minutes, then try again.';
  if (showFieldErrors(fields, error)) return 'Please check the fields marked above.';
  if (error.status === 401) return 'That email and password do not match. Please try again.';
  return error.message;
}
