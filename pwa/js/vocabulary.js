// The plain words the app shows for each code of the API. The codes themselves (and which
// sensations count as nerve pain) come from the server, through clinical-rules.js.
import { NEUROPATHIC_SENSATIONS, WEEKDAYS as WEEKDAY_CODES } from './clinical-rules.js';

export const SENSATIONS = {
  aching: 'Aching',
  prickly: 'Pins and needles',
  burning: 'Burning',
  tingling: 'Tingling',
  electric: 'Electric, shooting',
  numb: 'Numb',
  itching: 'Itching',
  'painful-cold': 'Painful cold',
};

/** The seven DN4 nerve-pain descriptors: every sensation except aching. */
export const NERVE_PAIN_SENSATIONS = NEUROPATHIC_SENSATIONS;

export const REGION_AREAS = {
  'superior-gluteal': 'Top of the hip bone, upper buttock',
  'middle-gluteal': 'Beside the tailbone',
  'inferior-gluteal': 'Lower buttock, sitting bone',
  lumbar: 'Low back',
  groin: 'Groin',
  'posterior-thigh': 'Back of the thigh',
};

export const SIDES = { left: 'left', right: 'right', both: 'both sides' };

/** "Low back, left" for lumbar-left. */
export function regionLabel(code) {
  const side = code.endsWith('-left') ? 'left' : 'right';
  const area = code.slice(0, -(side.length + 1));
  return `${REGION_AREAS[area]}, ${side}`;
}

export const ACTIVITIES = {
  sitting: 'Sitting',
  standing: 'Standing',
  walking: 'Walking',
  rolling: 'Rolling over in bed',
  extension: 'Leaning back',
  'side-bending': 'Bending to the side',
  rotation: 'Twisting',
};

export const NERVE_GROUPS = {
  superior: 'upper buttock and hip bone',
  middle: 'middle of the buttock, beside the tailbone',
  inferior: 'lower buttock, near the sitting bone',
};

/** Which way the skin is moved, said as a person would. */
export const DIRECTIONS = {
  inferior: 'down, towards your feet',
  medial: 'in, towards your spine',
  lateral: 'out, away from your spine',
  superior: 'up, towards your head',
};

export const CONTACTS = { palm: 'flat palm', forearm: 'forearm' };

export const RESPONSES = { better: 'Better', same: 'Same', worse: 'Worse' };

/** Weekday codes, Monday first. */
export const WEEKDAYS = WEEKDAY_CODES;
