"""The server's VAPID key pair (RFC 8292): from settings, or generated once into the instance
folder; and the signed Authorization header each push service expects."""

from __future__ import annotations

import base64
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from py_vapid import Vapid02

from ..instance_secrets import read_or_create

KEY_FILE = "vapid_private_key.pem"
#: A JWT lives 12 hours (RFC 8292 allows at most 24); re-sign when less than an hour is left.
TOKEN_LIFETIME = 12 * 3600
RESIGN_MARGIN = 3600


def b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@dataclass(frozen=True)
class VapidKeys:
    private_key: ec.EllipticCurvePrivateKey
    subject: str

    @property
    def public_key(self) -> str:
        """The uncompressed P-256 point, base64url: the browser's applicationServerKey."""
        return b64url(self.private_key.public_key().public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint))


def _parse_private_key(text: str) -> ec.EllipticCurvePrivateKey:
    text = text.strip()
    if text.startswith("-----BEGIN"):
        key = serialization.load_pem_private_key(text.encode(), password=None)
    else:
        raw = b64url_decode(text)
        if len(raw) == 32:  # a bare private scalar, as web-push tools print it
            key = ec.derive_private_key(int.from_bytes(raw, "big"), ec.SECP256R1())
        else:
            key = serialization.load_der_private_key(raw, password=None)
    if not isinstance(key, ec.EllipticCurvePrivateKey) or key.curve.name != "secp256r1":
        raise ValueError("VAPID_PRIVATE_KEY must be a P-256 (prime256v1) key")
    return key


def _new_pem() -> str:
    key = ec.generate_private_key(ec.SECP256R1())
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption()).decode()


def _instance_pem(instance_path: Path) -> str:
    path = instance_path / KEY_FILE
    for _ in range(50):
        try:
            pem = read_or_create(path, _new_pem)
        except FileExistsError:  # another process is creating it this very moment
            time.sleep(0.01)
            continue
        if pem:
            return pem
        time.sleep(0.01)
    raise RuntimeError(f"could not read {path}")


def load_vapid_keys(config: dict, instance_path: Path) -> VapidKeys:
    """VAPID_PRIVATE_KEY when set, else the instance folder's key (made on first run).

    A VAPID_PUBLIC_KEY that does not belong to the private key is refused at start-up, since
    every subscription made with the wrong key would silently never receive anything.
    """
    configured = config.get("VAPID_PRIVATE_KEY")
    key = _parse_private_key(configured or _instance_pem(instance_path))
    keys = VapidKeys(key, config.get("VAPID_SUBJECT") or "mailto:admin@cluneal.invalid")
    public = config.get("VAPID_PUBLIC_KEY")
    if configured and public and public.rstrip("=") != keys.public_key:
        raise ValueError("VAPID_PUBLIC_KEY does not match VAPID_PRIVATE_KEY")
    return keys


def push_origin(endpoint: str) -> str:
    parts = urlsplit(endpoint)
    return f"{parts.scheme}://{parts.netloc}"


class VapidSigner:
    """Signs one JWT per push-service origin and reuses it until it is close to expiry: signing
    is the costly step when thousands of reminders fall due in the same minute."""

    def __init__(self, keys: VapidKeys, clock=time.time):
        self._vapid = Vapid02(keys.private_key)
        self._subject = keys.subject
        self._clock = clock
        self._cache: dict[str, tuple[int, dict]] = {}
        self._lock = threading.Lock()

    def headers_for(self, endpoint: str) -> dict:
        audience = push_origin(endpoint)
        now = int(self._clock())
        with self._lock:
            cached = self._cache.get(audience)
            if cached and cached[0] - now > RESIGN_MARGIN:
                return dict(cached[1])
            expires = now + TOKEN_LIFETIME
            headers = self._vapid.sign({"aud": audience, "sub": self._subject, "exp": expires})
            self._cache[audience] = (expires, headers)
            return dict(headers)
