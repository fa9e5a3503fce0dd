// Plain words for safety flags: what was reported and how urgently the client was told to act.
// The codes, tiers and thresholds come from the server (clinical-rules.js); the words are ours.
import {
  HIGH_PAIN_THRESHOLD,
  NOTE_REQUIRED_TIERS,
  PAUSING_TIERS,
  SESSION_RISE_THRESHOLD,
} from '../clinical-rules.js';
import { GUIDANCE } from '../safety.js';

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

/** Urgency tiers, as badges. */
export const URGENCY = {
  emergency: { label: 'Emergency' },
  'same-day': { label: 'Same day' },
  soon: { label: 'Soon' },
  review: { label: 'Review' },
};

/** What a flag is about, in a sentence. */
export function flagText(flag) {
  if (flag.kind === 'red-flag') return RED_FLAG_LABELS[flag.code] || flag.code;
  if (flag.kind === 'watch') return WATCH_LABELS[flag.code] || flag.code;
  return KIND_LABELS[flag.kind] || flag.kind;
}

/** A tier as words before "flag" or "alert", with its article: "an emergency", "a same-day". */
export function urgencyAdjective(tier, { article = false } = {}) {
  const word = urgencyLabel(tier).toLowerCase().replace(/ /g, '-');
  return article ? `${/^[aeiou]/.test(word) ? 'an' : 'a'} ${word}` : word;
}

/** The urgency label for a tier code. */
export function urgencyLabel(tier) {
  return URGENCY[tier]?.label || tier || '';
}

/**
 * What the client's app told them with this flag, in the very words it showed (safety.js), or
 * null when it gave no advice (a flag for the therapist to review).
 */
export function toldClientText(flag) {
  const guidance = GUIDANCE[flag.told_client];
  return guidance ? `The app told the client: “${guidance.heading}. ${guidance.text}”` : null;
}

/** True when acknowledging the flag needs a note of what was done. */
export function noteRequired(flag) {
  return NOTE_REQUIRED_TIERS.includes(flag.urgency);
}

/** True when the flag, while open, pauses self-massage on every device of the client. */
export function pausesSelfMassage(flag) {
  return PAUSING_TIERS.includes(flag.urgency);
}
