// The therapist's own account and their clinic: details and password; the clinic's therapists;
// for its administrator, colleague invites and the clinic-wide access log; for the
// installation's administrator, whether anyone may sign up.

import { h } from '../dom.js';
import { accessLogList } from '../views/access-log-list.js';
import { createDetailsSection, createPasswordSection } from '../views/profile-settings.js';
import { clearFieldErrors, showFieldErrors } from './field-errors.js';
import { field } from './form-bits.js';
import { linkCard } from './link-card.js';

/** The #/clinic screen. */
export async function clinicScreen({ api, user }) {
  const clinic = await api.get('/api/clinic');
  return h(
    'section',
    { class: 'ws-screen', 'data-title': 'Clinic and account' },
    h('h1', { tabindex: '-1', text: 'Clinic and account' }),
    h(
      'div',
      { class: 'ws-columns' },
      createDetailsSection({ api, user }),
      createPasswordSection({ api, user }),
    ),
    h(
      'section',
      { class: 'ws-panel', 'aria-labelledby': 'clinic-title' },
      h('h2', { id: 'clinic-title', text: clinic.name }),
      h('p', {
        text: clinic.is_admin
          ? 'You administer this clinic.'
          : 'Your clinic’s administrator invites colleagues and sees its access log.',
      }),
      h('h3', { text: 'Therapists' }),
      h(
        'ul',
        { class: 'plain-list' },
        clinic.therapists.map((t) =>
          h('li', { text: `${t.name} (${t.email})${t.is_admin ? ', administrator' : ''}` }),
        ),
      ),
    ),
    clinic.installation_admin ? signupPanel(api, clinic) : null,
    clinic.is_admin ? colleagueInvitePanel(api) : null,
    clinic.is_admin
      ? h(
          'section',
          { class: 'ws-panel', 'aria-labelledby': 'clinic-log-title' },
          h('h2', { id: 'clinic-log-title', text: 'Access log of the clinic' }),
          h('p', {
            class: 'muted',
            text:
              'Every read or change of any of the clinic’s client records, newest first. ' +
              'Records are named by number; erased ones stay listed.',
          }),
          accessLogList(api, '/api/clinic/access-log', 'therapist', { withRecord: true }),
        )
      : null,
  );
}

function signupPanel(api, clinic) {
  const status = h('p', { role: 'status', 'aria-live': 'polite' });
  const choice = (value, label) =>
    h(
      'label',
      { class: 'choice' },
      h('input', {
        type: 'radio',
        name: 'signup',
        value,
        props: { checked: String(clinic.signup_open) === value },
      }),
      label,
    );
  const fieldset = h(
    'fieldset',
    { class: 'ws-choices' },
    h('legend', { text: 'Who may create a therapist account here?' }),
    h(
      'div',
      { class: 'choice-row' },
      choice('true', 'Anyone (each gets a practice of their own)'),
      choice('false', 'Only colleagues a clinic administrator invites'),
    ),
  );
  fieldset.addEventListener('change', async (event) => {
    const open = event.target.value === 'true';
    try {
      await api.patch('/api/clinic', { signup_open: open });
      status.textContent = open
        ? 'Sign-up is open.'
        : 'Sign-up is closed: therapists join by invite only.';
    } catch (error) {
      status.textContent = `That did not work: ${error.message}`;
    }
  });
  return h(
    'section',
    { class: 'ws-panel', 'aria-labelledby': 'signup-title' },
    h('h2', { id: 'signup-title', text: 'Sign-up' }),
    h('p', { class: 'muted', text: 'You set up this installation, so you decide.' }),
    fieldset,
    status,
  );
}

function colleagueInvitePanel(api) {
  const name = h('input', {
    type: 'text',
    autocomplete: 'off',
    required: true,
    'data-field': 'name',
  });
  const email = h('input', {
    type: 'email',
    autocomplete: 'off',
    required: true,
    'data-field': 'email',
  });
  const summary = h('div', { class: 'error-summary', tabindex: '-1', role: 'alert', hidden: true });
  const result = h('div', { class: 'invite-output' });
  const form = h(
    'form',
    { class: 'ws-form', novalidate: true },
    summary,
    field('colleague-name', 'Colleague’s name', name),
    field('colleague-email', 'Their email', email, 'They sign in with it.'),
    h(
      'p',
      {},
      h('button', { type: 'submit', class: 'button primary', text: 'Create invite link' }),
    ),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const link = await api.post('/api/clinic/invites', {
        name: name.value.trim(),
        email: email.value.trim(),
      });
      clearFieldErrors(form);
      summary.hidden = true;
      result.replaceChildren(
        linkCard(link, {
          title: `Invite for ${name.value.trim()} is ready`,
          label: 'Invite link',
          testId: 'colleague-invite',
          qrLabel: 'QR code of the colleague’s invite link.',
          hint: 'It works once, and only until it expires.',
        }),
      );
      result.querySelector('h2').focus();
      form.reset();
    } catch (error) {
      if (error.errors && Object.keys(error.errors).length) {
        showFieldErrors(form, error.errors, summary, (path) =>
          path === 'name' ? 'Name' : 'Email',
        );
        summary.querySelector('p').textContent = 'The invite was not made.';
      } else
        result.replaceChildren(
          h('p', {
            class: 'field-error',
            role: 'alert',
            text: `Could not create the invite: ${error.message}`,
          }),
        );
    }
  });
  return h(
    'section',
    { class: 'ws-panel', 'aria-labelledby': 'colleague-title' },
    h('h2', { id: 'colleague-title', text: 'Invite a colleague' }),
    h('p', {
      class: 'muted',
      text: 'A therapist you invite joins this clinic: you can then share clients with each other.',
    }),
    form,
    result,
  );
}
