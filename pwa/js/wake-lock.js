// Keeps the screen on during a guided session where the browser allows it; silently does without.

/** Hold a screen wake lock until release(); re-taken when the page becomes visible again. */
export function keepScreenAwake() {
  let sentinel = null;
  let wanted = true;
  const take = async () => {
    if (!wanted || !('wakeLock' in navigator) || document.visibilityState !== 'visible') return;
    try {
      sentinel = await navigator.wakeLock.request('screen');
    } catch {
      sentinel = null; // refused (low battery, policy): the session works, the screen may dim
    }
  };
  // Browsers drop the lock whenever the tab is hidden; take it again on return.
  const onVisible = () => {
    if (document.visibilityState === 'visible') take();
  };
  document.addEventListener('visibilitychange', onVisible);
  take();
  return {
    release() {
      wanted = false;
      document.removeEventListener('visibilitychange', onVisible);
      sentinel?.release().catch(() => {});
      sentinel = null;
    },
    get held() {
      return Boolean(sentinel && !sentinel.released);
    },
  };
}

/** A short buzz at the end of a hold, where the phone can (not iOS Safari). */
export function buzz() {
  if ('vibrate' in navigator) navigator.vibrate([120, 80, 120]);
}

/** True when the person asked their system for less motion. */
export function prefersReducedMotion() {
  return window.matchMedia('(prefers-reduced-motion: reduce)').matches;
}
