// The client's program and the server's pause: fresh from the server when online, else the copies
// kept on this phone (the last known pause stands while offline).
import { ApiError, isNetworkError } from './api.js';
import { EMERGENCY, RED_FLAGS, SAME_DAY, WEAKNESS } from './safety.js';
import { unsentStop } from './safety-stop.js';
import { keptGet, keptPut } from './store.js';

const URGENCY_ORDER = [EMERGENCY, SAME_DAY];

/**
 * Load the current program. Resolves {program, offline, known, paused}: program is null when none
 * is assigned; offline is true when kept copies are shown because the server could not be
 * reached; known is false when offline with nothing kept (the program was never loaded here);
 * paused is the server's pause ({since, reason, urgency}) or null (an absent field counts as null).
 */
export async function loadProgram(api, userId) {
  const key = `${userId}:program`;
  try {
    const program = await api.get('/api/me/program');
    const paused = program?.paused ?? null;
    await Promise.all([keptPut(key, program), keptPut(`${userId}:paused`, paused)]);
    return { program, offline: false, known: true, paused };
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) {
      await keptPut(key, null);
      return { program: null, offline: false, known: true, paused: await loadPause(api, userId) };
    }
    if (!isNetworkError(error)) throw error;
    const program = await keptGet(key);
    return {
      program: program ?? null,
      offline: true,
      known: program !== undefined,
      paused: (await keptGet(`${userId}:paused`)) ?? null,
    };
  }
}

/** The server's pause for a client with no program (GET /api/me/safety), kept for offline use. */
async function loadPause(api, userId) {
  try {
    const { paused = null } = (await api.get('/api/me/safety')) || {};
    await keptPut(`${userId}:paused`, paused);
    return paused;
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null; // a server without it
    if (!isNetworkError(error)) throw error;
    return (await keptGet(`${userId}:paused`)) ?? null;
  }
}

/**
 * The program with what stops self-massage now: the server's pause, or the phone's own stop for
 * a flagged log not yet sent, whichever is more urgent. Resolves loadProgram's answer plus
 * `stop`: {tier, reason, since, source: 'server'|'phone'} or null.
 */
export async function loadProgramAndStop(api, userId) {
  const phoneStop = await unsentStop(userId); // first: see unsentStop
  const loaded = await loadProgram(api, userId);
  const serverStop = loaded.paused && {
    tier: loaded.paused.urgency || tierOfReason(loaded.paused.reason),
    reason: loaded.paused.reason,
    since: loaded.paused.since,
    source: 'server',
  };
  const stops = [serverStop, phoneStop].filter(Boolean);
  stops.sort((a, b) => URGENCY_ORDER.indexOf(a.tier) - URGENCY_ORDER.indexOf(b.tier));
  return { ...loaded, stop: stops[0] ?? null };
}

/** A pause without its urgency (the contract's shorter form): the tier of its reason. */
function tierOfReason(reason) {
  if (reason === 'weakness') return WEAKNESS.tier;
  return RED_FLAGS[reason]?.tier || SAME_DAY;
}
