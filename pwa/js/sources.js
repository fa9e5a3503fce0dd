// What the app's explanations rest on, said honestly (shared/domain.md): the two reviews for the
// anatomy, the symptoms and the medical options only; nothing published on manual therapy for
// this condition. Shown on About, beside the program editor and on the printed handout.

/** The two reviews, as a reader would cite them. */
export const PAPERS = [
  {
    text:
      'Isu T, Kim K, Morimoto D, Iwamoto N. Superior and middle cluneal nerve entrapment as a cause ' +
      'of low back pain. Neurospine. 2018;15(1):25–32. ',
    doi: '10.14245/ns.1836024.012',
  },
  {
    text:
      'Karri J, Singh M, Orhurhu V, Joshi M, Abd-Elsayed A. Pain syndromes secondary to cluneal nerve ' +
      'entrapment. Current Pain and Headache Reports. 2020;24(10):61. ',
    doi: '10.1007/s11916-020-00891-7',
  },
];

/** What the papers are cited for, and only for. */
export const PAPERS_COVER = 'For the anatomy, the symptoms and the medical options only:';

/** The state of the evidence for the self-massage, for a therapist. */
export const NO_MANUAL_THERAPY_RESEARCH =
  'No published research has tested massage or other manual ' +
  'therapy for cluneal nerve entrapment. The skin-drag self-massage is clinical reasoning from ' +
  'massage practice, not a tested treatment: the two reviews below describe the nerves, the ' +
  'symptoms and the medical treatments, and are not evidence for the technique.';

/** The same, for a client reading the handout. */
export const NO_MANUAL_THERAPY_RESEARCH_PLAIN =
  'No published research has yet tested massage or ' +
  'other hands-on therapy for this condition. This gentle self-massage comes from clinical ' +
  'reasoning and experience in massage practice, not from trials. That is why it starts gently, ' +
  'asks how each direction feels, and stops wherever something gets worse.';

/** The address of a paper's DOI. */
export function doiUrl(doi) {
  return `https://doi.org/${doi}`;
}
