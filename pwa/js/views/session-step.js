// The pieces of one guided-session screen: where to place the hand, and what to do next.
import { createBodyOutline, describeTarget, directionVector } from '../body-outline.js';
import { h } from '../dom.js';
import { prefersReducedMotion } from '../wake-lock.js';
import { CONTACTS } from '../vocabulary.js';

/** The drawing and words for one trial: start region, drag arrow, contact and landmark. */
export function placementFigure({ step, group, side, direction }) {
  const figure = createBodyOutline({ target: { group, side, direction }, label: describeTarget({ group, side, direction }) });
  const arrows = figure.querySelectorAll('.drag-arrow');
  if (!prefersReducedMotion()) {
    for (const arrow of arrows) {
      const [dx, dy] = directionVector(direction, side === 'both' ? 'left' : side);
      arrow.classList.add('animated');
      arrow.querySelector('.arrow')?.classList.add('animated');
      arrow.style.setProperty('--nudge-x', `${dx * 4}px`);
      arrow.style.setProperty('--nudge-y', `${dy * 4}px`);
    }
  }
  return h('figure', { class: 'card' }, figure,
    h('figcaption', { class: 'stack' },
      h('p', {}, h('strong', {}, describeTarget({ group, side, direction }))),
      h('p', {}, `Use your ${CONTACTS[step.contact]}, kept relaxed. Start point: ${inSentence(step.landmark)}.`),
      h('p', { class: 'small muted' }, 'Press only enough to move the skin; no deep pressure, no oil.'),
      step.notes && h('p', { class: 'small' }, step.notes)));
}

/** The therapist's landmark mid-sentence: "Top of the hip" → "top of the hip" (not "L5 …"). */
function inSentence(text) {
  const trimmed = text.trim().replace(/\.$/, '');
  return /^[A-Z][a-z]/.test(trimmed) ? trimmed[0].toLowerCase() + trimmed.slice(1) : trimmed;
}

/** Three big answers after a trial hold. onAnswer('better'|'same'|'worse'). */
export function answerButtons(onAnswer) {
  const labels = { better: 'Better', same: 'Same', worse: 'Worse' };
  return h('div', { class: 'stack' },
    h('h2', { id: 'answer-title' }, 'How do your symptoms feel now?'),
    h('div', { class: 'answer-row', role: 'group', 'aria-labelledby': 'answer-title' },
      Object.entries(labels).map(([code, label]) => h('button', {
        type: 'button', class: `button${code === 'worse' ? ' danger' : code === 'better' ? ' primary' : ''}`,
        on: { click: () => onAnswer(code) },
      }, label))));
}
