// Starts the app: finds who is signed in, hands therapists to their workspace, routes client screens.
import { api, ApiError, isNetworkError } from './api.js';
import { Outbox } from './outbox.js';
import { navigate, parseRoute } from './router.js';
import { keptForget, keptGet, keptPut } from './store.js';
import { registerServiceWorker } from './sw-bridge.js';
import { captureInstallPrompt } from './views/install-prompt.js';
import { createNav, markCurrent } from './views/nav.js';
import { renderSyncStatus } from './views/sync-status.js';
import { hideUpdateBanner, showUpdateBanner } from './views/update-banner.js';

/** Screens anyone may open; the rest need a signed-in client. Loaded on first use. */
const PUBLIC = {
  login: () => import('./views/login.js').then((m) => m.createLoginView),
  join: () => import('./views/join.js').then((m) => m.createJoinView),
  about: () => import('./views/about.js').then((m) => m.createAboutView),
};
const CLIENT = {
  today: () => import('./views/today.js').then((m) => m.createTodayView),
  session: () => import('./views/session.js').then((m) => m.createSessionView),
  log: () => import('./views/log.js').then((m) => m.createLogView),
  history: () => import('./views/history.js').then((m) => m.createHistoryView),
  settings: () => import('./views/settings-screen.js').then((m) => m.createSettingsScreen),
};

const main = document.getElementById('main');
const nav = document.getElementById('app-nav');
const syncStatus = document.getElementById('sync-status');
const state = { user: null, outbox: null, view: null, applyUpdate: null, sessionActive: false, workspace: false };

const context = {
  api,
  navigate,
  get user() { return state.user; },
  get outbox() { return state.outbox; },
  signedIn: (user) => startFor(user),
  signOut,
  forgetAccount,
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
  window.addEventListener('hashchange', () => { if (!state.workspace) show(parseRoute(location.hash)); });
  const route = parseRoute(location.hash);
  if (route.name === 'join' || route.name === 'login') return show(route);
  // Fetch the screen's code while asking who is signed in, not after: one round trip less.
  (PUBLIC[route.name] || CLIENT[route.name])?.().catch(() => {});
  const user = await whoIsSignedIn();
  if (user) return startFor(user);
  return route.name === 'about' ? show(route) : navigate('login');
}

/** The signed-in user from the server, or the last one known when offline; null when signed out. */
async function whoIsSignedIn() {
  try {
    const user = await api.get('/api/me');
    await keptPut('me', user);
    return user;
  } catch (error) {
    if (isNetworkError(error)) return (await keptGet('me')) || null;
    if (error instanceof ApiError && error.status === 401) await keptForget('me');
    return null;
  }
}

async function startFor(user) {
  state.user = user;
  await keptPut('me', user);
  if (user.role === 'therapist') return startTherapist(user);
  state.outbox?.stop();
  state.outbox = new Outbox(api, user.id);
  state.outbox.addEventListener('change', (event) => renderSyncStatus(syncStatus, event.detail));
  state.outbox.start();
  // A session draft left over 12 hours is saved as stopped early, whichever screen opens first.
  const outbox = state.outbox;
  import('./session-draft.js').then(({ openDraft }) => openDraft(outbox, user.id));
  nav.replaceChildren(createNav());
  nav.hidden = false;
  const route = parseRoute(location.hash);
  if (route.name === 'login' || route.name === 'join' || !location.hash) navigate('today');
  else show(route);
}

async function startTherapist(user) {
  state.workspace = true; // from here on the workspace owns every hash
  nav.hidden = true;
  syncStatus.replaceChildren();
  const { startWorkspace } = await import('./therapist/workspace.js');
  startWorkspace({ root: main, api, user, signOut });
}

async function show(route) {
  await state.view?.leave?.();
  state.view = null;
  const loader = PUBLIC[route.name] || CLIENT[route.name];
  if (!loader) return navigate('today');
  if (CLIENT[route.name] && !state.user) return navigate('login');
  const createView = await loader();
  const view = await createView(context, route.param);
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

/** Sign out on the server, forget who was signed in on this device, show the sign-in page. */
async function signOut() {
  try {
    await api.post('/api/auth/logout');
  } catch (error) {
    if (!isNetworkError(error)) throw error;
  }
  await keptForget('me');
  state.outbox?.stop();
  Object.assign(state, { user: null, outbox: null });
  syncStatus.replaceChildren();
  if (state.workspace) {
    location.hash = '#/login';
    location.reload(); // the workspace holds listeners of its own; a fresh page drops them all
    return;
  }
  navigate('login');
}

/** After the account was erased: drop everything this device kept about it. */
async function forgetAccount(userId) {
  const { draftDelete, outboxForget } = await import('./store.js');
  await outboxForget(userId);
  await draftDelete(userId);
  await keptForget(`${userId}:`);
  await keptForget('me');
  state.outbox?.stop();
  Object.assign(state, { user: null, outbox: null });
  syncStatus.replaceChildren();
}

boot();
