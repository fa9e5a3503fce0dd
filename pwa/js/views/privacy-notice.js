// The privacy notice as the server words it (what is kept, who sees it, for how long, one's
// choices), shown before joining and in Settings.
import { h } from '../dom.js';

/** The notice {version, sections: [{heading, text}]} as a list of headed paragraphs. */
export function privacyNotice(notice, { headingLevel = 'h3' } = {}) {
  return h(
    'div',
    { class: 'privacy-notice stack', 'data-testid': 'privacy-notice' },
    notice.sections.map((section) =>
      h('div', {}, h(headingLevel, {}, section.heading), h('p', {}, section.text)),
    ),
  );
}
