// Downloads of one client's record for the therapist: spreadsheets (logs, sessions, flags; with
// local times and plain words) and a FHIR R4 bundle for another clinical system. Not printed.

import { h } from '../dom.js';

const DOWNLOADS = [
  ['format=csv&records=logs', 'Symptom logs (CSV)', 'logs.csv'],
  ['format=csv&records=sessions', 'Practice sessions (CSV)', 'sessions.csv'],
  ['format=csv&records=flags', 'Safety flags (CSV)', 'flags.csv'],
  ['format=fhir', 'Everything as FHIR R4 (JSON)', 'fhir.json'],
];

/** The download section of the client page for clientId. */
export function exportLinks(clientId) {
  return h(
    'section',
    { class: 'export-links no-print', 'aria-labelledby': 'export-heading' },
    h('h2', { id: 'export-heading', text: 'Download the record' }),
    h('p', {
      class: 'muted',
      text: 'Spreadsheets open with the right characters in Excel and LibreOffice; each time is given in UTC and in the client’s own time. Downloads are noted in the client’s access log.',
    }),
    h(
      'div',
      { class: 'ws-actions' },
      DOWNLOADS.map(([query, label, file]) =>
        h('a', {
          class: 'button',
          href: `/api/clients/${clientId}/export?${query}`,
          download: `client-${clientId}-${file}`,
          text: label,
        }),
      ),
    ),
  );
}
