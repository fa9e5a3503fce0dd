// The clinical summary's outcome parts: pain at the baseline against now (IMMPACT), the PSFS
// and the learned best direction with its evidence. Each returns a list of elements (empty when
// the summary carries nothing for it), so the sheet places them without knowing their rules.

import { h, uniqueId } from '../dom.js';

function part(title, ...body) {
  const id = uniqueId('summary-part');
  return h('section', { class: 'summary-part', 'aria-labelledby': id }, h('h2', { id, text: title }), ...body);
}

export const summarySections = {
  /** Baseline against now, as lines inside the Pain part. */
  painChange(summary) {
    if (!summary.pain_change) return [h('p', { text: 'Baseline against now: not enough logs yet to compare.' })];
    return [h('p', { text: JSON.stringify(summary.pain_change) })];
  },

  /** The Patient-Specific Functional Scale. */
  outcomes(summary) {
    if (!summary.psfs) return [part('Activities that matter (PSFS)', h('p', { text: 'Not rated yet.' }))];
    return [part('Activities that matter (PSFS)', h('p', { text: JSON.stringify(summary.psfs) }))];
  },

  /** The best direction per spot and side, with its evidence. */
  bestDirection(summary) {
    if (!summary.best_direction) {
      return [part('Best direction', h('p', { text: 'Not enough practice sessions yet to say which direction helps most.' }))];
    }
    return [part('Best direction', h('p', { text: JSON.stringify(summary.best_direction) }))];
  },
};
