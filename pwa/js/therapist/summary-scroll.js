// A summary table that scrolls sideways on a narrow phone rather than widening the page.

import { h } from '../dom.js';

/** The table in a focusable region (a keyboard can scroll it), named by label. */
export function scrolling(label, table) {
  return h(
    'div',
    { class: 'summary-scroll', tabindex: '0', role: 'region', 'aria-label': label },
    table,
  );
}
