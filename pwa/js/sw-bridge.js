// Page side of the service worker: registers it, notices a waiting update, applies it on consent.

/**
 * Register /sw.js. onUpdateReady(apply) is called when a new version is installed and waiting;
 * calling apply() activates it and reloads the page once it has taken control.
 */
export async function registerServiceWorker(onUpdateReady) {
  if (!('serviceWorker' in navigator)) return null;
  const registration = await navigator.serviceWorker.register('/sw.js', { scope: '/' });
  const offer = (worker) => onUpdateReady(() => applyUpdate(worker));

  // A version may already be waiting from an earlier visit.
  if (registration.waiting && navigator.serviceWorker.controller) offer(registration.waiting);
  registration.addEventListener('updatefound', () => {
    const worker = registration.installing;
    worker?.addEventListener('statechange', () => {
      // With no controller this is the first install, not an update: nothing to offer.
      if (worker.state === 'installed' && navigator.serviceWorker.controller) offer(worker);
    });
  });
  return registration;
}

function applyUpdate(worker) {
  let reloaded = false;
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (reloaded) return;
    reloaded = true;
    window.location.reload();
  });
  worker.postMessage({ type: 'skip-waiting' });
}
