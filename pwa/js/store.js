// The only module that knows the IndexedDB schema: the outbox of unsent records, kept answers,
// and the draft of a guided session in progress.
import { openDB } from '/vendor/idb.js';

const DB_NAME = 'cluneal-companion';
const DB_VERSION = 2;

let dbPromise = null;

function database() {
  dbPromise ??= openDB(DB_NAME, DB_VERSION, {
    upgrade(db, oldVersion) {
      // Each case carries data forward from the version before; never drop a store with records.
      switch (oldVersion) {
        case 0: {
          // outbox: {id, kind: 'log'|'session', userId, body, queuedAt, refused: null|{status, message}}
          const outbox = db.createObjectStore('outbox', { keyPath: 'id' });
          outbox.createIndex('by-user', 'userId');
          // kept: the last good answers to show offline ({key, value, savedAt}).
          db.createObjectStore('kept', { keyPath: 'key' });
        }
        // falls through: version 1's outbox and kept answers stay exactly as they are
        case 1:
          // drafts: one unfinished guided session per user ({userId, session, phase, updatedAt}).
          db.createObjectStore('drafts', { keyPath: 'userId' });
        // falls through to later versions' upgrades
        default:
      }
    },
  });
  return dbPromise;
}

/**
 * Put one record into the outbox (same id again replaces it, which changes nothing on send).
 * closesDraft: also drop the user's session draft, in the same transaction, so a finished session
 * is either still a draft or already in the outbox, never both and never neither.
 */
export async function outboxAdd(entry, { closesDraft = false } = {}) {
  const tx = (await database()).transaction(
    closesDraft ? ['outbox', 'drafts'] : ['outbox'],
    'readwrite',
  );
  const writes = [
    tx.objectStore('outbox').put({ refused: null, queuedAt: new Date().toISOString(), ...entry }),
  ];
  if (closesDraft) writes.push(tx.objectStore('drafts').delete(entry.userId));
  await Promise.all([...writes, tx.done]);
}

/** Every outbox entry of one user, oldest first. */
export async function outboxEntries(userId) {
  const entries = await (await database()).getAllFromIndex('outbox', 'by-user', userId);
  return entries.sort((a, b) => a.queuedAt.localeCompare(b.queuedAt));
}

/** Remove entries the server acknowledged. */
export async function outboxDelete(ids) {
  const tx = (await database()).transaction('outbox', 'readwrite');
  await Promise.all([...ids.map((id) => tx.store.delete(id)), tx.done]);
}

/** Mark entries the server refused (4xx), so they are kept and shown but not re-sent in a loop. */
export async function outboxMarkRefused(ids, refused) {
  const tx = (await database()).transaction('outbox', 'readwrite');
  for (const id of ids) {
    const entry = await tx.store.get(id);
    if (entry) await tx.store.put({ ...entry, refused });
  }
  await tx.done;
}

/** Clear the refusal marks of one user's entries so they are tried again. */
export async function outboxRetryRefused(userId) {
  const entries = await outboxEntries(userId);
  const tx = (await database()).transaction('outbox', 'readwrite');
  for (const entry of entries) if (entry.refused) await tx.store.put({ ...entry, refused: null });
  await tx.done;
}

/** Drop every outbox entry of one user (their account was erased). */
export async function outboxForget(userId) {
  const entries = await outboxEntries(userId);
  await outboxDelete(entries.map((entry) => entry.id));
}

/**
 * Forget everything this phone keeps about one person: unsent records, the session draft, kept
 * answers (program, trends, safety stop) and who was signed in. After sign-out or closing.
 */
export async function forgetUserData(userId) {
  const db = await database();
  const outboxIds = await db.getAllKeysFromIndex('outbox', 'by-user', userId);
  const keptKeys = (await db.getAllKeys('kept')).filter(
    (key) => key === 'me' || key.startsWith(`${userId}:`),
  );
  const tx = db.transaction(['outbox', 'drafts', 'kept'], 'readwrite');
  await Promise.all([
    ...outboxIds.map((id) => tx.objectStore('outbox').delete(id)),
    tx.objectStore('drafts').delete(userId),
    ...keptKeys.map((key) => tx.objectStore('kept').delete(key)),
    tx.done,
  ]);
}

/** A kept value, or undefined. */
export async function keptGet(key) {
  return (await (await database()).get('kept', key))?.value;
}

/** Keep a value (the last good answer of a GET, say). */
export async function keptPut(key, value) {
  await (await database()).put('kept', { key, value, savedAt: new Date().toISOString() });
}

/** Forget every kept value whose key starts with prefix. */
export async function keptForget(prefix) {
  const db = await database();
  const keys = (await db.getAllKeys('kept')).filter((key) => key.startsWith(prefix));
  const tx = db.transaction('kept', 'readwrite');
  await Promise.all([...keys.map((key) => tx.store.delete(key)), tx.done]);
}

/** The user's guided-session draft, or undefined. */
export async function draftGet(userId) {
  return (await database()).get('drafts', userId);
}

/** Keep (replace) the user's guided-session draft; draft.userId is its key. */
export async function draftPut(draft) {
  await (await database()).put('drafts', draft);
}

/** Drop the user's guided-session draft (their account was erased, say). */
export async function draftDelete(userId) {
  await (await database()).delete('drafts', userId);
}
