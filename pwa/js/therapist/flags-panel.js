// Open safety flags for one client, each with a button to acknowledge it (seen and dealt with).

import { h } from '../dom.js';
import { flagText, URGENCY, urgencyLabel } from './flag-labels.js';
import { clientTime } from './format.js';

/** A live list of open flags; acknowledging one removes it and says so. */
export function flagsPanel({ api, clientId, flags, timezone }) {
  const status = h('p', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite' });
  const list = h('ul', { class: 'flag-list', 'aria-labelledby': 'flags-heading' });
  const empty = h('p', { class: 'muted', text: 'No open safety flags.' });
  const panel = h('div', { class: 'flags-panel' }, status, list, empty);

  function refresh() {
    empty.hidden = list.children.length > 0;
    list.hidden = list.children.length === 0;
  }

  async function acknowledge(flag, item, button) {
    button.disabled = true;
    try {
      await api.post(`/api/clients/${clientId}/flags/${flag.id}/acknowledge`);
      item.remove();
      status.textContent = `Marked as seen: ${flagText(flag)}.`;
      refresh();
      (list.querySelector('button') || empty).focus?.();
    } catch (error) {
      button.disabled = false;
      status.textContent = `Could not mark it as seen: ${error.message}`;
      item.querySelector('.field-error')?.remove();
      item.append(h('p', { class: 'field-error', text: `Not saved: ${error.message}` }));
    }
  }

  for (const flag of flags) {
    const button = h('button', { type: 'button', class: 'button',
      'aria-label': `Mark as seen: ${flagText(flag)}, ${clientTime(flag.raised_at, timezone)}` },
    'Mark as seen');
    const item = h('li', { class: `flag-item urgency-${flag.urgency}` },
      h('div', {},
        h('p', {}, h('span', { class: `badge urgency-${flag.urgency}`, text: urgencyLabel(flag.urgency) }),
          ' ', h('strong', { text: flagText(flag) })),
        h('p', { class: 'muted' },
          `Raised ${clientTime(flag.raised_at, timezone)} (client's time). ${URGENCY[flag.urgency]?.advice || ''}`)),
      button);
    button.addEventListener('click', () => acknowledge(flag, item, button));
    list.append(item);
  }
  refresh();
  return panel;
}
