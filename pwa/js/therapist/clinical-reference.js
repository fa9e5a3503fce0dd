// A compact clinical reference beside the program editor, for the therapist: the three nerve
// groups, the mimics, the opposite-side link, what contributes, the medical options and honest
// sources. Our own words for shared/domain.md; folded so it never crowds the form.

import { HOLD_SECONDS } from '../clinical-rules.js';
import { h } from '../dom.js';
import { doiUrl, NO_MANUAL_THERAPY_RESEARCH, PAPERS, PAPERS_COVER } from '../sources.js';

/** Each nerve group: where it runs and is trapped, the skin it supplies, what aggravates it. */
export const NERVE_GROUP_NOTES = {
  superior: {
    name: 'Superior cluneal nerves',
    course:
      'From the dorsal rami, usually T11 to L3. They run lateral to multifidus, through erector ' +
      'spinae and latissimus dorsi and the thoracolumbar fascia, then over the top of the iliac crest; in ' +
      'about 39 % of people through a fibro-osseous tunnel at the crest. Quadratus lumborum, the fascia or ' +
      'the crest itself can compress them.',
    supplies: 'Skin over the upper iliac crest and the upper, inner buttock.',
    aggravators:
      'Lumbar extension, side-bending and rotation, active or passive; long standing, sitting ' +
      'or walking; rolling over in bed.',
  },
  middle: {
    name: 'Middle cluneal nerves',
    course:
      'From the dorsal rami of S1 to S3. They leave the sacral foramina beside the long posterior ' +
      'sacroiliac ligament and are most often trapped where they pass under it.',
    supplies: 'Skin over the middle of the buttock.',
    aggravators: 'Little changed by movement; pressure from sitting.',
  },
  inferior: {
    name: 'Inferior cluneal nerves',
    course:
      'Branches of the posterior femoral cutaneous nerve. Near the ischial tuberosity they curve ' +
      'upward around the lower border of gluteus maximus.',
    supplies: 'Skin of the lower buttock, beside the anus, and parts of the pelvic floor.',
    aggravators: 'Pressure from sitting. The pain may be felt in the groin.',
  },
};

/** Conditions the picture is mistaken for, or that sit beside it. */
export const MIMICS = [
  'Sciatica: buttock and low-back pain from these nerves is often taken for it. The cluneal nerves carry ' +
    'sensation only, so weakness or wasting points at another nerve and needs a doctor.',
  'A pudendal nerve problem: inferior cluneal pain felt in the groin or beside the anus is easily taken ' +
    'for one.',
  'Trigger points in the gluteal muscles or quadratus lumborum: they can coexist with an entrapment and ' +
    'feel just the same.',
];

export const OPPOSITE_SIDE =
  'The thoracolumbar fascia of one side is strongly linked to gluteus maximus of the ' +
  'other side, so tension on one side can feed an entrapment on the opposite side. Examine the other side ' +
  'too, even when the symptoms are on one side only.';

export const WHAT_CLIENTS_FEEL =
  'Vague pain in the low back or buttock, aching or prickly sensations. Over a ' +
  'sensitised nerve, pressure brings on burning, tingling or electric feelings. The more often symptoms are ' +
  'provoked, the more sensitive the nerve becomes and the wider they can spread: keep the drag light and ' +
  'let "worse" end the spot.';

export const CONTRIBUTING = [
  'Local trauma',
  'Disc herniation',
  'Muscle spasm',
  'Lumbar stenosis',
  'Scoliosis',
  'Vertebral fracture',
  'Parkinson’s disease (tone, posture, gait)',
  'Pressure from sitting, which adds to all three groups',
];

export const MEDICAL_OPTIONS =
  'When conservative care does not help, doctors may offer nerve-gliding exercises, ' +
  'nerve blocks or surgical release. Refer rather than persist: this app is a companion to your care and ' +
  'never a diagnosis.';

/** The home technique in one breath, as the guided session runs it. */
export const METHOD =
  `Broad contact only (palm or forearm), a light drag of the skin, little or no lubricant. ` +
  `At each spot: a gentle trial pull in each direction, in the order you set; then the direction that eased ` +
  `most is held a few seconds (default ${HOLD_SECONDS.default}, at most ${HOLD_SECONDS.max}) and released ` +
  `slowly. "Worse" ends that spot for the session. "Both sides" runs left, then right.`;

function part(summary, ...body) {
  return h('details', { class: 'reference-part' }, h('summary', { text: summary }), ...body);
}

function groupCard(code) {
  const note = NERVE_GROUP_NOTES[code];
  return h(
    'section',
    { class: 'reference-group', 'aria-label': note.name },
    h('h3', { text: note.name }),
    h(
      'dl',
      {},
      h('dt', { text: 'Course' }),
      h('dd', { text: note.course }),
      h('dt', { text: 'Skin it supplies' }),
      h('dd', { text: note.supplies }),
      h('dt', { text: 'Aggravated by' }),
      h('dd', { text: note.aggravators }),
    ),
  );
}

/** The reference, folded; open from the start on wide screens, where it sits beside the form. */
export function clinicalReference() {
  const wide = window.matchMedia?.('(min-width: 64rem)').matches;
  const groups = part('The three nerve groups', ...Object.keys(NERVE_GROUP_NOTES).map(groupCard));
  groups.open = true;
  return h(
    'aside',
    { class: 'reference no-print', 'aria-label': 'Clinical reference' },
    h(
      'details',
      { class: 'reference-panel', open: wide || null },
      h('summary', { class: 'reference-title', text: 'Clinical reference' }),
      h('p', { class: 'reference-method', text: METHOD }),
      groups,
      part('What clients feel', h('p', { text: WHAT_CLIENTS_FEEL })),
      part(
        'Mimics',
        h(
          'ul',
          {},
          MIMICS.map((text) => h('li', { text })),
        ),
      ),
      part('The opposite side', h('p', { text: OPPOSITE_SIDE })),
      part(
        'What contributes',
        h(
          'ul',
          {},
          CONTRIBUTING.map((text) => h('li', { text })),
        ),
      ),
      part('When self-care is not enough', h('p', { text: MEDICAL_OPTIONS })),
      part(
        'Sources and evidence',
        h('p', { text: NO_MANUAL_THERAPY_RESEARCH }),
        h('p', { text: PAPERS_COVER }),
        h(
          'ul',
          {},
          PAPERS.map(({ text, doi }) =>
            h(
              'li',
              {},
              text,
              h('a', { href: doiUrl(doi), rel: 'noopener', target: '_blank' }, `doi:${doi}`),
            ),
          ),
        ),
      ),
    ),
  );
}
