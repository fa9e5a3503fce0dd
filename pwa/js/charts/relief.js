// Relief by drag direction: for each nerve group, side and direction, how often the client said
// symptoms eased, stayed the same or got worse. A table with proportion bars; no canvas needed.

import { ensureChartStyles, scrollableTable } from './chart-kit.js';
import { DIRECTION_LABELS, labelFor, nerveLabel } from './vocabulary-labels.js';

const RESPONSES = [
  ['better', 'Eased'],
  ['same', 'Same'],
  ['worse', 'Worse'],
];
const DIRECTION_ORDER = ['inferior', 'medial', 'lateral', 'superior'];

function cell(tag, text, scope) {
  const el = document.createElement(tag);
  el.textContent = text;
  if (scope) el.scope = scope;
  return el;
}

/** One bar split into eased / same / worse shares, hidden from screen readers (the cells say it). */
function proportionBar(row, total) {
  const bar = document.createElement('div');
  bar.className = 'relief-bar';
  bar.setAttribute('aria-hidden', 'true');
  for (const [key] of RESPONSES) {
    if (!row[key]) continue;
    const part = document.createElement('span');
    part.className = `relief-${key}`;
    part.style.width = `${(100 * row[key]) / total}%`;
    bar.append(part);
  }
  return bar;
}

/** Draw relief by direction from trends.relief into container as an accessible table. */
export function renderRelief(container, trends) {
  ensureChartStyles();
  const rows = [...(trends.relief || [])].sort(
    (a, b) =>
      a.group.localeCompare(b.group) ||
      a.side.localeCompare(b.side) ||
      DIRECTION_ORDER.indexOf(a.direction) - DIRECTION_ORDER.indexOf(b.direction),
  );
  const section = document.createElement('figure');
  section.className = 'chart chart-relief';
  if (!rows.length) {
    const note = document.createElement('p');
    note.className = 'chart-empty';
    note.textContent = 'No drag directions tried in practice sessions in this range.';
    const title = cell('figcaption', 'Relief by drag direction');
    title.className = 'chart-title';
    section.append(title, note);
    container.replaceChildren(section);
    return null;
  }
  const table = document.createElement('table');
  table.className = 'relief-table';
  const caption = cell('caption', 'Relief by drag direction (number of tries)');
  const head = document.createElement('tr');
  head.append(cell('th', 'Nerves', 'col'), cell('th', 'Direction', 'col'));
  for (const [, label] of RESPONSES) head.append(cell('th', label, 'col'));
  head.append(cell('th', 'Share', 'col'));
  const thead = document.createElement('thead');
  thead.append(head);
  const tbody = document.createElement('tbody');
  for (const row of rows) {
    const total = row.better + row.same + row.worse;
    const tr = document.createElement('tr');
    tr.append(
      cell('td', nerveLabel(row.group, row.side)),
      cell('th', labelFor(DIRECTION_LABELS, row.direction), 'row'),
    );
    for (const [key] of RESPONSES) tr.append(cell('td', String(row[key])));
    const share = document.createElement('td');
    if (total) share.append(proportionBar(row, total));
    tr.append(share);
    tbody.append(tr);
  }
  table.append(caption, thead, tbody);
  section.append(scrollableTable(table, 'Relief by drag direction'));
  container.replaceChildren(section);
  return null;
}
