// The reminders part of Settings: notifications on this device, which reminders, quiet hours,
// a pause, a test notification, and the calendar link for phones without push.
import { isNetworkError } from '../api.js';
import { h, toggleChip, uniqueId } from '../dom.js';
import {
  currentSubscription,
  disablePush,
  enablePush,
  pushSupport,
  sendTestNotification,
} from '../push-subscribe.js';
import { createProblem } from './problem.js';

const PAUSE_CHOICES = [1, 2, 3, 7, 14];

/** Build the reminder settings section: { api, user } in, an HTMLElement out. */
export function createSettingsView({ api, user }) {
  const status = h('p', { role: 'status', 'data-testid': 'reminder-status' });
  const settingsBox = h(
    'div',
    { class: 'stack settings-parts' },
    h('p', { class: 'muted' }, 'Loading your reminder settings…'),
  );
  const calendarBox = h('div', { class: 'stack' });
  let settings = null;

  const say = (text) => {
    status.textContent = text;
  };
  const problem = (error) =>
    say(
      isNetworkError(error)
        ? 'You seem to be offline. This needs a connection; please try again later.'
        : error.message,
    );

  async function save(changes) {
    const body = {
      sessions_enabled: settings.sessions_enabled,
      movement_breaks_enabled: settings.movement_breaks_enabled,
      quiet_from: settings.quiet_from,
      quiet_to: settings.quiet_to,
      ...changes,
    };
    try {
      settings = await api.put('/api/me/reminder-settings', body);
      renderSettings();
      say('Saved.');
    } catch (error) {
      problem(error);
    }
  }

  function renderSettings() {
    settingsBox.replaceChildren(devicePart(), kindsPart(), quietPart(), pausePart());
  }

  function devicePart() {
    const part = h('div', { class: 'stack' }, h('h3', {}, 'On this device'));
    const support = pushSupport();
    if (support === 'needs-home-screen') {
      part.append(
        h(
          'p',
          { 'data-testid': 'ios-home-screen' },
          'On iPhone and iPad, reminders can only reach the app once it is on your home screen. In Safari, tap the ' +
            'Share button, choose "Add to Home Screen", then open the app from its new icon and come back here.',
        ),
      );
      return part;
    }
    if (support === 'unsupported') {
      part.append(
        h(
          'p',
          {},
          'This browser cannot show reminders. The calendar link below works on any phone.',
        ),
      );
      return part;
    }
    const toggle = h(
      'button',
      { type: 'button', class: 'button primary' },
      'Turn on reminders here',
    );
    const test = h(
      'button',
      { type: 'button', class: 'button', disabled: true },
      'Send a test notification',
    );
    const note = h('p', { class: 'muted small' });
    part.append(note, h('div', { class: 'button-row' }, toggle, test));
    const show = (subscribed) => {
      toggle.textContent = subscribed ? 'Turn off reminders here' : 'Turn on reminders here';
      toggle.classList.toggle('primary', !subscribed);
      test.disabled = !subscribed;
      note.textContent = subscribed
        ? 'Reminders come to this device, even when the app is closed.'
        : 'Reminders are off on this device. Turning them on will ask to allow notifications.';
    };
    currentSubscription()
      .then((s) => show(Boolean(s)))
      .catch(() => show(false));
    toggle.addEventListener('click', async () => {
      toggle.disabled = true;
      try {
        if (await currentSubscription()) {
          await disablePush(api);
          show(false);
          say('Reminders are off on this device.');
        } else {
          say('Asking this browser to turn on notifications…');
          await enablePush(api);
          show(true);
          say('Reminders are on for this device.');
        }
      } catch (error) {
        problem(error);
      } finally {
        toggle.disabled = false;
      }
    });
    test.addEventListener('click', async () => {
      test.disabled = true;
      try {
        say('Sending a test…');
        const outcome = await sendTestNotification(api);
        say(
          {
            sent: 'Test sent. It should appear in a moment.',
            failed: 'The test could not be delivered. Try turning reminders off and on again here.',
          }[outcome] || 'The test is on its way. It should appear in a moment.',
        );
      } catch (error) {
        problem(error);
      } finally {
        test.disabled = false;
      }
    });
    return part;
  }

  function kindsPart() {
    return h(
      'fieldset',
      { class: 'chips' },
      h('legend', {}, h('h3', {}, 'Remind me about')),
      toggleChip('Self-massage sessions', settings.sessions_enabled, (on) =>
        save({ sessions_enabled: on }),
      ),
      toggleChip('Movement breaks', settings.movement_breaks_enabled, (on) =>
        save({ movement_breaks_enabled: on }),
      ),
    );
  }

  function quietPart() {
    const fromId = uniqueId('quiet-from');
    const toId = uniqueId('quiet-to');
    const from = h('input', { id: fromId, type: 'time', value: settings.quiet_from || '' });
    const to = h('input', { id: toId, type: 'time', value: settings.quiet_to || '' });
    return h(
      'div',
      { class: 'stack' },
      h('h3', {}, 'Quiet hours'),
      h(
        'p',
        { class: 'muted small' },
        `No reminders between these times (${settings.timezone} time).`,
      ),
      h('div', { class: 'field' }, h('label', { for: fromId }, 'From'), from),
      h('div', { class: 'field' }, h('label', { for: toId }, 'Until'), to),
      h(
        'div',
        { class: 'button-row' },
        h(
          'button',
          {
            type: 'button',
            class: 'button',
            on: {
              click: () =>
                save({
                  quiet_from: from.value || null,
                  quiet_to: to.value || null,
                }),
            },
          },
          'Save quiet hours',
        ),
        h(
          'button',
          {
            type: 'button',
            class: 'button',
            on: {
              click: () =>
                save({
                  quiet_from: null,
                  quiet_to: null,
                }),
            },
          },
          'No quiet hours',
        ),
      ),
    );
  }

  function pausePart() {
    if (settings.paused_until) {
      const until = new Date(settings.paused_until).toLocaleString([], {
        dateStyle: 'medium',
        timeStyle: 'short',
      });
      return h(
        'div',
        { class: 'stack' },
        h('h3', {}, 'Pause'),
        h('p', {}, `Reminders are paused until ${until}.`),
        h(
          'button',
          { type: 'button', class: 'button', on: { click: () => save({ pause_days: 0 }) } },
          'Resume reminders now',
        ),
      );
    }
    const selectId = uniqueId('pause-days');
    const select = h(
      'select',
      { id: selectId },
      PAUSE_CHOICES.map((n) => h('option', { value: String(n) }, n === 1 ? '1 day' : `${n} days`)),
    );
    return h(
      'div',
      { class: 'stack' },
      h('h3', {}, 'Pause'),
      h(
        'div',
        { class: 'field' },
        h('label', { for: selectId }, 'Pause all reminders for'),
        select,
      ),
      h(
        'button',
        {
          type: 'button',
          class: 'button',
          on: { click: () => save({ pause_days: Number(select.value) }) },
        },
        'Pause reminders',
      ),
    );
  }

  async function renderCalendar(url) {
    const intro = h(
      'p',
      { class: 'muted small' },
      'If notifications do not work on your phone, add your session times to your calendar instead. ' +
        'Keep this link to yourself: anyone who has it can see your session times.',
    );
    if (!url) {
      calendarBox.replaceChildren(
        h('h3', {}, 'Calendar'),
        intro,
        h(
          'button',
          { type: 'button', class: 'button', on: { click: () => calendarAction('POST') } },
          'Make a calendar link',
        ),
      );
      return;
    }
    const fieldId = uniqueId('calendar-url');
    const field = h('input', {
      id: fieldId,
      type: 'text',
      readonly: true,
      value: url,
      'data-testid': 'calendar-url',
    });
    const copy = h('button', { type: 'button', class: 'button primary' }, 'Copy link');
    copy.addEventListener('click', async () => {
      try {
        await navigator.clipboard.writeText(url);
        say('Link copied. Paste it into your calendar app as a new subscription.');
      } catch {
        field.select();
        say('Select the link and copy it.');
      }
    });
    calendarBox.replaceChildren(
      h('h3', {}, 'Calendar'),
      intro,
      h('div', { class: 'field' }, h('label', { for: fieldId }, 'Your calendar link'), field),
      h(
        'div',
        { class: 'button-row' },
        copy,
        h(
          'button',
          { type: 'button', class: 'button', on: { click: () => calendarAction('POST') } },
          'Make a new link',
        ),
        h(
          'button',
          { type: 'button', class: 'button danger', on: { click: () => calendarAction('DELETE') } },
          'Turn off the link',
        ),
      ),
    );
  }

  async function calendarAction(method) {
    try {
      const answer = await api.request(method, '/api/me/calendar-feed');
      await renderCalendar(answer ? answer.url : null);
      say(
        method === 'DELETE'
          ? 'The calendar link no longer works.'
          : 'Here is your calendar link. Any older link has stopped working.',
      );
    } catch (error) {
      problem(error);
    }
  }

  const loadSettings = () =>
    api
      .get('/api/me/reminder-settings')
      .then((loaded) => {
        settings = loaded;
        renderSettings();
      })
      .catch((error) => {
        settingsBox.replaceChildren(createProblem({ error, onRetry: loadSettings }));
      });
  loadSettings();
  api
    .get('/api/me/calendar-feed')
    .then((feed) => renderCalendar(feed.url))
    .catch(() => renderCalendar(null));

  void user; // reminders are per account; the server knows who is signed in
  return h(
    'section',
    { class: 'card stack', 'aria-labelledby': 'reminder-settings-title' },
    h('h2', { id: 'reminder-settings-title' }, 'Reminders'),
    settingsBox,
    calendarBox,
    status,
  );
}
