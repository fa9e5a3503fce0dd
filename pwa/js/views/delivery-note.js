// Says what really became of a record that matters to the therapist (a flagged log, a session in
// which pain rose): kept on the phone, sent, or sent with the therapist notified. Claims nothing
// the server did not confirm: the receipt's therapist_alerted must be true to say "notified".
import { connection } from '../connection.js';
import { h } from '../dom.js';

const WORDS = {
  sending: 'Sending to your therapist…',
  alerted: 'Your therapist has been sent a notification.',
  sent: 'Sent. Your therapist can see it in your records.',
  refused:
    'The server did not accept this, so it is kept on this phone and your therapist has not ' +
    'been told. Please contact your therapist directly.',
};

/**
 * A live status line for the record `recordId` in `outbox`. Make it before adding the record, so
 * a fast answer is not missed.
 */
export function createDeliveryNote(outbox, recordId) {
  const note = h(
    'p',
    { class: 'small', role: 'status', 'data-testid': 'delivery-note' },
    WORDS.sending,
  );
  const stopListening = () => {
    outbox.removeEventListener('sent', onSent);
    outbox.removeEventListener('change', onChange);
  };
  function onSent(event) {
    if (!event.detail.ids.includes(recordId)) return;
    stopListening();
    note.textContent = event.detail.therapistAlerted === true ? WORDS.alerted : WORDS.sent;
  }
  function onChange(event) {
    if (!event.detail.afterSend) return; // only a finished attempt says anything
    const entry = event.detail.entries.find((waiting) => waiting.id === recordId);
    if (!entry) return;
    if (entry.refused) note.textContent = WORDS.refused;
    else if (connection.state === 'online') {
      note.textContent =
        'Kept on this phone for now. It will be sent to your therapist as soon as the ' +
        'server can take it.';
    } else {
      note.textContent =
        'Kept on this phone. It will be sent to your therapist when your phone is back online.';
    }
  }
  outbox.addEventListener('sent', onSent);
  outbox.addEventListener('change', onChange);
  return note;
}
