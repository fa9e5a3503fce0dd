// The therapist's workspace: its header and navigation, and the hash routes of its screens.

import { ApiError, isNetworkError } from '../api.js';
import { ensureStylesheet } from '../charts/chart-kit.js';
import { h } from '../dom.js';
import { createProblem } from '../views/problem.js';
import { REFRESH_EVENT } from './live-refresh.js';
import { foldsFollowPrinting } from './print-folds.js';
import { ROUTES, routeFor } from './routes.js';

// In cascade order: the frame first, then one sheet per screen.
const WORKSPACE_STYLESHEETS = [
  '/css/workspace.css',
  '/css/caseload.css',
  '/css/client-page.css',
  '/css/program-editor.css',
  '/css/invite-print.css',
  '/css/clinic.css',
  '/css/summary-print.css',
];

/** Take over root (the page's <main>) and show the therapist's screens, caseload first. */
export function startWorkspace({ root, api, user, signOut }) {
  WORKSPACE_STYLESHEETS.forEach(ensureStylesheet);
  document.body.classList.add('workspace');
  // The app's own top bar is the client's; the workspace brings its header with navigation.
  const appHeader = document.querySelector('body > header.app-header');
  if (appHeader) appHeader.hidden = true;
  const header = workspaceHeader(user, signOut);
  root.before(header);
  root.classList.add('workspace-main');
  const context = { api, user, root };
  let shown = 0;

  async function show() {
    const route = routeFor(location.hash);
    if (route.redirect) {
      history.replaceState(null, '', route.redirect);
      return show();
    }
    const ticket = ++shown;
    markCurrent(header, route.section);
    root.setAttribute('aria-busy', 'true');
    const element = await renderRoute(ROUTES[route.name], context, route.params, show);
    if (ticket !== shown) return; // a later navigation won the race
    root.replaceChildren(element);
    root.removeAttribute('aria-busy');
    document.title = `${element.dataset.title || 'Workspace'} · Cluneal Companion`;
    (root.querySelector('h1') || root).focus({ preventScroll: false });
    window.scrollTo(0, 0);
  }

  window.addEventListener('hashchange', show);
  foldsFollowPrinting(root);
  // The service worker has just shown a safety alert: the screen on show refreshes at once.
  navigator.serviceWorker?.addEventListener('message', (event) => {
    if (event.data?.type === 'flag-alert') window.dispatchEvent(new CustomEvent(REFRESH_EVENT));
  });
  navigator.serviceWorker?.startMessages?.();
  return show();
}

async function renderRoute(view, context, params, retry) {
  try {
    return await view(context, params);
  } catch (error) {
    // The screen's edge: whatever failed while building it, said plainly, with a retry.
    if (!(error instanceof ApiError) && !isNetworkError(error)) console.error(error);
    return problemScreen(error, retry);
  }
}

function problemScreen(error, retry) {
  const notFound = error instanceof ApiError && error.status === 404;
  const title = notFound ? 'Not found' : 'This page could not be loaded';
  return h(
    'section',
    { class: 'ws-screen', 'data-title': title },
    h('h1', { tabindex: '-1', text: title }),
    notFound
      ? h('p', { text: 'This client is not in your caseload, or the page does not exist.' })
      : createProblem({
          error,
          message: isNetworkError(error)
            ? 'The workspace cannot reach the server just now. ' +
              'Check that this device is online, then try again.'
            : null,
          onRetry: retry,
        }),
    h('p', {}, h('a', { href: '#/clients', class: 'button', text: 'Back to the caseload' })),
  );
}

function workspaceHeader(user, signOut) {
  const signOutButton = h('button', { type: 'button', class: 'button', text: 'Sign out' });
  signOutButton.addEventListener('click', async () => {
    signOutButton.disabled = true;
    await signOut();
  });
  return h(
    'header',
    { class: 'ws-header' },
    h(
      'a',
      { class: 'ws-brand', href: '#/clients' },
      h('img', { src: '/icons/icon.svg', alt: '', width: 28, height: 28 }),
      h('span', { text: 'Cluneal Companion' }),
      h('span', { class: 'ws-brand-sub', text: 'for therapists' }),
    ),
    h(
      'nav',
      { class: 'ws-nav', 'aria-label': 'Workspace' },
      h('a', { href: '#/clients', 'data-section': 'clients', text: 'Caseload' }),
      h('a', { href: '#/invite', 'data-section': 'invite', text: 'Invite a client' }),
      h('a', { href: '#/alerts', 'data-section': 'alerts', text: 'Alerts' }),
      h('a', { href: '#/clinic', 'data-section': 'clinic', text: 'Clinic and account' }),
    ),
    h(
      'div',
      { class: 'ws-user' },
      h('span', { class: 'ws-user-name', text: user?.name || user?.email || '' }),
      signOutButton,
    ),
  );
}

function markCurrent(header, section) {
  for (const link of header.querySelectorAll('[data-section]')) {
    if (link.dataset.section === section) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
}
