// The caseload's invites still waiting: who, sent when, expiring when; a new link (renew: the
// old one stops working), or withdraw (its link then says it was withdrawn).

import { h } from '../dom.js';
import { runFromButton } from './button-action.js';
import { timeAgo } from './format.js';
import { linkCard } from './link-card.js';

const KIND_WORDS = { client: 'client', colleague: 'colleague (therapist)' };

/** The "Invites waiting" section: loads itself, and hides when there is nothing to show. */
export function pendingInvitesPanel({ api }) {
  const list = h('ul', { class: 'plain-list invite-list', 'data-testid': 'pending-invites' });
  const status = h('p', { role: 'status', 'aria-live': 'polite', class: 'muted' });
  const output = h('div', { class: 'invite-output' });
  const section = h(
    'section',
    {
      class: 'ws-panel',
      'aria-labelledby': 'pending-invites-title',
      hidden: true,
      'aria-busy': 'true',
    },
    h('h2', { id: 'pending-invites-title', text: 'Invites waiting' }),
    list,
    status,
    output,
  );

  async function load() {
    section.setAttribute('aria-busy', 'true');
    try {
      const invites = await api.get('/api/invites');
      list.replaceChildren(...invites.map(row));
      section.hidden = invites.length === 0 && !output.childElementCount;
    } catch (error) {
      section.hidden = false;
      status.textContent = `The invites could not be loaded: ${error.message}`;
      list.replaceChildren(
        h(
          'li',
          {},
          h('button', { type: 'button', class: 'button', text: 'Try again', on: { click: load } }),
        ),
      );
    } finally {
      section.removeAttribute('aria-busy');
    }
  }

  function row(invite) {
    const expired = Date.parse(invite.expires_at) <= Date.now();
    const who = invite.email ? `${invite.name} (${invite.email})` : invite.name;
    const renew = h('button', { type: 'button', class: 'button', text: 'New link' });
    const withdraw = h('button', { type: 'button', class: 'button danger', text: 'Withdraw' });
    renew.setAttribute('aria-label', `New link for ${invite.name}`);
    withdraw.setAttribute('aria-label', `Withdraw the invite for ${invite.name}`);
    renew.addEventListener('click', () =>
      act(renew, async () => {
        const link = await api.post(`/api/invites/${invite.id}/renew`);
        output.replaceChildren(
          linkCard(link, {
            title: `New link for ${invite.name}`,
            label: 'Invite link',
            testId: 'renewed-invite',
            qrLabel: `QR code of the new invite link for ${invite.name}.`,
            hint: 'The earlier link no longer works. This one works once, until it expires.',
          }),
        );
        output.querySelector('h2').focus();
        status.textContent = `New link made for ${invite.name}; the earlier one no longer works.`;
      }),
    );
    withdraw.addEventListener('click', () =>
      act(withdraw, async () => {
        await api.del(`/api/invites/${invite.id}`);
        status.textContent = `The invite for ${invite.name} was withdrawn. Its link now says so.`;
      }),
    );
    return h(
      'li',
      { class: 'invite-row' },
      h(
        'div',
        {},
        h('strong', { text: who }),
        h('span', {
          class: 'client-sub',
          text: `Invited as ${KIND_WORDS[invite.kind] || invite.kind} ${timeAgo(invite.created_at)}`,
        }),
        h('span', {
          class: expired ? 'client-sub expired' : 'client-sub',
          text: expired
            ? 'Expired: make a new link to send again'
            : `Link works until ${new Date(invite.expires_at).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' })}`,
        }),
      ),
      h('div', { class: 'ws-actions' }, renew, withdraw),
    );
  }

  async function act(button, action) {
    await runFromButton(button, status, action);
    await load(); // what changed, or what another device changed meanwhile
  }

  load();
  return section;
}
