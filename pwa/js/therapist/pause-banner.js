// The pause on a client's self-massage, stated where the therapist cannot miss it: while an
// emergency or same-day flag is open the client is offered no session on any device, until the
// therapist acknowledges the flag with a note of what was done (the server's `paused`).

import { PAUSING_TIERS } from '../clinical-rules.js';
import { h } from '../dom.js';
import { reportedWords } from '../safety.js';
import { urgencyAdjective } from './flag-labels.js';
import { clientTime } from './format.js';

const PAUSING_WORDS = PAUSING_TIERS.map((tier) => urgencyAdjective(tier)).join(' or ');

/**
 * The banner for a client (hidden while they are not paused). onShowFlags() takes the therapist
 * to the open flags. update(client) redraws it from a fresh copy of the client.
 * @returns {{ element: HTMLElement, update: (client: object) => void }}
 */
export function pauseBanner(client, onShowFlags) {
  const words = h('div');
  const toFlags = h('button', { type: 'button', class: 'button', text: 'Go to the open flags' });
  toFlags.addEventListener('click', onShowFlags);
  const element = h(
    'section',
    { class: 'pause-banner', 'aria-labelledby': 'pause-heading', 'data-testid': 'client-paused' },
    h('h2', { id: 'pause-heading', text: 'Self-massage is paused' }),
    words,
    toFlags,
  );

  function update(current) {
    const paused = current.paused;
    element.hidden = !paused;
    if (!paused) return;
    words.replaceChildren(
      h('p', {
        text: `Self-massage is paused on every device until you acknowledge each open ${PAUSING_WORDS} flag with a note of what was done. ${current.name} is offered no session until then.`,
      }),
      h('p', {
        class: 'muted',
        text: `Paused since ${clientTime(paused.since, current.timezone)} (client's time), when they answered yes to “${reportedWords(paused.reason) || paused.reason}”.`,
      }),
    );
  }

  update(client);
  return { element, update };
}
