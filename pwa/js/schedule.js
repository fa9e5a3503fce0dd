// When the next program session is due, from the program's schedule (device-local time).
import { WEEKDAYS } from './vocabulary.js';

/**
 * The next scheduled session at or after now, as a Date, or null when the schedule is empty.
 * @param {{times: string[], days: string[]}} schedule  "HH:MM" local times and weekday codes
 */
export function nextSessionTime(schedule, now = new Date()) {
  const times = [...(schedule?.times || [])].sort();
  if (!times.length || !schedule.days?.length) return null;
  for (let offset = 0; offset < 8; offset += 1) {
    const day = new Date(now.getFullYear(), now.getMonth(), now.getDate() + offset);
    const code = WEEKDAYS[(day.getDay() + 6) % 7]; // getDay() counts from Sunday
    if (!schedule.days.includes(code)) continue;
    for (const time of times) {
      const [hours, minutes] = time.split(':').map(Number);
      const at = new Date(day.getFullYear(), day.getMonth(), day.getDate(), hours, minutes);
      if (at >= now) return at;
    }
  }
  return null;
}

/** A time of day in the phone's own style: "8:00 AM" or "08:00", never a mix of the two. */
export function clockTime(at) {
  return at.toLocaleTimeString([], { hour: 'numeric', minute: '2-digit' });
}

/** clockTime for a program's "HH:MM" (movement-break windows, say). */
export function clockTimeOf(hhmm) {
  const [hours, minutes] = hhmm.split(':').map(Number);
  return clockTime(new Date(2000, 0, 1, hours, minutes));
}

/** "today at 7:30 PM", "tomorrow at 8:00 AM" or "Monday at 8:00 AM" (24-hour where the phone is). */
export function describeWhen(at, now = new Date()) {
  const time = clockTime(at);
  const days = Math.round(
    (new Date(at.toDateString()) - new Date(now.toDateString())) / 86_400_000,
  );
  if (days === 0) return `today at ${time}`;
  if (days === 1) return `tomorrow at ${time}`;
  return `${at.toLocaleDateString([], { weekday: 'long' })} at ${time}`;
}
