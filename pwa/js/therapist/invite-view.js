// Invite a client: create a single-use link, copy it, or show it as a QR code to scan in clinic.

import { h } from '../dom.js';
import { generate } from '/vendor/lean-qr.js';
import { clearFieldErrors, showFieldErrors } from './field-errors.js';
import { field } from './form-bits.js';

/** Copy text with the Clipboard API, falling back to selecting the field and execCommand. */
export async function copyText(text, fallbackInput) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Clipboard API missing or refused (insecure origin, no permission): the old way.
    fallbackInput.focus();
    fallbackInput.select();
    try {
      return document.execCommand('copy');
    } catch {
      return false;
    }
  }
}

/** Draw the invite link as a QR code on a canvas (dark on white, with the quiet zone). */
export function drawQr(canvas, url) {
  generate(url).toCanvas(canvas, { on: [0, 0, 0, 255], off: [255, 255, 255, 255], pad: 4 });
}

function inviteResult(created, name) {
  const linkInput = h('input', { type: 'text', class: 'invite-link', readonly: true, props: { value: created.url } });
  const copyStatus = h('p', { role: 'status', 'aria-live': 'polite', class: 'muted' });
  const copyButton = h('button', { type: 'button', class: 'button primary', text: 'Copy link' });
  copyButton.addEventListener('click', async () => {
    const copied = await copyText(created.url, linkInput);
    copyStatus.textContent = copied
      ? 'Link copied. Paste it into a message to your client.'
      : 'Could not copy automatically: the link is selected, press Ctrl+C (or ⌘C) to copy it.';
  });
  const canvas = h('canvas', { class: 'qr-canvas', role: 'img', 'data-testid': 'invite-qr',
    'aria-label': `QR code of the invite link for ${name}. Your client can scan it with their phone camera.` });
  drawQr(canvas, created.url);
  const expires = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' })
    .format(new Date(created.expires_at));
  return h('section', { class: 'card invite-result', 'aria-labelledby': 'invite-ready' },
    h('div', {},
      h('h2', { id: 'invite-ready', text: `Invite for ${name} is ready` }),
      field('invite-link', 'Invite link', linkInput, 'It works once, and only until it expires.'),
      h('p', { class: 'ws-actions' }, copyButton),
      copyStatus,
      h('p', { class: 'muted', text: `Expires ${expires}.` })),
    h('figure', {}, canvas, h('figcaption', { class: 'muted', text: 'Or let them scan this code.' })));
}

/** The invite screen. */
export async function inviteScreen({ api }) {
  const name = h('input', { type: 'text', autocomplete: 'off', maxlength: 200, required: true, 'data-field': 'name' });
  const email = h('input', { type: 'email', autocomplete: 'off', 'data-field': 'email' });
  const summary = h('div', { class: 'error-summary', tabindex: '-1', role: 'alert', hidden: true });
  const result = h('div', { class: 'invite-output' });
  const submit = h('button', { type: 'submit', class: 'button primary', text: 'Create invite link' });
  const form = h('form', { class: 'ws-form', novalidate: true },
    summary,
    h('fieldset', {}, h('legend', { text: 'Who are you inviting?' }),
      field('invite-name', 'Client\'s name', name),
      field('invite-email', 'Email (optional)', email, 'If you give it, the client signs in with this email.')),
    h('p', {}, submit));

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
      result.querySelector('h2').setAttribute('tabindex', '-1');
      result.querySelector('h2').focus();
      form.reset();
    } catch (error) {
      if (error.status === 422) showFieldErrors(form, error.errors, summary, (path) => (path === 'name' ? 'Name' : 'Email'));
      else result.replaceChildren(h('p', { class: 'field-error', role: 'alert', text: `Could not create the invite: ${error.message}` }));
    } finally {
      submit.disabled = false;
    }
  });

  return h('section', { class: 'ws-screen', 'data-title': 'Invite a client' },
    h('h1', { tabindex: '-1', text: 'Invite a client' }),
    h('p', { class: 'ws-lede', text: 'Create a link for a new client. They open it on their phone, choose a password, and join your caseload.' }),
    form, result);
}
