// The clinical summary's outcome parts: pain at the baseline against now (IMMPACT), the PSFS
// and the learned best direction with its evidence. Each returns a list of elements, so the
// sheet places them without knowing their rules. Thresholds come from clinical-rules.js and the
// words from outcome-words.js, as on the client page.

import { DIRECTION_LABELS, nerveLabel } from '../charts/vocabulary-labels.js';
import { BEST_DIRECTION, PAIN_CHANGE, PSFS } from '../clinical-rules.js';
import { h, uniqueId } from '../dom.js';
import { painFigure } from './format.js';
import {
  BASELINE_WORDS,
  EVIDENCE_WORDS,
  NO_OUTCOME_WORDS,
  PAIN_CHANGE_WORDS,
} from './outcome-words.js';
import { scrolling } from './summary-scroll.js';

const percent = (share) => `${Math.round(share * 100)}%`;
const signed = (value, digits = 1) =>
  `${value > 0 ? '+' : value < 0 ? '−' : ''}${Math.abs(value).toFixed(digits)}`;
const dayMonth = (iso) =>
  new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(
    new Date(`${iso.slice(0, 10)}T12:00:00Z`),
  );

/** "19 Oct" for an instant, in the client's time zone. */
const localDayMonth = (iso, timezone) =>
  new Intl.DateTimeFormat(undefined, {
    day: 'numeric',
    month: 'short',
    timeZone: timezone || 'UTC',
  }).format(new Date(iso));

function part(title, ...body) {
  const id = uniqueId('summary-part');
  return h(
    'section',
    { class: 'summary-part', 'aria-labelledby': id },
    h('h2', { id, text: title }),
    ...body,
  );
}

function windowText(label, window) {
  return `${label}: mean ${painFigure(window.pain_mean)} of 10 from ${window.logs} ${window.logs === 1 ? 'log' : 'logs'}`;
}

/** Baseline against now, as lines inside the Pain part. */
function painChange({ pain_change: outcome, timezone }) {
  if (!outcome?.baseline) {
    return [
      h('p', {
        'data-testid': 'baseline',
        text: `Baseline against now: ${NO_OUTCOME_WORDS[outcome?.why_not] || 'no baseline yet.'}`,
      }),
    ];
  }
  const { baseline, now } = outcome;
  const lines = [
    h('p', {
      'data-testid': 'baseline',
      text: `${windowText(`Baseline (${BASELINE_WORDS[baseline.kind] || baseline.kind}${baseline.program_version ? ` to version ${baseline.program_version}` : ''}, from ${localDayMonth(baseline.start, timezone)})`, baseline)}.`,
    }),
    h('p', { text: `${windowText('Now (last 7 days)', now)}.` }),
  ];
  if (outcome.category) {
    const pct = outcome.change_percent == null ? '' : `, ${signed(outcome.change_percent, 0)}%`;
    lines.push(
      h(
        'p',
        { class: `change change-${outcome.meaningful ? outcome.category : 'none'}` },
        h('strong', {
          text: `Change: ${signed(outcome.change_points)} points${pct}: ${PAIN_CHANGE_WORDS[outcome.category]?.label || outcome.category}.`,
        }),
        ` (IMMPACT: ${PAIN_CHANGE.meaningful_percent}% or ${PAIN_CHANGE.meaningful_points} points is meaningful, ${PAIN_CHANGE.substantial_percent}% substantial.)`,
      ),
    );
  } else {
    lines.push(
      h('p', {
        text: `No change to classify yet. ${NO_OUTCOME_WORDS[outcome.why_not] || outcome.why_not}`,
      }),
    );
  }
  return lines;
}

/** The Patient-Specific Functional Scale. */
function outcomes({ psfs }) {
  const title = 'Activities that matter (PSFS, 0–10)';
  const activities = psfs?.activities || [];
  if (!activities.length)
    return [part(title, h('p', { text: 'The client has not named activities yet.' }))];
  const latest = new Map();
  for (const r of psfs.ratings || []) latest.set(r.activity_id, r);
  return [
    part(
      title,
      scrolling(
        'Activities that matter',
        h(
          'table',
          { class: 'summary-table' },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              ['Activity', 'First', 'Latest', 'Change'].map((text) =>
                h('th', { scope: 'col', text }),
              ),
            ),
          ),
          h(
            'tbody',
            {},
            activities.map((activity) => {
              const change = activity.change;
              const only = latest.get(activity.id);
              return h(
                'tr',
                {},
                h('th', {
                  scope: 'row',
                  text: activity.name + (activity.retired_at ? ' (no longer rated)' : ''),
                }),
                h('td', {
                  text: change
                    ? `${change.first_score} (${dayMonth(change.first_week)})`
                    : only
                      ? `${only.score} (${dayMonth(only.week_start)})`
                      : '–',
                }),
                h('td', {
                  text: change ? `${change.latest_score} (${dayMonth(change.latest_week)})` : '–',
                }),
                h('td', {
                  text: change
                    ? `${signed(change.points, 0)}${change.meaningful ? ', meaningful' : ''}`
                    : 'one week rated',
                }),
              );
            }),
          ),
        ),
      ),
      h('p', {
        class: 'muted',
        text: `A change of ${PSFS.meaningful_change} points or more is meaningful.`,
      }),
    ),
  ];
}

function directionRow(spot, estimate) {
  const interval = `${percent(estimate.low)}–${percent(estimate.high)}`;
  const isBest = estimate.direction === spot.best;
  return h(
    'tr',
    { class: isBest ? 'best' : null },
    h('th', {
      scope: 'row',
      text: `${DIRECTION_LABELS[estimate.direction] || estimate.direction}${isBest ? ' (best)' : ''}`,
    }),
    h('td', { text: `${estimate.eased} of ${estimate.trials}` }),
    h('td', { text: percent(estimate.mean) }),
    h('td', { text: interval }),
    h('td', { text: estimate.worse_recently ? 'worse lately: not recommended' : '' }),
  );
}

/** The best direction per spot and side, with its evidence. */
function bestDirection({ best_direction: found }) {
  const title = 'Best direction';
  const spots = found?.spots || [];
  if (!spots.length)
    return [part(title, h('p', { text: 'No directions tried in a guided session yet.' }))];
  const level = Math.round(BEST_DIRECTION.credible_level * 100);
  return [
    part(
      title,
      h('p', {
        class: 'muted',
        text: `How often each direction eased symptoms when tried, with a ${level}% credible interval (Beta-Binomial, from every session so far).${found.lead_with_best ? ' Guided sessions start with the best direction where its evidence is clear.' : ''}`,
      }),
      spots.map((spot) => {
        const best = spot.directions.find((d) => d.direction === spot.best);
        const headline = best
          ? `${nerveLabel(spot.group, spot.side)}: ${DIRECTION_LABELS[best.direction] || best.direction}, eased ${best.eased} of ${best.trials} tries. ${EVIDENCE_WORDS[spot.reason] || spot.reason}`
          : `${nerveLabel(spot.group, spot.side)}: ${EVIDENCE_WORDS[spot.reason] || spot.reason}`;
        return h(
          'div',
          { class: 'summary-spot', 'data-testid': 'best-direction' },
          h('p', {}, h('strong', { text: headline })),
          scrolling(
            `Directions, ${nerveLabel(spot.group, spot.side)}`,
            h(
              'table',
              { class: 'summary-table' },
              h(
                'thead',
                {},
                h(
                  'tr',
                  {},
                  ['Direction', 'Eased', 'Estimate', `${level}% interval`, 'Note'].map((text) =>
                    h('th', { scope: 'col', text }),
                  ),
                ),
              ),
              h(
                'tbody',
                {},
                spot.directions.map((estimate) => directionRow(spot, estimate)),
              ),
            ),
          ),
        );
      }),
    ),
  ];
}

export const summarySections = { painChange, outcomes, bestDirection };
