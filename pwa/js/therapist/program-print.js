// A printable home program for clients who prefer paper: each step drawn on the body outline
// with its directions as numbered arrows, the method as the guided session runs it (trial pulls,
// then a short hold of the direction that eased most, and the stop rule), positions to avoid,
// the warning signs in the same words as the client's screen, and honest sources.

import { createBodyOutline, drawTrialArrows } from '../body-outline.js';
import { ADVICE_TIERS, RED_FLAG_TIERS, WEAKNESS_TIER } from '../clinical-rules.js';
import { h } from '../dom.js';
import { GUIDANCE, RED_FLAG_QUESTIONS, WEAKNESS } from '../safety.js';
import { doiUrl, NO_MANUAL_THERAPY_RESEARCH_PLAIN, PAPERS, PAPERS_COVER } from '../sources.js';
import { ACTIVITIES, DIRECTIONS, NERVE_GROUPS } from '../vocabulary.js';
import { calendarDate } from './format.js';
import { daysPhrase } from './program-lines.js';

const CONTACT_WORDS = { palm: 'your flat palm', forearm: 'the flat of your forearm' };
const SIDE_WORDS = { left: 'on the left side', right: 'on the right side', both: 'on both sides' };

/** What "both sides" means, said on every step that has it. */
export const BOTH_SIDES =
  'Both sides: one side at a time, left then right. Do the whole step on your ' +
  'left side first, then again on your right.';

/** The method, in our own words, as shared/domain.md describes it. */
export const METHOD = [
  [
    'Broad contact only.',
    'Use a flat palm or the flat of your forearm. Never press in with a thumb, ' +
      'fingertip, knuckle or elbow over these nerves. Use little or no oil or lotion.',
  ],
  [
    'Move the skin, not the muscle.',
    'Light pressure that slides the skin along the surface, never deep ' +
      'pressure down into the tissue.',
  ],
  [
    '1. Try each direction.',
    'At each spot, give the skin a short, gentle pull in each direction, in the ' +
      'order shown, for only a couple of seconds. After each pull, notice whether the discomfort eases, ' +
      'stays the same or gets worse, then let go.',
  ],
  [
    '2. Hold the one that helped most.',
    'When you have tried them all, go back to the direction that eased ' +
      'it most and hold it for the seconds shown while the feeling settles, then let go slowly and gently. ' +
      'Repeat that hold as many times as shown. If two helped equally, use the one you tried first. If none ' +
      'helped, hold nothing and move on.',
  ],
  [
    '3. Stop rule.',
    'If a pull makes it worse, let go slowly and leave that spot alone for today: no more ' +
      'pulls or holds there. Go on to the next spot, or finish.',
  ],
  ['If anything got worse,', 'rest, check the warning signs below, and tell your therapist.'],
  ['Afterwards,', 'let your low back, buttocks and legs relax.'],
];

/** The warning signs of each tier, in the words the app asks them (most urgent first). */
export function warningSigns() {
  return ADVICE_TIERS.map((tier) => ({
    tier,
    signs: [
      ...Object.keys(RED_FLAG_QUESTIONS)
        .filter((code) => RED_FLAG_TIERS[code] === tier)
        .map((code) => RED_FLAG_QUESTIONS[code]),
      ...(tier === WEAKNESS_TIER ? [WEAKNESS.question] : []),
    ],
  }));
}

function stepOutline(step, index) {
  const outline = createBodyOutline({
    label: `Step ${index + 1}: where to start and the directions to try, numbered in order`,
  });
  outline.classList.add('print-outline');
  drawTrialArrows(outline, step);
  return outline;
}

function stepItem(step, index) {
  const order = step.directions.map((d) => DIRECTIONS[d] || d);
  const times = `${step.repetitions} ${step.repetitions === 1 ? 'time' : 'times'}`;
  return h(
    'li',
    { class: 'print-step' },
    h(
      'figure',
      {},
      stepOutline(step, index),
      h('figcaption', {
        class: 'muted',
        text: 'Seen from behind. Arrows show the directions, numbered in the order to try them.',
      }),
    ),
    h(
      'div',
      {},
      h(
        'p',
        {},
        h('strong', { text: `Where: ${step.landmark}` }),
        ` (${NERVE_GROUPS[step.group] || step.group}, ${SIDE_WORDS[step.side] || step.side}).`,
      ),
      step.side === 'both' ? h('p', { class: 'both-sides', text: BOTH_SIDES }) : null,
      h('p', { text: `Use ${CONTACT_WORDS[step.contact] || step.contact}.` }),
      h('p', {}, 'Try a gentle pull in each direction, in this order:'),
      h(
        'ol',
        {},
        order.map((words) => h('li', { text: words })),
      ),
      h('p', {
        text: `Then hold the direction that eased it most for ${step.hold_seconds} seconds and let go slowly. Do that hold ${times}. If a pull makes it worse, stop at this spot for today.`,
      }),
      step.notes ? h('p', { text: `Note: ${step.notes}` }) : null,
    ),
  );
}

function avoidItem(a) {
  const limit = a.max_minutes
    ? `no more than ${a.max_minutes} minutes at a time`
    : 'avoid it where you can';
  return h(
    'li',
    {},
    h('strong', { text: `${ACTIVITIES[a.activity] || a.activity}: ` }),
    limit,
    a.note ? `. ${a.note}` : '.',
  );
}

function helpSection() {
  return h(
    'section',
    { class: 'safety', 'aria-labelledby': 'print-help' },
    h('h2', { id: 'print-help', text: 'When to get help' }),
    h('p', {
      text: 'If any of these is true for you, follow the advice beside it and tell your therapist. In the app, answer yes to it on the log.',
    }),
    warningSigns().map(({ tier, signs }) =>
      h(
        'div',
        { class: `print-tier tier-${tier}`, 'data-tier': tier },
        h('h3', { text: GUIDANCE[tier].heading }),
        h(
          'ul',
          {},
          signs.map((sign) => h('li', { text: sign })),
        ),
        h('p', { text: GUIDANCE[tier].text }),
      ),
    ),
    h('p', {
      text: 'Muscle weakness is not caused by these nerves, which carry feeling only, so always have it checked by a doctor the same day.',
    }),
  );
}

function sourcesSection() {
  return h(
    'section',
    { class: 'print-sources', 'aria-labelledby': 'print-sources' },
    h('h2', { id: 'print-sources', text: 'What this is based on' }),
    h('p', { text: NO_MANUAL_THERAPY_RESEARCH_PLAIN }),
    h('p', { text: PAPERS_COVER }),
    h(
      'ul',
      {},
      PAPERS.map(({ text, doi }) => h('li', {}, text, h('a', { href: doiUrl(doi) }, `doi:${doi}`))),
    ),
  );
}

/** The printable program page for params.clientId. */
export async function programPrintScreen({ api }, { clientId }) {
  const [client, program] = await Promise.all([
    api.get(`/api/clients/${clientId}`),
    api.get(`/api/clients/${clientId}/program`),
  ]);
  const breaks = program.movement_breaks;
  const printButton = h('button', { type: 'button', class: 'button primary', text: 'Print' });
  printButton.addEventListener('click', () => window.print());
  return h(
    'article',
    { class: 'ws-screen print-sheet', 'data-title': `Printable program for ${client.name}` },
    h(
      'div',
      { class: 'ws-actions no-print' },
      h('a', { class: 'button', href: `#/clients/${clientId}`, text: `← ${client.name}` }),
      printButton,
    ),
    h('h1', { tabindex: '-1', text: `Home program for ${client.name}` }),
    h('p', {
      class: 'muted',
      text: `Version ${program.version}, from ${calendarDate(program.created_at)}. This is a companion to your therapist's care, not a diagnosis.`,
    }),
    h('h2', { text: 'How to do the skin drag' }),
    h(
      'ul',
      { class: 'rules' },
      METHOD.map(([lead, rest]) => h('li', {}, h('strong', { text: lead }), ` ${rest}`)),
    ),
    h('h2', { text: 'Your steps' }),
    h('ol', { class: 'steps' }, program.steps.map(stepItem)),
    h('h2', { text: 'When to practise' }),
    h('p', {
      text: `${daysPhrase(program.schedule.days)}, at ${program.schedule.times.join(', ') || 'times you choose'}.`,
    }),
    breaks
      ? h('p', {
          text: `Between ${breaks.from} and ${breaks.to}, get up and move every ${breaks.every_minutes} minutes: staying in one position for long is what feeds these symptoms.`,
        })
      : null,
    program.avoid.length
      ? [h('h2', { text: 'Positions to go easy on' }), h('ul', {}, program.avoid.map(avoidItem))]
      : null,
    program.notes
      ? [h('h2', { text: 'From your therapist' }), h('p', { text: program.notes })]
      : null,
    helpSection(),
    sourcesSection(),
  );
}
