// On the client page: a reset link for a client locked out, discharging (or taking back into
// care), who cares for the client (share with a colleague, hand over), and who has looked at
// the record.

import { h } from '../dom.js';
import { accessLogList } from '../views/access-log-list.js';
import { runFromButton } from './button-action.js';
import { linkCard } from './link-card.js';

/** The "Account and care" part of the client page for client (a caseload row). */
export function carePanel({ api }, client) {
  const base = `/api/clients/${client.id}`;
  const status = h('p', { role: 'status', 'aria-live': 'polite', class: 'muted' });
  const output = h('div', { class: 'invite-output' });
  const team = h('div', { class: 'stack', 'aria-busy': 'true' });
  const closed = client.status === 'closed';

  const act = (button, action) => runFromButton(button, status, action);

  const resetButton = h('button', {
    type: 'button',
    class: 'button',
    text: 'Make a password reset link',
  });
  resetButton.addEventListener('click', () =>
    act(resetButton, async () => {
      const link = await api.post(`${base}/reset-link`);
      output.replaceChildren(
        linkCard(link, {
          title: `Reset link for ${client.name}`,
          label: 'Reset link',
          testId: 'reset-link',
          qrLabel: `QR code of the password reset link for ${client.name}.`,
          hint: 'It works once. Setting a new password signs out every other phone of theirs.',
        }),
      );
      output.querySelector('h2').focus();
    }),
  );

  const discharged = client.status === 'discharged';
  const dischargeButton = h('button', {
    type: 'button',
    class: 'button',
    text: discharged ? 'Take back into care' : 'Discharge',
  });
  dischargeButton.addEventListener('click', () =>
    act(dischargeButton, async () => {
      await api.request(discharged ? 'DELETE' : 'POST', `${base}/discharge`);
      window.dispatchEvent(new HashChangeEvent('hashchange')); // the page redraws with the new status
    }),
  );

  async function loadTeam() {
    team.setAttribute('aria-busy', 'true');
    try {
      const [care, clinic] = await Promise.all([
        api.get(`${base}/care-team`),
        api.get('/api/clinic'),
      ]);
      team.replaceChildren(...teamParts(care, clinic));
    } catch (error) {
      team.replaceChildren(
        h('p', { text: `Who cares for this client could not be loaded: ${error.message}` }),
        h('button', {
          type: 'button',
          class: 'button',
          text: 'Try again',
          on: { click: loadTeam },
        }),
      );
    } finally {
      team.removeAttribute('aria-busy');
    }
  }

  function teamParts(care, clinic) {
    const sharedIds = new Set(care.shared_with.map((s) => s.therapist.id));
    const others = clinic.therapists.filter(
      (t) => t.id !== care.primary?.id && !sharedIds.has(t.id),
    );
    const parts = [
      h('p', {}, 'Main therapist: ', h('strong', { text: care.primary?.name || 'nobody' })),
    ];
    parts.push(
      h(
        'ul',
        { class: 'plain-list' },
        care.shared_with.map((share) => {
          const stop = h('button', { type: 'button', class: 'button', text: 'Stop sharing' });
          stop.setAttribute('aria-label', `Stop sharing with ${share.therapist.name}`);
          stop.addEventListener('click', () =>
            act(stop, async () => {
              await api.del(`${base}/care-team/${share.therapist.id}`);
              await loadTeam();
            }),
          );
          const by = share.shared_by ? ` by ${share.shared_by.name}` : '';
          return h(
            'li',
            { class: 'invite-row' },
            h('span', {
              text: `Shared with ${share.therapist.name}${by}, ${new Date(share.shared_at).toLocaleDateString([], { dateStyle: 'medium' })}`,
            }),
            stop,
          );
        }),
      ),
    );
    if (!others.length) {
      parts.push(
        h('p', {
          class: 'muted',
          text: 'Nobody else in your clinic to share with. Your clinic’s administrator invites colleagues.',
        }),
      );
      return parts;
    }
    const select = h(
      'select',
      { id: `colleague-${client.id}` },
      others.map((t) => h('option', { value: String(t.id), text: t.name })),
    );
    const share = h('button', { type: 'button', class: 'button', text: 'Share with them' });
    const handOver = h('button', { type: 'button', class: 'button', text: 'Hand over to them' });
    share.addEventListener('click', () =>
      act(share, async () => {
        await api.post(`${base}/care-team`, { therapist_id: Number(select.value) });
        await loadTeam();
        status.textContent = 'Shared: they now see and can change this record too.';
      }),
    );
    handOver.addEventListener('click', () =>
      act(handOver, async () => {
        await api.post(`${base}/handover`, {
          therapist_id: Number(select.value),
          keep_access: true,
        });
        await loadTeam();
        status.textContent = 'Handed over: they are now the main therapist, and you keep access.';
      }),
    );
    parts.push(
      h('div', { class: 'ws-field' }, h('label', { for: select.id, text: 'A colleague' }), select),
      h('p', { class: 'ws-actions' }, share, handOver),
    );
    return parts;
  }

  loadTeam();
  return h(
    'section',
    { class: 'ws-panel', 'aria-labelledby': 'care-heading' },
    h('h2', { id: 'care-heading', text: 'Account and care' }),
    closed ? null : h('p', { class: 'ws-actions' }, resetButton, dischargeButton),
    output,
    h('h3', { text: 'Who cares for this client' }),
    team,
    status,
    h('h3', { text: 'Who has looked at this record' }),
    accessLogList(api, `${base}/access-log`, 'therapist'),
  );
}
