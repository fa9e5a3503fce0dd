// The phone's guided-trial rules (pwa/js/session-plan.js) against the shared table of cases.
//
// tests/fixtures/guided_trial_cases.json is {"about": str, "cases": [case, ...]}; each case is
//   name     a sentence saying what the case shows
//   steps    program steps as the API gives them: {group, side ('left'|'right'|'both'),
//            directions [in the prescribed order], hold_seconds (optional: 5 when absent; a stored
//            value above 15 is held for 15), repetitions}; landmark, contact and notes may be left out
//   answers  the client's answer to each trial pull ('better'|'same'|'worse'), in the order the
//            pulls are asked, over the whole session; every answer is used, none is missing
//   drags    the drags the session stores, in order: {group, side ('left'|'right', never 'both'),
//            direction, response, held_seconds}; every trial pull is one drag with held_seconds 0,
//            except the spot's held direction, whose drag carries the seconds of all its holds
//            (hold_seconds × repetitions: the table assumes every hold runs its full time)
// A port of the rules to another language passes when, for every case, steps + answers → drags.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

import { guidedTrialDrags, mostReliefIndex, spotsOf } from '../../pwa/js/session-plan.js';

const table = JSON.parse(readFileSync(new URL('../fixtures/guided_trial_cases.json', import.meta.url)));

for (const { name, steps, answers, drags } of table.cases) {
  test(name, () => {
    assert.deepEqual(guidedTrialDrags(steps, answers), drags);
  });
}

test('the table covers both sides, ties, nothing eased, worse first and worse last', () => {
  const names = table.cases.map((c) => c.name).join('\n');
  for (const word of ['both sides', 'tie', 'nothing eased', 'worse first', 'worse on the last']) {
    assert.match(names, new RegExp(word), word);
  }
});

test('answers that run out before the session ends are refused, not guessed', () => {
  const { steps } = table.cases[0];
  assert.throws(() => guidedTrialDrags(steps, ['same']), /answers end/);
});

test('answers left over after the last spot are refused', () => {
  const { steps } = table.cases[0];
  assert.throws(() => guidedTrialDrags(steps, ['worse', 'same']), /left over/);
});

test('nothing eased means no direction to hold; a better after a same is chosen', () => {
  assert.equal(mostReliefIndex(['same', 'same']), null);
  assert.equal(mostReliefIndex([]), null);
  assert.equal(mostReliefIndex(['same', 'better', 'better']), 1);
});

test('a both-sides step becomes a left spot, then a right spot', () => {
  const spots = spotsOf([{ group: 'middle', side: 'both', directions: ['inferior'], repetitions: 1 }]);
  assert.deepEqual(spots.map((spot) => spot.side), ['left', 'right']);
});
