// The sensitisation watch's evidence in plain words: the figures that tripped a rule, as the
// server stored them with the flag (server/domain/watch.py), e.g. "7-day mean 6.1, up from 4.0
// the week before". Windows are the client's local days.

import { regionLabel } from '../vocabulary.js';

const DAYS = new Intl.DateTimeFormat(undefined, {
  day: 'numeric',
  month: 'short',
  timeZone: 'UTC',
});

/** "4 – 10 Jun" for a window {from, to} of local dates (YYYY-MM-DD). */
export function dayRange({ from, to }) {
  const start = new Date(`${from}T00:00:00Z`);
  const end = new Date(`${to}T00:00:00Z`);
  return DAYS.formatRange
    ? DAYS.formatRange(start, end)
    : `${DAYS.format(start)} – ${DAYS.format(end)}`;
}

const mean = (value) => Number(value).toFixed(1);
const logs = (n) => `${n} ${n === 1 ? 'log' : 'logs'}`;
const windows = (e) =>
  `${dayRange(e.recent)}, ${logs(e.recent.logs)}; against ${dayRange(e.earlier)}, ${logs(e.earlier.logs)}`;
const rule = (threshold, unit) => `Flagged at a rise of ${threshold}${unit} or more.`;

/** Each watch rule's evidence as sentences. */
export const EVIDENCE_WORDS = {
  rise: (e) =>
    `7-day mean ${mean(e.recent.mean)}, up from ${mean(e.earlier.mean)} the week before ` +
    `(${windows(e)}). ${rule(e.threshold, ' points')}`,
  creep: (e) =>
    `7-day mean ${mean(e.recent.mean)}, up from ${mean(e.earlier.mean)} in the same week ` +
    `four weeks earlier (${windows(e)}). ${rule(e.threshold, ' points')}`,
  spread: (e) => {
    const regions = (e.new_regions || []).map((code) => regionLabel(code).toLowerCase());
    return (
      `Symptoms logged in the last two weeks (${dayRange(e.recent)}) in ` +
      `${regions.join('; ') || 'new places'}: ${regions.length === 1 ? 'a place' : 'places'} not logged in ` +
      `the first two weeks (${dayRange(e.baseline)}). Flagged at ${e.threshold} new ` +
      `${e.threshold === 1 ? 'region' : 'regions'} or more.`
    );
  },
  'nerve-like': (e) =>
    `${mean(e.recent.mean)} nerve-like sensations per log (burning, tingling, ` +
    `electric and the like) in the last 7 days, up from ${mean(e.earlier.mean)} four weeks earlier ` +
    `(${windows(e)}). ${rule(e.threshold, '')}`,
};

/** The evidence of a watch flag in words, or null (another kind, or no evidence stored). */
export function evidenceText(flag) {
  if (flag.kind !== 'watch' || !flag.evidence) return null;
  try {
    return EVIDENCE_WORDS[flag.code]?.(flag.evidence) ?? null;
  } catch {
    return null; // evidence of an older shape: the rule's name still says what it was
  }
}
