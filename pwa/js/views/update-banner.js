// "New version — reload": offered between sessions, applied only when the person taps it.
import { h } from '../dom.js';

const banner = () => document.getElementById('update-banner');

/** Show the banner; apply() activates the waiting version and reloads. */
export function showUpdateBanner(apply) {
  const element = banner();
  if (!element.hidden) return;
  element.replaceChildren(
    h('p', {}, 'A new version of the app is ready.'),
    h('button', { type: 'button', class: 'button primary', on: { click: apply } }, 'Reload now'),
  );
  element.hidden = false;
  element.removeAttribute('data-update-waiting');
}

/** Hide the banner; waiting: a new version is ready but held back (a guided session runs). */
export function hideUpdateBanner({ waiting = false } = {}) {
  banner().hidden = true;
  banner().toggleAttribute('data-update-waiting', waiting);
}
