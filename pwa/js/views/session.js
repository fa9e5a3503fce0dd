// The guided session: pain and red-flag check, then per spot a gentle trial pull in each direction,
// the most-relief direction held, "worse" ending the spot, and pain after. Kept as a draft after
// every answer (session-draft.js) and moved to the outbox when finished.
import { h, screenTitle } from '../dom.js';
import { loadProgramAndStop } from '../program-source.js';
import { keepLog, redFlagLog } from '../red-flag-log.js';
import { pausesSelfMassage, safetyTier } from '../safety.js';
import { finishDraft, keepDraft, openDraft, phaseOf } from '../session-draft.js';
import {
  addHeldSeconds,
  answerTrial,
  anythingGotWorse,
  beginSession,
  currentHold,
  currentTrial,
  endSession,
  finishHold,
  painRoseNotably,
  RELEASE_SECONDS,
  stageOf,
  TRIAL_PULL_SECONDS,
} from '../session-plan.js';
import { DIRECTIONS } from '../vocabulary.js';
import { keepScreenAwake } from '../wake-lock.js';
import { createCountdown } from './countdown.js';
import { createDeliveryNote } from './delivery-note.js';
import { createPauseNotice } from './pause-notice.js';
import { createProblem } from './problem.js';
import { createSafetyNotice } from './safety-notice.js';
import { createResumeOffer, savedEarlyParts } from './session-resume.js';
import { answerButtons, placementFigure } from './session-step.js';
import { sessionEnding, sessionStartParts } from './session-talk.js';

/** The guided session screen; route param 'resume' picks up an open draft without asking. */
export async function createSessionView(context, param) {
  const { user, outbox } = context;
  const element = h('section', { class: 'screen', 'data-testid': 'session' });
  const [{ program, known, stop }, draft] = await Promise.all([
    loadProgramAndStop(context.api, user.id),
    openDraft(outbox, user.id),
  ]);
  let session = null;
  let wakeLock = null;
  let countdown = null;
  let runningHold = null; // the countdown of a hold under way (not of the release after it)
  let saved = false;
  let drafting = Promise.resolve(); // draft writes in answer order; the final save waits for them

  /** Keep the session as it stands now (phase: see keepDraft; by default from the session). */
  const remember = ({ phase = phaseOf(session), stoppedEarly = false } = {}) => {
    const write = () => keepDraft(user.id, session, phase, { stoppedEarly });
    drafting = drafting.then(write, write);
  };

  const show = (title, ...parts) => {
    countdown?.cancel();
    countdown = null;
    element.replaceChildren(screenTitle(title), ...parts.filter(Boolean));
    element.querySelector('.screen-title').focus();
  };
  const backToToday = (label = 'Back to today') =>
    h('a', { class: 'button wide', href: '#/today' }, label);
  const stopButton = () =>
    h(
      'button',
      { type: 'button', class: 'button danger wide', on: { click: stopNow } },
      'Stop the session',
    );
  const spotLine = (extra) =>
    h(
      'p',
      { class: 'progress-line' },
      `Spot ${session.spotIndex + 1} of ${session.spots.length}${extra ? ` · ${extra}` : ''}`,
    );

  function askPainBefore() {
    show('Guided session', ...sessionStartParts({ onStart: begin, onFlags: flaggedAtStart }));
  }

  /** The check before the session found something: save it as a log; stop or go on by its tier. */
  async function flaggedAtStart(pain, answers) {
    const log = redFlagLog(pain, answers);
    const note = createDeliveryNote(outbox, log.id);
    await keepLog(outbox, user.id, log);
    const tier = safetyTier(log);
    if (pausesSelfMassage(tier)) {
      return show('No session today', createSafetyNotice(tier), note, backToToday());
    }
    return show(
      'Before you go on',
      createSafetyNotice(tier),
      note,
      h(
        'button',
        {
          type: 'button',
          class: 'button primary wide',
          on: {
            click: () => {
              if (!session) begin(pain);
            },
          },
        },
        'Go on with the session',
      ),
      backToToday('Not now'),
    );
  }

  function begin(painBefore) {
    session = beginSession(program, painBefore);
    remember();
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
    if (open.phase === 'pain-after') return askPainAfter(open.stoppedEarly);
    return continueSession();
  }

  async function finishOpen(open) {
    await finishDraft(outbox, open);
    show('Session saved', ...savedEarlyParts());
  }

  function continueSession(afterAnswer = false) {
    const stage = stageOf(session);
    if (stage === 'finished') return askPainAfter(false);
    if (stage === 'hold') return guideHolds();
    return showTrial(afterAnswer);
  }

  /** One direction's trial pull: place the hand, a short gentle pull, then the answer. */
  function showTrial(afterAnswer = false) {
    const trial = currentTrial(session);
    const area = h(
      'div',
      { class: 'stack' },
      h(
        'p',
        {},
        `Gently pull the skin ${DIRECTIONS[trial.direction]}, just for a couple of seconds.`,
      ),
      h(
        'button',
        { type: 'button', class: 'button primary wide', on: { click: pull } },
        'I am in place: start the pull',
      ),
    );
    function pull() {
      if (countdown) return; // a second quick tap starts no second pull
      countdown = createCountdown(
        TRIAL_PULL_SECONDS,
        'Gently pull the skin that way',
        () => {
          area.replaceChildren(answerButtons(onAnswer));
          area.querySelector('button')?.focus();
        },
        'Done',
      );
      area.replaceChildren(countdown.element);
    }
    show(
      'Place your hand',
      afterAnswer && h('p', { class: 'small muted' }, 'Let go, and rest your hand a moment.'),
      spotLine(`direction ${trial.number} of ${trial.count}`),
      trial.number === 1 &&
        trial.spot.led &&
        h(
          'p',
          { class: 'small muted', 'data-testid': 'led-note' },
          'Your therapist asked to start here with the direction that has eased it most often for you.',
        ),
      placementFigure(trial),
      area,
      stopButton(),
    );
  }

  function onAnswer(response) {
    const next = answerTrial(session, response);
    remember();
    if (next === 'worse') return guideRelease();
    if (next === 'nothing-eased') return nothingEased();
    if (next === 'hold') return guideHolds();
    return showTrial(true);
  }

  const nextButton = () =>
    h(
      'button',
      { type: 'button', class: 'button primary wide', on: { click: () => continueSession() } },
      stageOf(session) === 'finished' ? 'Go to the last question' : 'Go to the next spot',
    );

  /** Stop rule: "worse" ends the spot at once; guide a slow release, then no more pressure there. */
  function guideRelease() {
    const done = h('div', { class: 'stack' });
    show(
      'Stop pressing there',
      h(
        'div',
        { class: 'notice warn', role: 'alert' },
        h(
          'p',
          {},
          'That made it worse, so this spot is done for today: no more pulling or holding here.',
        ),
        h('p', {}, 'Let the skin glide back slowly over a few seconds, then lift your hand away.'),
      ),
      done,
      stopButton(),
    );
    countdown = createCountdown(
      RELEASE_SECONDS,
      'Release slowly',
      () => {
        done.replaceChildren(nextButton());
        done.querySelector('button').focus();
      },
      'I have let go',
    );
    done.replaceChildren(countdown.element);
  }

  function nothingEased() {
    show(
      'Nothing eased it this time',
      h(
        'p',
        {},
        'Let go gently. None of the directions eased it today, so there is nothing to hold here. ' +
          'That is useful to know too.',
      ),
      nextButton(),
      stopButton(),
    );
  }

  /** The most-relief direction, held for the step's seconds, each hold released slowly. */
  function guideHolds() {
    const hold = currentHold(session);
    const area = h('div', { class: 'stack' });
    const holdOnce = () => {
      const { rep, repetitions, seconds } = currentHold(session);
      countdown = createCountdown(seconds, `Hold ${rep} of ${repetitions}`, (held) => {
        runningHold = null;
        const next = finishHold(session, held);
        remember();
        releaseThen(next === 'next-hold' ? holdOnce : () => continueSession());
      });
      runningHold = countdown;
      area.replaceChildren(countdown.element);
    };
    const releaseThen = (then) => {
      countdown = createCountdown(
        RELEASE_SECONDS,
        'Release slowly and gently',
        then,
        'I have let go',
      );
      area.replaceChildren(countdown.element);
    };
    const holds = hold.repetitions === 1 ? 'one hold' : `${hold.repetitions} holds`;
    show(
      'Hold the direction that helped most',
      spotLine(),
      placementFigure(hold),
      h(
        'p',
        {},
        `Gently pull the skin ${DIRECTIONS[hold.direction]} again and hold it there while the ` +
          `feeling settles: ${holds} of ${hold.seconds} seconds. Let go slowly after each.`,
      ),
      area,
      stopButton(),
    );
    holdOnce();
  }

  function stopNow() {
    if (runningHold) addHeldSeconds(session, runningHold.elapsed()); // a hold cut short still counts
    runningHold = null;
    askPainAfter(true);
  }

  function askPainAfter(stoppedEarly) {
    if (!session) return context.navigate('today');
    remember({ phase: 'pain-after', stoppedEarly });
    const ending = sessionEnding({
      worse: anythingGotWorse(session.record),
      stoppedEarly,
      onFinish: (pain, answers) => save(pain, stoppedEarly, answers),
    });
    show(ending.title, ...ending.parts);
  }

  async function save(painAfter, stoppedEarly, answers) {
    const record = endSession(session, painAfter, stoppedEarly);
    const flagged = answers && (answers.red_flags.length || answers.weakness);
    const log = flagged ? redFlagLog(painAfter, answers) : null;
    const rose = painRoseNotably(record);
    const notes = [
      rose && createDeliveryNote(outbox, record.id),
      log && createDeliveryNote(outbox, log.id),
    ];
    await keep(record, log);
    const tier = log && safetyTier(log);
    show(
      'Session saved',
      tier && createSafetyNotice(tier),
      notes[1],
      rose &&
        h(
          'div',
          { class: 'notice warn' },
          h(
            'p',
            {},
            'Your pain went up during this session. Rest now, ' +
              'and contact your therapist or your doctor if it does not settle.',
          ),
          notes[0],
        ),
      !tier &&
        !rose &&
        h(
          'p',
          {},
          anythingGotWorse(record)
            ? 'Stopping when something gets worse is the right thing to do. Rest now.'
            : 'Thank you. Each session helps you and your therapist learn what works for you.',
        ),
      h('a', { class: 'button primary wide', href: '#/today' }, 'Back to today'),
    );
  }

  async function keep(record, log) {
    if (saved) return;
    saved = true;
    await drafting; // a late draft write must not bring the finished session back as a draft
    await outbox.add('session', record, { closesDraft: true });
    if (log) await keepLog(outbox, user.id, log);
    wakeLock?.release();
    context.setSessionActive(false);
  }

  if (stop) {
    // Self-massage is paused, so an open session ends here as it stands.
    if (draft) await finishDraft(outbox, draft);
    show('No session today', createPauseNotice(stop), backToToday());
  } else if (draft && param === 'resume') {
    resume(draft);
  } else if (draft) {
    show(
      'Your session is still open',
      createResumeOffer(draft, {
        onResume: () => resume(draft),
        onFinish: () => finishOpen(draft),
      }),
    );
  } else if (!known) {
    show(
      'Guided session',
      createProblem({
        message:
          'Your program has not been saved on this phone yet, and the app cannot reach its server ' +
          'just now. It needs a connection the first time.',
        onRetry: () => context.navigate('session'),
      }),
    );
  } else if (!program?.steps.length) {
    show(
      'Guided session',
      h('p', {}, 'Your therapist has not given you any steps yet.'),
      backToToday(),
    );
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
