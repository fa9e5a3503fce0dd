"""The states a notify ledger row (an alert or an email) passes through, and the claim lease
both ledgers share: pending → claimed → sent, failed or skipped."""

from datetime import timedelta

#: Waiting to be sent (or, for an email, to be retried after its backoff).
PENDING = "pending"
#: Taken by one process, which is sending it now.
CLAIMED = "claimed"
SENT = "sent"
FAILED = "failed"
#: Not sent, on purpose: its flag was acknowledged first, nothing can receive it, mail is off.
SKIPPED = "skipped"

#: A claim older than this, never finished, belonged to a process that died mid-send; the next
#: pass takes it over.
CLAIM_LEASE = timedelta(minutes=2)
