// The workspace's plain rules, without a browser: when a screen asks the server again, how it
// says how fresh it is, what it announces, the order of flags, the watch's evidence in words,
// the red-flag questions' order, the handout's warning signs and where alerts go.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { RED_FLAG_TIERS, RED_FLAGS, URGENCY_TIERS } from '../../pwa/js/clinical-rules.js';
import { GUIDANCE, RED_FLAG_QUESTIONS } from '../../pwa/js/safety.js';
import { channelSentences } from '../../pwa/js/therapist/alerts-view.js';
import { caseloadNews, flaggedSince, recordMark } from '../../pwa/js/therapist/caseload-news.js';
import { handledInOrder, openInOrder } from '../../pwa/js/therapist/flags-panel.js';
import {
  agoText, LONGEST_WAIT_MS, REFRESH_EVERY_MS, untilText, waitAfter,
} from '../../pwa/js/therapist/live-refresh.js';
import { warningSigns } from '../../pwa/js/therapist/program-print.js';
import { evidenceText } from '../../pwa/js/therapist/watch-evidence.js';
import { questions } from '../../pwa/js/views/red-flag-check.js';

test('a screen asks again every 20 s, and backs off by doubling up to five minutes', () => {
  assert.equal(REFRESH_EVERY_MS, 20000);
  assert.deepEqual([0, 1, 2, 3, 4, 5, 9].map((n) => waitAfter(n)),
    [20000, 40000, 80000, 160000, 300000, 300000, 300000]);
  assert.equal(LONGEST_WAIT_MS, 300000);
});

test('freshness is said in plain round figures', () => {
  assert.deepEqual([0, 9999, 10000, 27000, 59999, 60000, 61 * 60000].map(agoText),
    ['just now', 'just now', '10 s ago', '20 s ago', '50 s ago', '1 min ago', '1 h ago']);
  assert.deepEqual([400, 40000, 90000].map(untilText), ['1 s', '40 s', '2 min']);
});

test('the caseload announces a new flag and a new client, and nothing when nothing is new', () => {
  const before = [{ id: 1, name: 'Sam', open_flags: 0, top_urgency: null }];
  assert.equal(caseloadNews(before, before), '');
  const after = [{ id: 1, name: 'Sam', open_flags: 1, top_urgency: 'same-day' },
    { id: 2, name: 'Kim', open_flags: 0, top_urgency: null }];
  assert.equal(caseloadNews(before, after),
    'New safety flag for Sam: same day. Kim joined your caseload.');
  // One flag acknowledged and a more urgent one raised: the count is the same, the news is not.
  const swapped = [{ id: 1, name: 'Sam', open_flags: 1, top_urgency: 'emergency' }];
  assert.equal(caseloadNews(after.slice(0, 1), swapped), 'New safety flag for Sam: emergency.');
  assert.equal(caseloadNews(swapped, [{ id: 1, name: 'Sam', open_flags: 0, top_urgency: null }]), '');
  assert.deepEqual(flaggedSince(before, after), [1]);
  assert.deepEqual(flaggedSince(after.slice(0, 1), swapped), [1]);
});

test('a client\'s record counts as moved when its caseload row does', () => {
  const row = { id: 1, name: 'Sam', last_log_at: '2026-03-01T10:00:00Z', open_flags: 0, top_urgency: null,
    paused: null, program_version: 2, adherence: { done: 3, planned: 7 }, pain_mean_7d: 4.2,
    pain_change_7d: 0.4, recent_pain: [4, 5] };
  assert.equal(recordMark(row), recordMark({ ...row, name: 'Sam B.' }));
  for (const change of [{ last_log_at: '2026-03-01T11:00:00Z' }, { open_flags: 1 },
    { adherence: { done: 4, planned: 7 } }, { paused: { since: 'x', reason: 'weakness' } }]) {
    assert.notEqual(recordMark({ ...row, ...change }), recordMark(row), JSON.stringify(change));
  }
  assert.equal(recordMark(undefined), null);
});

test('open flags come most urgent first, then newest; handled ones latest acknowledged first', () => {
  const flags = [
    { id: 1, urgency: 'review', raised_at: '2026-03-01T10:00:00Z', acknowledged_at: null },
    { id: 2, urgency: 'emergency', raised_at: '2026-03-01T08:00:00Z', acknowledged_at: null },
    { id: 3, urgency: 'emergency', raised_at: '2026-03-01T09:00:00Z', acknowledged_at: null },
    { id: 4, urgency: 'soon', raised_at: '2026-02-01T09:00:00Z', acknowledged_at: '2026-02-02T09:00:00Z' },
    { id: 5, urgency: 'soon', raised_at: '2026-02-01T10:00:00Z', acknowledged_at: '2026-02-03T09:00:00Z' },
  ];
  assert.deepEqual(openInOrder(flags).map((f) => f.id), [3, 2, 1]);
  assert.deepEqual(handledInOrder(flags).map((f) => f.id), [5, 4]);
});

test('each watch rule says its figures in words', () => {
  const weeks = { recent: { from: '2026-04-06', to: '2026-04-12', logs: 3, mean: 6.1 },
    earlier: { from: '2026-03-30', to: '2026-04-05', logs: 2, mean: 4 } };
  const rise = evidenceText({ kind: 'watch', code: 'rise', evidence: { threshold: 2, change: 2.1, ...weeks } });
  assert.match(rise, /^7-day mean 6\.1, up from 4\.0 the week before \(.*3 logs.*2 logs\)\. Flagged at a rise of 2 points or more\.$/);
  assert.match(evidenceText({ kind: 'watch', code: 'creep', evidence: { threshold: 1.5, change: 2.1, ...weeks } }),
    /up from 4\.0 in the same week four weeks earlier/);
  assert.match(evidenceText({ kind: 'watch', code: 'nerve-like', evidence: { threshold: 1, change: 2.1, ...weeks } }),
    /^6\.1 nerve-like sensations per log/);
  const spread = evidenceText({ kind: 'watch', code: 'spread', evidence: { threshold: 1,
    new_regions: ['groin-left'], recent: { from: '2026-03-30', to: '2026-04-12' },
    baseline: { from: '2026-03-01', to: '2026-03-14' } } });
  assert.match(spread, /in groin, left: a place not logged in the first two weeks .* Flagged at 1 new region or more\.$/);
  assert.equal(evidenceText({ kind: 'red-flag', code: 'trauma', evidence: null }), null);
  assert.equal(evidenceText({ kind: 'watch', code: 'rise', evidence: { threshold: 2 } }), null);
});

test('the red-flag questions follow the server: most urgent tier first, weakness beside its tier', () => {
  const asked = questions().map(([code]) => code);
  assert.deepEqual(asked.filter((code) => code !== 'weakness'),
    [...RED_FLAGS].sort((a, b) => URGENCY_TIERS.indexOf(RED_FLAG_TIERS[a]) - URGENCY_TIERS.indexOf(RED_FLAG_TIERS[b])));
  const weakness = asked.indexOf('weakness');
  assert.equal(RED_FLAG_TIERS[asked[weakness - 1]], 'same-day');
  assert.notEqual(RED_FLAG_TIERS[asked[weakness + 1]], 'same-day');
});

test('the handout lists every warning sign once, under the tier the client is told', () => {
  const signs = warningSigns();
  assert.deepEqual(signs.map((s) => s.tier), Object.keys(GUIDANCE));
  const all = signs.flatMap((s) => s.signs);
  assert.equal(all.length, RED_FLAGS.length + 1); // every red flag, and weakness
  for (const code of RED_FLAGS) {
    const { tier } = signs.find((s) => s.signs.includes(RED_FLAG_QUESTIONS[code]));
    assert.equal(tier, RED_FLAG_TIERS[code], code);
  }
  assert.ok(signs.find((s) => s.tier === 'same-day').signs.includes('Any weakness in a leg or foot'));
});

test('where alerts go is said from the server\'s answer', () => {
  const base = { push_subscriptions: 0, last_delivered_at: null, email: null,
    emailed_tiers: ['emergency', 'same-day', 'soon'],
    resends: [{ urgency: 'emergency', every_minutes: 15, times: 4 },
      { urgency: 'same-day', every_minutes: 60, times: 1 }] };
  assert.deepEqual(channelSentences(base), [
    'No device of yours receives alerts yet: you would see a new flag only when you next open the workspace.',
    'Email alerts are not set up on this server, so alerts come to your devices only.',
    'Until you acknowledge the flag, an emergency alert is sent again every 15 minutes, up to 4 times, '
      + 'and a same-day alert is sent once more after an hour.',
  ]);
  const [reach, email] = channelSentences({ ...base, push_subscriptions: 2, email: 'dana@example.test' });
  assert.equal(reach, 'Alerts reach 2 devices of yours.');
  assert.equal(email, 'Emergency, same-day and soon alerts are also emailed to dana@example.test.');
});
