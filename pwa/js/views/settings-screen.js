// Settings: reminders (settings.js), one's details and password, who has looked at the record,
// then the account section.
import { h, screenTitle } from '../dom.js';
import { accessLogList } from './access-log-list.js';
import { createAccountSection } from './account.js';
import { createDetailsSection, createPasswordSection } from './profile-settings.js';
import { createSettingsView } from './settings.js';

/** The #/settings screen. */
export async function createSettingsScreen(context) {
  const reminders = await createSettingsView({ api: context.api, user: context.user });
  const element = h(
    'section',
    { class: 'screen' },
    screenTitle('Settings'),
    context.user.discharged_at &&
      h(
        'p',
        { class: 'notice info', 'data-testid': 'discharged' },
        'Your therapist has finished your course of care, so no reminders are sent. Your program and ' +
          'history stay here, and you can still log how you feel.',
      ),
    reminders,
    h(
      'section',
      { class: 'card stack', 'aria-labelledby': 'activities-title' },
      h('h2', { id: 'activities-title' }, 'Activities you rate each week'),
      h(
        'p',
        { class: 'muted' },
        'Up to three everyday activities your back makes hard, rated once a week.',
      ),
      h('a', { class: 'button wide', href: '#/activities' }, 'My activities'),
    ),
    createDetailsSection(context, (user) => context.updateUser(user)),
    createPasswordSection(context),
    h(
      'section',
      { class: 'card stack', 'aria-labelledby': 'access-log-title' },
      h('h2', { id: 'access-log-title' }, 'Who has looked at your record'),
      h(
        'p',
        { class: 'muted' },
        'Each time your therapist, or a colleague your care is shared with, opens or changes your ' +
          'record, it is listed here. What your record says is never in this list.',
      ),
      accessLogList(context.api, '/api/me/access-log', 'client'),
    ),
    createAccountSection(context),
  );
  return { element, leave: () => reminders?.leave?.() };
}
