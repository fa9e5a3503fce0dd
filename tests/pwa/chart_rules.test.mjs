// The charts' plain rules, without a canvas: dates in the reader's locale, where a long range
// starts, the ranges a reader may ask for, relief as shares, done against planned in words.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { TREND_MAX_DAYS } from '../../pwa/js/clinical-rules.js';
import {
  bucketFor, daysInclusive, localeTicks, longDate, rangeQuery, rangeSearch, reliefInOrder,
  reliefShares, sessionsText, startAtFirstRecord,
} from '../../pwa/js/charts/trend-shape.js';

// Node's Intl follows the process locale; these tests pin none, so they accept either order
// ("30 Nov" or "Nov 30") and insist only that no numeric "11/30" appears.
const DAY_MONTH = /^(\d{1,2} [A-Z][a-z]{2}|[A-Z][a-z]{2} \d{1,2})$/;

test('axis dates are day and month words in the client\'s zone, never 11/30', () => {
  const ticks = localeTicks('Pacific/Auckland');
  // 2026-03-01T00:00+13:00 is still 28 Feb in UTC: the label is the client's day.
  const labels = ticks(null, [1772276400, 1772362800], 1, 50, 86400);
  labels.forEach((label) => assert.match(label, DAY_MONTH));
  assert.match(labels[0], /1/);
  assert.match(labels[0], /Mar/);
  assert.ok(!labels.some((label) => label.includes('/')));
});

test('month-apart ticks name the month, with the year at the start and at each January', () => {
  const ticks = localeTicks('UTC');
  const starts = ['2026-11-01', '2026-12-01', '2027-01-01', '2027-02-01']
    .map((d) => Date.parse(`${d}T00:00:00Z`) / 1000);
  const labels = ticks(null, starts, 0, 50, 30 * 86400);
  assert.match(labels[0], /Nov.*2026/);
  assert.equal(labels[1], 'Dec');
  assert.match(labels[2], /Jan.*2027/);
  assert.equal(labels[3], 'Feb');
});

test('a long date is words too', () => {
  assert.match(longDate('2026-11-30'), /30/);
  assert.match(longDate('2026-11-30'), /Nov/);
  assert.match(longDate('2026-11-30'), /2026/);
});

const bucket = (start, logs = 0, sessions = 0) => ({ start: `${start}T00:00:00+00:00`, logs, sessions_done: sessions });

test('a year begun in September starts at the first log, not eight empty months', () => {
  const trends = { from: '2025-12-01', series: [bucket('2025-12-01'), bucket('2026-08-31'),
    bucket('2026-09-07', 2), bucket('2026-09-14'), bucket('2026-09-21', 0, 1)] };
  const trimmed = startAtFirstRecord(trends);
  assert.equal(trimmed.from, '2026-09-07');
  assert.equal(trimmed.series.length, 3);
  // A session alone counts as a record; nothing at all leaves the range as it was.
  assert.equal(startAtFirstRecord({ ...trends, series: [bucket('2026-01-01'), bucket('2026-01-02', 0, 1)] })
    .series.length, 1);
  const none = { from: 'x', series: [bucket('2026-01-01')] };
  assert.equal(startAtFirstRecord(none), none);
});

test('the fixed, since-the-first-log and custom ranges become trends queries', () => {
  const today = new Date(2026, 10, 30); // 30 Nov 2026, the viewer's calendar
  assert.deepEqual(rangeQuery({ key: '30', days: 30 }, today), { from: '2026-11-01', to: '2026-11-30', bucket: 'day' });
  assert.deepEqual(rangeQuery({ key: '365', days: 365 }, today), { from: '2025-12-01', to: '2026-11-30', bucket: 'week' });
  assert.deepEqual(rangeQuery({ key: 'first', firstLog: '2026-10-02T07:30:00+00:00' }, today),
    { from: '2026-10-02T07:30:00+00:00', to: '2026-11-30', bucket: 'day', clipped: false });
  assert.equal(rangeQuery({ key: 'first', firstLog: '2026-03-02T07:30:00+00:00' }, today).bucket, 'week');
  const old = rangeQuery({ key: 'first', firstLog: '2020-01-01T00:00:00Z' }, today);
  assert.equal(old.clipped, true);
  assert.ok(daysInclusive(old.from, old.to) < TREND_MAX_DAYS);
  assert.deepEqual(rangeQuery({ key: 'first', firstLog: null }, today), { error: 'Nothing has been logged yet.' });
  assert.deepEqual(rangeQuery({ key: 'custom', from: '2026-10-01', to: '2026-10-14' }, today),
    { from: '2026-10-01', to: '2026-10-14', bucket: 'day' });
  assert.match(rangeQuery({ key: 'custom', from: '2026-10-15', to: '2026-10-14' }, today).error, /not be after/);
  assert.match(rangeQuery({ key: 'custom', from: '', to: '2026-10-14' }, today).error, /both/);
  assert.match(rangeQuery({ key: 'custom', from: '2023-01-01', to: '2026-10-14' }, today).error,
    new RegExp(`at most ${TREND_MAX_DAYS} days`));
  assert.equal(rangeSearch({ from: '2026-10-02T07:30:00+00:00', to: '2026-11-30', bucket: 'day' }),
    'from=2026-10-02T07%3A30%3A00%2B00%3A00&to=2026-11-30&bucket=day');
  assert.equal(bucketFor(120), 'day');
  assert.equal(bucketFor(121), 'week');
});

test('relief reads as whole percentages that add up to 100, with the number of tries', () => {
  assert.deepEqual(reliefShares({ better: 3, same: 1, worse: 0 }), { n: 4, better: 75, same: 25, worse: 0 });
  assert.deepEqual(reliefShares({ better: 1, same: 1, worse: 1 }), { n: 3, better: 34, same: 33, worse: 33 });
  assert.deepEqual(reliefShares({ better: 2, same: 1, worse: 4 }), { n: 7, better: 29, same: 14, worse: 57 });
  assert.deepEqual(reliefShares({ better: 0, same: 0, worse: 0 }), { n: 0, better: 0, same: 0, worse: 0 });
});

test('relief rows run down the body: upper before middle before lower, left before right', () => {
  const rows = [
    { group: 'middle', side: 'left', direction: 'medial' },
    { group: 'superior', side: 'right', direction: 'inferior' },
    { group: 'superior', side: 'left', direction: 'superior' },
    { group: 'superior', side: 'left', direction: 'inferior' },
    { group: 'inferior', side: 'left', direction: 'lateral' },
  ];
  assert.deepEqual(reliefInOrder(rows).map((r) => `${r.group} ${r.side} ${r.direction}`), [
    'superior left inferior', 'superior left superior', 'superior right inferior',
    'middle left medial', 'inferior left lateral']);
});

test('sessions read as done of planned', () => {
  assert.equal(sessionsText(1, 2), '1 of 2');
  assert.equal(sessionsText(0, 2), '0 of 2');
  assert.equal(sessionsText(1, 0), '1 done, none planned');
  assert.equal(sessionsText(0, 0), 'none planned');
});
