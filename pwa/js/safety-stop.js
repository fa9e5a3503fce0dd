// Remembers, per person and local day, that a log raised a red flag or weakness: no session then.
import { ADVICE_TIERS } from './clinical-rules.js';
import { keptGet, keptPut } from './store.js';

/** The person's local calendar day, YYYY-MM-DD (the device clock and time zone). */
export function localDay(date = new Date()) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Record that today's self-massage is off because of this tier. */
export async function stopSessionsToday(userId, tier) {
  const previous = await sessionStopToday(userId);
  const rank = [...ADVICE_TIERS, 'weakness'];
  if (previous && rank.indexOf(previous) <= rank.indexOf(tier)) return;
  await keptPut(`${userId}:safety-stop`, { day: localDay(), tier });
}

/** The tier that stopped sessions today, or null. */
export async function sessionStopToday(userId) {
  const stop = await keptGet(`${userId}:safety-stop`);
  return stop && stop.day === localDay() ? stop.tier : null;
}
