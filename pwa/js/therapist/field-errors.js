// Shows a 422's field errors next to the fields they name (errors.steps["0"].hold_seconds sits
// under step 1's hold), and lists them all in a summary that can move focus to each field.

import { h } from '../dom.js';

/** Nested {field: [messages]} → [['steps.0.hold_seconds', ['Must be …']], …]. */
export function flattenErrors(errors, prefix = '') {
  if (Array.isArray(errors)) {
    if (errors.every((m) => typeof m === 'string')) return [[prefix, errors]];
    return errors.flatMap((nested, i) =>
      flattenErrors(nested, prefix ? `${prefix}.${i}` : String(i)),
    );
  }
  if (errors && typeof errors === 'object') {
    return Object.entries(errors).flatMap(([key, nested]) =>
      flattenErrors(nested, key === '_schema' ? prefix : prefix ? `${prefix}.${key}` : key),
    );
  }
  return [[prefix, [String(errors)]]];
}

/** The element for a path, or for its nearest parent path ('steps.0.x' → 'steps.0' → 'steps'). */
function targetFor(form, path) {
  const parts = path.split('.');
  while (parts.length) {
    const found = form.querySelector(`[data-field="${CSS.escape(parts.join('.'))}"]`);
    if (found) return found;
    parts.pop();
  }
  return null;
}

/** Remove every error shown by showFieldErrors. */
export function clearFieldErrors(form) {
  form.querySelectorAll('.field-error').forEach((el) => el.remove());
  form.querySelectorAll('[aria-invalid]').forEach((el) => {
    el.removeAttribute('aria-invalid');
    const ids = (el.getAttribute('aria-describedby') || '')
      .split(' ')
      .filter((id) => id && !id.startsWith('error-'));
    if (ids.length) el.setAttribute('aria-describedby', ids.join(' '));
    else el.removeAttribute('aria-describedby');
  });
}

function describe(target, messageId) {
  const ids = (target.getAttribute('aria-describedby') || '').split(' ').filter(Boolean);
  target.setAttribute('aria-describedby', [...ids, messageId].join(' '));
}

/**
 * Put each message beside its field and fill summary with a list of buttons that focus them.
 * @returns {number} how many messages were shown
 */
export function showFieldErrors(form, errors, summary, fieldName = (path) => path) {
  clearFieldErrors(form);
  const entries = flattenErrors(errors);
  const items = entries.map(([path, messages], i) => {
    const target = targetFor(form, path);
    const text = messages.join(' ');
    const messageId = `error-${i}`;
    if (target) {
      const message = h('p', { class: 'field-error', id: messageId, text });
      const holder = target.matches('fieldset, .direction-picker, .time-list, [role="group"]')
        ? target
        : target.closest('.ws-field') || target;
      if (holder === target && !target.matches('fieldset')) target.after(message);
      else holder.append(message);
      if (target.matches('input, select, textarea')) target.setAttribute('aria-invalid', 'true');
      describe(target, messageId);
    }
    const go = h('button', {
      type: 'button',
      class: 'link-button',
      text: `${fieldName(path)}: ${text}`,
    });
    go.addEventListener('click', () => {
      const focusable = target?.matches('input, select, textarea, button')
        ? target
        : target?.querySelector('input, select, textarea, button');
      (focusable || target)?.focus();
    });
    return h('li', {}, go);
  });
  summary.replaceChildren(
    h('h2', {
      text:
        entries.length === 1
          ? 'One thing needs attention'
          : `${entries.length} things need attention`,
    }),
    h('p', { text: 'The program was not saved. Each problem is also shown beside its field.' }),
    h('ul', {}, items),
  );
  summary.hidden = false;
  summary.focus();
  return entries.length;
}

/** "Step 2, hold (seconds)" for 'steps.1.hold_seconds': the summary's plain name of a path. */
export function programFieldName(path) {
  const names = {
    hold_seconds: 'hold (seconds)',
    repetitions: 'repetitions',
    contact: 'contact',
    directions: 'directions',
    landmark: 'where to start',
    group: 'nerve group',
    side: 'side',
    notes: 'notes',
    max_minutes: 'minutes',
    note: 'advice',
    activity: 'position',
    times: 'times',
    days: 'days',
    every_minutes: 'every (minutes)',
    from: 'from',
    to: 'to',
  };
  const parts = path.split('.');
  if (parts[0] === 'steps' && parts.length >= 3)
    return `Step ${Number(parts[1]) + 1}, ${names[parts[2]] || parts[2]}`;
  if (parts[0] === 'avoid' && parts.length >= 3)
    return `Position to avoid ${Number(parts[1]) + 1}, ${names[parts[2]] || parts[2]}`;
  if (parts[0] === 'schedule')
    return parts[1] === 'times' && parts[2]
      ? `Practice time ${Number(parts[2]) + 1}`
      : `Schedule, ${names[parts[1]] || parts[1] || ''}`;
  if (parts[0] === 'movement_breaks')
    return `Movement breaks, ${names[parts[1]] || parts[1] || ''}`;
  return names[parts[0]] || parts[0] || 'Program';
}
