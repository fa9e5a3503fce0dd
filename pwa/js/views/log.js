// Symptom log: pain in one tap, then optional sensations, regions, aggravators and safety questions.
import { createBodyOutline } from '../body-outline.js';
import { HIGH_PAIN_THRESHOLD } from '../clinical-rules.js';
import { h, screenTitle, toggleChip } from '../dom.js';
import { createPainScale } from '../pain-scale.js';
import { RED_FLAGS, safetyTier } from '../safety.js';
import { stopSessionsToday } from '../safety-stop.js';
import { newId } from '../uuid.js';
import { ACTIVITIES, SENSATIONS, regionLabel } from '../vocabulary.js';
import { createSafetyNotice } from './safety-notice.js';

/** The log screen. */
export function createLogView(context) {
  const log = { sensations: new Set(), regions: new Set(), aggravators: new Set(), red_flags: new Set(), weakness: false };
  const pain = createPainScale({ label: 'Pain right now, from 0 to 10', onChange: () => { message.textContent = ''; } });
  const message = h('p', { class: 'form-message', role: 'alert' });
  const guidance = h('div', { 'aria-live': 'assertive' });
  const regionList = h('p', { class: 'muted small', 'aria-live': 'polite' }, 'Nothing marked yet.');

  const chips = (codes, set, labels) => Object.keys(codes).map((code) => toggleChip(labels[code], false, (on) => {
    if (on) set.add(code); else set.delete(code);
    refreshGuidance();
  }));
  const refreshGuidance = () => {
    const tier = safetyTier({ red_flags: [...log.red_flags], weakness: log.weakness });
    guidance.replaceChildren(...(tier ? [createSafetyNotice(tier, { headingLevel: 'h3' })] : []));
  };
  const onRegion = (code, on) => {
    if (on) log.regions.add(code); else log.regions.delete(code);
    regionList.textContent = log.regions.size ? `Marked: ${[...log.regions].map(regionLabel).join('; ')}.` : 'Nothing marked yet.';
  };
  const redFlagLabels = Object.fromEntries(Object.entries(RED_FLAGS).map(([code, flag]) => [code, flag.question]));

  const form = h('form', { class: 'stack', novalidate: true, on: { submit: save } },
    pain.element,
    h('fieldset', {}, h('legend', {}, 'What does it feel like? (optional)'),
      h('div', { class: 'chips' }, chips(SENSATIONS, log.sensations, SENSATIONS))),
    h('fieldset', {}, h('legend', {}, 'Where? Tap the places on the drawing (optional)'),
      createBodyOutline({ onRegionToggle: onRegion, label: 'Body seen from behind: tap where you feel it' }), regionList),
    h('fieldset', {}, h('legend', {}, 'What set it off today? (optional)'),
      h('div', { class: 'chips' }, chips(ACTIVITIES, log.aggravators, ACTIVITIES))),
    h('fieldset', {}, h('legend', {}, 'Any weakness in your legs?'),
      h('div', { class: 'chips' }, toggleChip('Yes, I notice weakness', false, (on) => { log.weakness = on; refreshGuidance(); }))),
    h('details', { class: 'card' },
      h('summary', {}, h('strong', {}, 'Anything new or alarming?')),
      h('p', { class: 'small muted' }, 'Tap any that apply to you.'),
      h('div', { class: 'chips' }, chips(RED_FLAGS, log.red_flags, redFlagLabels))),
    guidance,
    h('div', { class: 'field' }, h('label', { for: 'log-notes' }, 'Anything else? (optional)'),
      h('textarea', { id: 'log-notes', name: 'notes', rows: '2', maxlength: '2000' })),
    h('div', { class: 'save-bar' }, message, h('button', { type: 'submit', class: 'button primary wide' }, 'Save')));

  const element = h('section', { class: 'screen' }, screenTitle('How do you feel?'), form);

  async function save(event) {
    event.preventDefault();
    if (pain.value() === null) {
      message.textContent = 'Please choose a pain score first (0 means no pain).';
      return;
    }
    const body = {
      id: newId(), recorded_at: new Date().toISOString(), pain: pain.value(),
      sensations: [...log.sensations], regions: [...log.regions], aggravators: [...log.aggravators],
      weakness: log.weakness, red_flags: [...log.red_flags],
      notes: form.elements.notes.value.trim(),
    };
    await context.outbox.add('log', body);
    const tier = safetyTier(body);
    if (tier) await stopSessionsToday(context.user.id, tier);
    element.replaceChildren(...savedScreen(body, tier));
    element.querySelector('.screen-title').focus();
  }

  return { element };
}

function savedScreen(body, tier) {
  if (tier) {
    return [screenTitle('Saved — please read this'), createSafetyNotice(tier),
      h('p', {}, 'There is no self-massage session for the rest of today.'),
      h('a', { class: 'button wide', href: '#/today' }, 'Back to today')];
  }
  return [screenTitle('Saved. Thank you.'),
    body.pain >= HIGH_PAIN_THRESHOLD && h('div', { class: 'notice warn' }, h('p', {}, 'That is a lot of pain. Your therapist will see it. '
      + 'Go gently today, and contact them or your doctor if it does not ease.')),
    h('p', {}, 'Logging often, even on good days, makes your progress easier to see.'),
    h('div', { class: 'button-row' }, h('a', { class: 'button primary', href: '#/today' }, 'Back to today'),
      h('a', { class: 'button', href: '#/history' }, 'See my progress'))];
}
