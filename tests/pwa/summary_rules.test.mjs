// The clinical summary's plain rules, without a browser: its route, its outcome parts, and how
// adherence and dates are said (the outcome words are outcome-words.js's, tested with it).
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { adherenceSentence, dayText } from '../../pwa/js/therapist/clinical-summary.js';
import { routeFor } from '../../pwa/js/therapist/routes.js';
import { summarySections } from '../../pwa/js/therapist/summary-outcomes.js';

test('#/clients/<id>/summary is the summary of that client', () => {
  assert.deepEqual(routeFor('#/clients/12/summary'),
    { name: 'summary', params: { clientId: 12 }, section: 'clients' });
  assert.deepEqual(routeFor('#/clients/12/summary/extra'), { redirect: '#/clients' });
});

test('the outcome parts are the three the sheet places', () => {
  assert.deepEqual(Object.keys(summarySections).sort(), ['bestDirection', 'outcomes', 'painChange']);
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
