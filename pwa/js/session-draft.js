// A guided session in progress, kept on this phone after every answer: a killed tab, a reload or a
// closed app loses nothing. An old draft is saved as stopped early rather than offered again.
import { clockTime } from './schedule.js';
import { endSession, spotsOf, stageOf } from './session-plan.js';
import { draftGet, draftPut } from './store.js';

/** A draft left this long (12 hours, in ms) since its last answer is saved, not offered. */
export const DRAFT_MAX_AGE_MS = 12 * 60 * 60 * 1000;

/** Where a session stands as a draft phase: 'trial' (a pull is next), 'holds' or 'pain-after'. */
export function phaseOf(session) {
  const stage = stageOf(session);
  return stage === 'finished' ? 'pain-after' : stage === 'hold' ? 'holds' : 'trial';
}

/**
 * Keep where the session stands. phase: 'trial' or 'holds' (the session itself says which pull or
 * hold comes next) or 'pain-after' (extra.stoppedEarly). The session is copied now, before the
 * write, so later answers cannot leak into this one.
 */
export function keepDraft(userId, session, phase, extra = {}, now = new Date()) {
  const { record, spots, spotIndex, directionIndex, holding } = session;
  const snapshot = structuredClone({ record, spots, spotIndex, directionIndex, holding });
  return draftPut({ userId, session: snapshot, phase, ...extra, updatedAt: now.toISOString() });
}

/** The record a draft stands for if ended now: stopped early, ended at its last answer. */
export function draftRecord(draft) {
  return endSession(draft.session, null, true, new Date(draft.updatedAt));
}

/** Move the draft's session into the outbox as stopped early; the draft goes in the same write. */
export function finishDraft(outbox, draft) {
  return outbox.add('session', draftRecord(draft), { closesDraft: true });
}

/** The user's draft worth resuming, or null; one older than 12 hours is saved first, then null. */
export async function openDraft(outbox, userId, now = Date.now()) {
  const draft = await draftGet(userId);
  if (!draft) return null;
  if (now - Date.parse(draft.updatedAt) <= DRAFT_MAX_AGE_MS) return upgradeDraft(draft);
  await finishDraft(outbox, draft);
  return null;
}

/**
 * A draft kept by the app before the per-spot trial ({steps, stepIndex, directionIndex}) carries
 * on with the next step it had not begun (its answers stay in the record); a step half done
 * under the old rules is not tried again, so no direction is counted twice.
 */
function upgradeDraft(draft) {
  if (draft.session.spots) return draft;
  const { record, steps, stepIndex, directionIndex } = draft.session;
  const begun = directionIndex > 0 || draft.phase === 'holds';
  const spots = spotsOf(steps);
  const spotIndex = spots.findIndex((spot) => spot.stepIndex === stepIndex + (begun ? 1 : 0));
  const session = {
    record,
    spots,
    spotIndex: spotIndex < 0 ? spots.length : spotIndex,
    directionIndex: 0,
    holding: null,
  };
  const phase =
    draft.phase === 'pain-after' || stageOf(session) === 'finished' ? 'pain-after' : 'trial';
  return { ...draft, session, phase, stoppedEarly: draft.stoppedEarly ?? false };
}

/** "3 drags tried" style summary of what a draft holds, for the resume offer. */
export function describeDraft(draft) {
  const tried = draft.session.record.drags.length;
  const started = new Date(draft.session.record.started_at);
  const time = clockTime(started);
  const day =
    started.toDateString() === new Date().toDateString()
      ? 'today'
      : started.toLocaleDateString([], { day: 'numeric', month: 'short' });
  const answers =
    tried === 0
      ? 'no directions tried yet'
      : `${tried} ${tried === 1 ? 'direction' : 'directions'} tried`;
  return `Started ${day} at ${time}; ${answers}. Your answers so far are kept on this phone.`;
}
