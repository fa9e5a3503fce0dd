// Plain sentences for access-log entries ("Dana looked at your trends"), for the client's
// settings and the therapist's client page. The codes are server/domain/access_log.py's.

/** Each action code as a verb phrase. */
export const ACTION_WORDS = {
  read: 'looked at',
  create: 'made',
  update: 'changed',
  export: 'downloaded',
  delete: 'closed',
};

/** Each part of the record, as it follows "your" or "the client's". */
export const RESOURCE_WORDS = {
  profile: 'details',
  program: 'home program',
  logs: 'symptom log',
  sessions: 'practice sessions',
  trends: 'trends',
  flags: 'safety flags',
  watch: 'sensitisation watch settings',
  record: 'whole record',
  'care-team': 'care team',
  status: 'care status',
  'reset-link': 'password reset link',
  password: 'password',
  consent: 'agreement to the privacy notice',
  account: 'account',
  outcomes: 'outcome measures and best directions',
};

/** Entries that read better said their own way. */
const SENTENCES = {
  'update flags': (whose) => `marked ${whose} safety flag as dealt with`,
  'create reset-link': (whose) => `made ${whose} password reset link`,
  'export record': (whose) => `downloaded ${whose} data`,
  'create consent': () => 'agreed to the privacy notice and joined',
  'update care-team': (whose) => `changed who cares for ${whose === 'your' ? 'you' : 'the client'}`,
  'update status': (whose) => `discharged or took back into care (${whose} care status)`,
};

/**
 * One entry as a sentence. viewer: 'client' (the record's owner: "you", "your") or
 * 'therapist' ("the client's").
 */
export function describeAccess(entry, viewer) {
  const own = entry.actor.role === 'client';
  const whose = viewer === 'client' ? 'your' : own ? 'their' : 'the client’s';
  const who = own
    ? viewer === 'client'
      ? 'You'
      : entry.actor.name || 'The client'
    : entry.actor.name || 'Someone';
  const key = `${entry.action} ${entry.resource}`;
  const what =
    SENTENCES[key]?.(whose) ||
    `${ACTION_WORDS[entry.action] || entry.action} ${whose} ${RESOURCE_WORDS[entry.resource] || entry.resource}`;
  return `${who} ${what}`;
}
