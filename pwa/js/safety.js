// Red flags and weakness: which tier a log falls in and what the person is told (domain.md table).
// The tiers and each red flag's tier come from the server (clinical-rules.js); the words are ours.
import { ADVICE_TIERS, RED_FLAG_TIERS } from './clinical-rules.js';

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
export const RED_FLAGS = Object.fromEntries(Object.entries(RED_FLAG_QUESTIONS)
  .map(([code, question]) => [code, { tier: RED_FLAG_TIERS[code], question }]));

const ORDER = ADVICE_TIERS;

/** What to tell the person, per tier. Plain words; never a diagnosis. */
export const GUIDANCE = {
  [EMERGENCY]: {
    heading: 'Get help now',
    text: 'Go to an emergency department now, or call your local emergency number. '
      + 'Do not do the self-massage. These signs need a doctor to check them straight away.',
  },
  [SAME_DAY]: {
    heading: 'See a doctor today',
    text: 'Please see a doctor today. Skip the self-massage until a doctor has checked you.',
  },
  [SOON]: {
    heading: 'Book a doctor’s appointment',
    text: 'Please book an appointment with your doctor soon, and tell your therapist about it. '
      + 'Skip the self-massage today.',
  },
  weakness: {
    heading: 'Talk to a clinician about the weakness',
    text: 'The nerves this app helps with do not move muscles, so weakness needs a clinician '
      + 'to look at it. Please contact your doctor or therapist soon. Skip the self-massage today.',
  },
};

/**
 * The most urgent tier a log reaches, or 'weakness', or null when it raises nothing.
 * @param {{red_flags: string[], weakness: boolean}} log
 */
export function safetyTier(log) {
  const tiers = (log.red_flags || []).map((code) => RED_FLAGS[code]?.tier);
  for (const tier of ORDER) if (tiers.includes(tier)) return tier;
  return log.weakness ? 'weakness' : null;
}
