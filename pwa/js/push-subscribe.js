// Page side of Web Push: is it possible here, ask permission on a tap, subscribe, tell the server,
// and send oneself a test.

/** How long to wait for pushManager.subscribe() before giving up (ms): it can hang forever. */
const SUBSCRIBE_TIMEOUT_MS = 15000;

/** 'unsupported', 'needs-home-screen' (iOS Safari in a tab), or 'available'. */
export function pushSupport() {
  if (isIosBrowserTab()) return 'needs-home-screen';
  if (
    !('serviceWorker' in navigator) ||
    !('PushManager' in window) ||
    !('Notification' in window)
  ) {
    return 'unsupported';
  }
  return 'available';
}

/** iOS and iPadOS deliver web push only to apps added to the home screen. */
export function isIosBrowserTab() {
  const ios =
    /iPad|iPhone|iPod/.test(navigator.userAgent) ||
    (navigator.platform === 'MacIntel' && navigator.maxTouchPoints > 1);
  const standalone =
    window.matchMedia?.('(display-mode: standalone)').matches || navigator.standalone === true;
  return ios && !standalone;
}

/** This browser's current subscription, or null. */
export async function currentSubscription() {
  if (pushSupport() !== 'available') return null;
  const registration = await navigator.serviceWorker.ready;
  return registration.pushManager.getSubscription();
}

/** What the person is told when the browser does not answer in time. */
export const SUBSCRIBE_TIMED_OUT =
  'This browser did not answer when asked to turn on notifications, so reminders ' +
  'are not on yet. Please try again in a moment, or use the calendar link below instead.';

/**
 * Ask for permission (call from a tap), subscribe with the server's key and store it on the server.
 * Resolves with the subscription; rejects with an Error whose message can be shown as it is
 * (timedOut: the words when the browser never answers; the client's speak of reminders).
 */
export async function enablePush(api, { timedOut = SUBSCRIBE_TIMED_OUT } = {}) {
  const permission = await Notification.requestPermission();
  if (permission !== 'granted') {
    throw new Error(
      'Notifications are blocked for this app. You can allow them in your browser or phone settings.',
    );
  }
  const { public_key: publicKey } = await api.get('/api/push/public-key');
  const registration = await withTimeout(
    navigator.serviceWorker.ready,
    SUBSCRIBE_TIMEOUT_MS,
    'The app is not fully installed in this browser yet, so it cannot show notifications. ' +
      'Please reload the page and try again.',
  );
  // Chromium's subscribe() can stay pending for ever (no answer from the push service).
  const subscribing = registration.pushManager.subscribe({
    userVisibleOnly: true,
    applicationServerKey: base64UrlToBytes(publicKey),
  });
  let subscription;
  try {
    subscription = await withTimeout(subscribing, SUBSCRIBE_TIMEOUT_MS, timedOut);
  } catch (error) {
    // If it does answer after we gave up, undo it: a subscription the server never heard of
    // would make this screen say "on" while no reminder can arrive.
    subscribing.then((late) => late.unsubscribe()).catch(() => {});
    throw error;
  }
  await api.post('/api/me/push-subscriptions', subscription.toJSON());
  return subscription;
}

/** Stop notifications on this device, on the server first so nothing more is sent here. */
export async function disablePush(api) {
  const subscription = await currentSubscription();
  if (!subscription) return;
  await api.request('DELETE', '/api/me/push-subscriptions', { endpoint: subscription.endpoint });
  await subscription.unsubscribe();
}

function withTimeout(promise, ms, message) {
  let timer;
  const timeout = new Promise((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** A base64url VAPID key as the bytes applicationServerKey wants. */
export function base64UrlToBytes(text) {
  const padded =
    text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  return Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
}

/** How often to ask what became of a test notification, and for how long (ms). */
const TEST_POLL_MS = 1000;
const TEST_WAIT_MS = 20000;

/**
 * Send oneself a test notification and wait a little for its outcome: the server queues it (202)
 * and sends it from its own thread, so the outcome is read back. Resolves with 'sent', 'failed',
 * or 'on-its-way' when it is still not known after TEST_WAIT_MS.
 */
export async function sendTestNotification(
  api,
  { pause = (ms) => new Promise((done) => setTimeout(done, ms)) } = {},
) {
  let test = await api.post('/api/me/reminders/test');
  for (
    let waited = 0;
    test && (test.status === 'queued' || test.status === 'sending');
    waited += TEST_POLL_MS
  ) {
    if (waited >= TEST_WAIT_MS) return 'on-its-way';
    await pause(TEST_POLL_MS);
    test = await api.get(`/api/me/reminders/test/${test.id}`);
  }
  return test?.status === 'sent' ? 'sent' : 'failed';
}
