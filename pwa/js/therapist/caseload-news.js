// What is new on the caseload between two answers of GET /api/clients: what a screen reader
// hears, which rows are marked "New", and whether one client's record moved. Pure functions
// (tests/pwa/therapist_rules.test.mjs).

import { URGENCY_TIERS } from '../clinical-rules.js';
import { urgencyLabel } from './flag-labels.js';

const URGENCY_RANK = Object.fromEntries(URGENCY_TIERS.map((tier, rank) => [tier, rank]));

/** A row has a new flag: more open than before, or a more urgent one in place of another. */
function hasNewFlag(old, row) {
  return (
    row.open_flags > (old?.open_flags ?? 0) ||
    (row.open_flags > 0 &&
      (URGENCY_RANK[row.top_urgency] ?? 9) < (URGENCY_RANK[old?.top_urgency] ?? 9))
  );
}

/**
 * What changed between two caseload answers that the therapist must hear about: clients with a
 * flag more than before (or a new, more urgent one), and clients who joined. Sentences, or ''.
 */
export function caseloadNews(before, after) {
  const was = new Map(before.map((row) => [row.id, row]));
  const news = [];
  for (const row of after) {
    const old = was.get(row.id);
    if (!old) news.push(`${row.name} joined your caseload.`);
    if (hasNewFlag(old, row)) {
      news.push(`New safety flag for ${row.name}: ${urgencyLabel(row.top_urgency).toLowerCase()}.`);
    }
  }
  return news.join(' ');
}

/** Ids of the clients who got a new flag between two answers (marked "New" on the page). */
export function flaggedSince(before, after) {
  const was = new Map(before.map((row) => [row.id, row]));
  return after.filter((row) => hasNewFlag(was.get(row.id), row)).map((row) => row.id);
}

/**
 * What in a client's caseload row moves when their record does: a new log or session, a flag
 * raised or acknowledged, the pause, a new program version, the day's figures. The client page
 * fetches the record itself (each read of which the access log records) only when this changes.
 */
export function recordMark(row) {
  if (!row) return null;
  return JSON.stringify([
    row.last_log_at,
    row.open_flags,
    row.top_urgency,
    row.paused,
    row.program_version,
    row.adherence,
    row.pain_mean_7d,
    row.pain_change_7d,
    row.status ?? null,
  ]);
}
