// The charts' plain rules, without a canvas (tests/pwa/charts.test.mjs): dates in the reader's
// locale, where a long range starts, the ranges a reader may ask for, and relief as shares.

import { DIRECTIONS, NERVE_GROUPS, SINGLE_SIDES, TREND_MAX_DAYS } from '../clinical-rules.js';

const DAY_MS = 86400000;
/** Longer ranges than this are drawn by week: a day's dot would be under a pixel wide on a phone. */
export const DAY_BUCKETS_UP_TO = 120;

const dayMonth = (timeZone) =>
  new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', timeZone });
const monthOnly = (timeZone) => new Intl.DateTimeFormat(undefined, { month: 'short', timeZone });
const monthYear = (timeZone) =>
  new Intl.DateTimeFormat(undefined, { month: 'short', year: 'numeric', timeZone });
const fullDate = new Intl.DateTimeFormat(undefined, {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});

/** A calendar day "YYYY-MM-DD" as a UTC instant (noon-free: the date alone is meant). */
function dayInstant(day) {
  const [y, m, d] = day.slice(0, 10).split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}

/** "30 Nov 2026" (in the reader's locale's order) for a calendar day "YYYY-MM-DD". */
export function longDate(day) {
  return fullDate.format(dayInstant(day));
}

/**
 * uPlot's x-axis `values`: tick labels in the reader's locale ("30 Nov", or "Nov" / "Jan 2027"
 * once ticks are a month or more apart), for instants in the client's zone, never "11/1".
 * @param {string} timezone  the client's IANA zone
 * @returns {(u: unknown, splits: number[], axisIdx: number, space: number, incr: number) => string[]}
 */
export function localeTicks(timezone) {
  const zone = timezone || 'UTC';
  const days = dayMonth(zone);
  const months = monthOnly(zone);
  const withYear = monthYear(zone);
  const monthNumber = new Intl.DateTimeFormat('en', { month: 'numeric', timeZone: zone });
  return (_u, splits, _axisIdx, _space, incr) => {
    if (incr >= 28 * 86400) {
      // The year is said on the first tick and wherever a new year begins.
      return splits.map((seconds, i) => {
        const date = new Date(seconds * 1e3);
        return i === 0 || monthNumber.format(date) === '1'
          ? withYear.format(date)
          : months.format(date);
      });
    }
    return splits.map((seconds) => days.format(new Date(seconds * 1e3)));
  };
}

/**
 * The same trends from the first bucket with a log or a session: a 12-month view of someone who
 * began logging in September does not open on eight empty months. Unchanged when nothing at all
 * was recorded (the chart then says so).
 */
export function startAtFirstRecord(trends) {
  const first = trends.series.findIndex((b) => b.logs > 0 || b.sessions_done > 0);
  if (first <= 0) return trends;
  return {
    ...trends,
    from: trends.series[first].start.slice(0, 10),
    series: trends.series.slice(first),
  };
}

/** YYYY-MM-DD of a Date in the viewer's calendar. */
export function isoDay(date) {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

/** Whole days from one "YYYY-MM-DD" to another, inclusive of both. */
export function daysInclusive(from, to) {
  return Math.round((dayInstant(to) - dayInstant(from)) / DAY_MS) + 1;
}

/** Day buckets for a short span, weeks for a long one. */
export function bucketFor(days) {
  return days > DAY_BUCKETS_UP_TO ? 'week' : 'day';
}

/** The fixed ranges: the last N days; the year starts at the first log when that is later. */
export const FIXED_RANGES = [
  { key: '30', label: '30 days', days: 30 },
  { key: '90', label: '90 days', days: 90 },
  { key: '365', label: '12 months', days: 365, startAtFirstRecord: true },
];

/**
 * The trends query for a range chosen on screen, or {error} in plain words.
 * range: a FIXED_RANGES entry; {key: 'first', firstLog: ISO instant or null}; or
 * {key: 'custom', from: 'YYYY-MM-DD', to: 'YYYY-MM-DD'}. today: a Date (the viewer's today).
 * @returns {{from: string, to: string, bucket: 'day'|'week', clipped?: boolean} | {error: string}}
 */
export function rangeQuery(range, today = new Date()) {
  const to = isoDay(today);
  if (range.key === 'custom') {
    if (!range.from || !range.to) return { error: 'Choose both a first and a last day.' };
    if (range.from > range.to) return { error: 'The first day must not be after the last day.' };
    const days = daysInclusive(range.from, range.to);
    if (days > TREND_MAX_DAYS) {
      return { error: `Choose at most ${TREND_MAX_DAYS} days (about two years).` };
    }
    return { from: range.from, to: range.to, bucket: bucketFor(days) };
  }
  if (range.key === 'first') {
    if (!range.firstLog) return { error: 'Nothing has been logged yet.' };
    // The first log's instant: the server reads it as that log's local day in the client's zone.
    const oldest = new Date(
      today.getFullYear(),
      today.getMonth(),
      today.getDate() - (TREND_MAX_DAYS - 2),
    );
    const first = new Date(range.firstLog);
    const clipped = first < oldest;
    const from = clipped ? isoDay(oldest) : range.firstLog;
    const days = daysInclusive(clipped ? from : isoDay(first), to);
    return { from, to, bucket: bucketFor(days), clipped };
  }
  const start = new Date(today.getFullYear(), today.getMonth(), today.getDate() - (range.days - 1));
  return { from: isoDay(start), to, bucket: bucketFor(range.days) };
}

/** The query string of a rangeQuery answer. */
export function rangeSearch(query) {
  return `from=${encodeURIComponent(query.from)}&to=${query.to}&bucket=${query.bucket}`;
}

/**
 * One relief row in shares: whole percentages of the tries that eased, stayed the same or got
 * worse (largest remainder, so the three add up to 100), and n, the tries behind them.
 */
export function reliefShares(row) {
  const n = row.better + row.same + row.worse;
  if (!n) return { n, better: 0, same: 0, worse: 0 };
  const keys = ['better', 'same', 'worse'];
  const exact = keys.map((key) => (100 * row[key]) / n);
  const floors = exact.map(Math.floor);
  let left = 100 - floors.reduce((a, b) => a + b, 0);
  const order = keys.map((_, i) => i).sort((a, b) => exact[b] - floors[b] - (exact[a] - floors[a]));
  for (const i of order) {
    if (left <= 0) break;
    floors[i] += 1;
    left -= 1;
  }
  return { n, better: floors[0], same: floors[1], worse: floors[2] };
}

/** Relief rows in body order: upper, middle, lower nerves; left before right; trial order. */
export function reliefInOrder(rows) {
  const rank = (list, code) => (list.includes(code) ? list.indexOf(code) : list.length);
  return [...rows].sort(
    (a, b) =>
      rank(NERVE_GROUPS, a.group) - rank(NERVE_GROUPS, b.group) ||
      rank(SINGLE_SIDES, a.side) - rank(SINGLE_SIDES, b.side) ||
      rank(DIRECTIONS, a.direction) - rank(DIRECTIONS, b.direction),
  );
}

/** "1 of 2" sessions done of those planned, or "1 done" when none were planned. */
export function sessionsText(done, planned) {
  if (!planned) return done ? `${done} done, none planned` : 'none planned';
  return `${done} of ${planned}`;
}
