// "Add to home screen": the browser's install prompt where there is one, steps for iPhone Safari
// (iOS delivers push reminders only to an app opened from the home screen).
import { h } from '../dom.js';

let deferredPrompt = null;
const installable = new EventTarget();

/** Catch the browser's install offer early (it fires once, soon after the first load). */
export function captureInstallPrompt() {
  window.addEventListener('beforeinstallprompt', (event) => {
    event.preventDefault(); // offer it in our own words, at a calm moment, not as a banner
    deferredPrompt = event;
    installable.dispatchEvent(new Event('change'));
  });
  window.addEventListener('appinstalled', () => {
    deferredPrompt = null;
    installable.dispatchEvent(new Event('change'));
  });
}

export function isStandalone() {
  return window.matchMedia('(display-mode: standalone)').matches || navigator.standalone === true;
}

function isIos() {
  return (
    /iphone|ipad|ipod/i.test(navigator.userAgent) ||
    (navigator.platform === 'MacIntel' && navigator.maxTouchPoints > 1)
  );
}

/** A card inviting the person to install the app; null when it already runs installed. */
export function createInstallCard() {
  if (isStandalone()) return null;
  const card = h('section', {
    class: 'card stack',
    'aria-labelledby': 'install-title',
    'data-testid': 'install-card',
  });
  const render = () =>
    card.replaceChildren(
      h('h2', { id: 'install-title' }, 'Put the app on your home screen'),
      h(
        'p',
        {},
        'It then opens like any other app, works without a connection, and can remind you of your sessions.',
      ),
      ...(deferredPrompt ? [installButton()] : isIos() ? iosSteps() : otherSteps()),
    );
  installable.addEventListener('change', render);
  render();
  return card;
}

function installButton() {
  return h(
    'button',
    {
      type: 'button',
      class: 'button primary wide',
      on: {
        click: async () => {
          const prompt = deferredPrompt;
          deferredPrompt = null;
          await prompt?.prompt();
          installable.dispatchEvent(new Event('change'));
        },
      },
    },
    'Install the app',
  );
}

function iosSteps() {
  return [
    h(
      'p',
      {},
      'On iPhone and iPad, reminders only arrive when the app is opened from the home screen:',
    ),
    h(
      'ol',
      { class: 'install-steps' },
      h('li', {}, 'In Safari, tap the Share button (a square with an arrow pointing up).'),
      h('li', {}, 'Scroll down and tap “Add to Home Screen”, then “Add”.'),
      h('li', {}, 'Open the app from its new icon and sign in again.'),
    ),
  ];
}

function otherSteps() {
  return [
    h('p', {}, 'Open your browser’s menu (⋮) and choose “Install app” or “Add to Home screen”.'),
  ];
}
