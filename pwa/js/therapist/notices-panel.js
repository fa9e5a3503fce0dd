// Notices at the top of the caseload: a client closed their account. Says what was kept, until
// when, and whether safety flags were still open (so none is dropped silently); dismissable.

import { h } from '../dom.js';
import { urgencyLabel } from './flag-labels.js';

const DATE = { dateStyle: 'medium' };

/** The notices section: loads itself, and hides when there are none. */
export function noticesPanel({ api }) {
  const list = h('ul', { class: 'plain-list' });
  const status = h('p', { role: 'status', 'aria-live': 'polite', class: 'visually-hidden' });
  const section = h(
    'section',
    {
      class: 'ws-panel notices',
      'aria-labelledby': 'notices-title',
      hidden: true,
      'data-testid': 'notices',
    },
    h('h2', { id: 'notices-title', text: 'Notices' }),
    list,
    status,
  );

  async function load() {
    try {
      const notices = await api.get('/api/notices');
      list.replaceChildren(...notices.map(item));
      section.hidden = notices.length === 0;
    } catch {
      section.hidden = true; // the caseload below still works; notices come back on the next visit
    }
  }

  function item(notice) {
    const who = notice.client_name || `A client (record no. ${notice.client_id})`;
    const closed = new Date(notice.created_at).toLocaleDateString([], DATE);
    const kept = notice.erase_after
      ? `Their record stays here, read-only, until ${new Date(notice.erase_after).toLocaleDateString([], DATE)}; then it is erased.`
      : 'Everything of theirs was erased at once, as this clinic keeps nothing after an account closes.';
    const flags = notice.open_flags
      ? h('p', {
          class: `badge urgency-${notice.top_urgency}`,
          text: `${notice.open_flags} safety ${notice.open_flags === 1 ? 'flag was' : 'flags were'} still open (most urgent: ${urgencyLabel(notice.top_urgency)}). Consider contacting them.`,
        })
      : null;
    const dismiss = h('button', { type: 'button', class: 'button', text: 'Dismiss' });
    dismiss.setAttribute('aria-label', `Dismiss the notice about ${who}`);
    dismiss.addEventListener('click', async () => {
      dismiss.disabled = true;
      try {
        await api.del(`/api/notices/${notice.id}`);
        status.textContent = 'Notice dismissed.';
        await load();
      } catch (error) {
        dismiss.disabled = false;
        status.textContent = `It could not be dismissed: ${error.message}`;
      }
    });
    return h(
      'li',
      { class: 'notice-item' },
      h('p', {}, h('strong', { text: `${who} closed their account on ${closed}.` }), ` ${kept}`),
      flags,
      h('p', {}, dismiss),
    );
  }

  load();
  return section;
}
