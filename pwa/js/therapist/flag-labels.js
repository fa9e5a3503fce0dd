// Plain words for safety flags: what was reported and how urgently the client was told to act.
// The codes, tiers and thresholds come from the server (clinical-rules.js); the words are ours.
import { HIGH_PAIN_THRESHOLD, SESSION_RISE_THRESHOLD } from '../clinical-rules.js';

/** A red flag, as reported. */
export const RED_FLAG_LABELS = {
  'saddle-numbness': 'Numbness in the saddle area',
  'bladder-bowel': 'New bladder or bowel trouble',
  'bilateral-leg': 'Leg symptoms on both sides, with weakness',
  'progressive-weakness': 'Leg weakness getting worse',
  'fever-weight-loss': 'Fever or unexplained weight loss',
  'cancer-history': 'A history of cancer',
  'night-pain': 'Night pain, worse lying down',
  trauma: 'Pain after a fall or other injury',
};

/** The other kinds of flag (a red flag and a watch flag are named by their code). */
export const KIND_LABELS = {
  weakness: 'Reported muscle weakness (not explained by cluneal nerves)',
  'high-pain': `High pain score (${HIGH_PAIN_THRESHOLD} or more)`,
  'session-rise': `Pain rose by ${SESSION_RISE_THRESHOLD} or more during a session`,
};

/** The sensitisation watch's rules, as the therapist reads them. */
export const WATCH_LABELS = {
  rise: 'Pain rising: this week well above the week before',
  creep: 'Pain creeping up over four weeks',
  spread: 'Symptoms in body regions new since the first two weeks',
  'nerve-like': 'More nerve-like sensations than four weeks ago',
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
  if (flag.kind === 'red-flag') return RED_FLAG_LABELS[flag.code] || flag.code;
  if (flag.kind === 'watch') return WATCH_LABELS[flag.code] || flag.code;
  return KIND_LABELS[flag.kind] || flag.kind;
}

/** The urgency label for a tier code. */
export function urgencyLabel(tier) {
  return URGENCY[tier]?.label || tier || '';
}
