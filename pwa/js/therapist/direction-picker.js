// Picks a step's drag directions on the back-view body outline: four toggles placed where each
// direction points on the drawing, arrows numbered in the order the client will try them.

import { h } from '../dom.js';
import { createBodyOutline, directionVector } from '../body-outline.js';
import { DIRECTION_LABELS } from '../charts/vocabulary-labels.js';

/** domain.md's default trial order: down, towards the spine, away from it, up. */
export const TRIAL_ORDER = ['inferior', 'medial', 'lateral', 'superior'];
const SVG = 'http://www.w3.org/2000/svg';
const START_AREA = { superior: 'superior-gluteal', middle: 'middle-gluteal', inferior: 'inferior-gluteal' };

/** Where a direction's button sits around the drawing; medial points at the spine. */
function placeOf(direction, side) {
  if (direction === 'superior') return 'dir-up';
  if (direction === 'inferior') return 'dir-down';
  const towardsSpineIsEast = side !== 'right';
  return (direction === 'medial') === towardsSpineIsEast ? 'dir-east' : 'dir-west';
}

function svg(tag, attrs) {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) element.setAttribute(name, String(value));
  return element;
}

/** Numbered arrows from the start region's centre, one per chosen direction and side. */
function drawArrows(outline, group, side, directions) {
  for (const onSide of side === 'both' ? ['left', 'right'] : [side]) {
    const region = outline.querySelector(`[data-region="${START_AREA[group]}-${onSide}"]`);
    if (!region) continue;
    const cx = Number(region.getAttribute('cx'));
    const cy = Number(region.getAttribute('cy'));
    directions.forEach((direction, i) => {
      const [dx, dy] = directionVector(direction, onSide);
      const [x2, y2] = [cx + dx * 30, cy + dy * 30];
      const arrow = svg('g', { class: 'drag-arrow', 'aria-hidden': 'true' });
      arrow.append(svg('line', { class: 'arrow', x1: cx + dx * 5, y1: cy + dy * 5, x2, y2 }));
      const [px, py] = [-dy, dx];
      const head = [[x2 + dx * 6, y2 + dy * 6], [x2 + px * 5, y2 + py * 5], [x2 - px * 5, y2 - py * 5]];
      arrow.append(svg('polygon', { class: 'arrow-head', points: head.map((p) => p.join(',')).join(' ') }));
      const number = svg('text', { class: 'outline-order', x: x2 + dx * 12 + px * 8, y: y2 + dy * 12 + py * 8 + 3,
        'text-anchor': 'middle' });
      number.textContent = String(i + 1);
      arrow.append(number);
      outline.append(arrow);
    });
  }
}

/**
 * The picker for one step.
 * @param {{group: string, side: string, directions: string[], idPrefix: string}} step
 * @returns {{ element: HTMLElement, directions: () => string[], place: (group, side) => void }}
 */
export function directionPicker({ group, side, directions, idPrefix }) {
  let chosen = TRIAL_ORDER.filter((d) => directions.includes(d));
  const element = h('div', { class: 'direction-picker', role: 'group',
    'aria-labelledby': `${idPrefix}-directions-label`, 'data-field': `${idPrefix.replace(/-/g, '.')}.directions` });

  function draw() {
    const outline = createBodyOutline({
      target: null,
      label: `Where the drag starts and the chosen directions: ${chosen.map((d) => DIRECTION_LABELS[d]).join(', ') || 'none yet'}`,
    });
    outline.classList.add('outline');
    outline.querySelector(`[data-region="${START_AREA[group]}-${side === 'both' ? 'left' : side}"]`)?.classList.add('target');
    if (side === 'both') outline.querySelector(`[data-region="${START_AREA[group]}-right"]`)?.classList.add('target');
    drawArrows(outline, group, side, chosen);
    const buttons = TRIAL_ORDER.map((direction) => {
      const position = chosen.indexOf(direction);
      const pressed = position >= 0;
      return h('button', {
        type: 'button', class: `dir-button ${placeOf(direction, side)}`, 'aria-pressed': String(pressed),
        'data-direction': direction,
        on: { click: () => toggle(direction) },
      }, pressed ? `${position + 1}. ${DIRECTION_LABELS[direction]}` : DIRECTION_LABELS[direction]);
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
