// Program versions side by side (an earlier one and a later one), differences highlighted.

import { h } from '../dom.js';
import { calendarDate } from './format.js';
import { changedKeys, programLines } from './program-lines.js';

function versionColumn(program, changed) {
  const sections = programLines(program).map((section) =>
    h(
      'div',
      { class: 'version-section' },
      h('dt', { text: section.title }),
      h(
        'dd',
        {},
        h(
          'ul',
          {},
          section.lines.map(([key, label, text]) => {
            const body = `${label}${text ? `: ${text}` : ''}`;
            return h(
              'li',
              {},
              changed.has(key)
                ? h(
                    'mark',
                    { class: 'changed' },
                    body,
                    h('span', { class: 'visually-hidden', text: ' (changed)' }),
                  )
                : body,
            );
          }),
        ),
      ),
    ),
  );
  return h(
    'section',
    { class: 'version-column', 'aria-label': `Version ${program.version}` },
    h('h3', { text: `Version ${program.version}` }),
    h('p', { class: 'muted', text: `Saved ${calendarDate(program.created_at)}` }),
    h('dl', {}, sections),
  );
}

function versionSelect(id, label, versions, selected, onChange) {
  const select = h(
    'select',
    { id },
    versions.map((p) => h('option', { value: String(p.version), text: `Version ${p.version}` })),
  );
  select.value = String(selected);
  select.addEventListener('change', () => onChange(Number(select.value)));
  return h('div', { class: 'ws-field' }, h('label', { for: id, text: label }), select);
}

/** Versions (newest first, as the API lists them) compared two at a time. */
export function programHistory(versions, clientId) {
  if (!versions.length) {
    return h(
      'p',
      { class: 'muted' },
      'No program yet. ',
      h('a', { href: `#/clients/${clientId}/program`, text: 'Assign the first one' }),
      '.',
    );
  }
  if (versions.length === 1) {
    return h(
      'div',
      {},
      h('p', { class: 'muted', text: 'Only one version so far.' }),
      h('div', { class: 'versions-side-by-side' }, versionColumn(versions[0], new Set())),
    );
  }
  const byNumber = new Map(versions.map((p) => [p.version, p]));
  let left = versions[1].version;
  let right = versions[0].version;
  const columns = h('div', { class: 'versions-side-by-side', 'aria-live': 'polite' });
  const legend = h('p', { class: 'muted' }, 'Highlighted lines differ between the two versions.');

  function draw() {
    const older = byNumber.get(left);
    const newer = byNumber.get(right);
    const changed = changedKeys(older, newer);
    columns.replaceChildren(versionColumn(older, changed), versionColumn(newer, changed));
  }

  draw();
  return h(
    'div',
    { class: 'program-history' },
    h(
      'div',
      { class: 'version-pickers' },
      versionSelect(`compare-left-${clientId}`, 'Compare', versions, left, (v) => {
        left = v;
        draw();
      }),
      versionSelect(`compare-right-${clientId}`, 'with', versions, right, (v) => {
        right = v;
        draw();
      }),
    ),
    legend,
    columns,
  );
}
