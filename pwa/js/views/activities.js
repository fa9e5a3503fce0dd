// My activities (the Patient-Specific Functional Scale): the client names up to three everyday
// activities their back makes hard and rates each 0–10 once a week; the therapist sees the change.
import { PSFS } from '../clinical-rules.js';
import { h, screenTitle, uniqueId } from '../dom.js';
import { createPainScale } from '../pain-scale.js';
import { describePsfsChange, shortDay } from '../psfs-words.js';
import { createProblem } from './problem.js';

const SCALE_ENDS = {
  low: 'I cannot do it',
  high: 'as well as before the problem',
  lowShort: '0 = cannot do it',
  highShort: '10 = as before',
};

/** The #/activities screen. */
export async function createActivitiesView(context) {
  const body = h('div', { class: 'stack' });
  const element = h(
    'section',
    { class: 'screen activities' },
    screenTitle('My activities'),
    h(
      'p',
      {},
      `Choose up to ${PSFS.max_activities} everyday activities your back makes hard, such as ` +
        '“sit through a 30-minute meeting”. Once a week you rate how well you can do each one: ' +
        `${PSFS.score_min} means you cannot do it at all, ${PSFS.score_max} means as well as before the ` +
        'problem. Your therapist sees how this changes over the weeks.',
    ),
    body,
  );

  async function load() {
    body.setAttribute('aria-busy', 'true');
    try {
      draw(await context.api.get('/api/me/psfs'));
    } catch (error) {
      body.replaceChildren(createProblem({ error, onRetry: load }));
    } finally {
      body.removeAttribute('aria-busy');
    }
  }

  function draw(record, announce = '') {
    const active = record.activities.filter((activity) => !activity.retired_at);
    body.replaceChildren(
      ...[
        announce &&
          h('p', { class: 'notice ok', role: 'status', 'data-testid': 'psfs-saved' }, announce),
        active.length && ratingCard(context, record, active, draw),
        namesCard(context, active, draw),
      ].filter(Boolean),
    );
  }

  await load();
  return { element, reconnected: load };
}

/** This week's ratings: one 0–10 scale per activity, this week's answer chosen when given. */
function ratingCard(context, record, active, draw) {
  const thisWeek = new Map(
    record.ratings
      .filter((rating) => rating.week_start === record.this_week)
      .map((rating) => [rating.activity_id, rating.score]),
  );
  const scales = active.map((activity) => ({
    activity,
    scale: createPainScale({
      label: activity.name,
      value: thisWeek.get(activity.id) ?? null,
      ends: SCALE_ENDS,
    }),
  }));
  const titleId = uniqueId('rate-title');
  const message = h('p', { class: 'field-error', role: 'alert' });
  const save = h(
    'button',
    { type: 'submit', class: 'button primary wide' },
    'Save this week’s ratings',
  );
  const form = h(
    'form',
    { class: 'card stack', 'aria-labelledby': titleId, 'data-testid': 'psfs-rate' },
    h('h2', { id: titleId }, 'This week'),
    h(
      'p',
      { class: 'muted', 'data-testid': 'psfs-status' },
      record.due
        ? 'How well can you do each activity this week?'
        : `Done for this week, thank you. The next check-in opens on ${shortDay(record.next_due_at)}; ` +
            'you can still change this week’s answers.',
    ),
    scales.map(({ activity, scale }) =>
      h(
        'div',
        { class: 'stack' },
        scale.element,
        activity.change && h('p', { class: 'small muted' }, describePsfsChange(activity.change)),
      ),
    ),
    message,
    save,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const ratings = scales
      .filter(({ scale }) => scale.value() !== null)
      .map(({ activity, scale }) => ({ activity_id: activity.id, score: scale.value() }));
    if (!ratings.length) {
      message.textContent = 'Choose a number for at least one activity.';
      return;
    }
    save.disabled = true;
    try {
      const saved = await context.api.post('/api/me/psfs/ratings', { ratings });
      draw(saved, 'Saved. Thank you.');
    } catch (error) {
      message.textContent = error.message || 'Could not save. Please try again.';
      save.disabled = false;
    }
  });
  return form;
}

/** Naming the activities: up to three lines of text; an emptied line stops that activity. */
function namesCard(context, active, draw) {
  const titleId = uniqueId('names-title');
  const inputs = Array.from({ length: PSFS.max_activities }, (_, index) => {
    const id = uniqueId('activity');
    const input = h('input', {
      id,
      type: 'text',
      name: `activity-${index + 1}`,
      maxlength: PSFS.name_max_length,
      autocomplete: 'off',
      props: { value: active[index]?.name ?? '' },
    });
    return {
      input,
      element: h(
        'div',
        { class: 'field' },
        h('label', { for: id }, `Activity ${index + 1}`),
        input,
      ),
    };
  });
  const message = h('p', { class: 'field-error', role: 'alert' });
  const save = h(
    'button',
    { type: 'submit', class: 'button wide' },
    active.length ? 'Save my activities' : 'Start rating these',
  );
  const form = h(
    'form',
    { class: 'card stack', 'aria-labelledby': titleId, 'data-testid': 'psfs-names' },
    h('h2', { id: titleId }, active.length ? 'Your activities' : 'Choose your activities'),
    active.length > 0 &&
      h(
        'p',
        { class: 'small muted' },
        'Leave a line empty to stop rating that activity; what you rated before stays in your record.',
      ),
    inputs.map((field) => field.element),
    message,
    save,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const activities = inputs.map(({ input }) => input.value.trim()).filter(Boolean);
    save.disabled = true;
    try {
      const saved = await context.api.put('/api/me/psfs/activities', { activities });
      draw(
        saved,
        activities.length
          ? 'Your activities are saved.'
          : 'You are no longer asked to rate activities.',
      );
    } catch (error) {
      message.textContent =
        fieldMessages(error) || error.message || 'Could not save. Please try again.';
      save.disabled = false;
    }
  });
  return form;
}

/** The server's field messages for the list, as one sentence ("Activity 2: already listed."). */
function fieldMessages(error) {
  const found = error?.errors?.activities;
  if (!found) return '';
  if (Array.isArray(found)) return found.join(' ');
  return Object.entries(found)
    .map(([index, messages]) => `Activity ${Number(index) + 1}: ${[].concat(messages).join(' ')}`)
    .join(' ');
}
