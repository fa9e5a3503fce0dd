// Service worker: precaches the app shell, serves it offline, never caches the API (health data).
// A classic script (not a module), so importScripts works in every browser that has push.
/* eslint-env serviceworker */

importScripts('/js/sw-push.js'); // push, notificationclick, pushsubscriptionchange (reminders)

// The server writes VERSION and PRECACHE in when it serves this file (server/pwa_precache.py):
// VERSION is a hash of this file and of every precached file, so any change to the app is a new
// sw.js, which is what makes browsers fetch the new shell; PRECACHE is every file the app loads.
const VERSION = 'unversioned';
const CACHE_PREFIX = 'cluneal-';
const SHELL_CACHE = `${CACHE_PREFIX}shell-${VERSION}`;
const RUNTIME_CACHE = `${CACHE_PREFIX}runtime-${VERSION}`;
const SHELL_URL = '/';

// Every file there exists (one 404 would fail the whole install): a test asks for each.
const PRECACHE = [];

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

/** A changed static file is a new VERSION (new caches), so the cache answers first. */
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
