// One way for a workspace button to run its request: disabled while it runs, and a failure said
// in the panel's status line (offline said as such, so the therapist knows to try again).

/** Run action from button, saying in status why it failed; resolves when it has ended. */
export async function runFromButton(button, status, action) {
  button.disabled = true;
  status.textContent = '';
  try {
    await action();
  } catch (error) {
    status.textContent = navigator.onLine
      ? `That did not work: ${error.message}`
      : 'You seem to be offline. Please try again.';
  } finally {
    button.disabled = false;
  }
}
