// A request that failed, said plainly, with a way to try again (every client view's edge).
import { ApiError, isNetworkError } from '../api.js';
import { h } from '../dom.js';

/** Plain words for why something could not be loaded or done. */
export function explainProblem(error) {
  if (isNetworkError(error)) {
    return 'The app cannot reach its server just now. Check that your phone is online, then try again.';
  }
  if (error instanceof ApiError && error.status >= 500) {
    return 'The server had a problem, not your phone. Nothing you saved is lost. Please try again in a moment.';
  }
  if (error instanceof ApiError && error.status === 429) {
    return 'Too many tries in a short time. Please wait a minute, then try again.';
  }
  return 'Something went wrong while loading this. Nothing you saved is lost. Please try again.';
}

/**
 * A notice with a "Try again" button. onRetry may return a promise; the button is disabled
 * while it runs, so a second tap does not start a second try.
 * @param {{error?: unknown, message?: string, onRetry: () => unknown}} options
 */
export function createProblem({ error = null, message = null, onRetry }) {
  const retry = h('button', { type: 'button', class: 'button primary wide' }, 'Try again');
  retry.addEventListener('click', async () => {
    retry.disabled = true;
    try {
      await onRetry();
    } finally {
      retry.disabled = false;
    }
  });
  return h(
    'div',
    { class: 'notice warn stack', role: 'alert', 'data-testid': 'problem' },
    h('p', {}, message || explainProblem(error)),
    retry,
  );
}
