// The bottom navigation bar of the client's screens (thumb-reachable on a phone).
import { h } from '../dom.js';

const TABS = [
  ['today', 'Today'],
  ['log', 'Log'],
  ['history', 'History'],
  ['settings', 'Settings'],
];

/** The list of tab links. */
export function createNav() {
  return h(
    'ul',
    { class: 'nav-list' },
    TABS.map(([name, label]) =>
      h('li', {}, h('a', { href: `#/${name}`, 'data-route': name }, label)),
    ),
  );
}

/** Mark the tab of the current screen for sight and for screen readers. */
export function markCurrent(nav, routeName) {
  const current = routeName === 'session' ? 'today' : routeName;
  for (const link of nav.querySelectorAll('a[data-route]')) {
    if (link.dataset.route === current) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
}
