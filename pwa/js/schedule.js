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

/** "today at 19:30", "tomorrow at 08:00" or "Monday at 08:00". */
export function describeWhen(at, now = new Date()) {
  const time = at.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  const days = Math.round((new Date(at.toDateString()) - new Date(now.toDateString())) / 86_400_000);
  if (days === 0) return `today at ${time}`;
  if (days === 1) return `tomorrow at ${time}`;
  return `${at.toLocaleDateString([], { weekday: 'long' })} at ${time}`;
}
