// The guided session's rules, without any DOM: try each direction in turn, stop on "worse",
// hold the one that helps, and build the session record the server stores.
import { newId } from './uuid.js';

/** A fresh session over a program: {record, stepIndex, directionIndex}. */
export function beginSession(program, painBefore, now = new Date()) {
  return {
    record: {
      id: newId(), program_version: program.version ?? null, started_at: now.toISOString(),
      ended_at: null, pain_before: painBefore, pain_after: null, drags: [], stopped_early: false,
    },
    steps: program.steps,
    stepIndex: 0,
    directionIndex: 0,
  };
}

/** The current step and direction as {step, direction, group, side}, or null when all are done. */
export function currentTrial(session) {
  const step = session.steps[session.stepIndex];
  if (!step) return null;
  return { step, group: step.group, side: step.side, direction: step.directions[session.directionIndex] };
}

/**
 * Record the answer to one trial and move on. 'better' finishes the step (the caller then guides
 * the prescribed holds and calls addHeldSeconds); 'same' and 'worse' go to the next direction.
 * @returns {'hold'|'next-direction'|'next-step'|'finished'} what comes next
 */
export function answerTrial(session, response, heldSeconds) {
  const { group, side, direction, step } = currentTrial(session);
  session.record.drags.push({ group, side, direction, response, held_seconds: Math.round(heldSeconds) });
  if (response === 'better') return 'hold';
  if (session.directionIndex + 1 < step.directions.length) {
    session.directionIndex += 1;
    return 'next-direction';
  }
  return advanceStep(session);
}

/** Add the seconds of the prescribed holds to the helpful direction's drag, then go on. */
export function finishHold(session, heldSeconds) {
  const drag = session.record.drags.at(-1);
  drag.held_seconds = Math.min(600, drag.held_seconds + Math.round(heldSeconds));
  return advanceStep(session);
}

function advanceStep(session) {
  session.stepIndex += 1;
  session.directionIndex = 0;
  return session.stepIndex < session.steps.length ? 'next-step' : 'finished';
}

/** Close the record: pain after, end time, and whether the person stopped before the end. */
export function endSession(session, painAfter, stoppedEarly, now = new Date()) {
  return { ...session.record, pain_after: painAfter, ended_at: now.toISOString(), stopped_early: stoppedEarly };
}

/** True when pain rose by 2 or more points during the session (the therapist is alerted too). */
export function painRoseNotably(record) {
  return record.pain_before !== null && record.pain_after !== null && record.pain_after - record.pain_before >= 2;
}
