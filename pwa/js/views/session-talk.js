// The guided session's questions around the trial: pain and the red-flag check before it starts,
// and pain after it (with calm advice and the check again when anything got worse).
import { h } from '../dom.js';
import { createPainScale } from '../pain-scale.js';
import { createRedFlagCheck } from './red-flag-check.js';

const CHOOSE_PAIN = 'Please choose your pain score first (0 means no pain).';

/**
 * A pain score and an answer button that needs it. With `check`, the red-flag check comes after
 * the score and its buttons answer; onAnswer(pain, answers) gets its answers, or null without it.
 * One answer only: taps after the first are ignored (three quick taps store one record).
 */
function painAndAnswer({ label, check, button, onAnswer }) {
  let pain = null;
  let answered = false;
  const message = h('p', { class: 'form-message', role: 'alert' });
  const scale = createPainScale({
    label,
    onChange: (score) => {
      pain = score;
      message.textContent = '';
    },
  });
  const answer = (answers) => {
    if (pain === null) {
      message.textContent = CHOOSE_PAIN;
      return;
    }
    if (answered) return;
    answered = true;
    onAnswer(pain, answers);
  };
  if (!check) {
    const finish = h(
      'button',
      { type: 'button', class: 'button primary wide', on: { click: () => answer(null) } },
      button,
    );
    return [scale.element, message, finish];
  }
  const redFlags = createRedFlagCheck({ actions: { ...check, onAnswer: answer } });
  return [scale.element, redFlags.element, message];
}

/** The first screen's parts: onStart(pain) for "Nothing new", onFlags(pain, answers) otherwise. */
export function sessionStartParts({ onStart, onFlags }) {
  return [
    h(
      'p',
      {},
      'Find a quiet spot where you can lie on your front or side, or stand comfortably. ' +
        'The screen stays on while you go.',
    ),
    ...painAndAnswer({
      label: 'Before you start: your pain now, 0 to 10',
      check: { nothingNew: 'Nothing new: start the session', save: 'Save my answers' },
      onAnswer: (pain, answers) =>
        answers.red_flags.length || answers.weakness ? onFlags(pain, answers) : onStart(pain),
    }),
  ];
}

/**
 * The last screen: {title, parts}. After anything got worse: calm advice and the red-flag check,
 * never praise. onFinish(pain, answers or null).
 */
export function sessionEnding({ worse, stoppedEarly, onFinish }) {
  const label = 'And now: your pain, 0 to 10';
  if (worse) {
    return {
      title: 'Take it easy now',
      parts: [
        h(
          'section',
          { class: 'notice warn stack', 'aria-labelledby': 'rest-title' },
          h('h2', { id: 'rest-title' }, 'Something got worse today'),
          h(
            'ul',
            {},
            h(
              'li',
              {},
              'Rest for the remainder of the day, and leave the spot that got worse alone.',
            ),
            h('li', {}, 'Change position often, and avoid the positions that set it off.'),
            h('li', {}, 'If it has not settled by tomorrow, or it spreads, tell your therapist.'),
            h('li', {}, 'Get help at once if you notice any of the signs below.'),
          ),
        ),
        ...painAndAnswer({
          label,
          check: { nothingNew: 'Nothing new: finish', save: 'Save my answers' },
          onAnswer: (pain, answers) => onFinish(pain, answers),
        }),
      ],
    };
  }
  return {
    title: stoppedEarly ? 'Stopping here is fine' : 'Well done',
    parts: [
      h(
        'p',
        {},
        stoppedEarly ? 'Listening to your body is part of it.' : 'That is today’s session done.',
      ),
      ...painAndAnswer({ label, button: 'Finish', onAnswer: (pain) => onFinish(pain, null) }),
    ],
  };
}
