// Invite a client: create a single-use link, copy it, or show it as a QR code to scan in clinic.

import { h } from '../dom.js';
import { clearFieldErrors, showFieldErrors } from './field-errors.js';
import { field } from './form-bits.js';
import { linkCard, loopbackWarning } from './link-card.js';

function inviteResult(created, name) {
  return linkCard(created, {
    title: `Invite for ${name} is ready`,
    qrLabel: `QR code of the invite link for ${name}. Your client can scan it with their phone camera.`,
    hint: 'It works once, and only until it expires.',
    label: 'Invite link',
    testId: 'invite',
  });
}

/** Loopback links: warn before the first invite when the app's public address is not set. */
async function addressWarning(api) {
  const loopbackHere =
    ['localhost', '[::1]'].includes(location.hostname) || location.hostname.startsWith('127.');
  if (!loopbackHere) return null;
  try {
    const clinic = await api.get('/api/clinic');
    return clinic.public_base_url ? null : loopbackWarning();
  } catch {
    return null;
  }
}

/** The invite screen. */
export async function inviteScreen({ api }) {
  const warning = await addressWarning(api);
  const name = h('input', {
    type: 'text',
    autocomplete: 'off',
    maxlength: 200,
    required: true,
    'data-field': 'name',
  });
  const email = h('input', { type: 'email', autocomplete: 'off', 'data-field': 'email' });
  const summary = h('div', { class: 'error-summary', tabindex: '-1', role: 'alert', hidden: true });
  const result = h('div', { class: 'invite-output' });
  const submit = h('button', {
    type: 'submit',
    class: 'button primary',
    text: 'Create invite link',
  });
  const form = h(
    'form',
    { class: 'ws-form', novalidate: true },
    summary,
    h(
      'fieldset',
      {},
      h('legend', { text: 'Who are you inviting?' }),
      field('invite-name', "Client's name", name),
      field(
        'invite-email',
        'Email (optional)',
        email,
        'If you give it, the client signs in with this email.',
      ),
    ),
    h('p', {}, submit),
  );

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = { name: name.value.trim() };
    if (email.value.trim()) body.email = email.value.trim();
    submit.disabled = true;
    try {
      const created = await api.post('/api/invites', body);
      clearFieldErrors(form);
      summary.hidden = true;
      result.replaceChildren(inviteResult(created, body.name));
      result.querySelector('h2').focus();
      form.reset();
    } catch (error) {
      if (error.status === 422 || error.status === 409) {
        showFieldErrors(form, error.errors, summary, (path) =>
          path === 'name' ? 'Name' : 'Email',
        );
        summary.querySelector('p').textContent = 'The invite was not made.';
      } else
        result.replaceChildren(
          h('p', {
            class: 'field-error',
            role: 'alert',
            text: `Could not create the invite: ${error.message}`,
          }),
        );
    } finally {
      submit.disabled = false;
    }
  });

  return h(
    'section',
    { class: 'ws-screen', 'data-title': 'Invite a client' },
    h('h1', { tabindex: '-1', text: 'Invite a client' }),
    h('p', {
      class: 'ws-lede',
      text: 'Create a link for a new client. They open it on their phone, choose a password, and join your caseload.',
    }),
    warning,
    form,
    result,
  );
}
