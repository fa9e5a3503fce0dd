// A hold countdown: big seconds on screen, sparse spoken updates, a buzz at the end.
import { h } from '../dom.js';
import { buzz } from '../wake-lock.js';

/**
 * Count down `seconds`; onDone(heldSeconds) when it reaches zero or the person ends it early.
 * Time comes from the clock, not from counting ticks, so a busy phone does not stretch a hold.
 * @returns {{element: HTMLElement, cancel: () => void, elapsed: () => number}} elapsed in seconds
 */
export function createCountdown(seconds, label, onDone, doneLabel = 'Done holding') {
  const started = Date.now();
  const number = h(
    'p',
    { class: 'countdown', role: 'timer', 'aria-hidden': 'true' },
    String(seconds),
  );
  const spoken = h(
    'p',
    { class: 'visually-hidden', 'aria-live': 'polite' },
    `${label}: ${seconds} seconds.`,
  );
  let finished = false;
  const timer = setInterval(tick, 250);

  function tick() {
    const left = Math.max(0, seconds - Math.floor((Date.now() - started) / 1000));
    if (number.textContent !== String(left)) {
      number.textContent = String(left);
      if (left === 10 || left === 5) spoken.textContent = `${left} seconds left.`;
    }
    if (left === 0) finish(true);
  }

  function finish(reachedZero) {
    if (finished) return;
    finished = true;
    clearInterval(timer);
    if (reachedZero) buzz();
    onDone(Math.min(seconds, (Date.now() - started) / 1000));
  }

  const element = h(
    'div',
    { class: 'countdown-block' },
    h('p', { class: 'progress-line' }, label),
    number,
    spoken,
    h(
      'button',
      { type: 'button', class: 'button wide', on: { click: () => finish(false) } },
      doneLabel,
    ),
  );
  return {
    element,
    cancel: () => {
      finished = true;
      clearInterval(timer);
    },
    elapsed: () => Math.min(seconds, (Date.now() - started) / 1000),
  };
}
