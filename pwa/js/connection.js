// Whether the app can reach its server, from the browser's online/offline events and from how
// real requests end; emits 'change' with detail {state}. Only facts: a request that reached the
// server (any HTTP status) means reachable; one that never did means offline or unreachable.

/** How often to look again while the server cannot be reached but the device says it is online. */
const PROBE_EVERY_MS = 15_000;

class Connection extends EventTarget {
  constructor() {
    super();
    /** 'online', 'offline' (the device has no network) or 'unreachable' (the server did not answer). */
    this.state = navigator.onLine === false ? 'offline' : 'online';
    this.timer = null;
    window.addEventListener('offline', () => this.set('offline'));
    // The device's "online" says nothing about our server: ask it before clearing the banner.
    window.addEventListener('online', () => this.check());
  }

  /** A request got an HTTP answer. */
  reached() {
    this.set('online');
  }

  /** A request never got an answer (fetch rejected). */
  missed() {
    this.set(navigator.onLine === false ? 'offline' : 'unreachable');
  }

  /** Ask the server now; resolves true when it answered. */
  async check() {
    try {
      const response = await fetch('/api/health', {
        cache: 'no-store',
        credentials: 'same-origin',
      });
      await response.text(); // read the body: an unread one can keep Chromium's network busy
      this.reached();
      return true;
    } catch {
      this.missed();
      return false;
    }
  }

  set(state) {
    clearTimeout(this.timer);
    this.timer = null;
    // Chromium fires no event when a server comes back, so look again now and then until it does.
    if (state === 'unreachable') this.timer = setTimeout(() => this.check(), PROBE_EVERY_MS);
    if (state === this.state) return;
    this.state = state;
    this.dispatchEvent(new CustomEvent('change', { detail: { state } }));
  }
}

/** The one connection state of this page. */
export const connection = new Connection();
