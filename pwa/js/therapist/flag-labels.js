// Plain words for safety flags: what was reported and how urgently the client was told to act.

const RED_FLAGS = {
  'saddle-numbness': 'Numbness in the saddle area',
  'bladder-bowel': 'New bladder or bowel trouble',
  'bilateral-leg': 'Leg symptoms on both sides, with weakness',
  'progressive-weakness': 'Leg weakness getting worse',
  'fever-weight-loss': 'Fever or unexplained weight loss',
  'cancer-history': 'A history of cancer',
  'night-pain': 'Night pain, worse lying down',
  trauma: 'Pain after a fall or other injury',
};

const KINDS = {
  weakness: 'Reported muscle weakness (not explained by cluneal nerves)',
  'high-pain': 'High pain score (8 or more)',
  'session-rise': 'Pain rose by 2 or more during a session',
  'rising-trend': 'Pain trend rising over the last week',
};

/** Urgency tiers as the client was told them (domain.md). */
export const URGENCY = {
  emergency: { label: 'Emergency', advice: 'Told to go to an emergency department now.' },
  'same-day': { label: 'Same day', advice: 'Told to see a doctor today, no self-massage.' },
  soon: { label: 'Soon', advice: 'Told to book a doctor and tell you.' },
  review: { label: 'Review', advice: 'For you to review.' },
};

/** What a flag is about, in a sentence. */
export function flagText(flag) {
  if (flag.kind === 'red-flag') return RED_FLAGS[flag.code] || flag.code;
  return KINDS[flag.kind] || flag.kind;
}

/** The urgency label for a tier code. */
export function urgencyLabel(tier) {
  return URGENCY[tier]?.label || tier || '';
}
