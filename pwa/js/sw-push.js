// Pushes in the service worker: a client's reminders and a therapist's safety alerts, each shown
// as a notification (a repeat replaces the earlier one: one tag per reminder kind, per flag); act
// on its buttons or a click; keep the subscription alive when the browser replaces it. Loaded by
// sw.js via importScripts.
/* eslint-env serviceworker */

const REMINDER_ICON = '/icons/icon-192.png';
const SNOOZE_MINUTES = 30;

self.addEventListener('push', (event) => {
  const message = readPush(event);
  event.waitUntil(
    message.kind === 'flag'
      ? Promise.all([showAlert(message), tellOpenWindows(message)])
      : showReminder(message),
  );
});

self.addEventListener('notificationclick', (event) => {
  const notification = event.notification;
  notification.close();
  const data = notification.data || {};
  if (event.action === 'snooze') {
    event.waitUntil(snooze(data.kind || 'session'));
    return;
  }
  event.waitUntil(openApp(data.url || '/'));
});

self.addEventListener('pushsubscriptionchange', (event) => {
  event.waitUntil(resubscribe(event.oldSubscription));
});

/** The push's JSON; a push without a readable body still reminds, in general words. */
function readPush(event) {
  try {
    return event.data ? event.data.json() : {};
  } catch {
    return { body: event.data ? event.data.text() : '' };
  }
}

function showReminder(message) {
  const kind = message.kind || 'session';
  const options = {
    body: message.body || 'A reminder from your home program.',
    // One tag per kind: a newer reminder replaces the older one instead of stacking up.
    tag: message.tag || `reminder-${kind}`,
    icon: REMINDER_ICON,
    badge: REMINDER_ICON,
    data: {
      url: message.url || (kind === 'session' ? '/#/session' : '/'),
      kind,
      due_at: message.due_at,
    },
  };
  // A safety alert sent again replaces the earlier one (same tag) and must sound again.
  if (message.renotify) options.renotify = true;
  if (kind === 'session') {
    options.actions = [
      { action: 'start', title: 'Start now' },
      { action: 'snooze', title: `Snooze ${SNOOZE_MINUTES} min` },
    ];
  }
  return self.registration.showNotification(message.title || 'Cluneal Companion', options);
}

/**
 * A therapist's safety alert: no name and no symptom (the server sends none), a tag per flag so
 * the resends of one flag replace each other, and a click that opens the client's page.
 */
function showAlert(message) {
  return self.registration.showNotification(message.title || 'A client needs your attention', {
    body: message.body || 'Open the app to see what was reported.',
    tag: message.tag || `flag-${message.flag_id}`,
    renotify: Boolean(message.renotify),
    // Emergency and same-day alerts stay on screen until the therapist acts on them.
    requireInteraction: Boolean(message.require_interaction),
    icon: REMINDER_ICON,
    badge: REMINDER_ICON,
    data: {
      url: message.url || '/#/clients',
      kind: 'flag',
      flag_id: message.flag_id,
      urgency: message.urgency,
    },
  });
}

/** An open workspace refreshes at once instead of at its next poll (therapist/workspace.js). */
async function tellOpenWindows(message) {
  const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  for (const client of windows)
    client.postMessage({ type: 'flag-alert', flag_id: message.flag_id });
}

/** Ask the server to remind again later; the service worker's fetch carries the session cookie. */
async function snooze(kind) {
  try {
    await fetch('/api/me/reminders/snooze', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ kind, minutes: SNOOZE_MINUTES }),
    });
  } catch {
    // Offline: nothing to queue here; the next scheduled reminder still comes.
  }
}

/** Focus an open window of the app and take it to url, or open a new one. */
async function openApp(url) {
  const target = new URL(url, self.location.origin).href;
  const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  for (const client of windows) {
    if (new URL(client.url).origin !== self.location.origin) continue;
    let focused = client;
    try {
      focused = await client.focus();
    } catch {
      // Focus is refused without the click's user activation: still take the window there.
    }
    return 'navigate' in focused ? focused.navigate(target) : focused;
  }
  return self.clients.openWindow(target);
}

/** The browser dropped or rotated the subscription: make a new one and tell the server. */
async function resubscribe(oldSubscription) {
  const response = await fetch('/api/push/public-key', { credentials: 'same-origin' });
  if (!response.ok) return;
  const { public_key: publicKey } = await response.json();
  const subscription = await self.registration.pushManager.subscribe({
    userVisibleOnly: true,
    applicationServerKey: base64UrlToBytes(publicKey),
  });
  await fetch('/api/me/push-subscriptions', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(subscription.toJSON()),
  });
  if (oldSubscription && oldSubscription.endpoint !== subscription.endpoint) {
    await fetch('/api/me/push-subscriptions', {
      method: 'DELETE',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ endpoint: oldSubscription.endpoint }),
    });
  }
}

function base64UrlToBytes(text) {
  const padded =
    text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  return Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
}
