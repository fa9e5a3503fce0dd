// The caseload of forty, without a browser: search by name, each filter, and the one-line rule.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { LOW_ADHERENCE_RATIO, NOT_LOGGING_DAYS, PAIN_WORSENINGS } from '../../pwa/js/clinical-rules.js';
import {
  ATTENTION_RULE, DEFAULT_ADHERENCE_UNDER, FILTERS, filterRows, searchable, shownText,
} from '../../pwa/js/therapist/caseload-filter.js';

const row = (name, extra = {}) => ({
  id: name, name, open_flags: 0, not_logging: false, pain_change_7d: null,
  adherence: { done: 0, planned: 0, ratio: null }, ...extra,
});
const names = (rows) => rows.map((r) => r.name);
const ROWS = [
  row('Zoë Ávila', { open_flags: 1 }),
  row('Sam Reed', { not_logging: true, adherence: { done: 1, planned: 14, ratio: 0.07 } }),
  row('Kim Zoller', { adherence: { done: 7, planned: 14, ratio: 0.5 },
    outcome: { category: 'substantial-worsening', meaningful: true } }),
  row('Alex Kim', { adherence: { done: 10, planned: 14, ratio: 0.71 }, pain_change_7d: 3,
    outcome: { category: 'no-clear-change', meaningful: false } }),
  row('Rin Park', { outcome: { category: 'meaningful-worsening', meaningful: true } }),
  row('Ola Berg', { outcome: { category: 'meaningful-improvement', meaningful: true } }),
];

test('search finds every word of a name, whatever its case and accents', () => {
  assert.equal(searchable('  Zoë   ÁVILA '), 'zoe avila');
  assert.deepEqual(names(filterRows(ROWS, { query: 'zoe' })), ['Zoë Ávila']);
  assert.deepEqual(names(filterRows(ROWS, { query: 'kim' })), ['Kim Zoller', 'Alex Kim']);
  assert.deepEqual(names(filterRows(ROWS, { query: 'kim al' })), ['Alex Kim']);
  assert.deepEqual(names(filterRows(ROWS, { query: '' })), names(ROWS));
  assert.deepEqual(filterRows(ROWS, { query: 'nobody' }), []);
});

test('each filter keeps only its clients, and filters combine', () => {
  assert.deepEqual(names(filterRows(ROWS, { filters: ['flags'] })), ['Zoë Ávila']);
  assert.deepEqual(names(filterRows(ROWS, { filters: ['notLogging'] })), ['Sam Reed']);
  // Under 50 %: 7 of 14 is not under; nothing planned is never low adherence.
  assert.equal(DEFAULT_ADHERENCE_UNDER, LOW_ADHERENCE_RATIO);
  assert.deepEqual(names(filterRows(ROWS, { filters: ['adherence'] })), ['Sam Reed']);
  assert.deepEqual(names(filterRows(ROWS, { filters: ['adherence'], adherenceUnder: 0.75 })),
    ['Sam Reed', 'Kim Zoller', 'Alex Kim']);
  // The server's IMMPACT classification since baseline, not the week-on-week figure.
  assert.deepEqual(names(filterRows(ROWS, { filters: ['worsening'] })), ['Kim Zoller', 'Rin Park']);
  assert.deepEqual(PAIN_WORSENINGS, ['meaningful-worsening', 'substantial-worsening']);
  assert.deepEqual(filterRows(ROWS, { filters: ['flags', 'notLogging'] }), []);
  assert.deepEqual(names(filterRows(ROWS, { query: 'sam', filters: new Set(['notLogging']) })), ['Sam Reed']);
});

test('the not-logging filter and the ordering rule name the server\'s number of days', () => {
  assert.match(FILTERS.notLogging.label, new RegExp(`${NOT_LOGGING_DAYS}\\+ days`));
  assert.match(ATTENTION_RULE, new RegExp(`no log for ${NOT_LOGGING_DAYS} days, or none since joining`));
  assert.ok(ATTENTION_RULE.indexOf('flags') < ATTENTION_RULE.indexOf('not logging'));
});

test('the list says how many of the caseload it shows', () => {
  assert.equal(shownText(40, 40), 'All 40 clients');
  assert.equal(shownText(7, 40), 'Showing 7 of 40 clients');
  assert.equal(shownText(1, 1), '1 client');
  assert.equal(shownText(0, 1), 'Showing 0 of 1 client');
});
