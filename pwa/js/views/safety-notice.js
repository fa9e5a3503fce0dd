// The instruction to contact a clinician, worded by urgency tier (emergency / same day / soon).
import { h } from '../dom.js';
import { GUIDANCE } from '../safety.js';

/** A notice for a tier from safety.js ('emergency', 'same-day', 'soon' or 'weakness'). */
export function createSafetyNotice(tier, { headingLevel = 'h2' } = {}) {
  const guidance = GUIDANCE[tier];
  return h('div', { class: `notice ${tier}`, 'data-testid': 'safety-notice', 'data-tier': tier },
    h(headingLevel, {}, guidance.heading),
    h('p', {}, guidance.text),
    h('p', { class: 'small' }, 'Your therapist will see this answer as soon as it is sent. '
      + 'This app cannot tell what is causing it; a clinician can.'));
}
