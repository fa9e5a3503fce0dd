// The "n waiting to sync" line in the header (a polite live region, so changes are announced).
import { h } from '../dom.js';

/** Show what waits in the outbox; nothing at all when everything is sent. */
export function renderSyncStatus(container, { waiting, refused }) {
  const parts = [];
  if (waiting)
    parts.push(
      h(
        'span',
        { class: 'sync-waiting', 'data-testid': 'sync-waiting' },
        `${waiting} waiting to sync`,
      ),
    );
  if (refused) {
    parts.push(
      h(
        'a',
        { class: 'sync-refused', href: '#/settings', 'data-testid': 'sync-refused' },
        `${refused} not accepted`,
      ),
    );
  }
  container.replaceChildren(...parts);
}
