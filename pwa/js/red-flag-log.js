// A log made from a red-flag check (at joining, around a session): the answers with a pain score.
import { stopSessionsUntilSent } from './safety-stop.js';
import { newId } from './uuid.js';

/** The log body for a pain score (0–10) and the check's {red_flags, weakness}. */
export function redFlagLog(pain, answers, now = new Date()) {
  return {
    id: newId(),
    recorded_at: now.toISOString(),
    pain,
    sensations: [],
    regions: [],
    aggravators: [],
    weakness: answers.weakness,
    red_flags: answers.red_flags,
    notes: '',
  };
}

/** Put a log in the outbox; one that stops self-massage stops it on this phone until it is sent. */
export async function keepLog(outbox, userId, log) {
  await outbox.add('log', log);
  await stopSessionsUntilSent(userId, log);
}
