// The instruction to contact a clinician, worded by urgency tier (emergency / same day / soon).
import { h } from '../dom.js';
import { GUIDANCE } from '../safety.js';

/**
 * A notice for a tier from safety.js ('emergency', 'same-day' or 'soon'). It promises nothing
 * about the therapist: what was sent is said by a delivery note beside it (delivery-note.js).
 */
export function createSafetyNotice(tier, { headingLevel = 'h2', extra = [] } = {}) {
  const guidance = GUIDANCE[tier];
  return h(
    'div',
    { class: `notice ${tier}`, 'data-testid': 'safety-notice', 'data-tier': tier },
    h(headingLevel, {}, guidance.heading),
    h('p', {}, guidance.text),
    ...extra,
    h('p', { class: 'small' }, 'This app cannot tell what is causing it; a clinician can.'),
  );
}
