// The guided trial's rules, without any DOM (domain.md "Direction is found by trial"): per spot, a
// gentle trial pull in each direction; the one with the most relief is held; "worse" ends the spot.
import { HOLD_SECONDS } from './clinical-rules.js';
import { newId } from './uuid.js';

/**
 * Hold bounds in seconds, from the server (contract: 3–15, default 5). Program versions stored
 * under the old bound of 60 stay readable, so a longer hold from one of them is cut to the
 * maximum here ("never more than 15").
 */
export { HOLD_SECONDS };
/** A trial pull lasts only a couple of seconds; the client then answers and lets go. */
export const TRIAL_PULL_SECONDS = 3;
/** A slow, gentle release after a hold or after "worse". */
export const RELEASE_SECONDS = 5;

/** More relief ranks higher; an equal rank goes to the earlier direction in the prescribed order. */
const RELIEF_RANK = { better: 2, same: 1, worse: 0 };

/** A step's hold in seconds, within the bounds (5 when the step gives none). */
export function holdSecondsOf(step) {
  const seconds = Number.isInteger(step.hold_seconds) ? step.hold_seconds : HOLD_SECONDS.default;
  return Math.min(HOLD_SECONDS.max, Math.max(HOLD_SECONDS.min, seconds));
}

/**
 * The spots of a program in order. A spot is a step's nerve group, side and landmark; a step on
 * "both" sides gives two spots, left then right, each with its own trial and its own drags.
 * leadWith (the program's lead_with: [{group, side, direction}]) names spots where the therapist
 * chose to start with the direction that has clearly eased most: it is tried first there (`led`),
 * the rest keep the prescribed order. A direction the step does not list is never added.
 */
export function spotsOf(steps, leadWith = []) {
  return steps.flatMap((step, stepIndex) =>
    (step.side === 'both' ? ['left', 'right'] : [step.side]).map((side) => {
      const lead = leadWith.find((one) => one.group === step.group && one.side === side);
      const led = lead && step.directions.includes(lead.direction) ? lead.direction : null;
      return {
        stepIndex,
        group: step.group,
        side,
        landmark: step.landmark,
        contact: step.contact,
        notes: step.notes || '',
        directions: ledFirst(step.directions, led),
        led,
        holdSeconds: holdSecondsOf(step),
        repetitions: Math.max(1, step.repetitions || 1),
      };
    }),
  );
}

/** The directions with `led` moved to the front (a copy; unchanged when led is null). */
function ledFirst(directions, led) {
  return led ? [led, ...directions.filter((direction) => direction !== led)] : [...directions];
}

/**
 * A fresh session over a program. Plain data only (it is copied into the draft after each answer):
 * record (the contract's session shape), spots, the spot and direction asked next, and `holding`
 * ({dragIndex, rep, total}) while the most-relief direction of the current spot is being held.
 */
export function beginSession(program, painBefore, now = new Date()) {
  return {
    record: {
      id: newId(),
      program_version: program.version ?? null,
      started_at: now.toISOString(),
      ended_at: null,
      pain_before: painBefore,
      pain_after: null,
      drags: [],
      stopped_early: false,
    },
    spots: spotsOf(program.steps, program.lead_with || []),
    spotIndex: 0,
    directionIndex: 0,
    holding: null,
  };
}

/** 'trial' (a direction is to be tried), 'hold' (the best one is being held) or 'finished'. */
export function stageOf(session) {
  if (session.spotIndex >= session.spots.length) return 'finished';
  return session.holding ? 'hold' : 'trial';
}

/** The trial asked next: {spot, direction, group, side, number, count}, or null when none is. */
export function currentTrial(session) {
  if (stageOf(session) !== 'trial') return null;
  const spot = session.spots[session.spotIndex];
  return {
    spot,
    group: spot.group,
    side: spot.side,
    direction: spot.directions[session.directionIndex],
    number: session.directionIndex + 1,
    count: spot.directions.length,
  };
}

/**
 * Record the answer to the current trial pull (a drag with held_seconds 0) and move on.
 * @returns {'next-direction'|'worse'|'hold'|'nothing-eased'} what comes next: another direction;
 *   the spot ended by "worse" (guide a slow release; the session already points at the next spot);
 *   the most-relief direction to hold (see currentHold); or nothing eased, so nothing is held.
 */
export function answerTrial(session, response) {
  const { spot, group, side, direction } = currentTrial(session);
  session.record.drags.push({ group, side, direction, response, held_seconds: 0 });
  if (response === 'worse') {
    nextSpot(session); // stop rule: no more pulls or holds on this spot in this session
    return 'worse';
  }
  if (session.directionIndex + 1 < spot.directions.length) {
    session.directionIndex += 1;
    return 'next-direction';
  }
  const spotDrags = session.record.drags.slice(-spot.directions.length);
  const best = mostReliefIndex(spotDrags.map((drag) => drag.response));
  if (best === null) {
    nextSpot(session);
    return 'nothing-eased';
  }
  const dragIndex = session.record.drags.length - spot.directions.length + best;
  session.holding = { dragIndex, rep: 1, total: 0 };
  return 'hold';
}

/**
 * Index of the answer with the most relief, or null when nothing eased (no "better").
 * Ties go to the earlier direction in the prescribed order.
 */
export function mostReliefIndex(responses) {
  let best = null;
  responses.forEach((response, index) => {
    if (best === null || RELIEF_RANK[response] > RELIEF_RANK[responses[best]]) best = index;
  });
  return best !== null && responses[best] === 'better' ? best : null;
}

/** The hold under way: {spot, drag, direction, rep, repetitions, seconds}, or null. */
export function currentHold(session) {
  if (stageOf(session) !== 'hold') return null;
  const spot = session.spots[session.spotIndex];
  const drag = session.record.drags[session.holding.dragIndex];
  return {
    spot,
    drag,
    group: drag.group,
    side: drag.side,
    direction: drag.direction,
    rep: session.holding.rep,
    repetitions: spot.repetitions,
    seconds: spot.holdSeconds,
  };
}

/** Add seconds actually held to the held direction's drag (a hold cut short counts as held). */
export function addHeldSeconds(session, seconds) {
  const drag = session.record.drags[session.holding.dragIndex];
  const added = Math.round(seconds);
  drag.held_seconds = Math.min(600, drag.held_seconds + added); // the contract's upper bound
  session.holding.total += added;
}

/**
 * One hold of the repetitions is over (seconds held). @returns {'next-hold'|'spot-done'}; after
 * 'spot-done' the session points at the next spot, or is finished.
 */
export function finishHold(session, seconds) {
  addHeldSeconds(session, seconds);
  const { repetitions } = session.spots[session.spotIndex];
  if (session.holding.rep < repetitions) {
    session.holding.rep += 1;
    return 'next-hold';
  }
  nextSpot(session);
  return 'spot-done';
}

function nextSpot(session) {
  session.spotIndex += 1;
  session.directionIndex = 0;
  session.holding = null;
}

/** True when any answer in the session was "worse" (the ending is calm advice, never praise). */
export function anythingGotWorse(record) {
  return record.drags.some((drag) => drag.response === 'worse');
}

/** Close the record: pain after, end time, and whether the person stopped before the end. */
export function endSession(session, painAfter, stoppedEarly, now = new Date()) {
  return {
    ...session.record,
    pain_after: painAfter,
    ended_at: now.toISOString(),
    stopped_early: stoppedEarly,
  };
}

/** True when pain rose by 2 or more points during the session (the therapist is alerted too). */
export function painRoseNotably(record) {
  return (
    record.pain_before !== null &&
    record.pain_after !== null &&
    record.pain_after - record.pain_before >= 2
  );
}

/**
 * The drags a whole session stores when every hold runs its full time: steps (the program's) and
 * answers (each trial's response, in the order asked) in, drags out. The shared table
 * tests/fixtures/guided_trial_cases.json checks these rules in JavaScript and in Python.
 */
export function guidedTrialDrags(steps, answers) {
  const session = beginSession({ version: null, steps }, null, new Date(0));
  const queue = [...answers];
  while (stageOf(session) !== 'finished') {
    if (stageOf(session) === 'hold') {
      finishHold(session, currentHold(session).seconds);
    } else {
      if (!queue.length) throw new Error('The answers end before the session does.');
      answerTrial(session, queue.shift());
    }
  }
  if (queue.length) throw new Error(`${queue.length} answers left over after the last spot.`);
  return session.record.drags;
}
