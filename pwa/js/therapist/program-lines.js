// A program version as labelled lines (one per step field, position, schedule part), so two
// versions can be compared line by line. Pure functions, no DOM.

import { DIRECTION_LABELS, nerveLabel } from '../charts/vocabulary-labels.js';
import { ACTIVITIES } from '../vocabulary.js';

const DAY_NAMES = {
  mon: 'Mon',
  tue: 'Tue',
  wed: 'Wed',
  thu: 'Thu',
  fri: 'Fri',
  sat: 'Sat',
  sun: 'Sun',
};
const CONTACT_NAMES = { palm: 'Flat palm', forearm: 'Forearm' };

/** Days as a phrase: "Every day", or "Mon, Wed, Fri". */
export function daysPhrase(days = []) {
  if (days.length === 7) return 'Every day';
  if (!days.length) return 'No days';
  return Object.keys(DAY_NAMES)
    .filter((d) => days.includes(d))
    .map((d) => DAY_NAMES[d])
    .join(', ');
}

/** Directions in the order they are to be tried: "1. Down, 2. Towards the spine". */
export function directionsPhrase(directions = []) {
  return directions.map((d, i) => `${i + 1}. ${DIRECTION_LABELS[d] || d}`).join(', ');
}

/**
 * The program as sections of [key, label, text] lines; keys are stable across versions
 * ('steps.0.contact', 'avoid.sitting', 'schedule.times'), so equal keys can be compared.
 */
export function programLines(program) {
  const steps = (program.steps || []).map((step, i) => ({
    title: `Step ${i + 1}`,
    lines: [
      [`steps.${i}.where`, 'Where', `${nerveLabel(step.group, step.side)}: ${step.landmark}`],
      [`steps.${i}.directions`, 'Directions, in trial order', directionsPhrase(step.directions)],
      [`steps.${i}.contact`, 'Contact', CONTACT_NAMES[step.contact] || step.contact],
      [
        `steps.${i}.dose`,
        'Hold and repeat',
        `${step.hold_seconds} s hold, ${step.repetitions} ${step.repetitions === 1 ? 'time' : 'times'}`,
      ],
      ...(step.notes ? [[`steps.${i}.notes`, 'Notes', step.notes]] : []),
    ],
  }));
  const avoid = (program.avoid || []).map((a) => [
    `avoid.${a.activity}`,
    ACTIVITIES[a.activity] || a.activity,
    [a.max_minutes ? `at most ${a.max_minutes} min at a time` : 'avoid where possible', a.note]
      .filter(Boolean)
      .join('. '),
  ]);
  const breaks = program.movement_breaks;
  const routine = [
    ['schedule.times', 'Practice times', (program.schedule?.times || []).join(', ') || 'none'],
    ['schedule.days', 'Days', daysPhrase(program.schedule?.days)],
    [
      'movement_breaks',
      'Movement breaks',
      breaks ? `Every ${breaks.every_minutes} min, ${breaks.from}–${breaks.to}` : 'none',
    ],
    ...(program.notes ? [['notes', 'Notes', program.notes]] : []),
  ];
  return [
    ...steps,
    { title: 'Positions to avoid', lines: avoid.length ? avoid : [['avoid', 'None listed', '']] },
    { title: 'Routine', lines: routine },
  ];
}

/** Keys whose text differs between two versions, or that only one of them has. */
export function changedKeys(older, newer) {
  const flat = (program) =>
    new Map(
      programLines(program)
        .flatMap((s) => s.lines)
        .map(([key, label, text]) => [key, `${label}|${text}`]),
    );
  const a = flat(older);
  const b = flat(newer);
  const changed = new Set();
  for (const key of new Set([...a.keys(), ...b.keys()])) {
    if (a.get(key) !== b.get(key)) changed.add(key);
  }
  return changed;
}
