// A single-use link handed to someone: the link to copy, a QR code to scan in clinic, and when
// it expires. Invites (new or renewed) and password reset links show it the same way.

import { generate } from '/vendor/lean-qr.js';
import { h } from '../dom.js';
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

/** Draw a link as a QR code on a canvas (dark on white, with the quiet zone). */
export function drawQr(canvas, url) {
  generate(url).toCanvas(canvas, { on: [0, 0, 0, 255], off: [255, 255, 255, 255], pad: 4 });
}

/** True when a link points at this machine (127.0.0.1, localhost, ::1): no phone can open it. */
export function isLoopbackLink(url) {
  const host = new URL(url, location.href).hostname;
  return host === 'localhost' || host === '[::1]' || host.startsWith('127.');
}

/**
 * The card for one link. {url, expires_at} from the API; title names whose link it is; label
 * names the field; qrLabel describes the QR code for screen readers; hint says what it does.
 */
export function linkCard(link, { title, qrLabel, hint, label = 'Link', testId = 'link-card' }) {
  const id = `link-${Math.random().toString(36).slice(2, 8)}`;
  const linkInput = h('input', {
    type: 'text',
    class: 'invite-link',
    readonly: true,
    props: { value: link.url },
  });
  const copyStatus = h('p', { role: 'status', 'aria-live': 'polite', class: 'muted' });
  const copyButton = h('button', { type: 'button', class: 'button primary', text: 'Copy link' });
  copyButton.addEventListener('click', async () => {
    const copied = await copyText(link.url, linkInput);
    copyStatus.textContent = copied
      ? 'Link copied. Paste it into a message.'
      : 'Could not copy automatically: the link is selected, press Ctrl+C (or ⌘C) to copy it.';
  });
  const canvas = h('canvas', {
    class: 'qr-canvas',
    role: 'img',
    'data-testid': `${testId}-qr`,
    'aria-label': qrLabel,
  });
  drawQr(canvas, link.url);
  const expires = new Intl.DateTimeFormat(undefined, {
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(new Date(link.expires_at));
  return h(
    'section',
    { class: 'card invite-result', 'aria-labelledby': `${id}-title`, 'data-testid': testId },
    h(
      'div',
      {},
      h('h2', { id: `${id}-title`, tabindex: '-1', text: title }),
      field(`${id}-url`, label, linkInput, hint),
      h('p', { class: 'ws-actions' }, copyButton),
      copyStatus,
      isLoopbackLink(link.url) ? loopbackWarning() : null,
      h('p', { class: 'muted', text: `Expires ${expires}.` }),
    ),
    h(
      'figure',
      {},
      canvas,
      h('figcaption', { class: 'muted', text: 'Or let them scan this code.' }),
    ),
  );
}

/** Said wherever a link would point at this machine: the app's public address is not set. */
export function loopbackWarning() {
  return h(
    'div',
    { class: 'notice warn', role: 'note', 'data-testid': 'loopback-warning' },
    h('p', {
      text:
        'This link points at this computer (its loopback address), so a client’s phone cannot open it. ' +
        'Ask whoever runs the app to set its public address (PUBLIC_BASE_URL), then make the link again.',
    }),
  );
}
