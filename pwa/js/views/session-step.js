// The pieces of one guided-session screen: where to place the hand, which way to move the skin,
// and the three answers after a trial pull.
import { createBodyOutline, describeTarget, directionVector } from '../body-outline.js';
import { h } from '../dom.js';
import { CONTACTS, RESPONSES } from '../vocabulary.js';
import { prefersReducedMotion } from '../wake-lock.js';

/** The drawing and words for one spot and direction: start region, drag arrow, contact, landmark. */
export function placementFigure({ spot, direction }) {
  const target = { group: spot.group, side: spot.side, direction };
  const figure = createBodyOutline({ target, label: describeTarget(target) });
  if (!prefersReducedMotion()) {
    const [dx, dy] = directionVector(direction, spot.side);
    for (const arrow of figure.querySelectorAll('.drag-arrow')) {
      arrow.classList.add('animated');
      arrow.querySelector('.arrow')?.classList.add('animated');
      arrow.style.setProperty('--nudge-x', `${dx * 4}px`); // CSSOM, which the CSP allows
      arrow.style.setProperty('--nudge-y', `${dy * 4}px`);
    }
  }
  return h(
    'figure',
    { class: 'card' },
    figure,
    h(
      'figcaption',
      { class: 'stack' },
      h('p', {}, h('strong', {}, describeTarget(target))),
      h(
        'p',
        {},
        `Use your ${CONTACTS[spot.contact] || 'flat palm'}, kept relaxed. Start point: ${inSentence(spot.landmark)}.`,
      ),
      h('p', { class: 'small muted' }, 'Move only the skin, gently; no deep pressure, no oil.'),
      spot.notes && h('p', { class: 'small' }, spot.notes),
    ),
  );
}

/** The therapist's landmark mid-sentence: "Top of the hip" → "top of the hip" (not "L5 …"). */
function inSentence(text = '') {
  const trimmed = text.trim().replace(/\.$/, '');
  return /^[A-Z][a-z]/.test(trimmed) ? trimmed[0].toLowerCase() + trimmed.slice(1) : trimmed;
}

/**
 * The three answers to a trial pull, asked while the skin is still held. onAnswer(code) once:
 * a second quick tap records no second answer.
 */
export function answerButtons(onAnswer) {
  let answered = false;
  const answer = (code) => {
    if (answered) return;
    answered = true;
    onAnswer(code);
  };
  return h(
    'div',
    { class: 'stack' },
    h('h2', { id: 'answer-title' }, 'Still holding: how do your symptoms feel now?'),
    h(
      'div',
      { class: 'answer-row', role: 'group', 'aria-labelledby': 'answer-title' },
      Object.entries(RESPONSES).map(([code, label]) =>
        h(
          'button',
          {
            type: 'button',
            class: `button${code === 'worse' ? ' danger' : code === 'better' ? ' primary' : ''}`,
            on: { click: () => answer(code) },
          },
          label,
        ),
      ),
    ),
    h('p', { class: 'small muted' }, 'Then let go gently.'),
  );
}
