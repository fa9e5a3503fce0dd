// "Who has looked at your record": the access log in plain sentences, newest first, a page at
// a time: in the client's settings and on the therapist's client page.

import { describeAccess } from '../access-log-words.js';
import { isNetworkError } from '../api.js';
import { h } from '../dom.js';

const PAGE_SIZE = 20;

/**
 * A list that loads path page by page. viewer: 'client' or 'therapist' (how entries are worded);
 * withRecord: name each entry's record (the clinic-wide log).
 * @returns {HTMLElement}
 */
export function accessLogList(api, path, viewer, { withRecord = false } = {}) {
  const list = h('ul', { class: 'access-log', 'data-testid': 'access-log' });
  const status = h('p', { role: 'status', class: 'muted' });
  const more = h('button', { type: 'button', class: 'button', hidden: true }, 'Show older entries');
  const box = h('div', { class: 'stack', 'aria-busy': 'true' }, list, status, more);
  let page = 0;

  async function load() {
    box.setAttribute('aria-busy', 'true');
    more.disabled = true;
    try {
      const entries = await api.get(`${path}?page=${page + 1}&page_size=${PAGE_SIZE}`);
      page += 1;
      list.append(
        ...entries.map((entry) =>
          h(
            'li',
            {},
            h(
              'time',
              { datetime: entry.at },
              new Date(entry.at).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' }),
            ),
            describeAccess(entry, viewer),
            withRecord ? ` (record no. ${entry.client_id})` : '',
          ),
        ),
      );
      const total = entries.pagination?.total ?? list.children.length;
      more.hidden = list.children.length >= total;
      status.textContent = list.children.length
        ? ''
        : 'Nobody has looked at or changed this record yet.';
    } catch (error) {
      status.textContent = isNetworkError(error)
        ? 'You seem to be offline. The list needs a connection.'
        : `The list could not be loaded: ${error.message}`;
      more.hidden = false;
      more.textContent = 'Try again';
    } finally {
      box.removeAttribute('aria-busy');
      more.disabled = false;
    }
  }

  more.addEventListener('click', () => {
    more.textContent = 'Show older entries';
    load();
  });
  load();
  return box;
}
