// Keeps a workspace screen fresh by itself: asks the server again every REFRESH_EVERY_MS while
// the tab is visible (none while it is hidden, at once when it shows again), backs off while the
// server cannot be reached, says how fresh the screen is, and announces only what is new.
//
// Polling rather than server-sent events: the web processes serve requests on a few threads
// each (deploy/gunicorn.conf.py), and an open event stream would hold one of them per open
// workspace tab. A phone or a background tab learns of a flag by push (sw-push.js), which also
// asks an open workspace to refresh at once (REFRESH_EVENT).

import { h } from '../dom.js';

/** How often a visible screen asks the server again (ms). */
export const REFRESH_EVERY_MS = 20000;
/** The longest wait between tries while the server cannot be reached (ms). */
export const LONGEST_WAIT_MS = 5 * 60000;
/** A window event that asks the screen on show to refresh now (a push alert arrived, say). */
export const REFRESH_EVENT = 'workspace-refresh';
/** How often the "Updated … ago" words are rewritten (ms); they are not announced. */
const CLOCK_MS = 5000;

/** The wait before the next try after this many failures in a row (ms): doubling, capped. */
export function waitAfter(failures, every = REFRESH_EVERY_MS) {
  return Math.min(every * 2 ** Math.max(0, failures), LONGEST_WAIT_MS);
}

/** "just now", "20 s ago", "3 min ago", "2 h ago": how long ago ms milliseconds was. */
export function agoText(ms) {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 10) return 'just now';
  if (seconds < 60) return `${Math.floor(seconds / 10) * 10} s ago`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  return `${Math.floor(minutes / 60)} h ago`;
}

/** "40 s", "2 min": how long until ms milliseconds from now. */
export function untilText(ms) {
  const seconds = Math.max(1, Math.round(ms / 1000));
  return seconds < 60 ? `${seconds} s` : `${Math.round(seconds / 60)} min`;
}

/**
 * Keep `screen` fresh. load() fetches the screen's data; apply(data) puts it on the screen
 * without moving focus or touching what is being typed, and returns a sentence to announce when
 * something new arrived (or nothing). The screen starts as loaded at `loadedAt`.
 * @returns {{ element: HTMLElement, announcer: HTMLElement, refresh: () => Promise<void>,
 *   announce: (text: string) => void }}
 */
export function keepFresh({ screen, load, apply, loadedAt = Date.now() }) {
  const words = h('span', { class: 'freshness-words' });
  const now = h('button', { type: 'button', class: 'button small', text: 'Update now' });
  const element = h('p', { class: 'freshness no-print', 'data-testid': 'freshness' }, words, now);
  const announcer = h('p', {
    class: 'visually-hidden',
    role: 'status',
    'aria-live': 'polite',
    'data-testid': 'announcer',
  });
  let updatedAt = loadedAt;
  let failures = 0;
  let signedOut = false;
  let nextAt = null;
  let timer = null;
  let running = null;
  let seen = false; // the screen has been on the page (it is built before it is shown)
  let stopped = false;

  function say() {
    const ago = agoText(Date.now() - updatedAt);
    if (signedOut) {
      words.textContent =
        'You have been signed out, so this page no longer updates. Reload it to sign in again.';
    } else if (failures) {
      const retry = nextAt ? ` Trying again in ${untilText(nextAt - Date.now())}.` : '';
      words.textContent = `Last updated ${ago}: the server could not be reached.${retry}`;
    } else {
      words.textContent = ago === 'just now' ? 'Updated just now.' : `Updated ${ago}.`;
    }
    element.classList.toggle('stale', failures > 0 || signedOut);
    now.hidden = signedOut;
  }

  function schedule() {
    clearTimeout(timer);
    timer = null;
    nextAt = null;
    if (stopped || signedOut || document.visibilityState === 'hidden') return;
    const base = waitAfter(failures);
    const wait = failures ? base : base * (0.9 + Math.random() * 0.2); // no tabs in lockstep
    nextAt = Date.now() + wait;
    timer = setTimeout(refresh, wait);
  }

  /** Fetch and apply now (one at a time: a second call while one runs waits for it). */
  function refresh() {
    if (running || stopped) return running || Promise.resolve();
    clearTimeout(timer);
    element.setAttribute('aria-busy', 'true');
    running = (async () => {
      try {
        const news = apply(await load());
        updatedAt = Date.now();
        failures = 0;
        if (news) announce(news);
      } catch (error) {
        if (error?.status === 401) signedOut = true;
        else failures += 1;
      } finally {
        running = null;
        element.removeAttribute('aria-busy');
        schedule();
        say();
      }
    })();
    return running;
  }

  /** Say text to screen readers once (the same words twice are still spoken). */
  function announce(text) {
    announcer.textContent = '';
    requestAnimationFrame(() => {
      announcer.textContent = text;
    });
  }

  function onVisibility() {
    if (document.visibilityState === 'hidden') {
      clearTimeout(timer);
      timer = null;
    } else if (Date.now() - updatedAt >= REFRESH_EVERY_MS || failures) {
      refresh();
    } else {
      schedule();
    }
  }

  const onRequest = () => refresh();
  const builtAt = Date.now();
  const clock = setInterval(() => {
    if (screen.isConnected) seen = true;
    else if (seen || Date.now() - builtAt > 60000)
      stop(); // replaced, or never shown
    else return;
    say();
  }, CLOCK_MS);

  function stop() {
    stopped = true;
    clearInterval(clock);
    clearTimeout(timer);
    document.removeEventListener('visibilitychange', onVisibility);
    window.removeEventListener('online', onRequest);
    window.removeEventListener(REFRESH_EVENT, onRequest);
  }

  now.addEventListener('click', () => refresh());
  document.addEventListener('visibilitychange', onVisibility);
  window.addEventListener('online', onRequest);
  window.addEventListener(REFRESH_EVENT, onRequest);
  say();
  schedule();
  return { element, announcer, refresh, announce };
}

/** Replace holder's content with child; if focus was inside, put it on the new equivalent. */
export function replaceKeepingFocus(holder, child) {
  const hadFocus = holder.contains(document.activeElement);
  holder.replaceChildren(child);
  if (hadFocus)
    holder
      .querySelector('[tabindex], a, button, input, select, textarea')
      ?.focus({ preventScroll: true });
}
