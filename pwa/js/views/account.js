// The account section of Settings: unsent records, export, signing out (with a warning when
// records would be lost), and closing the account (told first what the clinic keeps).
import { isNetworkError } from '../api.js';
import { h } from '../dom.js';
import { outboxEntries } from '../store.js';

/** The account section for the signed-in client. */
export function createAccountSection(context) {
  const { user } = context;
  const message = h('p', { class: 'form-message', role: 'alert' });
  const unsent = h('div', { 'data-testid': 'unsent' });
  refreshUnsent(context, unsent);

  const signOutBox = h('div', {
    class: 'notice warn stack',
    hidden: true,
    'data-testid': 'confirm-sign-out',
  });
  const keeps = h('p', { 'data-testid': 'what-is-kept' }, 'Checking what your clinic keeps…');
  const confirmBox = h(
    'div',
    { class: 'notice emergency stack', hidden: true, 'data-testid': 'confirm-delete' },
    h('h3', {}, 'Close your account for good?'),
    keeps,
    h(
      'p',
      {},
      'You can no longer sign in, reminders and your calendar link stop at once, and your therapist is told. ' +
        'This cannot be undone. If you want a copy of your data, download it first.',
    ),
    h(
      'div',
      { class: 'button-row' },
      h(
        'button',
        { type: 'button', class: 'button danger primary', on: { click: closeAccount } },
        'Yes, close my account',
      ),
      h(
        'button',
        {
          type: 'button',
          class: 'button',
          on: {
            click: () => {
              confirmBox.hidden = true;
            },
          },
        },
        'Keep my account',
      ),
    ),
  );

  async function closeAccount() {
    message.textContent = '';
    try {
      await context.api.del('/api/me');
    } catch (error) {
      message.textContent = isNetworkError(error)
        ? 'You seem to be offline. Closing your account needs a connection.'
        : error.message;
      return;
    }
    await context.forgetAccount(user.id);
    context.navigate('login');
  }

  async function askToClose() {
    confirmBox.hidden = false;
    confirmBox.querySelector('button').focus();
    try {
      keeps.textContent = whatIsKept(await context.api.get('/api/privacy'));
    } catch {
      keeps.textContent =
        'Your clinic may keep a read-only copy of your clinical record for a while, as health records must be kept.';
    }
  }

  async function askToSignOut() {
    const entries = await outboxEntries(user.id);
    if (!entries.length) return context.signOut();
    showSignOutWarning(context, signOutBox, entries.length);
    return undefined;
  }

  return h(
    'section',
    { class: 'card stack', 'aria-labelledby': 'account-title' },
    h('h2', { id: 'account-title' }, 'Your account'),
    h('p', {}, `Signed in as ${user.name} (${user.email}).`),
    unsent,
    h('h3', {}, 'Your data'),
    h(
      'div',
      { class: 'button-row' },
      h(
        'a',
        {
          class: 'button',
          href: '/api/me/export?format=json',
          download: 'cluneal-companion-data.json',
        },
        'Download all (JSON)',
      ),
      h(
        'a',
        {
          class: 'button',
          href: '/api/me/export?format=csv',
          download: 'cluneal-companion-logs.csv',
        },
        'Download logs (CSV)',
      ),
      h(
        'a',
        {
          class: 'button',
          href: '/api/me/export?format=csv&records=sessions',
          download: 'cluneal-companion-sessions.csv',
        },
        'Download sessions (CSV)',
      ),
      h(
        'a',
        {
          class: 'button',
          href: '/api/me/export?format=fhir',
          download: 'cluneal-companion-fhir.json',
        },
        'For another health system (FHIR)',
      ),
    ),
    h(
      'div',
      { class: 'button-row' },
      h('button', { type: 'button', class: 'button', on: { click: askToSignOut } }, 'Sign out'),
      h(
        'button',
        { type: 'button', class: 'button danger', on: { click: askToClose } },
        'Close and delete my account',
      ),
    ),
    signOutBox,
    confirmBox,
    message,
    h('p', {}, h('a', { href: '#/about' }, 'About this app and its sources')),
  );
}

/** What the clinic keeps after closing, from the privacy notice's retention period. */
function whatIsKept(notice) {
  const days = notice.retention_days;
  if (!days)
    return 'Everything is erased at once: your logs, sessions, program and settings. Your clinic keeps nothing.';
  return (
    `Your clinic keeps a read-only copy of your clinical record (logs, sessions and program) for ${days} ` +
    `${days === 1 ? 'day' : 'days'}, as health records must be kept for a while. Then it is erased for good.`
  );
}

/** Unsent records would be lost: offer to send them first, or to sign out anyway. */
function showSignOutWarning(context, box, count) {
  const status = h('p', { role: 'status' });
  const records =
    count === 1 ? '1 record on this phone has' : `${count} records on this phone have`;
  const sendFirst = h('button', { type: 'button', class: 'button primary' }, 'Send them first');
  sendFirst.addEventListener('click', async () => {
    sendFirst.disabled = true;
    status.textContent = 'Sending…';
    await context.outbox.flush();
    const left = (await outboxEntries(context.user.id)).length;
    if (!left) return context.signOut();
    status.textContent = navigator.onLine
      ? `${left} still not sent: the server did not accept ${left === 1 ? 'it' : 'them'}. See the list above.`
      : 'You seem to be offline. Keep the app open: they are sent as soon as there is a connection. Then sign out.';
    sendFirst.disabled = false;
    return undefined;
  });
  box.replaceChildren(
    h('h3', {}, 'Some records have not been sent'),
    h(
      'p',
      {},
      `${records} not reached your therapist yet. Signing out deletes everything of yours from this phone, ` +
        'so they would be lost.',
    ),
    h(
      'div',
      { class: 'button-row' },
      sendFirst,
      h(
        'button',
        { type: 'button', class: 'button danger', on: { click: () => context.signOut() } },
        'Sign out and delete them',
      ),
    ),
    status,
  );
  box.hidden = false;
  sendFirst.focus();
}

/** List records the server refused (kept, never dropped silently), with a way to try again. */
async function refreshUnsent(context, container) {
  const entries = await outboxEntries(context.user.id);
  const refused = entries.filter((entry) => entry.refused);
  const waiting = entries.length - refused.length;
  const parts = [];
  if (waiting)
    parts.push(
      h(
        'p',
        {},
        `${waiting} ${waiting === 1 ? 'record is' : 'records are'} waiting to be sent. They go as soon as there is a connection.`,
      ),
    );
  if (refused.length) {
    parts.push(
      h('h3', {}, 'Not accepted by the server'),
      h(
        'ul',
        { class: 'refused-list' },
        refused.map((entry) =>
          h(
            'li',
            {},
            `${entry.kind === 'log' ? 'Log' : 'Session'} from ${new Date(entry.body.recorded_at || entry.body.started_at).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' })}: ${entry.refused.message}`,
          ),
        ),
      ),
      h(
        'button',
        {
          type: 'button',
          class: 'button',
          on: {
            click: async () => {
              await context.outbox.retryRefused();
              refreshUnsent(context, container);
            },
          },
        },
        'Try sending them again',
      ),
    );
  }
  container.replaceChildren(...parts);
}
