// A printable home program for clients who prefer paper: the steps in plain language, the
// technique rules (broad contact, stop rule, slow release), positions to avoid and when to get help.

import { h } from '../dom.js';
import { ACTIVITIES, DIRECTIONS, NERVE_GROUPS } from '../vocabulary.js';
import { calendarDate } from './format.js';
import { daysPhrase } from './program-lines.js';

const CONTACT_WORDS = { palm: 'your flat palm', forearm: 'the flat of your forearm' };
const SIDE_WORDS = { left: 'on the left side', right: 'on the right side', both: 'on each side in turn' };

/** The technique, in our own words, matching shared/domain.md. */
const TECHNIQUE_RULES = [
  'Use broad contact only: a flat palm or the flat of your forearm. Never press in with a thumb, fingertip, knuckle or elbow over these nerves.',
  'Use little or no oil or lotion, so your hand can take the skin with it.',
  'Move the skin, not the muscle underneath: light pressure that slides the skin along the surface, never deep pressure down into the tissue.',
  'Try the directions in the order given. After each one, notice whether your symptoms ease, stay the same or get worse.',
  'When a direction eases things, hold the skin there for the time given while the feeling settles, then let go slowly and gently.',
  'Stop rule: if pressing or dragging over a spot makes your symptoms worse, stop pressing there.',
  'Afterwards, let your low back, buttocks and legs relax.',
];

const WHEN_TO_GET_HELP = [
  ['Go to an emergency department now, and do no self-massage, if you have:',
    'numbness in the saddle area (between your legs); new trouble passing urine or controlling your bladder or bowels; symptoms in both legs with weakness.'],
  ['See a doctor today, and do no self-massage until then, if:', 'weakness in a leg is getting worse.'],
  ['Book a doctor\'s appointment and tell your therapist if you have:',
    'fever or weight loss you cannot explain; a history of cancer; night pain that is worse lying down; pain after a fall or other injury.'],
];

function stepItem(step) {
  const order = step.directions.map((d) => DIRECTIONS[d] || d);
  return h('li', {},
    h('p', {}, h('strong', { text: `Where: ${step.landmark}` }),
      ` (${NERVE_GROUPS[step.group] || step.group}, ${SIDE_WORDS[step.side] || step.side}).`),
    h('p', { text: `Use ${CONTACT_WORDS[step.contact] || step.contact}.` }),
    h('p', {}, 'Try moving the skin in this order:'),
    h('ol', {}, order.map((words) => h('li', { text: words }))),
    h('p', { text: `Hold the direction that helps for ${step.hold_seconds} seconds, then release slowly. Do this ${step.repetitions} ${step.repetitions === 1 ? 'time' : 'times'}.` }),
    step.notes ? h('p', { text: `Note: ${step.notes}` }) : null);
}

function avoidItem(a) {
  const limit = a.max_minutes ? `no more than ${a.max_minutes} minutes at a time` : 'avoid it where you can';
  return h('li', {}, h('strong', { text: `${ACTIVITIES[a.activity] || a.activity}: ` }), limit,
    a.note ? `. ${a.note}` : '.');
}

/** The printable program page for params.clientId. */
export async function programPrintScreen({ api }, { clientId }) {
  const [client, program] = await Promise.all([
    api.get(`/api/clients/${clientId}`), api.get(`/api/clients/${clientId}/program`)]);
  const breaks = program.movement_breaks;
  const printButton = h('button', { type: 'button', class: 'button primary', text: 'Print' });
  printButton.addEventListener('click', () => window.print());
  return h('article', { class: 'ws-screen print-sheet', 'data-title': `Printable program for ${client.name}` },
    h('div', { class: 'ws-actions no-print' },
      h('a', { class: 'button', href: `#/clients/${clientId}`, text: `← ${client.name}` }), printButton),
    h('h1', { tabindex: '-1', text: `Home program for ${client.name}` }),
    h('p', { class: 'muted', text: `Version ${program.version}, from ${calendarDate(program.created_at)}. This is a companion to your therapist's care, not a diagnosis.` }),
    h('h2', { text: 'How to do the skin drag' }),
    h('ul', { class: 'rules' }, TECHNIQUE_RULES.map((rule) => h('li', { text: rule }))),
    h('h2', { text: 'Your steps' }),
    h('ol', { class: 'steps' }, program.steps.map(stepItem)),
    h('h2', { text: 'When to practise' }),
    h('p', { text: `${daysPhrase(program.schedule.days)}, at ${program.schedule.times.join(', ') || 'times you choose'}.` }),
    breaks ? h('p', { text: `Between ${breaks.from} and ${breaks.to}, get up and move every ${breaks.every_minutes} minutes: staying in one position for long is what feeds these symptoms.` }) : null,
    program.avoid.length ? [h('h2', { text: 'Positions to go easy on' }), h('ul', {}, program.avoid.map(avoidItem))] : null,
    program.notes ? [h('h2', { text: 'From your therapist' }), h('p', { text: program.notes })] : null,
    h('section', { class: 'safety', 'aria-labelledby': 'print-help' },
      h('h2', { id: 'print-help', text: 'When to get help' }),
      WHEN_TO_GET_HELP.map(([when, what]) => h('p', {}, h('strong', { text: when }), ` ${what}`)),
      h('p', { text: 'Muscle weakness is not caused by these nerves, so always have it checked by a clinician.' })));
}
