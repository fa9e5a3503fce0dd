// The account section of Settings: unsent records, export, sign out, and erasing the account.
import { isNetworkError } from '../api.js';
import { h } from '../dom.js';
import { outboxEntries } from '../store.js';

/** The account section for the signed-in client. */
export function createAccountSection(context) {
  const { user } = context;
  const message = h('p', { class: 'form-message', role: 'alert' });
  const unsent = h('div', { 'data-testid': 'unsent' });
  refreshUnsent(context, unsent);

  const confirmBox = h('div', { class: 'notice emergency stack', hidden: true, 'data-testid': 'confirm-delete' },
    h('h3', {}, 'Delete your account for good?'),
    h('p', {}, 'Every log, session and setting of yours will be erased from the server, and your therapist '
      + 'will no longer see them. This cannot be undone. If you want a copy, download your data first.'),
    h('div', { class: 'button-row' },
      h('button', { type: 'button', class: 'button danger primary', on: { click: eraseAccount } }, 'Yes, delete everything'),
      h('button', { type: 'button', class: 'button', on: { click: () => { confirmBox.hidden = true; } } }, 'Keep my account')));

  async function eraseAccount() {
    message.textContent = '';
    try {
      await context.api.del('/api/me');
    } catch (error) {
      message.textContent = isNetworkError(error) ? 'You seem to be offline. Deleting needs a connection.' : error.message;
      return;
    }
    await context.forgetAccount(user.id);
    context.navigate('login');
  }

  return h('section', { class: 'card stack', 'aria-labelledby': 'account-title' },
    h('h2', { id: 'account-title' }, 'Your account'),
    h('p', {}, `Signed in as ${user.name} (${user.email}).`),
    unsent,
    h('h3', {}, 'Your data'),
    h('div', { class: 'button-row' },
      h('a', { class: 'button', href: '/api/me/export?format=json', download: 'cluneal-companion-data.json' }, 'Download all (JSON)'),
      h('a', { class: 'button', href: '/api/me/export?format=csv', download: 'cluneal-companion-logs.csv' }, 'Download logs (CSV)')),
    h('div', { class: 'button-row' },
      h('button', { type: 'button', class: 'button', on: { click: () => context.signOut() } }, 'Sign out'),
      h('button', { type: 'button', class: 'button danger', on: { click: () => {
        confirmBox.hidden = false;
        confirmBox.querySelector('button').focus();
      } } }, 'Delete my account')),
    confirmBox, message,
    h('p', {}, h('a', { href: '#/about' }, 'About this app and its sources')));
}

/** List records the server refused (kept, never dropped silently), with a way to try again. */
async function refreshUnsent(context, container) {
  const entries = await outboxEntries(context.user.id);
  const refused = entries.filter((entry) => entry.refused);
  const waiting = entries.length - refused.length;
  const parts = [];
  if (waiting) parts.push(h('p', {}, `${waiting} ${waiting === 1 ? 'record is' : 'records are'} waiting to be sent. They go as soon as there is a connection.`));
  if (refused.length) {
    parts.push(h('h3', {}, 'Not accepted by the server'),
      h('ul', { class: 'refused-list' }, refused.map((entry) => h('li', {},
        `${entry.kind === 'log' ? 'Log' : 'Session'} from ${new Date(entry.body.recorded_at || entry.body.started_at).toLocaleString()}: ${entry.refused.message}`))),
      h('button', { type: 'button', class: 'button', on: { click: async () => {
        await context.outbox.retryRefused();
        refreshUnsent(context, container);
      } } }, 'Try sending them again'));
  }
  container.replaceChildren(...parts);
}

