// Finding one client among forty: search by name, the filters, the reasons a row needs
// attention and the one-line ordering rule. Pure functions over the rows of GET /api/clients
// (one answer filtered here, so the server's query count never grows with the filters);
// tested under Node (tests/pwa/therapist_rules.test.mjs).

import { LOW_ADHERENCE_RATIO, NOT_LOGGING_DAYS, PAIN_WORSENINGS } from '../clinical-rules.js';

/** Thresholds the adherence filter offers, as shares of planned sessions done. */
export const ADHERENCE_CHOICES = [0.25, 0.5, 0.75, 1];
export const DEFAULT_ADHERENCE_UNDER = LOW_ADHERENCE_RATIO;

/**
 * Meaningfully worse since the client's baseline, as the server classifies the change (IMMPACT:
 * a rise of 30 % or 2 points or more; domain/pain_change.py). No outcome yet is not worse.
 */
export function meaningfullyWorse(row) {
  return PAIN_WORSENINGS.includes(row.outcome?.category);
}

/** Lower case, accents and extra spaces gone: "Zoë  Ávila" finds "zoe avila". */
export function searchable(text) {
  return (text || '')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** The filters, in the order shown; each keeps a row when its test is true. */
export const FILTERS = {
  flags: { label: 'Open flags', test: (row) => row.open_flags > 0 },
  notLogging: {
    label: `No log for ${NOT_LOGGING_DAYS}+ days`,
    test: (row) => row.not_logging === true,
  },
  adherence: {
    label: 'Adherence under',
    // Nothing planned is not low adherence: there is nothing to keep to.
    test: (row, { adherenceUnder }) =>
      row.adherence?.ratio != null && row.adherence.ratio < adherenceUnder,
  },
  worsening: { label: 'Meaningfully worse', test: meaningfullyWorse },
};

/**
 * The rows that match the search (every word somewhere in the name) and every filter on, in
 * the order given.
 * @param {object[]} rows  caseload rows
 * @param {{query?: string, filters?: Iterable<string>, adherenceUnder?: number}} choice
 */
export function filterRows(
  rows,
  { query = '', filters = [], adherenceUnder = DEFAULT_ADHERENCE_UNDER } = {},
) {
  const words = searchable(query).split(' ').filter(Boolean);
  const tests = [...filters].map((key) => FILTERS[key]?.test).filter(Boolean);
  return rows.filter((row) => {
    const name = searchable(row.name);
    return (
      words.every((word) => name.includes(word)) &&
      tests.every((test) => test(row, { adherenceUnder }))
    );
  });
}

/** The server's ordering rule (domain/caseload.py `_attention_order`) in one line. */
export const ATTENTION_RULE =
  'Needs attention first: open safety flags (most urgent first), then ' +
  `not logging (no log for ${NOT_LOGGING_DAYS} days, or none since joining), then the largest rise ` +
  'in 7-day pain, then the highest pain.';

/** "Showing 7 of 40 clients" / "All 40 clients". */
export function shownText(shown, total) {
  if (shown === total) return total === 1 ? '1 client' : `All ${total} clients`;
  return `Showing ${shown} of ${total} ${total === 1 ? 'client' : 'clients'}`;
}

/** "50%" for a share, as adherence reads elsewhere on the caseload. */
export function percentText(share) {
  return `${Math.round(share * 100)}%`;
}
