// A guided session in progress, kept on this phone after every answer: a killed tab, a reload or a
// closed app loses nothing. An old draft is saved as stopped early rather than offered again.
import { clockTime } from './schedule.js';
import { endSession } from './session-plan.js';
import { draftGet, draftPut } from './store.js';

/** A draft left this long (12 hours, in ms) since its last answer is saved, not offered. */
export const DRAFT_MAX_AGE_MS = 12 * 60 * 60 * 1000;

/**
 * Keep where the session stands. phase: 'trial' (the current direction is next), 'holds' (the
 * helpful direction's holds; extra.hold = {rep, total seconds}) or 'pain-after' (extra.stoppedEarly).
 * The session is copied now, before the write, so later answers cannot leak into this one.
 */
export function keepDraft(userId, session, phase, extra = {}, now = new Date()) {
  const { record, steps, stepIndex, directionIndex } = session;
  const snapshot = structuredClone({ record, steps, stepIndex, directionIndex });
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
  if (now - Date.parse(draft.updatedAt) <= DRAFT_MAX_AGE_MS) return draft;
  await finishDraft(outbox, draft);
  return null;
}

/** "3 drags tried" style summary of what a draft holds, for the resume offer. */
export function describeDraft(draft) {
  const tried = draft.session.record.drags.length;
  const started = new Date(draft.session.record.started_at);
  const time = clockTime(started);
  const day = started.toDateString() === new Date().toDateString() ? 'today' : started.toLocaleDateString();
  const answers = tried === 0 ? 'no directions tried yet' : `${tried} ${tried === 1 ? 'direction' : 'directions'} tried`;
  return `Started ${day} at ${time}; ${answers}. Your answers so far are kept on this phone.`;
}
