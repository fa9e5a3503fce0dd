"""A Web Push service on 127.0.0.1 for tests and the benchmark: it hands out subscriptions
(real P-256 keys and auth secrets), checks each request's VAPID JWT (ES256 signature against
the key in the header, which must be the app's; aud = this origin; exp in the future; sub), and
decrypts the aes128gcm payload with the subscriber's keys, as a browser's push service would."""

from __future__ import annotations

import base64
import json
import secrets
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import http_ece
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature


def b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def unb64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@dataclass(frozen=True)
class Received:
    token: str
    payload: dict
    claims: dict
    headers: dict
    at: float


class VapidError(Exception):
    pass


def verify_vapid(authorization: str, *, audience: str, expected_key: str | None) -> dict:
    """The JWT's claims, if the Authorization header is a valid RFC 8292 'vapid' one."""
    scheme, _, params = authorization.partition(" ")
    if scheme.lower() != "vapid":
        raise VapidError("scheme")
    fields = dict(part.strip().split("=", 1) for part in params.split(","))
    token, key = fields["t"], fields["k"]
    if expected_key is not None and key.rstrip("=") != expected_key:
        raise VapidError("not the application server's key")
    public = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), unb64url(key))
    signing_input, _, signature = token.rpartition(".")
    header = json.loads(unb64url(signing_input.split(".")[0]))
    if header.get("alg") != "ES256":
        raise VapidError("alg")
    raw = unb64url(signature)
    if len(raw) != 64:
        raise VapidError("signature length")
    der = encode_dss_signature(int.from_bytes(raw[:32], "big"), int.from_bytes(raw[32:], "big"))
    try:
        public.verify(der, signing_input.encode(), ec.ECDSA(hashes.SHA256()))
    except InvalidSignature as exc:
        raise VapidError("signature") from exc
    claims = json.loads(unb64url(signing_input.split(".")[1]))
    now = time.time()
    if claims.get("aud") != audience:
        raise VapidError("aud")
    if not now < claims.get("exp", 0) <= now + 24 * 3600:
        raise VapidError("exp")
    if not str(claims.get("sub", "")).startswith(("mailto:", "https:")):
        raise VapidError("sub")
    return claims


class LocalPushService:
    """Start with start(); subscribe() gives a browser-like PushSubscription JSON."""

    def __init__(self, expected_vapid_key: str | None = None, delay: float = 0.0):
        self.expected_vapid_key = expected_vapid_key
        #: Seconds each answer takes (a slow push service), to catch a sender mid-dispatch.
        self.delay = delay
        #: Requests that have arrived, answered or not.
        self.arrived = 0
        self.received: list[Received] = []
        self.rejected: list[str] = []
        self._keys: dict[str, tuple[ec.EllipticCurvePrivateKey, bytes]] = {}
        self._scripted: dict[str, list[int]] = {}
        self._changed = threading.Condition()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self.origin = f"http://127.0.0.1:{self._server.server_port}"

    def start(self) -> LocalPushService:
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def subscribe(self, key: ec.EllipticCurvePrivateKey | None = None) -> dict:
        token = secrets.token_urlsafe(12)
        key = key or ec.generate_private_key(ec.SECP256R1())
        auth = secrets.token_bytes(16)
        self._keys[token] = (key, auth)
        point = key.public_key().public_bytes(serialization.Encoding.X962,
                                              serialization.PublicFormat.UncompressedPoint)
        return {"endpoint": f"{self.origin}/push/{token}", "expirationTime": None,
                "keys": {"p256dh": b64url(point), "auth": b64url(auth)}}

    def script(self, endpoint: str, statuses: list[int]) -> None:
        """Answer the next requests to endpoint with these statuses, then 201 again."""
        self._scripted[endpoint.rsplit("/", 1)[1]] = list(statuses)

    def wait_for_arrivals(self, count: int, timeout: float = 30) -> int:
        with self._changed:
            self._changed.wait_for(lambda: self.arrived >= count, timeout)
            return self.arrived

    def wait_for(self, count: int, timeout: float = 30) -> list[Received]:
        with self._changed:
            self._changed.wait_for(lambda: len(self.received) >= count, timeout)
            return list(self.received)

    def _accept(self, token: str, body: bytes, headers: dict) -> int:
        scripted = self._scripted.get(token)
        if scripted:
            return scripted.pop(0)
        if token not in self._keys:
            return 410
        try:
            claims = verify_vapid(headers.get("authorization", ""), audience=self.origin,
                                  expected_key=self.expected_vapid_key)
            if headers.get("content-encoding") != "aes128gcm" or "ttl" not in headers:
                raise VapidError("headers")
            key, auth = self._keys[token]
            payload = json.loads(http_ece.decrypt(body, private_key=key, auth_secret=auth,
                                                  version="aes128gcm"))
        except Exception as exc:  # anything wrong is a refused message, recorded for the test
            with self._changed:
                self.rejected.append(f"{token}: {exc!r}")
                self._changed.notify_all()
            return 401 if isinstance(exc, VapidError) else 400
        with self._changed:
            self.received.append(Received(token, payload, claims, headers, time.time()))
            self._changed.notify_all()
        return 201

    def _handler(self):
        service = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive, as a real push service

            def do_POST(self):  # noqa: N802
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                with service._changed:
                    service.arrived += 1
                    service._changed.notify_all()
                if service.delay:
                    time.sleep(service.delay)
                token = self.path.rsplit("/", 1)[-1]
                headers = {k.lower(): v for k, v in self.headers.items()}
                status = service._accept(token, body, headers)
                self.send_response(status)
                if status == 429:
                    self.send_header("Retry-After", "0")
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *_args):
                pass

        return Handler
