// Red flags and weakness: which tier a log falls in and what the person is told (domain.md table).

export const EMERGENCY = 'emergency';
export const SAME_DAY = 'same-day';
export const SOON = 'soon';

/** Each red flag: its urgency tier and the plain question the log asks. */
export const RED_FLAGS = {
  'saddle-numbness': { tier: EMERGENCY, question: 'Numbness between the legs or around the back passage' },
  'bladder-bowel': { tier: EMERGENCY, question: 'New trouble passing or holding urine or stools' },
  'bilateral-leg': { tier: EMERGENCY, question: 'Symptoms in both legs, with weakness' },
  'progressive-weakness': { tier: SAME_DAY, question: 'Leg weakness that is getting worse' },
  'fever-weight-loss': { tier: SOON, question: 'Fever, or losing weight without trying' },
  'cancer-history': { tier: SOON, question: 'Cancer, now or in the past' },
  'night-pain': { tier: SOON, question: 'Pain at night that is worse lying down' },
  trauma: { tier: SOON, question: 'The pain started after a fall or other injury' },
};

const ORDER = [EMERGENCY, SAME_DAY, SOON];

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
