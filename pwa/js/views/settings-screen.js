// Settings: the reminders section (from settings.js) above the account section.
import { h, screenTitle } from '../dom.js';
import { createAccountSection } from './account.js';
import { createSettingsView } from './settings.js';

/** The #/settings screen. */
export async function createSettingsScreen(context) {
  const reminders = await createSettingsView({ api: context.api, user: context.user });
  const element = h('section', { class: 'screen' },
    screenTitle('Settings'), reminders, createAccountSection(context));
  return { element, leave: () => reminders?.leave?.() };
}
