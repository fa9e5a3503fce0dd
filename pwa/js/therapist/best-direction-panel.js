// Which direction helps, per spot: every direction tried in the guided sessions, ranked, with how
// often it eased, the range it likely lies in (the server's 90 % credible interval), the ones that
// made things worse lately (never recommended), and "start with the best direction".

import { DIRECTION_LABELS, nerveLabel } from '../charts/vocabulary-labels.js';
import { BEST_DIRECTION } from '../clinical-rules.js';
import { h, uniqueId } from '../dom.js';
import { EVIDENCE_WORDS } from './outcome-words.js';

const SVG = 'http://www.w3.org/2000/svg';
const percent = (share) => `${Math.round(share * 100)} %`;
const level = percent(BEST_DIRECTION.credible_level);

/** "eased 9 of 10 tries; likely between 66 % and 98 % of the time (best guess 83 %)". */
export function estimateText(estimate) {
  const tries = `${estimate.trials} ${estimate.trials === 1 ? 'try' : 'tries'}`;
  return (
    `eased ${estimate.eased} of ${tries}; likely between ${percent(estimate.low)} and ` +
    `${percent(estimate.high)} of the time (best guess ${percent(estimate.mean)})`
  );
}

/** A 0–100 % track with the interval as a bar and the best guess as a tick (the words say it all). */
function intervalBar(estimate) {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 100 8');
  svg.setAttribute('preserveAspectRatio', 'none'); // the bar spans the width it is given
  svg.setAttribute('class', 'interval-bar');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const part = (tag, attrs) => {
    const element = document.createElementNS(SVG, tag);
    for (const [name, value] of Object.entries(attrs)) element.setAttribute(name, String(value));
    svg.append(element);
  };
  part('rect', { class: 'track', x: 0, y: 3, width: 100, height: 2 });
  part('rect', {
    class: 'range',
    x: estimate.low * 100,
    y: 1,
    width: Math.max(1, (estimate.high - estimate.low) * 100),
    height: 6,
  });
  part('rect', {
    class: 'guess',
    x: Math.min(99, estimate.mean * 100 - 0.5),
    y: 0,
    width: 1.5,
    height: 8,
  });
  return svg;
}

function directionItem(estimate, best) {
  const name = DIRECTION_LABELS[estimate.direction] || estimate.direction;
  return h(
    'li',
    {
      class: `direction-estimate${estimate.worse_recently ? ' marked' : ''}`,
      'data-direction': estimate.direction,
    },
    h(
      'p',
      {},
      h('strong', { text: name }),
      estimate.direction === best ? h('span', { class: 'badge best', text: 'best so far' }) : null,
      estimate.worse_recently
        ? h('span', { class: 'badge worse-mark', text: 'made it worse lately' })
        : null,
    ),
    h('p', { class: 'small', text: estimateText(estimate) }),
    estimate.worse_recently
      ? h('p', {
          class: 'small',
          text:
            `Answered “worse” in one of the last ${BEST_DIRECTION.worse_lookback_sessions} ` +
            'sessions, so it is never recommended or led with.',
        })
      : null,
    intervalBar(estimate),
  );
}

function spotSection(spot) {
  const headingId = uniqueId('spot');
  return h(
    'section',
    {
      class: 'spot-evidence',
      'aria-labelledby': headingId,
      'data-testid': `spot-${spot.group}-${spot.side}`,
    },
    h('h4', { id: headingId, text: nerveLabel(spot.group, spot.side) }),
    h(
      'ol',
      { class: 'direction-ranking' },
      spot.directions.map((estimate) => directionItem(estimate, spot.best)),
    ),
    h('p', { class: `evidence ${spot.clear ? 'clear' : ''}`, text: EVIDENCE_WORDS[spot.reason] }),
  );
}

/** The panel for one client; loads its own figures. */
export function bestDirectionPanel({ api, clientId, readOnly = false }) {
  const url = `/api/clients/${clientId}/best-direction`;
  const body = h(
    'div',
    { class: 'stack', 'aria-busy': 'true' },
    h('p', { class: 'muted', text: 'Loading…' }),
  );
  const titleId = uniqueId('best-title');
  const element = h(
    'section',
    {
      class: 'outcome-card best-direction',
      'aria-labelledby': titleId,
      'data-testid': 'best-direction',
    },
    h('h3', { id: titleId, text: 'Which direction helps' }),
    h('p', {
      class: 'ws-hint',
      text:
        'From every trial pull in the client’s guided sessions: how often each direction eased ' +
        `the spot. The range is where the true rate likely lies (${level} sure); it narrows as tries add up. ` +
        `Evidence is clear when the best has at least ${BEST_DIRECTION.min_trials} tries and even the low end of its ` +
        'range is above the high end of every other direction’s.',
    }),
    body,
  );

  function draw(found, message = '') {
    const toggleId = uniqueId('lead');
    const checkbox = h('input', {
      type: 'checkbox',
      id: toggleId,
      props: { checked: found.lead_with_best },
      disabled: readOnly || (!found.any_clear && !found.lead_with_best) ? true : null,
    });
    const status = h('p', { role: 'status', class: 'muted', text: message });
    checkbox.addEventListener('change', async () => {
      checkbox.disabled = true;
      status.textContent = 'Saving…';
      try {
        const saved = await api.put(url, { lead_with_best: checkbox.checked });
        draw(
          saved,
          saved.lead_with_best
            ? 'On: the next sessions start with the best direction where it is clear.'
            : 'Off: the next sessions keep the order in the program.',
        );
        element.querySelector(`#${CSS.escape(toggleId)}`)?.focus();
      } catch (error) {
        checkbox.checked = !checkbox.checked;
        checkbox.disabled = false;
        status.textContent = `Not saved: ${error.message}`;
      }
    });
    const led = found.lead_with.map(
      (lead) => `${nerveLabel(lead.group, lead.side)}: ${DIRECTION_LABELS[lead.direction]}`,
    );
    body.replaceChildren(
      ...(found.spots.length
        ? found.spots.map(spotSection)
        : [h('p', { text: 'No guided sessions with trial answers yet.' })]),
      h(
        'div',
        { class: 'lead-toggle' },
        h(
          'label',
          { for: toggleId },
          checkbox,
          ' Start each session with the best direction where the evidence is clear',
        ),
        h('p', {
          class: 'ws-hint',
          text:
            found.any_clear || found.lead_with_best
              ? 'Spots without clear evidence keep the program’s order. A “worse” answer stops the lead on that spot at once.'
              : 'Available once one spot’s evidence is clear.',
        }),
        found.lead_with_best
          ? h('p', {
              class: 'small',
              'data-testid': 'lead-with',
              text: led.length
                ? `Leading with: ${led.join('; ')}.`
                : 'On, but no spot of the current program has clear evidence now: sessions keep the program’s order.',
            })
          : null,
        status,
      ),
    );
    body.removeAttribute('aria-busy');
  }

  async function load() {
    body.setAttribute('aria-busy', 'true');
    try {
      draw(await api.get(url));
    } catch (error) {
      body.removeAttribute('aria-busy');
      body.replaceChildren(
        h('p', { class: 'muted', text: `Could not load: ${error.message}` }),
        h('button', { type: 'button', class: 'button', text: 'Try again', on: { click: load } }),
      );
    }
  }

  load();
  return element;
}
