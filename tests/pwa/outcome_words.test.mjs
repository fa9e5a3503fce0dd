// The workspace's and the phone's words for outcomes: only a meaningful change is called (and
// coloured) better or worse; the caseload's one line; the functional scale's change.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { describePsfsChange, meaningfulPsfs } from '../../pwa/js/psfs-words.js';
import { painChange } from '../../pwa/js/therapist/format.js';
import { caseloadOutcomeLine, outcomeLine, trendOf } from '../../pwa/js/therapist/outcome-words.js';

test('a week-on-week change of 0.1 is no clear change and carries no colour', () => {
  assert.deepEqual(painChange(0.1, 'no-clear-change'), { text: '+0.1, no clear change', trend: 'steady' });
  assert.deepEqual(painChange(-0.4, 'no-clear-change'), { text: '-0.4, no clear change', trend: 'steady' });
  assert.deepEqual(painChange(2.3, 'meaningful-worsening'), { text: '+2.3 worse', trend: 'worse' });
  assert.deepEqual(painChange(-3, 'substantial-improvement'), { text: '-3.0 better', trend: 'better' });
  assert.deepEqual(painChange(0, 'no-clear-change'), { text: 'no change', trend: 'steady' });
  assert.equal(painChange(1.5).trend, 'steady'); // no classification: never coloured
});

test('an outcome reads as baseline to now with the percentage, or why there is none', () => {
  const outcome = {
    category: 'substantial-improvement', change_percent: -51.6,
    baseline: { pain_mean: 6.9 }, now: { pain_mean: 3.33 },
  };
  assert.deepEqual(outcomeLine(outcome), { text: '6.9 → 3.3 (−52 %): much better', trend: 'better' });
  assert.equal(outcomeLine({ ...outcome, category: 'no-clear-change', change_percent: 4 }).trend, 'steady');
  assert.equal(outcomeLine({ category: null, why_not: 'too-early' }).text, 'Too early: the baseline week is not over yet.');
  assert.equal(trendOf('meaningful-worsening'), 'worse');
  assert.equal(trendOf('no-clear-change'), 'steady');
});

test('the caseload line counts active clients only', () => {
  const row = (status, category) => ({ status, outcome: { category } });
  const rows = [row('active', 'meaningful-improvement'), row('active', 'substantial-improvement'),
    row('active', 'meaningful-worsening'), row('active', null), row('active', 'no-clear-change'),
    row('discharged', 'meaningful-improvement')];
  assert.equal(caseloadOutcomeLine(rows),
    '2 of 5 clients meaningfully better than their baseline, 1 worse; 1 without enough logs yet.');
  assert.equal(caseloadOutcomeLine([]), '');
});

test('a functional-scale change of 2 points matters, 1 point does not', () => {
  assert.equal(meaningfulPsfs(2), true);
  assert.equal(meaningfulPsfs(-2), true);
  assert.equal(meaningfulPsfs(1), false);
  const change = { first_week: '2026-11-02', first_score: 3, latest_week: '2026-11-16', latest_score: 5, points: 2 };
  assert.match(describePsfsChange(change), /^From 3 in the week of .+ to 5 in the week of .+: 2 points better, a change that matters\.$/);
  assert.match(describePsfsChange({ ...change, latest_score: 4, points: 1 }), /no clear change yet\.$/);
});
