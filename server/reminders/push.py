"""Push senders: Web Push (VAPID-signed, aes128gcm-encrypted, RFC 8030/8291/8292) and a console
sender for development. Both take one subscription and one payload and say what happened.

What each failure means, decided here once (see classify):
- 201/202 (and any 2xx): accepted by the push service: SENT.
- 404 and 410: the subscription is gone for good: GONE; the caller deletes it, never retries.
- 429, 5xx, timeouts and connection errors: passing trouble: RETRY, with backoff, a bounded
  number of times (deliver_with_retry).
- Anything else (400, 401, 403, 413, a redirect, an endpoint that fails the request-forgery
  check at send time): FAILED for this message; the subscription is kept.
"""

from __future__ import annotations

import enum
import logging
import threading
import time
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from typing import Protocol

import requests
from pywebpush import WebPusher

from .endpoints import EndpointRefused, check_push_endpoint
from .vapid import VapidKeys, VapidSigner

log = logging.getLogger(__name__)

#: Longest we wait for a push service to answer one request, in seconds.
SEND_TIMEOUT = 10
#: Attempts per message: the first and up to three retries.
MAX_ATTEMPTS = 4
#: Backoff before retry n is BACKOFF_BASE * 2**(n-1) seconds, or the service's Retry-After,
#: never more than MAX_BACKOFF (a reminder must still land within its minute or so).
BACKOFF_BASE = 0.5
MAX_BACKOFF = 10.0


class Outcome(enum.Enum):
    SENT = "sent"
    GONE = "gone"
    RETRY = "retry"
    FAILED = "failed"


@dataclass(frozen=True)
class Subscription:
    """A push subscription, detached from the database so worker threads can use it."""

    id: int
    user_id: int
    endpoint: str
    p256dh: str
    auth: str


@dataclass(frozen=True)
class SendResult:
    outcome: Outcome
    status: int | None = None
    retry_after: float | None = None
    attempts: int = 1

    @property
    def reason(self) -> str:
        if self.outcome is Outcome.SENT:
            return ""
        return f"http-{self.status}" if self.status else self.outcome.value


def classify(status: int) -> Outcome:
    if 200 <= status < 300:
        return Outcome.SENT
    if status in (404, 410):
        return Outcome.GONE
    if status == 429 or status >= 500:
        return Outcome.RETRY
    return Outcome.FAILED


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        try:
            return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
        except (TypeError, ValueError):
            return None


class PushSender(Protocol):
    def send(self, subscription: Subscription, payload: bytes, *, ttl: int,
             topic: str | None = None, urgency: str = "normal") -> SendResult: ...


class _NoRedirectSession(requests.Session):
    """A push service answers; it never redirects. Following a redirect would let an endpoint
    that passed the forgery check send us somewhere that would not."""

    def request(self, *args, **kwargs):
        kwargs["allow_redirects"] = False
        return super().request(*args, **kwargs)


class WebPushSender:
    """Real Web Push: payload encrypted for the subscriber's keys (aes128gcm), request signed
    with our VAPID key. Thread-safe: each thread keeps its own HTTP connection pool."""

    def __init__(self, keys: VapidKeys, *, allow_loopback: bool = False,
                 timeout: float = SEND_TIMEOUT):
        self._signer = VapidSigner(keys)
        self._allow_loopback = allow_loopback
        self._timeout = timeout
        self._local = threading.local()

    def _session(self) -> requests.Session:
        session = getattr(self._local, "session", None)
        if session is None:
            session = self._local.session = _NoRedirectSession()
        return session

    def send(self, subscription: Subscription, payload: bytes, *, ttl: int,
             topic: str | None = None, urgency: str = "normal") -> SendResult:
        try:
            check_push_endpoint(subscription.endpoint, allow_loopback=self._allow_loopback)
        except EndpointRefused:
            return SendResult(Outcome.FAILED)
        headers = self._signer.headers_for(subscription.endpoint)
        headers["Urgency"] = urgency
        if topic:
            # Topic (RFC 8030 §5.4): a second copy of the same reminder replaces an undelivered
            # first one at the push service instead of queueing beside it.
            headers["Topic"] = topic
        pusher = WebPusher({"endpoint": subscription.endpoint,
                            "keys": {"p256dh": subscription.p256dh, "auth": subscription.auth}},
                           requests_session=self._session())
        try:
            response = pusher.send(payload, headers, ttl=ttl, content_encoding="aes128gcm",
                                   timeout=self._timeout)
        except (requests.Timeout, requests.ConnectionError):
            return SendResult(Outcome.RETRY)
        except requests.RequestException:
            return SendResult(Outcome.FAILED)
        return SendResult(classify(response.status_code), response.status_code,
                          _retry_after(response.headers.get("Retry-After")))


@dataclass
class ConsolePushSender:
    """Development sender: logs that a push would go out (never its content) and keeps the
    payloads in memory for a person or a test to look at."""

    sent: list[tuple[int, bytes]] = field(default_factory=list)

    def send(self, subscription: Subscription, payload: bytes, *, ttl: int,
             topic: str | None = None, urgency: str = "normal") -> SendResult:
        self.sent.append((subscription.id, payload))
        log.info("push to subscription %s (%d bytes, ttl %ss)", subscription.id, len(payload),
                 ttl)
        return SendResult(Outcome.SENT, 201)


def deliver_with_retry(sender: PushSender, subscription: Subscription, payload: bytes, *,
                       ttl: int, topic: str | None = None, urgency: str = "normal",
                       sleep=time.sleep, max_attempts: int = MAX_ATTEMPTS) -> SendResult:
    """Send, retrying only what classify calls passing trouble, with exponential backoff (or
    the service's Retry-After), at most max_attempts times in all."""
    result = SendResult(Outcome.RETRY)
    for attempt in range(1, max_attempts + 1):
        result = sender.send(subscription, payload, ttl=ttl, topic=topic, urgency=urgency)
        if result.outcome is not Outcome.RETRY or attempt == max_attempts:
            break
        delay = result.retry_after if result.retry_after is not None else (
            BACKOFF_BASE * 2 ** (attempt - 1))
        sleep(min(delay, MAX_BACKOFF))
    return SendResult(result.outcome, result.status, result.retry_after, attempt)
