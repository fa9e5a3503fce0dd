// Placeholder, owned by the therapist work: the therapist's workspace.

/** Take over root and show the therapist's caseload. */
export function startWorkspace({ root }) {
  root.textContent = 'Caseload';
}
