// Starts the app: finds who is signed in, hands therapists to their workspace, routes client screens.
import { ApiError, api, isNetworkError } from './api.js';
import { connection } from './connection.js';
import { h, screenTitle } from './dom.js';
import { Outbox } from './outbox.js';
import { navigate, parseRoute } from './router.js';
import { forgetUserData, keptForget, keptGet, keptPut } from './store.js';
import { registerServiceWorker } from './sw-bridge.js';
import { createConnectionBanner } from './views/connection-banner.js';
import { captureInstallPrompt } from './views/install-prompt.js';
import { createNav, markCurrent } from './views/nav.js';
import { createProblem } from './views/problem.js';
import { renderSyncStatus } from './views/sync-status.js';
import { hideUpdateBanner, showUpdateBanner } from './views/update-banner.js';

/** Screens anyone may open; the rest need a signed-in client. Loaded on first use. */
const PUBLIC = {
  login: () => import('./views/login.js').then((m) => m.createLoginView),
  join: () => import('./views/join.js').then((m) => m.createJoinView),
  about: () => import('./views/about.js').then((m) => m.createAboutView),
  signup: () => import('./views/signup.js').then((m) => m.createSignupView),
  forgot: () => import('./views/forgot.js').then((m) => m.createForgotView),
  reset: () => import('./views/reset.js').then((m) => m.createResetView),
};
/** Screens for someone signing in or recovering access: shown without asking who is signed in. */
const SIGNED_OUT_ROUTES = new Set(['login', 'signup', 'forgot', 'reset']);
/** A sign-out made offline waits here (kept in IndexedDB) until the server has it. */
const SIGN_OUT_PENDING = 'sign-out-pending';
const CLIENT = {
  today: () => import('./views/today.js').then((m) => m.createTodayView),
  session: () => import('./views/session.js').then((m) => m.createSessionView),
  log: () => import('./views/log.js').then((m) => m.createLogView),
  history: () => import('./views/history.js').then((m) => m.createHistoryView),
  settings: () => import('./views/settings-screen.js').then((m) => m.createSettingsScreen),
  activities: () => import('./views/activities.js').then((m) => m.createActivitiesView),
};

/** Screen titles for the error shown when a screen cannot be built. */
const TITLES = {
  today: 'Today',
  session: 'Guided session',
  log: 'How do you feel?',
  history: 'My progress',
  settings: 'Settings',
  activities: 'My activities',
  about: 'About this app',
  join: 'Join',
  login: 'Sign in',
};

const main = document.getElementById('main');
const nav = document.getElementById('app-nav');
const syncStatus = document.getElementById('sync-status');
const state = {
  user: null,
  outbox: null,
  view: null,
  applyUpdate: null,
  sessionActive: false,
  workspace: false,
  showing: 0, // counts navigations: a screen that finishes loading after a newer one is dropped
};

const context = {
  api,
  navigate,
  get user() {
    return state.user;
  },
  get outbox() {
    return state.outbox;
  },
  signedIn: (user) => startFor(user),
  /** The outbox of a user just signed in (joining keeps a log before Today opens). */
  outboxFor: (user) => openOutbox(user),
  signOut,
  forgetAccount,
  /** The user's details changed (name, time zone, phone): keep them for offline starts. */
  async updateUser(user) {
    state.user = user;
    await keptPut('me', user);
  },
  /** A guided session is running: hold back the update banner until it ends. */
  setSessionActive(active) {
    state.sessionActive = active;
    refreshUpdateBanner();
  },
};

async function boot() {
  captureInstallPrompt();
  registerServiceWorker((apply) => {
    state.applyUpdate = apply;
    refreshUpdateBanner();
  }).catch(() => {}); // no service worker (private mode, old browser): the app still works online
  const banner = createConnectionBanner(connection, reconnect);
  banner.id = 'connection-status';
  document.querySelector('.app-header').after(banner);
  connection.addEventListener('change', ({ detail }) => {
    if (detail.state !== 'online') return;
    sendQueuedSignOut();
    state.outbox?.flush();
    state.view?.reconnected?.(); // a screen showing a kept copy or a failed load may fetch again
  });
  window.addEventListener('hashchange', () => {
    if (!state.workspace) show(parseRoute(location.hash));
  });
  window.addEventListener('online', sendQueuedSignOut);
  await sendQueuedSignOut(); // before asking who is signed in: that cookie must not count
  return startUp();
}

/** Find who is signed in and open the right screen; on a server error, say so with a retry. */
async function startUp() {
  const route = parseRoute(location.hash);
  if (SIGNED_OUT_ROUTES.has(route.name)) return show(route);
  // Fetch the screen's code while asking who is signed in, not after: one round trip less.
  (PUBLIC[route.name] || CLIENT[route.name])?.().catch(() => {});
  let user;
  try {
    user = await whoIsSignedIn();
  } catch (error) {
    // Not "signed out": the server could not say. Sending them to sign in would mislead.
    main.removeAttribute('aria-busy');
    main.replaceChildren(
      h(
        'section',
        { class: 'screen' },
        screenTitle('Cluneal Companion'),
        createProblem({ error, onRetry: startUp }),
      ),
    );
    main.querySelector('.screen-title')?.focus();
    return undefined;
  }
  if (user) return startFor(user);
  return PUBLIC[route.name] ? show(route) : navigate('login');
}

/**
 * The signed-in user from the server, or the last one known when offline; null when signed out
 * (401). Any other answer (a 500, say) is thrown: it says nothing about who is signed in.
 */
async function whoIsSignedIn() {
  try {
    const user = await api.get('/api/me');
    await keptPut('me', user);
    return user;
  } catch (error) {
    if (isNetworkError(error)) return (await keptGet('me')) || null;
    if (error instanceof ApiError && error.status === 401) {
      await forgetSignedOut();
      return null;
    }
    throw error;
  }
}

/**
 * The server ended the session (a password reset elsewhere, a sign-out on another phone, age):
 * the kept program and trends go; unsent records stay, to be sent once the person signs in.
 */
async function forgetSignedOut() {
  const kept = await keptGet('me');
  if (kept) await keptForget(`${kept.id}:`);
  await keptForget('me');
}

/** "Try again" on the offline banner: ask the server; the 'change' listener does the rest. */
async function reconnect() {
  if (!(await connection.check())) return;
  await state.outbox?.flush();
}

/** The user's outbox, started once per signed-in user. */
function openOutbox(user) {
  if (state.outbox?.userId === user.id) return state.outbox;
  state.outbox?.stop();
  state.outbox = new Outbox(api, user.id);
  state.outbox.addEventListener('change', (event) => renderSyncStatus(syncStatus, event.detail));
  state.outbox.start();
  return state.outbox;
}

async function startFor(user) {
  state.user = user;
  await keptPut('me', user);
  await keptForget(SIGN_OUT_PENDING); // signing in ended the old session on the server already
  if (user.role === 'therapist') return startTherapist(user);
  openOutbox(user);
  // A session draft left over 12 hours is saved as stopped early, whichever screen opens first.
  const outbox = state.outbox;
  import('./session-draft.js').then(({ openDraft }) => openDraft(outbox, user.id));
  nav.replaceChildren(createNav());
  nav.hidden = false;
  const route = parseRoute(location.hash);
  // An old invite link opened while signed in leads to Today, not to a second account.
  if (SIGNED_OUT_ROUTES.has(route.name) || route.name === 'join' || !location.hash)
    navigate('today');
  else show(route);
}

async function startTherapist(user) {
  state.workspace = true; // from here on the workspace owns every hash
  nav.hidden = true;
  syncStatus.replaceChildren();
  document.getElementById('connection-status')?.remove(); // its words are about the client's phone
  const { startWorkspace } = await import('./therapist/workspace.js');
  startWorkspace({ root: main, api, user, signOut });
}

async function show(route) {
  const showing = ++state.showing;
  await state.view?.leave?.();
  state.view = null;
  const loader = PUBLIC[route.name] || CLIENT[route.name];
  if (!loader) return navigate('today');
  // Signed in already: an old invite or reset link, or the sign-in page, leads to Today.
  if (state.user && (SIGNED_OUT_ROUTES.has(route.name) || route.name === 'join'))
    return navigate('today');
  if (CLIENT[route.name] && !state.user) return navigate('login');
  main.setAttribute('aria-busy', 'true');
  let view;
  try {
    const createView = await loader();
    view = await createView(context, route.param);
  } catch (error) {
    // The screen's edge: whatever failed while building it, say so plainly and offer a retry.
    view = {
      element: h(
        'section',
        { class: 'screen' },
        screenTitle(TITLES[route.name] || 'Cluneal Companion'),
        createProblem({ error, onRetry: () => show(route) }),
      ),
    };
    if (!(error instanceof ApiError) && !isNetworkError(error)) console.error(error);
  }
  if (showing !== state.showing) return view.leave?.(); // a newer navigation got there first
  main.removeAttribute('aria-busy');
  state.view = view;
  main.replaceChildren(view.element);
  nav.hidden = !state.user || state.workspace;
  markCurrent(nav, route.name);
  main.querySelector('.screen-title')?.focus();
  refreshUpdateBanner();
}

function refreshUpdateBanner() {
  if (state.applyUpdate && !state.sessionActive) showUpdateBanner(state.applyUpdate);
  else hideUpdateBanner({ waiting: Boolean(state.applyUpdate) });
}

/**
 * Sign out for real: the server ends the session (now, or once back online: the request waits in
 * IndexedDB), and this phone forgets the person's health data. Views warn about unsent records
 * before calling this; whatever is still unsent here is deleted with the rest.
 */
async function signOut() {
  await keptPut(SIGN_OUT_PENDING, true); // first, so a tab closed mid-way still signs out
  await forgetAccount(state.user?.id);
  await sendQueuedSignOut();
  if (state.workspace) {
    location.hash = '#/login';
    location.reload(); // the workspace holds listeners of its own; a fresh page drops them all
    return;
  }
  navigate('login');
}

/** Tell the server about a queued sign-out; kept for the next try when offline. */
async function sendQueuedSignOut() {
  if (!(await keptGet(SIGN_OUT_PENDING))) return;
  try {
    await api.post('/api/auth/logout');
  } catch (error) {
    // Offline, or the server failed: the 'online' event or the next start tries again.
    if (isNetworkError(error) || error.status >= 500) return;
  }
  await keptForget(SIGN_OUT_PENDING);
}

/** After sign-out or closing the account: drop everything this device kept about the person. */
async function forgetAccount(userId) {
  state.outbox?.stop();
  if (userId !== undefined) await forgetUserData(userId);
  await keptForget('me');
  Object.assign(state, { user: null, outbox: null });
  syncStatus.replaceChildren();
}

boot();
