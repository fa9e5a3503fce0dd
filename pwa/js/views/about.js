// About and sources: what the app is (and is not), where its explanations come from, and plainly
// what is not backed by research (domain.md: the self-massage is clinical reasoning from practice).
import { h, screenTitle } from '../dom.js';
import { doiUrl, PAPERS, PAPERS_COVER } from '../sources.js';

/** The About / sources screen. */
export function createAboutView(context) {
  const element = h(
    'section',
    { class: 'screen' },
    screenTitle('About this app'),
    h(
      'p',
      {},
      'Cluneal Companion helps you follow the home program your massage therapist set for you, ' +
        'keep track of how you feel, and share that with them between visits.',
    ),
    h(
      'div',
      { class: 'notice info' },
      h(
        'p',
        {},
        'It is a companion to your therapist’s care. ' +
          'It does not diagnose anything and it does not replace a doctor. If something new or worrying ' +
          'happens, contact a clinician.',
      ),
    ),
    h(
      'section',
      { class: 'card stack', 'aria-labelledby': 'how-title' },
      h('h2', { id: 'how-title' }, 'The self-massage in short'),
      h(
        'ul',
        {},
        h('li', {}, 'Use a flat palm or your forearm, never a thumb, finger or elbow.'),
        h('li', {}, 'Move only the skin, gently; there is no need to press deep.'),
        h(
          'li',
          {},
          'At each spot, try a short, gentle pull in each direction and notice whether it eases, ' +
            'stays the same or gets worse.',
        ),
        h('li', {}, 'Hold the direction that eased it most for a few seconds, then let go slowly.'),
        h(
          'li',
          {},
          'If a pull makes it worse, let go slowly and leave that spot alone for the day.',
        ),
        h('li', {}, 'Change position often: staying still for long is what tends to flare it.'),
      ),
    ),
    h(
      'section',
      { class: 'card stack', 'aria-labelledby': 'evidence-title' },
      h('h2', { id: 'evidence-title' }, 'What is known, and what is not'),
      h(
        'p',
        {},
        'No published research has yet tested massage or other hands-on therapy for cluneal nerve ' +
          'entrapment. The gentle skin-pull self-massage in this app comes from clinical reasoning and ' +
          'experience in massage practice, not from trials. That is why it starts gently, asks how each ' +
          'direction feels, and stops wherever something gets worse.',
      ),
      h(
        'p',
        {},
        'What the app explains about the nerves themselves — where they run, what they can feel ' +
          'like when trapped, and the medical treatments doctors may offer — comes from the two reviews ' +
          'below.',
      ),
    ),
    h(
      'section',
      { class: 'card stack', 'aria-labelledby': 'sources-title' },
      h('h2', { id: 'sources-title' }, 'Sources'),
      h('p', {}, PAPERS_COVER),
      h(
        'ul',
        {},
        PAPERS.map(({ text, doi }) =>
          h('li', {}, text, h('a', { href: doiUrl(doi), rel: 'noopener' }, `doi:${doi}`)),
        ),
      ),
      h(
        'p',
        { class: 'small muted' },
        'The questions about warning signs follow standard low-back-pain ' +
          'safety practice. They are a safety net, not a diagnosis.',
      ),
    ),
    h(
      'p',
      {},
      h(
        'a',
        { href: context.user ? '#/settings' : '#/login' },
        context.user ? 'Back to settings' : 'Back to sign in',
      ),
    ),
  );
  return { element };
}
