// The red-flag check, asked plainly and in the open (never folded away): one toggle per warning
// sign, the tier's instruction as soon as one is ticked, and a one-tap "Nothing new".
import { RED_FLAGS as RED_FLAG_CODES, URGENCY_TIERS } from '../clinical-rules.js';
import { h, toggleChip, uniqueId } from '../dom.js';
import { RED_FLAGS, safetyTier, WEAKNESS } from '../safety.js';
import { createSafetyNotice } from './safety-notice.js';

/**
 * The questions in the order asked: most urgent tier first, and within a tier the server's order
 * of codes (clinical-rules.js); weakness of any kind last in its own tier, so it sits beside
 * worsening leg weakness.
 * @returns {[string, string][]} [code, question] pairs ('weakness' for the weakness question)
 */
export function questions() {
  const rank = (tier) => URGENCY_TIERS.indexOf(tier);
  const asked = RED_FLAG_CODES.map((code) => [
    code,
    RED_FLAGS[code].question,
    rank(RED_FLAGS[code].tier),
  ]);
  asked.push(['weakness', WEAKNESS.question, rank(WEAKNESS.tier) + 0.5]);
  return asked.sort((a, b) => a[2] - b[2]).map(([code, question]) => [code, question]);
}

/**
 * The check. With `actions`, it ends in two buttons of which one shows at a time: "Nothing new"
 * (`actions.nothingNew`, its label) while nothing is ticked, `actions.save` once anything is;
 * either calls actions.onAnswer({red_flags, weakness}).
 * @returns {{element: HTMLElement, answers: () => {red_flags: string[], weakness: boolean},
 *   tier: () => string|null, anything: () => boolean}}
 */
export function createRedFlagCheck({
  actions = null,
  headingLevel = 'h3',
  onChange = () => {},
} = {}) {
  const ticked = new Set();
  const hintId = uniqueId('red-flag-hint');
  const guidance = h('div', { 'aria-live': 'assertive' });
  const answers = () => ({
    red_flags: Object.keys(RED_FLAGS).filter((code) => ticked.has(code)),
    weakness: ticked.has('weakness'),
  });
  const anything = () => ticked.size > 0;
  const nothingNew =
    actions && h('button', { type: 'button', class: 'button primary wide' }, actions.nothingNew);
  const save =
    actions &&
    h('button', { type: 'button', class: 'button primary wide', hidden: true }, actions.save);
  const changed = () => {
    const tier = safetyTier(answers());
    guidance.replaceChildren(...(tier ? [createSafetyNotice(tier, { headingLevel })] : []));
    if (actions) {
      nothingNew.hidden = anything();
      save.hidden = !anything();
    }
    onChange(answers());
  };
  const chips = questions().map(([code, question]) =>
    toggleChip(question, false, (on) => {
      if (on) ticked.add(code);
      else ticked.delete(code);
      changed();
    }),
  );
  const element = h(
    'div',
    { class: 'stack red-flag-check' },
    h(
      'fieldset',
      { 'aria-describedby': hintId },
      h('legend', {}, 'Anything new or alarming?'),
      h('p', { id: hintId, class: 'small muted' }, 'Tap any that are true for you now.'),
      h('div', { class: 'check-list' }, chips),
    ),
    guidance,
  );
  if (actions) {
    for (const button of [nothingNew, save]) {
      button.addEventListener('click', () => actions.onAnswer(answers()));
    }
    element.append(nothingNew, save);
  }
  return { element, answers, tier: () => safetyTier(answers()), anything };
}
