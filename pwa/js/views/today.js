// Today: the next session, a one-tap "log how I feel", and the positions to avoid today.
import { h, screenTitle } from '../dom.js';
import { loadProgram } from '../program-source.js';
import { sessionStopToday } from '../safety-stop.js';
import { describeDraft, finishDraft, openDraft } from '../session-draft.js';
import { clockTimeOf, describeWhen, nextSessionTime } from '../schedule.js';
import { ACTIVITIES } from '../vocabulary.js';
import { createInstallCard } from './install-prompt.js';
import { createSafetyNotice } from './safety-notice.js';

/** The Today screen. */
export async function createTodayView(context) {
  const { user } = context;
  const [{ program, offline }, stoppedBy, draft] = await Promise.all([
    loadProgram(context.api, user.id), sessionStopToday(user.id), openDraft(context.outbox, user.id)]);
  // What was logged today rules out self-massage, so an open session ends here as it stands.
  if (draft && stoppedBy) await finishDraft(context.outbox, draft);
  const firstName = (user.name || '').split(' ')[0];
  const element = h('section', { class: 'screen' },
    screenTitle(firstName ? `Hello, ${firstName}` : 'Today'),
    offline && h('p', { class: 'notice info', 'data-testid': 'offline-note' },
      'You are offline. This is the program saved on this phone; what you log is kept and sent later.'),
    h('a', { class: 'button primary wide', href: '#/log', 'data-testid': 'log-feel' }, 'Log how I feel'),
    draft && !stoppedBy ? openSessionCard(context, draft) : sessionCard(program, stoppedBy),
    program && avoidCard(program),
    program?.notes && h('section', { class: 'card', 'aria-labelledby': 'notes-title' },
      h('h2', { id: 'notes-title' }, 'From your therapist'), h('p', {}, program.notes)),
    createInstallCard());
  return { element };
}

function sessionCard(program, stoppedBy) {
  const parts = [h('h2', { id: 'session-title' }, 'Your self-massage')];
  if (stoppedBy) {
    parts.push(createSafetyNotice(stoppedBy, { headingLevel: 'h3' }),
      h('p', {}, 'Because of what you logged today, there is no session today.'));
  } else if (!program) {
    parts.push(h('p', {}, 'Your therapist has not set up your home program yet. It will appear here when they do.'));
  } else {
    const next = nextSessionTime(program.schedule);
    parts.push(
      next ? h('p', { class: 'next-time' }, `Next: ${describeWhen(next)}`) : h('p', {}, 'No set times: do it when it suits you.'),
      h('p', { class: 'muted' }, `${program.steps.length} ${program.steps.length === 1 ? 'step' : 'steps'}, about ${minutes(program)} minutes.`),
      h('a', { class: 'button primary wide', href: '#/session', 'data-testid': 'start-session' }, 'Start a session now'));
  }
  return h('section', { class: 'card stack', 'aria-labelledby': 'session-title' }, ...parts);
}

/** A session left open (tab closed, phone locked): carry on with it, or save it as it stands. */
function openSessionCard(context, draft) {
  const card = h('section', { class: 'card stack', 'aria-labelledby': 'session-title', 'data-testid': 'open-session' });
  const finish = async () => {
    await finishDraft(context.outbox, draft);
    card.replaceChildren(h('h2', { id: 'session-title', tabindex: '-1' }, 'Session saved'),
      h('p', {}, 'Saved as stopped early, with the answers you gave.'));
    card.querySelector('h2').focus();
  };
  card.append(
    h('h2', { id: 'session-title' }, 'Your session is still open'),
    h('p', {}, describeDraft(draft)),
    h('a', { class: 'button primary wide', href: '#/session/resume' }, 'Resume where you left off'),
    h('button', { type: 'button', class: 'button wide', on: { click: finish } }, 'Finish and save'));
  return card;
}

function minutes(program) {
  const seconds = program.steps.reduce(
    (sum, step) => sum + step.directions.length * step.hold_seconds + step.repetitions * step.hold_seconds + 30, 0);
  return Math.max(1, Math.round(seconds / 60));
}

function avoidCard(program) {
  const items = program.avoid.map((avoid) => h('li', {},
    h('strong', {}, ACTIVITIES[avoid.activity]),
    avoid.max_minutes ? ` — no more than ${avoid.max_minutes} minutes at a time.` : ' — best avoided today.',
    avoid.note && h('span', { class: 'muted' }, ` ${avoid.note}`)));
  const breaks = program.movement_breaks;
  return h('section', { class: 'card stack', 'aria-labelledby': 'avoid-title' },
    h('h2', { id: 'avoid-title' }, 'Go easy on these today'),
    items.length ? h('ul', { class: 'plain-list' }, items) : h('p', {}, 'Nothing in particular.'),
    breaks && h('p', {}, `Get up and move every ${breaks.every_minutes} minutes between ${clockTimeOf(breaks.from)} and ${clockTimeOf(breaks.to)}.`));
}
