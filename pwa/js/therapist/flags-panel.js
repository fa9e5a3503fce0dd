// A client's safety flags: the open ones first (most urgent first), each with what the client
// was told or the watch's evidence and a form to acknowledge it with a note of what was done;
// then the handled ones with who acknowledged them, when, and the note. Flags never close by
// themselves. Refreshing keeps every open flag's form as it is, with whatever is typed in it.

import { URGENCY_TIERS } from '../clinical-rules.js';
import { h } from '../dom.js';
import { acknowledgeForm } from './acknowledge-form.js';
import { flagText, pausesSelfMassage, toldClientText, urgencyLabel } from './flag-labels.js';
import { clientTime, timeAgo } from './format.js';
import { evidenceText } from './watch-evidence.js';

/** Handled flags shown before "Show all". */
const HANDLED_SHOWN = 10;
const RANK = Object.fromEntries(URGENCY_TIERS.map((tier, rank) => [tier, rank]));

/** Open flags most urgent first, then newest first. */
export function openInOrder(flags) {
  return flags
    .filter((f) => !f.acknowledged_at)
    .sort(
      (a, b) =>
        (RANK[a.urgency] ?? 9) - (RANK[b.urgency] ?? 9) ||
        Date.parse(b.raised_at) - Date.parse(a.raised_at) ||
        b.id - a.id,
    );
}

/** Handled flags, the latest acknowledged first. */
export function handledInOrder(flags) {
  return flags
    .filter((f) => f.acknowledged_at)
    .sort((a, b) => Date.parse(b.acknowledged_at) - Date.parse(a.acknowledged_at) || b.id - a.id);
}

/** What the flag is about beyond its name: the client's advice, or the watch's evidence. */
function detail(flag) {
  return (
    toldClientText(flag) ||
    evidenceText(flag) ||
    (flag.kind === 'watch' ? null : 'For you to review: the app gave the client no advice with it.')
  );
}

function title(flag, id) {
  return h(
    'p',
    { class: 'flag-title' },
    h('span', { class: `badge urgency-${flag.urgency}`, text: urgencyLabel(flag.urgency) }),
    ' ',
    h('strong', { id, tabindex: '-1', text: flagText(flag) }),
  );
}

/**
 * The panel for one client. onAcknowledged() runs after each acknowledgement (the page then
 * re-reads the pause). Call update(flags) with a fresh `?state=all` list; it returns the flags
 * that are newly open since the last list.
 * @returns {{ element: HTMLElement, update: (flags: object[]) => object[] }}
 */
export function flagsPanel({ api, clientId, flags, timezone, onAcknowledged = () => {} }) {
  const status = h('p', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite' });
  const openList = h('ul', {
    class: 'flag-list',
    'aria-labelledby': 'flags-heading',
    'data-testid': 'open-flags',
  });
  const noneOpen = h('p', { class: 'muted', text: 'No open safety flags.' });
  const handledList = h('ul', {
    class: 'flag-list handled',
    'aria-labelledby': 'handled-heading',
    'data-testid': 'handled-flags',
  });
  const noneHandled = h('p', { class: 'muted', text: 'None yet.' });
  const showAll = h('button', { type: 'button', class: 'button', hidden: true });
  const items = new Map(); // open flag id → its <li>, kept across refreshes
  let latest = flags;
  let allShown = false;
  /** "Mon 30 Nov, 13:37 (2 hours ago)": the relative part is rewritten on every refresh. */
  const when = (iso) => [
    `${clientTime(iso, timezone)} (`,
    h('time', { datetime: iso, 'data-ago': '', text: timeAgo(iso) }),
    ')',
  ];

  function openItem(flag) {
    const titleId = `flag-${flag.id}-title`;
    const form = acknowledgeForm({
      api,
      clientId,
      flag,
      onAcknowledged: (saved) => acknowledged(saved),
      onAlreadyDone: () => onAcknowledged(),
    });
    const item = h(
      'li',
      { class: `flag-item urgency-${flag.urgency}`, 'data-flag': flag.id },
      h(
        'div',
        { class: 'flag-about' },
        title(flag, titleId),
        h('p', { class: 'muted' }, 'Raised ', when(flag.raised_at), '.'),
        detail(flag) ? h('p', { class: 'flag-detail', text: detail(flag) }) : null,
        pausesSelfMassage(flag)
          ? h('p', {
              class: 'flag-pausing',
              text: 'While this is open, the client is offered no self-massage on any device.',
            })
          : null,
      ),
      form.element,
    );
    item.note = form.note;
    return item;
  }

  function handledItem(flag) {
    const by = flag.acknowledged_by?.name || 'a therapist';
    return h(
      'li',
      { class: `flag-item handled urgency-${flag.urgency}`, 'data-flag': flag.id },
      h(
        'div',
        { class: 'flag-about' },
        title(flag, `handled-${flag.id}-title`),
        h('p', {
          class: 'muted',
          text: `Raised ${clientTime(flag.raised_at, timezone)}. Acknowledged ${clientTime(flag.acknowledged_at, timezone)} by ${by}.`,
        }),
        detail(flag) ? h('p', { class: 'flag-detail', text: detail(flag) }) : null,
        h(
          'p',
          { class: 'flag-note' },
          flag.note
            ? [h('strong', { text: 'What was done: ' }), flag.note]
            : h('span', { class: 'muted', text: 'No note.' }),
        ),
      ),
    );
  }

  function drawHandled() {
    const handled = handledInOrder(latest);
    const shown = allShown ? handled : handled.slice(0, HANDLED_SHOWN);
    handledList.replaceChildren(...shown.map(handledItem));
    handledList.hidden = handled.length === 0;
    noneHandled.hidden = handled.length > 0;
    showAll.hidden = allShown || handled.length <= HANDLED_SHOWN;
    showAll.textContent = `Show all ${handled.length} handled flags`;
  }

  /** Put the open flags on the list in order; existing items stay where they are, untouched. */
  function drawOpen() {
    let before = null;
    for (const flag of openInOrder(latest)) {
      let item = items.get(flag.id);
      if (!item) {
        item = openItem(flag);
        items.set(flag.id, item);
        openList.insertBefore(item, before ? before.nextSibling : openList.firstChild);
      }
      before = item;
    }
    noneOpen.hidden = items.size > 0;
    openList.hidden = items.size === 0;
  }

  function acknowledged(saved) {
    latest = latest.map((f) => (f.id === saved.id ? saved : f));
    const item = items.get(saved.id);
    const next = item?.nextElementSibling || item?.previousElementSibling;
    item?.remove();
    items.delete(saved.id);
    drawOpen();
    drawHandled();
    status.textContent = `Acknowledged: ${flagText(saved)}. Your note is kept with it under Handled flags.`;
    // Focus goes on to the next open flag, or to the flag just handled.
    const target =
      next?.querySelector('.flag-title strong') ||
      handledList.querySelector(`[data-flag="${saved.id}"] .flag-title strong`);
    target?.focus();
    onAcknowledged(saved);
  }

  /** A flag acknowledged elsewhere: moved to Handled, unless a note is being written for it. */
  function closedElsewhere(flag) {
    const item = items.get(flag.id);
    if (item.note.value.trim() || item.contains(document.activeElement)) {
      if (!item.querySelector('.flag-gone')) {
        const dismiss = h('button', {
          type: 'button',
          class: 'button',
          text: 'Move it to Handled',
        });
        dismiss.addEventListener('click', () => {
          forget(flag.id);
          drawOpen();
          drawHandled();
          handledList.querySelector(`[data-flag="${flag.id}"] .flag-title strong`)?.focus();
        });
        item.append(
          h(
            'div',
            { class: 'flag-gone' },
            h('p', {
              text: `${flag.acknowledged_by?.name || 'Someone'} acknowledged this flag on another device, and their note stands. What you typed here was not saved.`,
            }),
            dismiss,
          ),
        );
      }
      return;
    }
    forget(flag.id);
  }

  function forget(flagId) {
    items.get(flagId)?.remove();
    items.delete(flagId);
  }

  showAll.addEventListener('click', () => {
    allShown = true;
    drawHandled();
    handledList.querySelector('.flag-title strong')?.focus();
  });

  drawOpen();
  drawHandled();
  const element = h(
    'div',
    { class: 'flags-panel' },
    status,
    openList,
    noneOpen,
    h('h3', { id: 'handled-heading', text: 'Handled flags' }),
    handledList,
    noneHandled,
    showAll,
  );

  return {
    element,
    update(flags) {
      const known = new Set(latest.map((f) => f.id));
      latest = flags;
      for (const flag of flags)
        if (flag.acknowledged_at && items.has(flag.id)) closedElsewhere(flag);
      openList.querySelectorAll('[data-ago]').forEach((time) => {
        time.textContent = timeAgo(time.dateTime);
      });
      drawOpen();
      drawHandled();
      return openInOrder(flags).filter((f) => !known.has(f.id));
    },
  };
}
