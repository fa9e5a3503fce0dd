// How the workspace writes times, pain figures and adherence: short, plain and unambiguous.
import { PAIN_IMPROVEMENTS, PAIN_WORSENINGS } from '../clinical-rules.js';

const RELATIVE = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

/** "3 hours ago", "yesterday", "5 days ago" for an ISO instant; "never" for null. */
export function timeAgo(iso, now = Date.now()) {
  if (!iso) return 'never';
  const minutes = Math.round((Date.parse(iso) - now) / 60000);
  if (Math.abs(minutes) < 60) return RELATIVE.format(minutes, 'minute');
  const hours = Math.round(minutes / 60);
  if (Math.abs(hours) < 24) return RELATIVE.format(hours, 'hour');
  return RELATIVE.format(Math.round(hours / 24), 'day');
}

/** "Tue 4 Jun, 08:15" in the client's zone (their wall clock is what they remember). */
export function clientTime(iso, timezone) {
  if (!iso) return '–';
  return new Intl.DateTimeFormat(undefined, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: timezone || 'UTC',
  }).format(new Date(iso));
}

/** "4 Jun 2025" for an ISO instant, in the viewer's zone. */
export function calendarDate(iso) {
  return new Intl.DateTimeFormat(undefined, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  }).format(new Date(iso));
}

/** A pain mean to one decimal, or a dash. */
export function painFigure(value) {
  return value == null ? '–' : (Math.round(value * 10) / 10).toFixed(1);
}

/**
 * The 7-day change in words and a direction class: a rise in pain is worse (sensitisation), so it
 * is never written as "up" alone. category is the server's classification of that change
 * (pain_change_7d_category): only a meaningful one is called, and coloured, better or worse; a
 * smaller one reads "no clear change" whichever way it went. Without a category (an older server)
 * nothing is coloured.
 * @returns {{ text: string, trend: 'worse'|'better'|'steady'|'unknown' }}
 */
export function painChange(change, category = null) {
  if (change == null) return { text: '–', trend: 'unknown' };
  const rounded = Math.round(change * 10) / 10;
  const signed = `${rounded > 0 ? '+' : ''}${rounded.toFixed(1)}`;
  if (PAIN_WORSENINGS.includes(category)) {
    return { text: `${signed} worse`, trend: 'worse' };
  }
  if (PAIN_IMPROVEMENTS.includes(category)) {
    return { text: `${signed} better`, trend: 'better' };
  }
  return { text: rounded === 0 ? 'no change' : `${signed}, no clear change`, trend: 'steady' };
}

/** "5 of 14 (36%)" sessions done of those planned in the last 7 days. */
export function adherenceText(adherence) {
  if (!adherence?.planned) {
    return adherence?.done ? `${adherence.done} done, none planned` : 'none planned';
  }
  const percent = Math.round((adherence.ratio ?? adherence.done / adherence.planned) * 100);
  return `${adherence.done} of ${adherence.planned} (${percent}%)`;
}

/** Minutes between two ISO instants, or null. */
export function minutesBetween(startIso, endIso) {
  if (!startIso || !endIso) return null;
  return Math.max(0, Math.round((Date.parse(endIso) - Date.parse(startIso)) / 60000));
}
