// Symptom log: pain in one tap, then optional sensations, regions and aggravators, and the red-flag
// check asked in the open.
import { createBodyOutline } from '../body-outline.js';
import { HIGH_PAIN_THRESHOLD } from '../clinical-rules.js';
import { h, screenTitle, toggleChip } from '../dom.js';
import { createPainScale } from '../pain-scale.js';
import { keepLog } from '../red-flag-log.js';
import { pausesSelfMassage, safetyTier } from '../safety.js';
import { newId } from '../uuid.js';
import { ACTIVITIES, regionLabel, SENSATIONS } from '../vocabulary.js';
import { createDeliveryNote } from './delivery-note.js';
import { createRedFlagCheck } from './red-flag-check.js';
import { createSafetyNotice } from './safety-notice.js';

/** The log screen. */
export function createLogView(context) {
  const log = { sensations: new Set(), regions: new Set(), aggravators: new Set() };
  const pain = createPainScale({
    label: 'Pain right now, from 0 to 10',
    onChange: () => {
      message.textContent = '';
    },
  });
  const message = h('p', { class: 'form-message', role: 'alert' });
  const regionList = h('p', { class: 'muted small', 'aria-live': 'polite' }, 'Nothing marked yet.');
  const redFlags = createRedFlagCheck();
  const saveButton = h('button', { type: 'submit', class: 'button primary wide' }, 'Save');
  let saving = false;

  const chips = (codes, set, labels) =>
    Object.keys(codes).map((code) =>
      toggleChip(labels[code], false, (on) => {
        if (on) set.add(code);
        else set.delete(code);
      }),
    );
  const onRegion = (code, on) => {
    if (on) log.regions.add(code);
    else log.regions.delete(code);
    regionList.textContent = log.regions.size
      ? `Marked: ${[...log.regions].map(regionLabel).join('; ')}.`
      : 'Nothing marked yet.';
  };

  const form = h(
    'form',
    { class: 'stack', novalidate: true, on: { submit: save } },
    pain.element,
    h(
      'fieldset',
      {},
      h('legend', {}, 'What does it feel like? (optional)'),
      h('div', { class: 'chips' }, chips(SENSATIONS, log.sensations, SENSATIONS)),
    ),
    h(
      'fieldset',
      {},
      h('legend', {}, 'Where? Tap the places on the drawing (optional)'),
      createBodyOutline({
        onRegionToggle: onRegion,
        label: 'Body seen from behind: tap where you feel it',
      }),
      regionList,
    ),
    h(
      'fieldset',
      {},
      h('legend', {}, 'What set it off today? (optional)'),
      h('div', { class: 'chips' }, chips(ACTIVITIES, log.aggravators, ACTIVITIES)),
    ),
    h('section', { class: 'card' }, redFlags.element),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'log-notes' }, 'Anything else? (optional)'),
      h('textarea', { id: 'log-notes', name: 'notes', rows: '2', maxlength: '2000' }),
    ),
    h('div', { class: 'save-bar' }, message, saveButton),
  );

  const element = h('section', { class: 'screen' }, screenTitle('How do you feel?'), form);

  async function save(event) {
    event.preventDefault();
    if (saving) return; // a second tap while the first is saving stores nothing more
    if (pain.value() === null) {
      message.textContent = 'Please choose a pain score first (0 means no pain).';
      return;
    }
    saving = true;
    saveButton.disabled = true;
    message.textContent = '';
    const body = {
      id: newId(),
      recorded_at: new Date().toISOString(),
      pain: pain.value(),
      sensations: [...log.sensations],
      regions: [...log.regions],
      aggravators: [...log.aggravators],
      ...redFlags.answers(),
      notes: form.elements.notes.value.trim(),
    };
    const tier = safetyTier(body);
    const note =
      (tier || body.pain >= HIGH_PAIN_THRESHOLD) && createDeliveryNote(context.outbox, body.id);
    try {
      await keepLog(context.outbox, context.user.id, body);
    } catch (error) {
      // Storage refused (private mode, a full disk): nothing was kept, so say so and let them retry.
      saving = false;
      saveButton.disabled = false;
      message.textContent = 'This phone could not keep your log just now. Please tap Save again.';
      console.error(error);
      return;
    }
    element.replaceChildren(...savedScreen(body, tier, note));
    element.querySelector('.screen-title').focus();
  }

  return { element };
}

function savedScreen(body, tier, note) {
  if (tier) {
    return [
      screenTitle('Saved — please read this'),
      createSafetyNotice(tier),
      note,
      pausesSelfMassage(tier) &&
        h('p', {}, 'There is no self-massage until your therapist has looked at this.'),
      h('a', { class: 'button wide', href: '#/today' }, 'Back to today'),
    ].filter(Boolean);
  }
  return [
    screenTitle('Saved. Thank you.'),
    body.pain >= HIGH_PAIN_THRESHOLD &&
      h(
        'div',
        { class: 'notice warn' },
        h(
          'p',
          {},
          'That is a lot of pain. ' +
            'Go gently today, and contact your therapist or your doctor if it does not ease.',
        ),
        note,
      ),
    h('p', {}, 'Logging often, even on good days, makes your progress easier to see.'),
    h(
      'div',
      { class: 'button-row' },
      h('a', { class: 'button primary', href: '#/today' }, 'Back to today'),
      h('a', { class: 'button', href: '#/history' }, 'See my progress'),
    ),
  ].filter(Boolean);
}
