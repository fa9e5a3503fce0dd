// Relief by drag direction: for each spot (nerve group and side) and direction, the share of
// tries in which the client said symptoms eased, stayed the same or got worse, with n, the
// number of tries behind the shares (few tries, little to go on). A table that fits 360 px.

import { ensureChartStyles } from './chart-kit.js';
import { reliefInOrder, reliefShares } from './trend-shape.js';
import { DIRECTION_LABELS, labelFor, nerveLabel } from './vocabulary-labels.js';

const RESPONSES = [
  ['better', 'Eased'],
  ['same', 'Same'],
  ['worse', 'Worse'],
];

function cell(tag, text, attrs = {}) {
  const el = document.createElement(tag);
  el.textContent = text;
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value);
  return el;
}

/** One bar split into eased / same / worse shares, hidden from screen readers (the cells say it). */
function proportionBar(shares) {
  const bar = document.createElement('div');
  bar.className = 'relief-bar';
  bar.setAttribute('aria-hidden', 'true');
  for (const [key] of RESPONSES) {
    if (!shares[key]) continue;
    const part = document.createElement('span');
    part.className = `relief-${key}`;
    part.style.width = `${shares[key]}%`; // a CSSOM property, which the CSP allows
    bar.append(part);
  }
  return bar;
}

/** Draw relief by direction from trends.relief into container as an accessible table. */
export function renderRelief(container, trends) {
  ensureChartStyles();
  const rows = reliefInOrder(trends.relief || []);
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
  const caption = cell(
    'caption',
    'Relief by drag direction: share of tries, and n, the number of tries',
  );
  const head = document.createElement('tr');
  head.append(cell('th', 'Direction', { scope: 'col' }));
  for (const [, label] of RESPONSES) head.append(cell('th', label, { scope: 'col', class: 'num' }));
  head.append(cell('th', 'n', { scope: 'col', class: 'num relief-n', title: 'Number of tries' }));
  const thead = document.createElement('thead');
  thead.append(head);
  table.append(caption, thead);
  let spot = null;
  let tbody = null;
  for (const row of rows) {
    const name = nerveLabel(row.group, row.side);
    if (name !== spot) {
      // Each spot is a group of rows under its own header, so the table needs no spot column.
      spot = name;
      tbody = document.createElement('tbody');
      const spotRow = document.createElement('tr');
      spotRow.className = 'relief-spot';
      spotRow.append(cell('th', name, { scope: 'rowgroup', colspan: '5' }));
      tbody.append(spotRow);
      table.append(tbody);
    }
    const shares = reliefShares(row);
    const tr = document.createElement('tr');
    const direction = cell('th', labelFor(DIRECTION_LABELS, row.direction), { scope: 'row' });
    direction.append(proportionBar(shares));
    tr.append(direction);
    for (const [key] of RESPONSES) {
      tr.append(cell('td', `${shares[key]}%`, { class: `num relief-${key}-text` }));
    }
    tr.append(cell('td', String(shares.n), { class: 'num relief-n' }));
    tbody.append(tr);
  }
  section.append(table);
  container.replaceChildren(section);
  return null;
}
