// The therapist's alerts: turn them on for this device (Web Push through the service worker),
// see how many devices get them and whether email does too, send a test.

import { h } from '../dom.js';
import {
  currentSubscription,
  disablePush,
  enablePush,
  pushSupport,
  sendTestNotification,
} from '../push-subscribe.js';
import { urgencyAdjective } from './flag-labels.js';
import { timeAgo } from './format.js';

/** Said when the browser never answers the request to subscribe. */
export const ALERTS_TIMED_OUT =
  'This browser did not answer when asked to turn on notifications, so ' +
  'alerts are not on for this device yet. Please try again in a moment; until then, new flags show ' +
  'on the caseload when you open it.';

const minutesText = (minutes) => (minutes === 60 ? 'an hour' : `${minutes} minutes`);

/** Where alerts go, in sentences, from GET /api/me/alert-settings. */
export function channelSentences(settings) {
  const devices = settings.push_subscriptions;
  const reach = devices
    ? `Alerts reach ${devices === 1 ? 'one device' : `${devices} devices`} of yours` +
      `${settings.last_delivered_at ? `; the last one went out ${timeAgo(settings.last_delivered_at)}` : ''}.`
    : 'No device of yours receives alerts yet: you would see a new flag only when you next open the workspace.';
  const tiers = settings.emailed_tiers.map((tier) => urgencyAdjective(tier));
  const listed =
    tiers.length > 1 ? `${tiers.slice(0, -1).join(', ')} and ${tiers.at(-1)}` : tiers.join('');
  const email = settings.email
    ? `${listed.charAt(0).toUpperCase()}${listed.slice(1)} alerts are also emailed to ${settings.email}.`
    : 'Email alerts are not set up on this server, so alerts come to your devices only.';
  const resends = settings.resends.map(({ urgency, every_minutes: every, times }) => {
    const alert = `${urgencyAdjective(urgency, { article: true })} alert`;
    return times === 1
      ? `${alert} is sent once more after ${minutesText(every)}`
      : `${alert} is sent again every ${minutesText(every)}, up to ${times} times`;
  });
  const again = resends.length ? `Until you acknowledge the flag, ${resends.join(', and ')}.` : '';
  return [reach, email, again].filter(Boolean);
}

/** What the outcome of a test (sendTestNotification) says. */
function testOutcome(outcome) {
  if (outcome === 'sent') return 'Test sent. It should appear in a moment.';
  if (outcome === 'failed')
    return 'The test could not be delivered. Turn alerts off and on again on this device.';
  return 'The test is on its way. It should appear in a moment.';
}

/** The Alerts screen. */
export async function alertsScreen({ api }) {
  const status = h('p', { role: 'status', 'data-testid': 'alert-status' });
  const channels = h(
    'div',
    { class: 'stack', 'aria-busy': 'true' },
    h('p', { class: 'muted', text: 'Loading…' }),
  );
  const say = (text) => {
    status.textContent = text;
  };
  const problem = (error) =>
    say(
      error?.status
        ? `The server answered: ${error.message}. Please try again.`
        : 'The server could not be reached. Please check the connection and try again.',
    );

  async function loadChannels() {
    channels.setAttribute('aria-busy', 'true');
    try {
      const settings = await api.get('/api/me/alert-settings');
      channels.replaceChildren(
        ...channelSentences(settings).map((text, i) =>
          h('p', { 'data-testid': i === 0 ? 'alert-devices' : null, text }),
        ),
      );
    } catch (error) {
      const retry = h('button', { type: 'button', class: 'button', text: 'Try again' });
      retry.addEventListener('click', loadChannels);
      channels.replaceChildren(h('p', { text: 'Could not load where your alerts go.' }), retry);
      if (!error?.status) channels.prepend(h('p', { text: 'The server could not be reached.' }));
    } finally {
      channels.removeAttribute('aria-busy');
    }
  }

  const screen = h(
    'section',
    { class: 'ws-screen alerts-screen', 'data-title': 'Alerts' },
    h('h1', { tabindex: '-1', text: 'Alerts' }),
    h('p', {
      class: 'ws-lede',
      text:
        'When a client answers yes to a warning sign, reports weakness or a high ' +
        'pain score, or the watch sees symptoms building up, a flag opens and you are told at once.',
    }),
    h(
      'section',
      { class: 'card stack', 'aria-labelledby': 'alerts-device' },
      h('h2', { id: 'alerts-device', text: 'On this device' }),
      devicePart(api, say, problem, loadChannels),
      status,
    ),
    h(
      'section',
      { class: 'card stack', 'aria-labelledby': 'alerts-where' },
      h('h2', { id: 'alerts-where', text: 'Where alerts go' }),
      channels,
    ),
    h(
      'section',
      { class: 'card stack', 'aria-labelledby': 'alerts-what' },
      h('h2', { id: 'alerts-what', text: 'What an alert says' }),
      h('p', {
        text:
          'An alert names no client and no symptom, because a lock screen or an inbox can be read by ' +
          'others. It says how urgent it is; open it to go straight to the client’s page, where you see what ' +
          'was reported and acknowledge the flag with a note of what was done.',
      }),
      h('p', {
        text:
          'Flags never close by themselves. While an emergency or same-day flag is open, the client ' +
          'is offered no self-massage on any device.',
      }),
    ),
  );
  loadChannels();
  return screen;
}

function devicePart(api, say, problem, reloadChannels) {
  const part = h('div', { class: 'stack' });
  const support = pushSupport();
  if (support === 'needs-home-screen') {
    part.append(
      h('p', {
        'data-testid': 'ios-home-screen',
        text:
          'On iPhone and iPad, alerts reach the app only once ' +
          'it is on your home screen. In Safari, tap the Share button, choose “Add to Home Screen”, open the app ' +
          'from its new icon, sign in and come back here.',
      }),
    );
    return part;
  }
  if (support === 'unsupported') {
    part.append(
      h('p', {
        text:
          'This browser cannot show notifications. Turn alerts on in another browser or on ' +
          'your phone; new flags still show on the caseload here.',
      }),
    );
    return part;
  }
  const state = h('p', { 'data-testid': 'device-alerts' });
  const toggle = h('button', { type: 'button', class: 'button primary' });
  const test = h('button', { type: 'button', class: 'button', text: 'Send a test alert' });
  part.append(state, h('div', { class: 'button-row' }, toggle, test));

  const show = (subscribed) => {
    toggle.textContent = subscribed
      ? 'Turn off alerts on this device'
      : 'Turn on alerts on this device';
    toggle.classList.toggle('primary', !subscribed);
    test.disabled = !subscribed;
    state.textContent = subscribed
      ? 'Alerts are on for this device, even when the workspace is closed.'
      : Notification.permission === 'denied'
        ? 'Notifications are blocked for this site in this browser. Allow them in the browser’s site settings, then turn alerts on here.'
        : 'Alerts are off on this device. Turning them on asks the browser to allow notifications.';
  };
  show(false); // until the service worker answers (it may never: a browser that blocks it)
  currentSubscription()
    .then((s) => show(Boolean(s)))
    .catch(() => show(false));

  toggle.addEventListener('click', async () => {
    toggle.disabled = true;
    try {
      if (await currentSubscription()) {
        await disablePush(api);
        show(false);
        say('Alerts are off on this device.');
      } else {
        say('Asking this browser to turn on notifications…');
        await enablePush(api, { timedOut: ALERTS_TIMED_OUT });
        show(true);
        say('Alerts are on for this device.');
      }
      reloadChannels();
    } catch (error) {
      if (error?.status || error instanceof TypeError) problem(error);
      else say(error.message);
    } finally {
      toggle.disabled = false;
    }
  });

  test.addEventListener('click', async () => {
    test.disabled = true;
    say('Sending a test alert…');
    try {
      say(testOutcome(await sendTestNotification(api)));
      reloadChannels();
    } catch (error) {
      problem(error);
    } finally {
      test.disabled = false;
    }
  });
  return part;
}
