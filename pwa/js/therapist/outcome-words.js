// Plain words for outcomes (the codes are server/domain's, through clinical-rules.js): the change
// in pain from a baseline (IMMPACT), why there is none yet, the best direction's evidence, and the
// baselines. Only a meaningful change is ever called, or coloured, better or worse.
import { PAIN_CHANGE, PAIN_IMPROVEMENTS, PAIN_WORSENINGS } from '../clinical-rules.js';
import { painFigure } from './format.js';

/** Each category of change in mean pain: its words and the colour class it may carry. */
export const PAIN_CHANGE_WORDS = {
  'substantial-improvement': { label: 'much better', trend: 'better' },
  'meaningful-improvement': { label: 'better', trend: 'better' },
  'no-clear-change': { label: 'no clear change', trend: 'steady' },
  'meaningful-worsening': { label: 'worse', trend: 'worse' },
  'substantial-worsening': { label: 'much worse', trend: 'worse' },
};

/** Why a client has no outcome yet. */
export const NO_OUTCOME_WORDS = {
  'no-logs': 'No logs yet.',
  'no-program-change': 'The program has not changed yet, so there is no week before a change.',
  'too-early': 'Too early: the baseline week is not over yet.',
  'few-logs': `Too few logs: each week needs at least ${PAIN_CHANGE.min_logs}.`,
};

/** Why a spot's evidence for one direction is clear or not. */
export const EVIDENCE_WORDS = {
  clear:
    'Clear: even its least hopeful estimate beats the most hopeful of every other direction here.',
  'too-few-trials': 'Not clear yet: too few tries of the best direction.',
  'only-one-direction': 'Only one direction has been tried here.',
  overlapping: 'Not clear yet: the estimates still overlap.',
  'none-recommendable': 'Every direction tried here made things worse lately.',
};

/** What the pain now is compared with. */
export const BASELINE_WORDS = {
  'first-week': 'the first week of logs',
  'before-program-change': 'the week before a program change',
};

/** True when a category is a meaningful change (the only ones coloured). */
export function isMeaningful(category) {
  return PAIN_IMPROVEMENTS.includes(category) || PAIN_WORSENINGS.includes(category);
}

/** The colour class a category may carry: better or worse only when meaningful, else steady. */
export function trendOf(category) {
  return isMeaningful(category) ? PAIN_CHANGE_WORDS[category].trend : 'steady';
}

/**
 * One line on an outcome: "6.8 → 3.3 (−51 %): much better", or why there is none yet.
 * @returns {{text: string, trend: 'better'|'worse'|'steady'|'unknown'}}
 */
export function outcomeLine(outcome) {
  if (!outcome?.category) {
    return { text: NO_OUTCOME_WORDS[outcome?.why_not] || 'Not yet.', trend: 'unknown' };
  }
  const percent =
    outcome.change_percent == null
      ? ''
      : ` (${outcome.change_percent > 0 ? '+' : outcome.change_percent < 0 ? '−' : ''}${Math.abs(Math.round(outcome.change_percent))} %)`;
  return {
    text:
      `${painFigure(outcome.baseline.pain_mean)} → ${painFigure(outcome.now.pain_mean)}${percent}: ` +
      `${PAIN_CHANGE_WORDS[outcome.category].label}`,
    trend: trendOf(outcome.category),
  };
}

/** The rule in one sentence, from the server's thresholds. */
export function outcomeRule() {
  return (
    `Better or worse means a change in mean pain of at least ${PAIN_CHANGE.meaningful_percent} % or ` +
    `${PAIN_CHANGE.meaningful_points} points; much better or worse, ${PAIN_CHANGE.substantial_percent} %. ` +
    'Anything smaller is no clear change.'
  );
}

/**
 * The caseload in one line, from its rows' outcomes (active clients only): "2 of 4 clients
 * meaningfully better than their baseline, 1 worse; 1 without enough logs yet."
 */
export function caseloadOutcomeLine(rows) {
  const active = rows.filter((row) => row.status === 'active');
  if (!active.length) return '';
  const count = (list) => active.filter((row) => list.includes(row.outcome?.category)).length;
  const better = count(PAIN_IMPROVEMENTS);
  const worse = count(PAIN_WORSENINGS);
  const waiting = active.filter((row) => !row.outcome?.category).length;
  const clients = active.length === 1 ? 'client' : 'clients';
  return (
    `${better} of ${active.length} ${clients} meaningfully better than their baseline` +
    `${worse ? `, ${worse} worse` : ''}${waiting ? `; ${waiting} without enough logs yet` : ''}.`
  );
}
