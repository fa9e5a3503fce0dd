// The clinical summary's plain rules, without a browser: its route, its words for every outcome
// code the server sends (none left as a raw code), and how adherence and dates are said.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  EVIDENCE_REASONS, NO_OUTCOME_REASONS, PAIN_CHANGE_CATEGORIES,
} from '../../pwa/js/clinical-rules.js';
import { adherenceSentence, dayText } from '../../pwa/js/therapist/clinical-summary.js';
import { routeFor } from '../../pwa/js/therapist/routes.js';
import { CHANGE_WORDS, EVIDENCE_WORDS, NO_CHANGE_WORDS } from '../../pwa/js/therapist/summary-outcomes.js';

test('#/clients/<id>/summary is the summary of that client', () => {
  assert.deepEqual(routeFor('#/clients/12/summary'),
    { name: 'summary', params: { clientId: 12 }, section: 'clients' });
  assert.deepEqual(routeFor('#/clients/12/summary/extra'), { redirect: '#/clients' });
});

test('every outcome code the server can send has words, and no words name an unknown code', () => {
  assert.deepEqual(Object.keys(CHANGE_WORDS).sort(), [...PAIN_CHANGE_CATEGORIES].sort());
  assert.deepEqual(Object.keys(NO_CHANGE_WORDS).sort(), [...NO_OUTCOME_REASONS].sort());
  assert.deepEqual(Object.keys(EVIDENCE_WORDS).sort(), [...EVIDENCE_REASONS].sort());
});

test('adherence is said as on time of planned, or why there is no figure', () => {
  assert.equal(adherenceSentence({ sessions_done: 5, sessions_planned: 6, on_time: 4, ratio: 0.67 }),
    '4 of 6 planned sessions done on time (67%); 5 done in all.');
  assert.equal(adherenceSentence({ sessions_done: 2, sessions_planned: 0, on_time: 0, ratio: null }),
    'No sessions were planned in this range; 2 done.');
});

test('a local date stays the same day whatever the viewer’s zone', () => {
  assert.match(dayText('2026-03-29'), /29/);
  assert.match(dayText('2026-03-29'), /2026/);
});
