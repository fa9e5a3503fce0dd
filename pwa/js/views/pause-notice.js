// Why there is no self-massage now, and what to do: the tier's instruction, what was reported,
// and who lifts the pause (the therapist, through the server) — never a midnight on this phone.
import { h } from '../dom.js';
import { reportedWords } from '../safety.js';
import { createSafetyNotice } from './safety-notice.js';

/** The notice for a stop from program-source.js: {tier, reason, since, source}. */
export function createPauseNotice(stop, { headingLevel = 'h2' } = {}) {
  const reported = reportedWords(stop.reason);
  const day =
    stop.since && new Date(stop.since).toLocaleDateString([], { day: 'numeric', month: 'long' });
  const extra = [
    reported && h('p', {}, `You reported: “${reported}”${day ? ` on ${day}` : ''}.`),
    h(
      'p',
      {},
      stop.source === 'server'
        ? 'Self-massage is paused on all your devices until your therapist has looked at what you reported.'
        : 'Self-massage is paused. Your answer is kept on this phone and goes to your therapist as soon as ' +
            'your phone is back online.',
    ),
  ];
  return h(
    'div',
    { 'data-testid': 'paused', 'data-source': stop.source },
    createSafetyNotice(stop.tier, { headingLevel, extra: extra.filter(Boolean) }),
  );
}
