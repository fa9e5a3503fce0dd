// Joining from an invite link: greet, show the privacy notice to agree to (clients), set a
// password, ask the red-flag check with the pain score, then offer the home-screen install. A
// colleague's invite makes a therapist account instead.
import { ApiError, isNetworkError } from '../api.js';
import { h, screenTitle, uniqueId } from '../dom.js';
import { createPainScale } from '../pain-scale.js';
import { keepLog, redFlagLog } from '../red-flag-log.js';
import { safetyTier } from '../safety.js';
import { createDeliveryNote } from './delivery-note.js';
import { formField, newPasswordField, showFieldErrors } from './form-field.js';
import { createInstallCard } from './install-prompt.js';
import { privacyNotice } from './privacy-notice.js';
import { createRedFlagCheck } from './red-flag-check.js';
import { createSafetyNotice } from './safety-notice.js';

/** The join screen for invite token `token`. */
export async function createJoinView(context, token) {
  const element = h('section', { class: 'screen narrow' });
  let invite;
  try {
    invite = await context.api.get(`/api/invites/${encodeURIComponent(token || '')}`);
  } catch (error) {
    element.append(
      screenTitle('Join'),
      h('div', { class: 'notice warn', role: 'alert' }, h('p', {}, explainPreview(error))),
      h('p', {}, h('a', { href: '#/login' }, 'I already have an account: sign in')),
    );
    return { element };
  }
  element.append(...joinForm(context, token, invite, element));
  return { element };
}

function explainPreview(error) {
  if (isNetworkError(error))
    return 'You seem to be offline. Joining needs a connection; please try again when you are online.';
  if (error instanceof ApiError && error.status === 410) return error.message;
  return 'This invite link does not work. It may have been replaced by a newer one: please check it, or ask your therapist for a new link.';
}

function joinForm(context, token, invite, element) {
  const timezone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  const name = formField('Your name', {
    name: 'name',
    autocomplete: 'name',
    required: true,
    value: invite.name || '',
  });
  const email = formField('Email (you will sign in with it)', {
    type: 'email',
    name: 'email',
    autocomplete: 'email',
    required: true,
    value: invite.email || '',
    readonly: Boolean(invite.email),
  });
  const password = newPasswordField('Choose a password');
  const message = h('p', { class: 'form-message', role: 'alert' });
  const submit = h('button', { type: 'submit', class: 'button primary wide' }, 'Create my account');
  const colleague = invite.kind === 'colleague';
  const agreement = colleague ? null : consentField(invite.privacy);

  async function onSubmit(event) {
    event.preventDefault();
    message.textContent = '';
    if (agreement && !agreement.input.checked) {
      message.textContent = 'Please read how your information is kept, and tick the box to agree.';
      agreement.input.focus();
      return;
    }
    submit.disabled = true;
    try {
      const body = { password: password.input.value, name: name.input.value.trim(), timezone };
      if (!invite.email) body.email = email.input.value.trim();
      if (agreement) body.consent_version = invite.privacy.version;
      const user = await context.api.post(`/api/invites/${encodeURIComponent(token)}/accept`, body);
      if (colleague) return context.signedIn(user);
      element.replaceChildren(...welcome(context, user, element));
      element.querySelector('.screen-title').focus();
    } catch (error) {
      message.textContent = explainAccept(error, { name, email, password });
      submit.disabled = false;
    }
  }

  return [
    screenTitle('Welcome'),
    h(
      'p',
      {},
      colleague
        ? `${invite.therapist_name} has invited you to join their clinic as a therapist.`
        : `${invite.therapist_name} has invited you to follow your home program with this app.`,
    ),
    h(
      'form',
      { class: 'card stack', novalidate: true, on: { submit: onSubmit } },
      name.element,
      email.element,
      password.element,
      h(
        'p',
        { class: 'small muted' },
        `Your time zone is set from this phone: ${timezone}. Reminders follow it.`,
      ),
      agreement?.element,
      message,
      submit,
    ),
    h('p', { class: 'small' }, h('a', { href: '#/about' }, 'About this app')),
  ];
}

/** The privacy notice, then the box the client ticks to agree to it before the account exists. */
function consentField(notice) {
  const id = uniqueId('consent');
  const input = h('input', { id, type: 'checkbox', name: 'consent', required: true });
  const element = h(
    'section',
    { class: 'stack', 'aria-labelledby': `${id}-title` },
    h('h2', { id: `${id}-title` }, 'Your information'),
    privacyNotice(notice),
    h(
      'div',
      { class: 'check-field' },
      input,
      h('label', { for: id }, 'I have read how my information is kept, and I agree.'),
    ),
  );
  return { element, input };
}

function explainAccept(error, fields) {
  if (isNetworkError(error)) return 'You seem to be offline. Please try again when you are online.';
  if (!(error instanceof ApiError)) throw error;
  if (showFieldErrors(fields, error)) return 'Please check the fields marked above.';
  if (error.status === 409)
    return 'There is already an account with this email. Please sign in instead.';
  if (error.status === 410) return error.message;
  if (error.errors?.consent_version) return `${error.message} Reload this page to see it.`;
  return error.message;
}

/**
 * Right after the account is made: the red-flag check on one screen, with the pain score. Any
 * yes is saved as a log (so the therapist hears of it); "Nothing new" with a score saves that
 * score as the first log.
 */
function welcome(context, user, element) {
  let pain = null;
  let answered = false;
  const message = h('p', { class: 'form-message', role: 'alert' });
  const scale = createPainScale({
    label: 'Your pain right now, 0 to 10',
    onChange: (score) => {
      pain = score;
      message.textContent = '';
    },
  });
  const check = createRedFlagCheck({
    actions: { nothingNew: 'Nothing new', save: 'Save my answers', onAnswer: answer },
  });
  const screen = [
    screenTitle('Before you start'),
    h(
      'p',
      {},
      'Your therapist asks everyone these questions. Choose how much pain you have now, then tap ' +
        'any sign that is true for you, or “Nothing new” if none is.',
    ),
    scale.element,
    check.element,
    message,
  ];

  async function answer(answers) {
    const flagged = check.anything();
    if (flagged && pain === null) {
      message.textContent = 'Please choose a pain score first (0 means no pain).';
      return;
    }
    if (answered) return;
    answered = true;
    const outbox = context.outboxFor(user);
    const log = pain === null ? null : redFlagLog(pain, answers);
    const note = flagged && createDeliveryNote(outbox, log.id);
    if (log) await keepLog(outbox, user.id, log);
    element.replaceChildren(...allSet(context, user, log && safetyTier(log), note));
    element.querySelector('.screen-title').focus();
  }
  return screen;
}

function allSet(context, user, tier, note) {
  return [
    screenTitle('You are all set'),
    tier && createSafetyNotice(tier),
    note,
    h('p', {}, `Your account is ready, ${user.name}. One more step makes the app easier to use.`),
    createInstallCard() || h('p', {}, 'The app is already on your home screen.'),
    h(
      'button',
      { type: 'button', class: 'button primary wide', on: { click: () => context.signedIn(user) } },
      'Go to today',
    ),
  ].filter(Boolean);
}
