// The "You are offline" banner under the header: shown while the server cannot be reached, gone as
// soon as it can (it follows connection.js, not the state at the time a screen was drawn).
import { h } from '../dom.js';

const WORDS = {
  offline:
    'You are offline. What you save is kept on this phone and sent when you are back online.',
  unreachable:
    'You are offline: the app cannot reach its server just now. What you save is kept on ' +
    'this phone and sent once it can.',
};

/** The banner element, kept in step with `connection`; onRetry runs when "Try again" is tapped. */
export function createConnectionBanner(connection, onRetry) {
  const words = h('p', {});
  const retry = h('button', { type: 'button', class: 'button' }, 'Try again');
  const panel = h(
    'div',
    { class: 'connection-banner', 'data-testid': 'offline-note' },
    words,
    retry,
  );
  // The live region stays in the page; only its content comes and goes, so it is announced.
  const banner = h('div', { role: 'status', class: 'connection-status' }, panel);
  retry.addEventListener('click', async () => {
    retry.disabled = true;
    try {
      await onRetry();
    } finally {
      retry.disabled = false;
    }
  });
  const render = () => {
    const text = WORDS[connection.state];
    panel.hidden = !text;
    if (text) words.textContent = text;
  };
  connection.addEventListener('change', render);
  render();
  return banner;
}
