// Plain words for the functional scale's change (phone and therapist alike), from its rules.
import { PSFS } from './clinical-rules.js';

const DAY = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
});
const WEEK_OF = new Intl.DateTimeFormat(undefined, {
  day: 'numeric',
  month: 'short',
  timeZone: 'UTC',
});

/** "Mon 7 Dec" for an instant, in the reader's own zone and words. */
export function shortDay(iso) {
  return iso ? DAY.format(new Date(iso)) : '';
}

/** "2 Nov" for a week's Monday given as YYYY-MM-DD (a calendar date: no zone shift). */
export function weekOf(isoDate) {
  return WEEK_OF.format(new Date(`${isoDate}T00:00:00Z`));
}

/** True when a change of this many points (0–10 scale) is clinically meaningful. */
export function meaningfulPsfs(points) {
  return Math.abs(points) >= PSFS.meaningful_change;
}

/**
 * One sentence on an activity's change ({first_week, first_score, latest_week, latest_score,
 * points}): higher scores are better, and only a change of 2 points or more is called a change.
 */
export function describePsfsChange(change) {
  const from = `${change.first_score} in the week of ${weekOf(change.first_week)}`;
  const now = `${change.latest_score} in the week of ${weekOf(change.latest_week)}`;
  const size = Math.abs(change.points);
  const points = `${size} ${size === 1 ? 'point' : 'points'}`;
  if (!meaningfulPsfs(change.points)) return `From ${from} to ${now}: no clear change yet.`;
  return `From ${from} to ${now}: ${points} ${change.points > 0 ? 'better' : 'worse'}, a change that matters.`;
}
