// Plain-language names for the domain codes (shared/domain.md) that charts and tables show.

import { NEUROPATHIC_SENSATIONS } from '../clinical-rules.js';
import { SENSATIONS } from '../vocabulary.js';

/** Sensation names as the client's log screen shows them, so both roles read the same words. */
export const SENSATION_LABELS = SENSATIONS;

/** The seven DN4 nerve-pain descriptors (everything but aching). */
export const NEUROPATHIC_CODES = NEUROPATHIC_SENSATIONS;

export const GROUP_LABELS = { superior: 'Upper', middle: 'Middle', inferior: 'Lower' };
export const SIDE_LABELS = { left: 'left', right: 'right', both: 'both sides' };
export const DIRECTION_LABELS = {
  inferior: 'Down',
  medial: 'Towards the spine',
  lateral: 'Away from the spine',
  superior: 'Up',
};

/** "Upper nerves, left" for a group and side. */
export function nerveLabel(group, side) {
  return `${GROUP_LABELS[group] || group} nerves, ${SIDE_LABELS[side] || side}`;
}

/** A label for any code, falling back to the code itself. */
export function labelFor(table, code) {
  return table[code] || code;
}
