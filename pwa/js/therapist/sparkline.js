// A tiny line of recent pain scores for the caseload; decorative (the row states the numbers).

const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 96;
const HEIGHT = 28;

/** An SVG sparkline of pain values (0–10, oldest first), or an empty span when too few. */
export function painSparkline(values) {
  if (!values || values.length < 2) {
    const none = document.createElement('span');
    none.className = 'sparkline-none';
    none.textContent = values?.length === 1 ? String(values[0]) : '–';
    return none;
  }
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', `0 0 ${WIDTH} ${HEIGHT}`);
  svg.setAttribute('width', String(WIDTH));
  svg.setAttribute('height', String(HEIGHT));
  svg.setAttribute('class', 'sparkline');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const step = WIDTH / (values.length - 1);
  const y = (pain) => HEIGHT - 2 - (pain / 10) * (HEIGHT - 4);
  const points = values.map((pain, i) => `${(i * step).toFixed(1)},${y(pain).toFixed(1)}`);
  const line = document.createElementNS(SVG, 'polyline');
  line.setAttribute('points', points.join(' '));
  line.setAttribute('class', 'sparkline-line');
  const last = document.createElementNS(SVG, 'circle');
  last.setAttribute('cx', String(WIDTH - 1.5));
  last.setAttribute('cy', y(values[values.length - 1]).toFixed(1));
  last.setAttribute('r', '2.5');
  last.setAttribute('class', 'sparkline-last');
  svg.append(line, last);
  return svg;
}
