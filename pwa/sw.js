// Service worker: precaches the app shell, serves it offline, never caches the API (health data).
// A classic script (not a module), so importScripts works in every browser that has push.
/* eslint-env serviceworker */

importScripts('/js/sw-push.js'); // push, notificationclick, pushsubscriptionchange (reminders)

// Bump VERSION with every release: a changed sw.js is what makes browsers fetch the new shell.
const VERSION = 'v8';
const CACHE_PREFIX = 'cluneal-';
const SHELL_CACHE = `${CACHE_PREFIX}shell-${VERSION}`;
const RUNTIME_CACHE = `${CACHE_PREFIX}runtime-${VERSION}`;
const SHELL_URL = '/';

// Every file here must exist: one 404 fails the whole install.
const PRECACHE = [
  '/',
  '/manifest.webmanifest',
  '/css/app.css',
  '/css/charts.css',
  '/icons/icon.svg',
  '/icons/icon-192.png',
  '/icons/icon-512.png',
  '/vendor/idb.js',
  '/vendor/uplot.js',
  '/vendor/uplot.css',
  '/js/access-log-words.js',
  '/js/api.js',
  '/js/app.js',
  '/js/body-outline.js',
  '/js/charts/chart-kit.js',
  '/js/charts/pain-trend.js',
  '/js/charts/range-picker.js',
  '/js/charts/relief.js',
  '/js/charts/sensations.js',
  '/js/charts/sessions-lane.js',
  '/js/charts/trend-shape.js',
  '/js/charts/trend-table.js',
  '/js/charts/vocabulary-labels.js',
  '/js/clinical-rules.js',
  '/js/connection.js',
  '/js/dom.js',
  '/js/outbox.js',
  '/js/pain-scale.js',
  '/js/program-source.js',
  '/js/psfs-words.js',
  '/js/push-subscribe.js',
  '/js/red-flag-log.js',
  '/js/router.js',
  '/js/safety-stop.js',
  '/js/safety.js',
  '/js/schedule.js',
  '/js/session-draft.js',
  '/js/session-plan.js',
  '/js/sources.js',
  '/js/store.js',
  '/js/sw-bridge.js',
  '/js/trends-source.js',
  '/js/uuid.js',
  '/js/views/about.js',
  '/js/views/access-log-list.js',
  '/js/views/account.js',
  '/js/views/activities.js',
  '/js/views/connection-banner.js',
  '/js/views/countdown.js',
  '/js/views/delivery-note.js',
  '/js/views/forgot.js',
  '/js/views/form-field.js',
  '/js/views/history.js',
  '/js/views/install-prompt.js',
  '/js/views/join.js',
  '/js/views/lazy-render.js',
  '/js/views/log.js',
  '/js/views/login.js',
  '/js/views/nav.js',
  '/js/views/pause-notice.js',
  '/js/views/privacy-notice.js',
  '/js/views/problem.js',
  '/js/views/profile-settings.js',
  '/js/views/red-flag-check.js',
  '/js/views/reset.js',
  '/js/views/safety-notice.js',
  '/js/views/session-resume.js',
  '/js/views/session-step.js',
  '/js/views/session-talk.js',
  '/js/views/session.js',
  '/js/views/settings-screen.js',
  '/js/views/settings.js',
  '/js/views/signup.js',
  '/js/views/sync-status.js',
  '/js/views/today.js',
  '/js/views/update-banner.js',
  '/js/vocabulary.js',
  '/js/wake-lock.js',
];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(SHELL_CACHE).then((cache) => cache.addAll(PRECACHE)));
  // No skipWaiting here: a new version waits until the person agrees to reload (sw-bridge.js),
  // so an open guided session is never swapped out from under them.
});

self.addEventListener('activate', (event) => {
  event.waitUntil(deleteOldCaches().then(() => self.clients.claim()));
});

self.addEventListener('message', (event) => {
  if (event.data?.type === 'skip-waiting') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method !== 'GET') return;
  if (url.pathname.startsWith('/api/')) return; // network only: answers are private and no-store
  if (request.mode === 'navigate') {
    event.respondWith(cachedShell(request));
    return;
  }
  event.respondWith(cacheFirst(request));
});

/** Old versions' caches go once the new version is in charge. */
async function deleteOldCaches() {
  const names = await caches.keys();
  const current = [SHELL_CACHE, RUNTIME_CACHE];
  await Promise.all(
    names
      .filter((name) => name.startsWith(CACHE_PREFIX) && !current.includes(name))
      .map((name) => caches.delete(name)),
  );
}

/** Every page is the one shell; routing happens after '#', in the page. */
async function cachedShell(request) {
  const cached = await caches.match(SHELL_URL, { cacheName: SHELL_CACHE });
  return cached || fetch(request);
}

/** Static files change only with a new VERSION, so the cache answers first. */
async function cacheFirst(request) {
  const cached = await caches.match(request, { ignoreSearch: true });
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok && response.type === 'basic') {
    const copy = response.clone();
    caches.open(RUNTIME_CACHE).then((cache) => cache.put(request, copy));
  }
  return response;
}
