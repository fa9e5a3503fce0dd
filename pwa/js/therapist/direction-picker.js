// Picks a step's drag directions on the back-view body outline: four toggles placed where each
// direction points on the drawing, arrows numbered in the order the client will try them.

import { createBodyOutline, drawTrialArrows } from '../body-outline.js';
import { DIRECTION_LABELS } from '../charts/vocabulary-labels.js';
import { DIRECTIONS } from '../clinical-rules.js';
import { h } from '../dom.js';

/** The default trial order (down, towards the spine, away from it, up), from the server. */
export const TRIAL_ORDER = DIRECTIONS;

/** Where a direction's button sits around the drawing; medial points at the spine. */
function placeOf(direction, side) {
  if (direction === 'superior') return 'dir-up';
  if (direction === 'inferior') return 'dir-down';
  const towardsSpineIsEast = side !== 'right';
  return (direction === 'medial') === towardsSpineIsEast ? 'dir-east' : 'dir-west';
}

/**
 * The picker for one step.
 * @param {{group: string, side: string, directions: string[], idPrefix: string}} step
 * @returns {{ element: HTMLElement, directions: () => string[], place: (group, side) => void }}
 */
export function directionPicker({ group, side, directions, idPrefix }) {
  let chosen = TRIAL_ORDER.filter((d) => directions.includes(d));
  const element = h('div', {
    class: 'direction-picker',
    role: 'group',
    'aria-labelledby': `${idPrefix}-directions-label`,
    'data-field': `${idPrefix.replace(/-/g, '.')}.directions`,
  });

  function draw() {
    const outline = createBodyOutline({
      target: null,
      label: `Where the drag starts and the chosen directions: ${chosen.map((d) => DIRECTION_LABELS[d]).join(', ') || 'none yet'}`,
    });
    outline.classList.add('outline');
    drawTrialArrows(outline, { group, side, directions: chosen });
    const buttons = TRIAL_ORDER.map((direction) => {
      const position = chosen.indexOf(direction);
      const pressed = position >= 0;
      return h(
        'button',
        {
          type: 'button',
          class: `dir-button ${placeOf(direction, side)}`,
          'aria-pressed': String(pressed),
          'data-direction': direction,
          on: { click: () => toggle(direction) },
        },
        pressed ? `${position + 1}. ${DIRECTION_LABELS[direction]}` : DIRECTION_LABELS[direction],
      );
    });
    element.replaceChildren(outline, ...buttons);
  }

  function toggle(direction) {
    chosen = chosen.includes(direction)
      ? chosen.filter((d) => d !== direction)
      : TRIAL_ORDER.filter((d) => d === direction || chosen.includes(d));
    draw();
    element.querySelector(`[data-direction="${direction}"]`).focus();
  }

  draw();
  return {
    element,
    directions: () => [...chosen],
    place(newGroup, newSide) {
      group = newGroup;
      side = newSide;
      draw();
    },
  };
}
