// Today: the next session (or why there is none), a one-tap "log how I feel", positions to avoid.
import { h, screenTitle } from '../dom.js';
import { loadProgramAndStop } from '../program-source.js';
import { clockTimeOf, describeWhen, nextSessionTime } from '../schedule.js';
import { describeDraft, finishDraft, openDraft } from '../session-draft.js';
import { RELEASE_SECONDS, spotsOf, TRIAL_PULL_SECONDS } from '../session-plan.js';
import { ACTIVITIES } from '../vocabulary.js';
import { createInstallCard } from './install-prompt.js';
import { createPauseNotice } from './pause-notice.js';
import { createProblem } from './problem.js';

/** The Today screen. */
export async function createTodayView(context) {
  const { user } = context;
  const [{ program, offline, known, stop }, draft, psfs] = await Promise.all([
    loadProgramAndStop(context.api, user.id),
    openDraft(context.outbox, user.id),
    loadPsfs(context.api),
  ]);
  // Self-massage is paused, so an open session ends here as it stands.
  if (draft && stop) await finishDraft(context.outbox, draft);
  const firstName = (user.name || '').split(' ')[0];
  const element = h(
    'section',
    { class: 'screen' },
    screenTitle(firstName ? `Hello, ${firstName}` : 'Today'),
    offline &&
      known &&
      h('p', { class: 'small muted' }, 'Showing the program saved on this phone.'),
    h(
      'a',
      { class: 'button primary wide', href: '#/log', 'data-testid': 'log-feel' },
      'Log how I feel',
    ),
    draft && !stop ? openSessionCard(context, draft) : sessionCard(context, program, stop, known),
    psfsCard(psfs),
    program && avoidCard(program),
    program?.notes &&
      h(
        'section',
        { class: 'card', 'aria-labelledby': 'notes-title' },
        h('h2', { id: 'notes-title' }, 'From your therapist'),
        h('p', {}, program.notes),
      ),
    createInstallCard(),
  );
  // Drawn from this phone's copies while offline: draw again from the server once it answers.
  const reconnected = offline || !known ? () => context.navigate('today') : undefined;
  return { element, reconnected };
}

function sessionCard(context, program, stop, known) {
  const parts = [h('h2', { id: 'session-title' }, 'Your self-massage')];
  if (stop) {
    parts.push(createPauseNotice(stop, { headingLevel: 'h3' }));
  } else if (!known) {
    parts.push(
      createProblem({
        message:
          'Your program has not been saved on this phone yet, and the app cannot reach its server ' +
          'just now. It needs a connection the first time.',
        onRetry: () => context.navigate('today'),
      }),
    );
  } else if (!program) {
    parts.push(
      h(
        'p',
        {},
        'Your therapist has not set up your home program yet. It will appear here when they do.',
      ),
    );
  } else {
    const next = nextSessionTime(program.schedule);
    parts.push(
      next
        ? h('p', { class: 'next-time' }, `Next: ${describeWhen(next)}`)
        : h('p', {}, 'No set times: do it when it suits you.'),
      h(
        'p',
        { class: 'muted' },
        `${counted(program.steps.length, 'step')}, about ${counted(minutes(program), 'minute')}.`,
      ),
      h(
        'a',
        { class: 'button primary wide', href: '#/session', 'data-testid': 'start-session' },
        'Start a session now',
      ),
    );
  }
  return h('section', { class: 'card stack', 'aria-labelledby': 'session-title' }, ...parts);
}

/** A session left open (tab closed, phone locked): carry on with it, or save it as it stands. */
function openSessionCard(context, draft) {
  const card = h('section', {
    class: 'card stack',
    'aria-labelledby': 'session-title',
    'data-testid': 'open-session',
  });
  const finish = async () => {
    await finishDraft(context.outbox, draft);
    card.replaceChildren(
      h('h2', { id: 'session-title', tabindex: '-1' }, 'Session saved'),
      h('p', {}, 'Saved as stopped early, with the answers you gave.'),
    );
    card.querySelector('h2').focus();
  };
  card.append(
    h('h2', { id: 'session-title' }, 'Your session is still open'),
    h('p', {}, describeDraft(draft)),
    h('a', { class: 'button primary wide', href: '#/session/resume' }, 'Resume where you left off'),
    h('button', { type: 'button', class: 'button wide', on: { click: finish } }, 'Finish and save'),
  );
  return card;
}

/** The functional scale's record, or null when it cannot be had now (offline): no card then. */
async function loadPsfs(api) {
  try {
    return await api.get('/api/me/psfs');
  } catch {
    return null;
  }
}

/** The weekly check-in when it is due; an invitation while no activity is named; else nothing. */
function psfsCard(psfs) {
  if (!psfs) return null;
  const named = psfs.activities.length > 0;
  if (named && !psfs.due) return null;
  return h(
    'section',
    { class: 'card stack', 'aria-labelledby': 'psfs-title', 'data-testid': 'psfs-prompt' },
    h('h2', { id: 'psfs-title' }, named ? 'Your weekly check-in' : 'Activities that matter to you'),
    h(
      'p',
      {},
      named
        ? 'How well can you do your activities this week? It takes a few seconds.'
        : 'Name up to three everyday activities your back makes hard, and rate them once a week. ' +
            'It shows you and your therapist what is changing.',
    ),
    h(
      'a',
      { class: `button wide${named ? ' primary' : ''}`, href: '#/activities' },
      named ? 'Rate this week' : 'Choose my activities',
    ),
  );
}

/** About how long a session takes: per spot, each trial pull and its answer, then the holds. */
/** "1 step", "3 steps": English plurals of the words this screen counts. */
function counted(n, word) {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function minutes(program) {
  const ANSWER_SECONDS = 5;
  const SETTLE_SECONDS = 20; // finding the spot, reading the screen
  const seconds = spotsOf(program.steps).reduce(
    (sum, spot) =>
      sum +
      SETTLE_SECONDS +
      spot.directions.length * (TRIAL_PULL_SECONDS + ANSWER_SECONDS) +
      spot.repetitions * (spot.holdSeconds + RELEASE_SECONDS),
    0,
  );
  return Math.max(1, Math.round(seconds / 60));
}

function avoidCard(program) {
  const items = program.avoid.map((avoid) =>
    h(
      'li',
      {},
      h('strong', {}, ACTIVITIES[avoid.activity]),
      avoid.max_minutes
        ? ` — no more than ${avoid.max_minutes} minutes at a time.`
        : ' — best avoided today.',
      avoid.note && h('span', { class: 'muted' }, ` ${avoid.note}`),
    ),
  );
  const breaks = program.movement_breaks;
  return h(
    'section',
    { class: 'card stack', 'aria-labelledby': 'avoid-title' },
    h('h2', { id: 'avoid-title' }, 'Go easy on these today'),
    items.length ? h('ul', { class: 'plain-list' }, items) : h('p', {}, 'Nothing in particular.'),
    breaks &&
      h(
        'p',
        {},
        `Get up and move every ${breaks.every_minutes} minutes between ${clockTimeOf(breaks.from)} and ${clockTimeOf(breaks.to)}.`,
      ),
  );
}
