// The caseload's search and filters: a name search, "show only" chips (open flags, not logging,
// adherence under a chosen share, meaningfully worse) and a way to clear them. Emits the choice;
// caseload-filter.js decides which rows match.

import { h, toggleChip } from '../dom.js';
import {
  ADHERENCE_CHOICES,
  DEFAULT_ADHERENCE_UNDER,
  FILTERS,
  percentText,
} from './caseload-filter.js';

/**
 * Build the toolbar. onChange({query, filters: Set, adherenceUnder}) after every change.
 * @returns {{elements: HTMLElement[], choice: () => object, clear: () => void}}
 */
export function caseloadToolbar({ onChange }) {
  const filters = new Set();
  let adherenceUnder = DEFAULT_ADHERENCE_UNDER;

  const search = h('input', {
    type: 'search',
    id: 'caseload-search',
    autocomplete: 'off',
    spellcheck: 'false',
    placeholder: 'Name',
    enterkeyhint: 'search',
  });
  const chips = new Map(
    Object.entries(FILTERS).map(([key, filter]) => [
      key,
      toggleChip(
        filter.label,
        false,
        (on) => {
          if (on) filters.add(key);
          else filters.delete(key);
          changed();
        },
        { 'data-filter': key },
      ),
    ]),
  );
  const adherenceChip = chips.get('adherence');
  const threshold = h(
    'select',
    { id: 'caseload-adherence', class: 'threshold' },
    ADHERENCE_CHOICES.map((share) =>
      h('option', {
        value: String(share),
        text: percentText(share),
        selected: share === adherenceUnder,
      }),
    ),
  );
  const clearButton = h('button', {
    type: 'button',
    class: 'text-button',
    hidden: true,
    text: 'Clear search and filters',
    on: {
      click: () => {
        clear();
        search.focus();
      },
    },
  });

  // The chip reads "Adherence under" beside the threshold's own select; its name carries the
  // threshold too, so a screen reader hears what pressing it does.
  function chipWords() {
    adherenceChip.setAttribute(
      'aria-label',
      `${FILTERS.adherence.label} ${percentText(adherenceUnder)}`,
    );
  }

  function choice() {
    return { query: search.value, filters: new Set(filters), adherenceUnder };
  }

  function changed() {
    clearButton.hidden = !search.value.trim() && filters.size === 0;
    onChange(choice());
  }

  function clear() {
    search.value = '';
    filters.clear();
    for (const chip of chips.values()) chip.setAttribute('aria-pressed', 'false');
    changed();
  }

  search.addEventListener('input', changed);
  threshold.addEventListener('change', () => {
    adherenceUnder = Number(threshold.value);
    chipWords();
    if (filters.has('adherence')) changed();
  });
  chipWords();

  // Two parts, both children of the list's own block: on phones the search stays in view
  // (sticky) all the way down the list, which it could not inside a short wrapper.
  const searchBox = h(
    'div',
    { class: 'caseload-search', role: 'search', 'aria-label': 'Find clients' },
    h('label', { for: 'caseload-search', text: 'Find a client' }),
    search,
  );
  const filterBar = h(
    'div',
    { class: 'caseload-filters', role: 'group', 'aria-labelledby': 'caseload-show-only' },
    h('span', { id: 'caseload-show-only', class: 'muted', text: 'Show only' }),
    ...[...chips.values()].flatMap((chip) =>
      chip === adherenceChip
        ? [
            h(
              'span',
              { class: 'chip-with-choice' },
              chip,
              h('label', {
                for: 'caseload-adherence',
                class: 'visually-hidden',
                text: 'Adherence threshold',
              }),
              threshold,
            ),
          ]
        : [chip],
    ),
    clearButton,
  );
  return { elements: [searchBox, filterBar], choice, clear };
}
