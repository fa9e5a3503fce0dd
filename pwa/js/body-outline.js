// The back-view body outline (low back to mid-thigh): regions to tap, a step's start and its drag.
// Seen from behind, the person's left is on the viewer's left, as in a mirror-free photo of a back.
import { DIRECTIONS, REGION_AREAS, regionLabel, SIDES } from './vocabulary.js';

const SVG = 'http://www.w3.org/2000/svg';
const MID = 100; // x of the spine in the 200-wide drawing

/** Centre and radii of each left-side region; right side is mirrored around the spine. */
const AREAS = {
  lumbar: { cx: 78, cy: 52, rx: 18, ry: 24 },
  'superior-gluteal': { cx: 66, cy: 104, rx: 26, ry: 15 },
  'middle-gluteal': { cx: 88, cy: 140, rx: 11, ry: 20 },
  'inferior-gluteal': { cx: 64, cy: 172, rx: 23, ry: 15 },
  groin: { cx: 92, cy: 206, rx: 8, ry: 14 },
  'posterior-thigh': { cx: 64, cy: 226, rx: 20, ry: 26 },
};

/** Where each nerve group's skin drag starts. */
export const GROUP_AREA = {
  superior: 'superior-gluteal',
  middle: 'middle-gluteal',
  inferior: 'inferior-gluteal',
};

function svg(tag, attrs = {}) {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) element.setAttribute(name, String(value));
  return element;
}

function areaOn(area, side) {
  const shape = AREAS[area];
  return side === 'right' ? { ...shape, cx: 2 * MID - shape.cx } : shape;
}

/**
 * The outline as an <svg>.
 * @param {object} options
 * @param {{group, side, direction}} [options.target]  highlight the group's start region on that
 *   side ('both' highlights both) and draw the drag direction as an arrow from it
 * @param {string[]} [options.selected]  region codes shown as chosen (e.g. 'lumbar-left')
 * @param {(code: string, pressed: boolean) => void} [options.onRegionToggle]  makes every region a
 *   toggle button (keyboard and screen reader usable); called after each toggle
 * @param {string} [options.label]  the accessible name of the drawing
 */
export function createBodyOutline({
  target = null,
  selected = [],
  onRegionToggle = null,
  label = 'Body seen from behind',
} = {}) {
  const root = svg('svg', {
    viewBox: '0 0 200 260',
    class: 'body-outline',
    role: onRegionToggle ? 'group' : 'img',
    'aria-label': label,
  });
  root.append(silhouette());
  root.append(
    svg('path', {
      class: 'landmark',
      d: 'M40 92 Q60 78 96 98 M160 92 Q140 78 104 98 M100 8 V122 M100 130 V190',
    }),
  );
  for (const [text, x] of [
    ['Left', 24],
    ['Right', 176],
  ]) {
    const caption = svg('text', {
      x,
      y: 20,
      'text-anchor': 'middle',
      class: 'side-label',
      'aria-hidden': 'true',
    });
    caption.textContent = text;
    root.append(caption);
  }
  for (const area of Object.keys(AREAS)) {
    for (const side of ['left', 'right'])
      root.append(region(area, side, { target, selected, onRegionToggle }));
  }
  if (target)
    for (const side of target.side === 'both' ? ['left', 'right'] : [target.side]) {
      root.append(arrow(GROUP_AREA[target.group], side, target.direction));
    }
  return root;
}

function silhouette() {
  // Low back, hips, buttocks and the top of both thighs, with the gap between the legs.
  return svg('path', {
    class: 'silhouette',
    d:
      'M46 4 C48 40 52 60 50 78 C40 96 30 118 30 150 C30 180 34 200 38 256 L96 256 L99 196 ' +
      'L101 196 L104 256 L162 256 C166 200 170 180 170 150 C170 118 160 96 150 78 C148 60 152 40 154 4 Z',
  });
}

function region(area, side, { target, selected, onRegionToggle }) {
  const code = `${area}-${side}`;
  const shape = areaOn(area, side);
  const isTarget =
    target && GROUP_AREA[target.group] === area && (target.side === side || target.side === 'both');
  const element = svg('ellipse', {
    ...shape,
    class: `region${isTarget ? ' target' : ''}`,
    'data-region': code,
  });
  if (onRegionToggle) {
    Object.entries({
      role: 'button',
      tabindex: 0,
      'aria-label': regionLabel(code),
      'aria-pressed': String(selected.includes(code)),
    }).forEach(([k, v]) => element.setAttribute(k, v));
    const toggle = () => {
      const pressed = element.getAttribute('aria-pressed') !== 'true';
      element.setAttribute('aria-pressed', String(pressed));
      onRegionToggle(code, pressed);
    };
    element.addEventListener('click', toggle);
    element.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        toggle();
      }
    });
  } else if (selected.includes(code)) {
    element.setAttribute('aria-pressed', 'true');
  }
  return element;
}

/** Unit vector of a drag direction on the given side (medial points at the spine). */
export function directionVector(direction, side) {
  const towardSpine = side === 'right' ? -1 : 1;
  return {
    inferior: [0, 1],
    superior: [0, -1],
    medial: [towardSpine, 0],
    lateral: [-towardSpine, 0],
  }[direction];
}

function arrow(area, side, direction) {
  const { cx, cy } = areaOn(area, side);
  const [dx, dy] = directionVector(direction, side);
  const length = 30;
  const [x2, y2] = [cx + dx * length, cy + dy * length];
  const group = svg('g', { class: 'drag-arrow', 'aria-hidden': 'true' });
  group.append(svg('line', { class: 'arrow', x1: cx, y1: cy, x2: x2 - dx * 6, y2: y2 - dy * 6 }));
  // Arrow head: a triangle pointing along (dx, dy).
  const [px, py] = [-dy, dx];
  const points = [
    [x2 + dx * 4, y2 + dy * 4],
    [x2 - dx * 8 + px * 7, y2 - dy * 8 + py * 7],
    [x2 - dx * 8 - px * 7, y2 - dy * 8 - py * 7],
  ];
  group.append(
    svg('polygon', { class: 'arrow-head', points: points.map((p) => p.join(',')).join(' ') }),
  );
  group.append(svg('circle', { class: 'arrow-head', cx, cy, r: 4 }));
  return group;
}

/**
 * Numbered arrows for a step's trial directions from its start region, on each side it is worked
 * ('both': left and right), numbered in the order the client tries them. Drawn into an outline
 * made by createBodyOutline (the program editor's picker and the printed handout).
 * @param {SVGSVGElement} outline
 * @param {{group: string, side: string, directions: string[]}} step
 */
export function drawTrialArrows(outline, { group, side, directions }) {
  for (const onSide of side === 'both' ? ['left', 'right'] : [side]) {
    const region = outline.querySelector(`[data-region="${GROUP_AREA[group]}-${onSide}"]`);
    if (!region) continue;
    region.classList.add('target');
    const cx = Number(region.getAttribute('cx'));
    const cy = Number(region.getAttribute('cy'));
    directions.forEach((direction, i) => {
      const [dx, dy] = directionVector(direction, onSide);
      const [x2, y2] = [cx + dx * 30, cy + dy * 30];
      const arrow = svg('g', { class: 'drag-arrow', 'aria-hidden': 'true' });
      arrow.append(svg('line', { class: 'arrow', x1: cx + dx * 5, y1: cy + dy * 5, x2, y2 }));
      const [px, py] = [-dy, dx];
      const head = [
        [x2 + dx * 6, y2 + dy * 6],
        [x2 + px * 5, y2 + py * 5],
        [x2 - px * 5, y2 - py * 5],
      ];
      arrow.append(
        svg('polygon', { class: 'arrow-head', points: head.map((p) => p.join(',')).join(' ') }),
      );
      const number = svg('text', {
        class: 'outline-order',
        x: x2 + dx * 12 + px * 8,
        y: y2 + dy * 12 + py * 8 + 3,
        'text-anchor': 'middle',
      });
      number.textContent = String(i + 1);
      arrow.append(number);
      outline.append(arrow);
    });
  }
}

/** Plain words for a step's placement, for the caption under the drawing. */
export function describeTarget({ group, side, direction }) {
  const where = REGION_AREAS[GROUP_AREA[group]].toLowerCase();
  const onSide = side === 'both' ? 'on both sides' : `on the ${SIDES[side]} side`;
  return `Start ${onSide}, at the ${where}. Move the skin ${DIRECTIONS[direction]}.`;
}
