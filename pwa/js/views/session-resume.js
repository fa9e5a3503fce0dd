// The offer made when a guided session was left open: resume it, or save it as it stands.
import { h } from '../dom.js';
import { describeDraft } from '../session-draft.js';

/** The choice between resuming an open draft and saving it as stopped early. */
export function createResumeOffer(draft, { onResume, onFinish }) {
  const finish = h(
    'button',
    {
      type: 'button',
      class: 'button wide',
      on: {
        click: () => {
          finish.disabled = true;
          onFinish();
        },
      },
    },
    'Finish and save',
  );
  return h(
    'div',
    { class: 'stack', 'data-testid': 'resume-offer' },
    h('p', {}, describeDraft(draft)),
    h(
      'button',
      { type: 'button', class: 'button primary wide', on: { click: onResume } },
      'Resume where you left off',
    ),
    finish,
    h(
      'p',
      { class: 'small muted' },
      'Finishing saves the session as stopped early, with the answers you gave. ' +
        'Your therapist sees it either way.',
    ),
  );
}

/** What the screen says once an open session was saved as it stood. */
export function savedEarlyParts() {
  return [
    h('p', {}, 'Saved as stopped early, with the answers you gave. Stopping part way is fine.'),
    h('a', { class: 'button primary wide', href: '#/today' }, 'Back to today'),
  ];
}
