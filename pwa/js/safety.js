// Red flags and weakness: which tier a log falls in and what the person is told (domain.md table).
// The tiers and each red flag's tier come from the server (clinical-rules.js); the words are ours.
import {
  ADVICE_TIERS,
  RED_FLAG_TIERS,
  PAUSING_TIERS as SERVER_PAUSING_TIERS,
  WEAKNESS_TIER,
} from './clinical-rules.js';

/** The tiers of advice, most urgent first. */
export const [EMERGENCY, SAME_DAY, SOON] = ADVICE_TIERS;

/** The plain question the log asks for each red flag. */
export const RED_FLAG_QUESTIONS = {
  'saddle-numbness': 'Numbness between the legs or around the back passage',
  'bladder-bowel': 'New trouble passing or holding urine or stools',
  'bilateral-leg': 'Symptoms in both legs, with weakness',
  'progressive-weakness': 'Leg weakness that is getting worse',
  'fever-weight-loss': 'Fever, or losing weight without trying',
  'cancer-history': 'Cancer, now or in the past',
  'night-pain': 'Pain at night that is worse lying down',
  trauma: 'The pain started after a fall or other injury',
};

/** Each red flag: its urgency tier and the plain question the log asks. */
export const RED_FLAGS = Object.fromEntries(
  Object.entries(RED_FLAG_QUESTIONS).map(([code, question]) => [
    code,
    { tier: RED_FLAG_TIERS[code], question },
  ]),
);

const ORDER = ADVICE_TIERS;

/**
 * Reported weakness of any kind is the same-day tier: the cluneal nerves are purely sensory, so
 * weakness has another cause and a doctor should see it today (domain.md).
 */
export const WEAKNESS = { tier: WEAKNESS_TIER, question: 'Any weakness in a leg or foot' };

/** Tiers that pause self-massage on every device until the therapist has acted on the flag. */
export const PAUSING_TIERS = SERVER_PAUSING_TIERS;

/** What to tell the person, per tier: the same words on every screen. Plain; never a diagnosis. */
export const GUIDANCE = {
  [EMERGENCY]: {
    heading: 'Get help now',
    text:
      'Go to an emergency department now, or call your local emergency number. ' +
      'Do not do the self-massage. These signs need a doctor to check them straight away.',
  },
  [SAME_DAY]: {
    heading: 'See a doctor today',
    text: 'Please see a doctor today. No self-massage until a doctor has checked you.',
  },
  [SOON]: {
    heading: 'Book a doctor’s appointment',
    text: 'Please book an appointment with your doctor, and tell your therapist about it.',
  },
};

/**
 * The most urgent tier a log reaches, or null when it raises nothing.
 * @param {{red_flags: string[], weakness: boolean}} log
 */
export function safetyTier(log) {
  const tiers = (log.red_flags || []).map((code) => RED_FLAGS[code]?.tier);
  if (log.weakness) tiers.push(WEAKNESS.tier);
  for (const tier of ORDER) if (tiers.includes(tier)) return tier;
  return null;
}

/** True when a tier means no self-massage until the therapist has acted (emergency, same day). */
export function pausesSelfMassage(tier) {
  return PAUSING_TIERS.includes(tier);
}

/** The words for what was reported: a red-flag code, or 'weakness'. */
export function reportedWords(reason) {
  if (reason === 'weakness') return WEAKNESS.question;
  return RED_FLAGS[reason]?.question ?? null;
}

/** The code that explains a log's tier: its most urgent red flag, or 'weakness'. */
export function reasonOf(log) {
  const tier = safetyTier(log);
  const code = (log.red_flags || []).find((flag) => RED_FLAGS[flag]?.tier === tier);
  return code || (log.weakness ? 'weakness' : null);
}
