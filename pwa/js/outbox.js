// Every write waits here (IndexedDB) until the server acknowledges it; sends are idempotent by id.
import { ApiError, isNetworkError } from './api.js';
import {
  outboxAdd,
  outboxDelete,
  outboxEntries,
  outboxMarkRefused,
  outboxRetryRefused,
} from './store.js';

const ENDPOINTS = { log: '/api/me/logs', session: '/api/me/sessions' };
const MAX_BATCH = 500; // the server refuses longer batches (413)
const RETRY_MS = 30_000;
/** 4xx answers that say "later", not "never": keep the batch and try again. */
const TRANSIENT = new Set([401, 403, 408, 425, 429]);
/** Said of a record the server would not store (its id is taken): it stays on this phone. */
const CANNOT_STORE =
  "The server can't store this one, so it stays on this phone. Tell your therapist if " +
  'it keeps happening.';

/**
 * The outbox of one signed-in user. Emits 'change' with detail {waiting, refused, entries,
 * afterSend} (afterSend: a send attempt has just ended) and 'sent' with detail {kind, ids,
 * therapistAlerted} for each batch the server answered (ids: what it stored; therapistAlerted: the
 * receipt's therapist_alerted, undefined when the server does not say).
 * Entries are never expired: a record leaves only when the server lists its id as stored; one the
 * receipt lists as refused (its id is taken) is kept, marked refused, and shown.
 */
export class Outbox extends EventTarget {
  constructor(api, userId) {
    super();
    this.api = api;
    this.userId = userId;
    this.sending = null;
    this.again = false;
    this.timer = null;
    this.onOnline = () => this.flush();
  }

  /** Start sending: now, whenever the network returns, and on a timer while anything waits. */
  start() {
    window.addEventListener('online', this.onOnline);
    this.timer = setInterval(() => this.flush(), RETRY_MS);
    return this.flush();
  }

  stop() {
    window.removeEventListener('online', this.onOnline);
    clearInterval(this.timer);
  }

  /**
   * Keep one record (kind 'log' or 'session'; body carries its uuid id), then try to send.
   * closesDraft: the record ends the user's session draft, which goes in the same write.
   */
  async add(kind, body, { closesDraft = false } = {}) {
    await outboxAdd({ id: body.id, kind, userId: this.userId, body }, { closesDraft });
    await this.report();
    this.flush();
  }

  /** Try the refused records once more (after the person asked to). */
  async retryRefused() {
    await outboxRetryRefused(this.userId);
    return this.flush();
  }

  /**
   * Send what waits; concurrent calls share one run. A call during a run asks for one more run
   * after it: the network may have come back (an 'online' event) just after this run failed.
   */
  flush() {
    if (this.sending) {
      this.again = true;
      return this.sending;
    }
    this.sending = (async () => {
      do {
        this.again = false;
        await this.sendAll();
      } while (this.again);
    })().finally(() => {
      this.sending = null;
    });
    return this.sending;
  }

  async sendAll() {
    try {
      for (const kind of Object.keys(ENDPOINTS)) {
        const pending = (await outboxEntries(this.userId)).filter(
          (e) => e.kind === kind && !e.refused,
        );
        for (let i = 0; i < pending.length; i += MAX_BATCH) {
          await this.sendBatch(kind, pending.slice(i, i + MAX_BATCH));
        }
      }
    } catch (error) {
      if (!isNetworkError(error) && !(error instanceof ApiError)) throw error;
      // Offline or the server said "later": everything stays; the next trigger retries.
    } finally {
      await this.report({ afterSend: true });
    }
  }

  async sendBatch(kind, batch) {
    try {
      const receipt = await this.api.post(
        ENDPOINTS[kind],
        batch.map((entry) => entry.body),
      );
      const sent = new Set(batch.map((entry) => entry.id));
      const stored = (receipt?.ids || []).filter((id) => sent.has(id));
      const refused = (receipt?.refused || []).map((item) => item.id).filter((id) => sent.has(id));
      await outboxDelete(stored.filter((id) => !refused.includes(id)));
      if (refused.length) await outboxMarkRefused(refused, { status: 409, message: CANNOT_STORE });
      this.dispatchEvent(
        new CustomEvent('sent', {
          detail: { kind, ids: stored, therapistAlerted: receipt?.therapist_alerted },
        }),
      );
    } catch (error) {
      if (!(error instanceof ApiError) || error.status >= 500 || TRANSIENT.has(error.status))
        throw error;
      const refused = refusedIds(batch, error);
      await outboxMarkRefused(refused, { status: error.status, message: error.message });
      const rest = batch.filter((entry) => !refused.includes(entry.id));
      if (rest.length) await this.sendBatch(kind, rest); // the good ones need not wait
    }
  }

  async report({ afterSend = false } = {}) {
    const entries = await outboxEntries(this.userId);
    const refused = entries.filter((entry) => entry.refused).length;
    this.dispatchEvent(
      new CustomEvent('change', {
        detail: { waiting: entries.length - refused, refused, entries, afterSend },
      }),
    );
  }
}

/** A 422 names bad items by their index in the batch; only those are set aside. */
function refusedIds(batch, error) {
  const indexes = Object.keys(error.errors || {})
    .filter((key) => /^\d+$/.test(key))
    .map(Number);
  const named = indexes.map((index) => batch[index]?.id).filter(Boolean);
  return named.length ? named : batch.map((entry) => entry.id);
}
