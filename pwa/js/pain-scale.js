// The 0–10 pain picker: eleven big buttons, one tap to choose (a radio group for screen readers).
import { h, uniqueId } from './dom.js';

/**
 * A pain score picker. onChange(score) after each choice. ends: what 0 and 10 mean, read out on
 * those buttons and shown under the scale (pain unless given: the functional scale words its own).
 * @returns {{element: HTMLElement, value: () => number|null}}
 */
export function createPainScale({
  label,
  value = null,
  onChange = () => {},
  ends = {
    low: 'no pain',
    high: 'worst imaginable',
    lowShort: '0 = no pain',
    highShort: '10 = worst',
  },
}) {
  const labelId = uniqueId('pain-label');
  let current = value;
  const buttons = Array.from({ length: 11 }, (_, score) =>
    h(
      'button',
      {
        type: 'button',
        role: 'radio',
        'aria-checked': String(score === current),
        tabindex: score === (current ?? 0) ? '0' : '-1',
        'aria-label': `${score}${score === 0 ? `, ${ends.low}` : score === 10 ? `, ${ends.high}` : ''}`,
        on: { click: () => choose(score), keydown: (event) => step(event, score) },
      },
      String(score),
    ),
  );

  function choose(score, focus = false) {
    current = score;
    buttons.forEach((button, index) => {
      button.setAttribute('aria-checked', String(index === score));
      button.tabIndex = index === score ? 0 : -1;
    });
    if (focus) buttons[score].focus();
    onChange(score);
  }

  function step(event, score) {
    const moves = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };
    if (!(event.key in moves)) return;
    event.preventDefault();
    choose(Math.min(10, Math.max(0, score + moves[event.key])), true);
  }

  const element = h(
    'div',
    { class: 'pain-picker' },
    h('p', { id: labelId, class: 'pain-label' }, h('strong', {}, label)),
    h('div', { class: 'pain-scale', role: 'radiogroup', 'aria-labelledby': labelId }, buttons),
    h(
      'p',
      { class: 'pain-anchors', 'aria-hidden': 'true' },
      h('span', {}, ends.lowShort),
      h('span', {}, ends.highShort),
    ),
  );
  return { element, value: () => current };
}
