// The phone's own stop, the offline fallback of the server's pause: a log that stops self-massage
// (emergency or same day) while it still waits on this phone. Once the server holds the log, the
// server's `paused` decides (it ends when the therapist has acted, never at midnight).
import { PAUSING_TIERS, pausesSelfMassage, reasonOf, safetyTier } from './safety.js';
import { keptGet, keptPut, outboxEntries } from './store.js';

const keyOf = (userId) => `${userId}:safety-stop`;
const RANK = PAUSING_TIERS; // most urgent first

/** The person's local calendar day, YYYY-MM-DD (the device clock and time zone). */
export function localDay(date = new Date()) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/**
 * Remember that this log stops self-massage until the server has it. Call after the log is in
 * the outbox: a stop whose log is not there counts as sent (see unsentStop).
 */
export async function stopSessionsUntilSent(userId, log) {
  const tier = safetyTier(log);
  if (!pausesSelfMassage(tier)) return;
  const waiting = new Set((await outboxEntries(userId)).map((entry) => entry.id));
  const kept = await keptGet(keyOf(userId));
  const stops = (Array.isArray(kept) ? kept : []).filter((stop) => waiting.has(stop.logId));
  stops.push({ logId: log.id, tier, reason: reasonOf(log), since: log.recorded_at });
  await keptPut(keyOf(userId), stops);
}

/**
 * The most urgent stop whose log still waits on this phone (sent or refused, it is still here):
 * {tier, reason, since, source: 'phone'}, or null. Read it *before* asking the server for its
 * pause: a log sent in between is then already in the server's answer.
 */
export async function unsentStop(userId) {
  const kept = await keptGet(keyOf(userId));
  if (!Array.isArray(kept)) {
    // Stored by an older version as {day, tier}: it kept its promise of "no session today".
    return kept && kept.day === localDay() && pausesSelfMassage(kept.tier)
      ? { tier: kept.tier, reason: null, since: null, source: 'phone' }
      : null;
  }
  const waiting = new Set((await outboxEntries(userId)).map((entry) => entry.id));
  const stops = kept
    .filter((stop) => waiting.has(stop.logId))
    .sort((a, b) => RANK.indexOf(a.tier) - RANK.indexOf(b.tier));
  return stops.length
    ? { tier: stops[0].tier, reason: stops[0].reason, since: stops[0].since, source: 'phone' }
    : null;
}
