// The guided session: pain before, each step's directions in turn, holds, pain after. Kept as a
// draft after every answer (session-draft.js) and moved to the outbox when finished.
import { h, screenTitle } from '../dom.js';
import { createPainScale } from '../pain-scale.js';
import { loadProgram } from '../program-source.js';
import { finishDraft, keepDraft, openDraft } from '../session-draft.js';
import { sessionStopToday } from '../safety-stop.js';
import { answerTrial, beginSession, currentTrial, endSession, finishHold, painRoseNotably } from '../session-plan.js';
import { keepScreenAwake } from '../wake-lock.js';
import { createCountdown } from './countdown.js';
import { createResumeOffer, savedEarlyParts } from './session-resume.js';
import { createSafetyNotice } from './safety-notice.js';
import { answerButtons, placementFigure } from './session-step.js';

const RELEASE_SECONDS = 5;

/** The guided session screen; route param 'resume' picks up an open draft without asking. */
export async function createSessionView(context, param) {
  const { user } = context;
  const element = h('section', { class: 'screen', 'data-testid': 'session' });
  const [{ program }, stoppedBy, draft] = await Promise.all([
    loadProgram(context.api, user.id), sessionStopToday(user.id), openDraft(context.outbox, user.id)]);
  let session = null;
  let wakeLock = null;
  let countdown = null;
  let saved = false;
  let drafting = Promise.resolve(); // draft writes in answer order; the final save waits for them

  /** Keep the session as it stands now (see keepDraft for the phases). */
  const remember = (phase, extra) => {
    const write = () => keepDraft(user.id, session, phase, extra);
    drafting = drafting.then(write, write);
  };

  const show = (title, ...parts) => {
    countdown?.cancel();
    countdown = null;
    element.replaceChildren(screenTitle(title), ...parts.filter(Boolean));
    element.querySelector('.screen-title').focus();
  };
  const stopButton = () => h('button', { type: 'button', class: 'button danger wide', on: { click: () => askPainAfter(true) } },
    'Stop the session');

  function askPainBefore() {
    let pain = null;
    const scale = createPainScale({ label: 'Before you start: your pain now, 0 to 10', onChange: (score) => { pain = score; start.disabled = false; } });
    const start = h('button', { type: 'button', class: 'button primary wide', disabled: true, on: { click: () => begin(pain) } }, 'Start');
    show('Guided session',
      h('p', {}, 'Find a quiet spot where you can lie on your front or side, or stand comfortably. '
        + 'The screen stays on while you go.'),
      scale.element, start);
  }

  function begin(painBefore) {
    session = beginSession(program, painBefore);
    remember('trial');
    markActive();
    showTrial();
  }

  function markActive() {
    wakeLock = keepScreenAwake();
    context.setSessionActive(true);
  }

  /** Pick up a draft at the question it was waiting on. */
  function resume(open) {
    session = open.session;
    markActive();
    if (open.phase === 'holds') return guideHolds(open.hold);
    if (open.phase === 'pain-after') return askPainAfter(open.stoppedEarly);
    return continueWith(currentTrial(session) ? 'next-direction' : 'finished');
  }

  async function finishOpen(open) {
    await finishDraft(context.outbox, open);
    show('Session saved', ...savedEarlyParts());
  }

  function showTrial() {
    const trial = currentTrial(session);
    const stepLine = `Step ${session.stepIndex + 1} of ${session.steps.length} · direction ${session.directionIndex + 1} of ${trial.step.directions.length}`;
    const holdButton = h('button', { type: 'button', class: 'button primary wide', on: { click: () => {
      countdown = createCountdown(trial.step.hold_seconds, 'Move the skin that way and hold', (held) => {
        holdArea.replaceChildren(answerButtons((response) => onAnswer(response, held)));
        holdArea.querySelector('button')?.focus();
      });
      holdArea.replaceChildren(countdown.element);
    } } }, 'I am in place: start the hold');
    const holdArea = h('div', { class: 'stack' }, holdButton);
    show('Place your hand', h('p', { class: 'progress-line' }, stepLine), placementFigure(trial), holdArea, stopButton());
  }

  function onAnswer(response, heldSeconds) {
    const next = answerTrial(session, response, heldSeconds);
    if (next === 'hold') remember('holds', { hold: { rep: 1, total: 0 } });
    else remember(next === 'finished' ? 'pain-after' : 'trial', { stoppedEarly: false });
    if (response === 'worse') return guideRelease(next);
    if (next === 'hold') return guideHolds();
    return continueWith(next);
  }

  function guideRelease(next) {
    const done = h('div', { class: 'stack' });
    show('Stop pressing there',
      h('div', { class: 'notice warn', role: 'alert' },
        h('p', {}, 'That direction made it worse, so stop pressing on this spot.'),
        h('p', {}, 'Ease off slowly: let the skin glide back over a few seconds, then lift your hand away.')),
      done, stopButton());
    countdown = createCountdown(RELEASE_SECONDS, 'Release slowly', () => {
      done.replaceChildren(h('button', { type: 'button', class: 'button primary wide', on: { click: () => continueWith(next) } },
        next === 'finished' ? 'Go to the last question' : 'Try the next direction'));
      done.querySelector('button').focus();
    }, 'I have let go');
    done.replaceChildren(countdown.element);
  }

  /** The prescribed holds of the helpful direction, from hold `rep` with `total` seconds so far. */
  function guideHolds({ rep: fromRep = 1, total: heldSoFar = 0 } = {}) {
    const step = session.steps[session.stepIndex];
    let rep = fromRep;
    let total = heldSoFar;
    const area = h('div', { class: 'stack' });
    const holdOnce = () => {
      countdown = createCountdown(step.hold_seconds, `Hold ${rep} of ${step.repetitions}`, (held) => {
        total += held;
        if (rep >= step.repetitions) {
          const next = finishHold(session, total);
          remember(next === 'finished' ? 'pain-after' : 'trial', { stoppedEarly: false });
          return releaseThen(() => continueWith(next));
        }
        rep += 1;
        remember('holds', { hold: { rep, total } });
        return releaseThen(holdOnce);
      });
      area.replaceChildren(countdown.element);
    };
    const releaseThen = (then) => {
      countdown = createCountdown(RELEASE_SECONDS, 'Release slowly and gently', then, 'I have let go');
      area.replaceChildren(countdown.element);
    };
    show('That direction helps',
      h('p', {}, `Keep moving the skin that way and hold it while the feeling settles: ${step.repetitions} `
        + `${step.repetitions === 1 ? 'hold' : 'holds'} of ${step.hold_seconds} seconds. Release slowly after each.`),
      area, stopButton());
    holdOnce();
  }

  function continueWith(next) {
    if (next === 'finished') return askPainAfter(false);
    return showTrial();
  }

  function askPainAfter(stoppedEarly) {
    if (!session) return context.navigate('today');
    remember('pain-after', { stoppedEarly });
    let pain = null;
    const finish = h('button', { type: 'button', class: 'button primary wide', disabled: true, on: { click: () => save(pain, stoppedEarly) } }, 'Finish');
    const scale = createPainScale({ label: 'And now: your pain, 0 to 10', onChange: (score) => { pain = score; finish.disabled = false; } });
    show(stoppedEarly ? 'Stopping here is fine' : 'Well done', scale.element, finish);
  }

  async function save(painAfter, stoppedEarly) {
    const record = endSession(session, painAfter, stoppedEarly);
    await keep(record);
    show('Session saved',
      painRoseNotably(record)
        ? h('div', { class: 'notice warn' }, h('p', {}, 'Your pain went up during this session. Rest now. '
          + 'Your therapist will see this; contact them or your doctor if it does not settle.'))
        : h('p', {}, 'Thank you. Each session helps you and your therapist learn what works for you.'),
      h('a', { class: 'button primary wide', href: '#/today' }, 'Back to today'));
  }

  async function keep(record) {
    if (saved) return;
    saved = true;
    await drafting; // a late draft write must not bring the finished session back as a draft
    await context.outbox.add('session', record, { closesDraft: true });
    wakeLock?.release();
    context.setSessionActive(false);
  }

  if (stoppedBy) {
    // What was logged today rules out self-massage, so an open session ends here as it stands.
    if (draft) await finishDraft(context.outbox, draft);
    show('No session today', createSafetyNotice(stoppedBy), h('a', { class: 'button wide', href: '#/today' }, 'Back to today'));
  } else if (draft && param === 'resume') {
    resume(draft);
  } else if (draft) {
    show('Your session is still open', createResumeOffer(draft, { onResume: () => resume(draft), onFinish: () => finishOpen(draft) }));
  } else if (!program || !program.steps.length) {
    show('Guided session', h('p', {}, 'Your therapist has not given you any steps yet.'), h('a', { class: 'button wide', href: '#/today' }, 'Back to today'));
  } else {
    askPainBefore();
  }

  return {
    element,
    /** Leaving mid-session keeps the draft: Today offers to resume or save it. */
    async leave() {
      countdown?.cancel();
      await drafting;
      wakeLock?.release();
      context.setSessionActive(false);
    },
  };
}
