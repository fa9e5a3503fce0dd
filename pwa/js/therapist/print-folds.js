// Printing opens the screen's folded parts (<details>), so tables folded away on screen reach
// the paper; afterwards the ones it opened fold again. Folds marked .no-print stay as they are.

const OPENED = 'openedForPrint';

/** Open every closed fold under root for printing. */
export function openFoldsForPrint(root) {
  root.querySelectorAll('details:not([open]):not(.no-print)').forEach((fold) => {
    fold.dataset[OPENED] = 'true';
    fold.open = true;
  });
}

/** Fold again what openFoldsForPrint opened. */
export function restoreFolds(root) {
  root.querySelectorAll('details[data-opened-for-print]').forEach((fold) => {
    delete fold.dataset[OPENED];
    fold.open = false;
  });
}

/** Wire both to the window's print events, for whatever root shows at the time. */
export function foldsFollowPrinting(root) {
  window.addEventListener('beforeprint', () => openFoldsForPrint(root));
  window.addEventListener('afterprint', () => restoreFolds(root));
}
