// About and sources: what the app is (and is not), and the two papers its guidance rests on.
import { h, screenTitle } from '../dom.js';

/** The About / sources screen. */
export function createAboutView(context) {
  const element = h('section', { class: 'screen' },
    screenTitle('About this app'),
    h('p', {}, 'Cluneal Companion helps you follow the home program your massage therapist set for you, '
      + 'keep track of how you feel, and share that with them between visits.'),
    h('div', { class: 'notice info' }, h('p', {}, 'It is a companion to your therapist’s care. '
      + 'It does not diagnose anything and it does not replace a doctor. If something new or worrying '
      + 'happens, contact a clinician.')),
    h('section', { class: 'card stack', 'aria-labelledby': 'how-title' },
      h('h2', { id: 'how-title' }, 'The self-massage in short'),
      h('ul', {},
        h('li', {}, 'Use a flat palm or your forearm, never a thumb, finger or elbow.'),
        h('li', {}, 'Move the skin gently; you do not need to press deep.'),
        h('li', {}, 'Try one direction at a time and notice whether it eases things.'),
        h('li', {}, 'If pressing a spot makes it worse, stop pressing there.'),
        h('li', {}, 'Change position often: staying still for long is what tends to flare it.'))),
    h('section', { class: 'card stack', 'aria-labelledby': 'sources-title' },
      h('h2', { id: 'sources-title' }, 'Sources'),
      h('p', {}, 'The guidance in this app follows these reviews:'),
      h('ul', {},
        h('li', {}, 'Isu T, et al. Superior and middle cluneal nerve entrapment as a cause '
          + 'of low back pain. Neurospine. 2018. ',
          h('a', { href: 'https://doi.org/10.14245/ns.1836024.012', rel: 'noopener' }, 'doi:10.14245/ns.1836024.012')),
        h('li', {}, 'Karri J, et al. Pain syndromes secondary to cluneal nerve '
          + 'entrapment. Current Pain and Headache Reports. 2020. ',
          h('a', { href: 'https://doi.org/10.1007/s11916-020-00891-7', rel: 'noopener' }, 'doi:10.1007/s11916-020-00891-7'))),
      h('p', { class: 'small muted' }, 'The questions about warning signs follow standard low-back-pain safety practice.')),
    h('p', {}, h('a', { href: context.user ? '#/settings' : '#/login' }, context.user ? 'Back to settings' : 'Back to sign in')));
  return { element };
}
