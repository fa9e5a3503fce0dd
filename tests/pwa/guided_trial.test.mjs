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

import {
  answerTrial, beginSession, currentHold, guidedTrialDrags, mostReliefIndex, spotsOf,
} from '../../pwa/js/session-plan.js';

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

test('the lead direction chosen by the therapist is tried first there, the rest in order', () => {
  const steps = [
    { group: 'superior', side: 'both', directions: ['inferior', 'medial', 'lateral'], repetitions: 1 },
    { group: 'middle', side: 'left', directions: ['inferior', 'superior'], repetitions: 1 },
  ];
  const leadWith = [
    { group: 'superior', side: 'right', direction: 'lateral' },
    { group: 'middle', side: 'left', direction: 'medial' }, // not listed by the step: ignored
  ];
  const spots = spotsOf(steps, leadWith);
  assert.deepEqual(spots.map((spot) => spot.directions), [
    ['inferior', 'medial', 'lateral'], ['lateral', 'inferior', 'medial'], ['inferior', 'superior']]);
  assert.deepEqual(spots.map((spot) => spot.led), [null, 'lateral', null]);
  assert.deepEqual(steps[0].directions, ['inferior', 'medial', 'lateral']);
});

test('a session over a program with lead_with holds the led direction when it eases', () => {
  const program = {
    version: 3, lead_with: [{ group: 'superior', side: 'left', direction: 'lateral' }],
    steps: [{ group: 'superior', side: 'left', directions: ['inferior', 'lateral'], hold_seconds: 4, repetitions: 1 }],
  };
  const session = beginSession(program, 5, new Date(0));
  assert.equal(answerTrial(session, 'better'), 'next-direction');
  assert.equal(answerTrial(session, 'better'), 'hold');
  assert.equal(currentHold(session).direction, 'lateral');
  assert.deepEqual(session.record.drags.map((drag) => drag.direction), ['lateral', 'inferior']);
});
