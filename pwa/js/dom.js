// Builds DOM elements in one call, so views read as the structure they make (no innerHTML).

/**
 * Make an element. attrs: plain attributes, plus `text`, `class`, `on` ({event: handler}) and
 * `props` (DOM properties). Never pass `style` here: the CSP refuses style attributes.
 */
export function h(tag, attrs = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'text') element.textContent = value;
    else if (name === 'on') {
      for (const [event, handler] of Object.entries(value))
        element.addEventListener(event, handler);
    } else if (name === 'props') Object.assign(element, value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
}

let idCounter = 0;
/** A page-unique id for label/aria wiring. */
export function uniqueId(prefix) {
  idCounter += 1;
  return `${prefix}-${idCounter}`;
}

/** A screen's top: a focusable h1 that the router moves focus to after navigation. */
export function screenTitle(text) {
  return h('h1', { class: 'screen-title', tabindex: '-1', text });
}

/** A button that toggles aria-pressed; onChange(pressed) after each toggle. */
export function toggleChip(label, pressed, onChange, attrs = {}) {
  const chip = h(
    'button',
    { type: 'button', class: 'chip', 'aria-pressed': String(pressed), ...attrs },
    label,
  );
  chip.addEventListener('click', () => {
    const now = chip.getAttribute('aria-pressed') !== 'true';
    chip.setAttribute('aria-pressed', String(now));
    onChange(now);
  });
  return chip;
}
