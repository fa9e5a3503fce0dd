// The workspace's hash routes: '#/clients/12/program' → the program editor for client 12.

const lazy = (path, name) => async (context, params) => (await import(path))[name](context, params);

/** Each route's screen: (context, params) → Promise<HTMLElement>. */
export const ROUTES = {
  caseload: lazy('./caseload-view.js', 'caseloadScreen'),
  client: lazy('./client-view.js', 'clientScreen'),
  program: lazy('./program-editor.js', 'programEditorScreen'),
  print: lazy('./program-print.js', 'programPrintScreen'),
  summary: lazy('./clinical-summary.js', 'clinicalSummaryScreen'),
  invite: lazy('./invite-view.js', 'inviteScreen'),
  clinic: lazy('./clinic-view.js', 'clinicScreen'),
  alerts: lazy('./alerts-view.js', 'alertsScreen'),
};

/**
 * The route for a location hash: {name, params, section} (section marks the nav link), or
 * {redirect} for hashes that are not the workspace's (such as '#/login' after signing in).
 */
export function routeFor(hash) {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean);
  const [first, id, sub, leaf] = parts;
  if (first === 'invite' && parts.length === 1) {
    return { name: 'invite', params: {}, section: 'invite' };
  }
  if (first === 'clinic' && parts.length === 1) {
    return { name: 'clinic', params: {}, section: 'clinic' };
  }
  // '#/settings' is where a test notification sent to a client's phone leads; on a therapist's
  // device it means their alert settings.
  if ((first === 'alerts' || first === 'settings') && parts.length === 1) {
    return { name: 'alerts', params: {}, section: 'alerts' };
  }
  if (first === 'clients' && id && /^\d+$/.test(id)) {
    const clientId = Number(id);
    if (!sub) return { name: 'client', params: { clientId }, section: 'clients' };
    if (sub === 'program' && !leaf)
      return { name: 'program', params: { clientId }, section: 'clients' };
    if (sub === 'summary' && !leaf)
      return { name: 'summary', params: { clientId }, section: 'clients' };
    if (sub === 'program' && leaf === 'print') {
      return { name: 'print', params: { clientId }, section: 'clients' };
    }
  }
  if (first === 'clients' && parts.length === 1) {
    return { name: 'caseload', params: {}, section: 'clients' };
  }
  return { redirect: '#/clients' };
}
