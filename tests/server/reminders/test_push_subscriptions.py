"""The VAPID public key and storing push subscriptions, with the request-forgery checks."""

import base64

import pytest

from server.extensions import db
from server.models import PushSubscription


def _count(app):
    with app.app_context():
        return db.session.query(PushSubscription).count()


def test_anyone_can_read_the_public_key_as_a_p256_point(anonymous):
    response = anonymous.get("/api/push/public-key")
    assert response.status_code == 200
    raw = base64.urlsafe_b64decode(response.json["public_key"] + "==")
    assert len(raw) == 65 and raw[0] == 4


def test_the_key_is_kept_in_the_instance_folder_and_survives_a_restart(fresh_app, tmp_path):
    first = fresh_app(INSTANCE_PATH=str(tmp_path / "kept"))
    second = fresh_app(INSTANCE_PATH=str(tmp_path / "kept"))
    key = first.test_client().get("/api/push/public-key").json["public_key"]
    assert second.test_client().get("/api/push/public-key").json["public_key"] == key
    assert (tmp_path / "kept" / "vapid_private_key.pem").stat().st_mode & 0o077 == 0


def test_a_client_subscribes_and_the_same_endpoint_again_updates_it(app, world, signed_in,
                                                                      push_service):
    http = signed_in(world.client)
    subscription = push_service.subscribe()
    assert http.post("/api/me/push-subscriptions", json=subscription).status_code == 201
    renewed = {**subscription, "keys": push_service.subscribe()["keys"]}
    assert http.post("/api/me/push-subscriptions", json=renewed).status_code == 201
    with app.app_context():
        rows = db.session.query(PushSubscription).all()
        assert [(r.endpoint, r.p256dh) for r in rows] == [
            (subscription["endpoint"], renewed["keys"]["p256dh"])]


def test_a_therapist_may_subscribe_too(world, signed_in, push_service):
    response = signed_in(world.therapist).post("/api/me/push-subscriptions",
                                               json=push_service.subscribe())
    assert response.status_code == 201


def test_anonymous_cannot_subscribe(anonymous, push_service):
    response = anonymous.post("/api/me/push-subscriptions", json=push_service.subscribe())
    assert response.status_code == 401


@pytest.mark.parametrize("endpoint", [
    "http://push.example.com/x",            # not https
    "https://10.0.0.7/push",                # private
    "https://169.254.169.254/latest",       # link-local: cloud metadata
    "https://[::ffff:192.168.1.1]/push",    # private, written as IPv6
    "https://100.64.0.1/push",              # shared address space
    "https://user:pw@203.0.113.9/push",     # credentials in the URL
    "ftp://203.0.113.9/push",
    "not a url",
])
def test_endpoints_that_could_reach_the_servers_own_network_are_refused(app, world, signed_in,
                                                                         push_service, endpoint):
    subscription = {**push_service.subscribe(), "endpoint": endpoint}
    response = signed_in(world.client).post("/api/me/push-subscriptions", json=subscription)
    assert response.status_code == 422
    assert "endpoint" in response.json["errors"]
    assert _count(app) == 0


def test_loopback_endpoints_are_refused_unless_the_setting_admits_them(fresh_app, world,
                                                                        push_service):
    strict = fresh_app(PUSH_ALLOW_LOOPBACK=False)
    http = strict.test_client()
    http.post("/api/auth/login", json={"email": world.client.email,
                                       "password": "a-long-test-password"})
    response = http.post("/api/me/push-subscriptions", json=push_service.subscribe())
    assert response.status_code == 422
    assert response.json["errors"]["endpoint"] == ["The endpoint must use https."]


@pytest.mark.parametrize("keys", [
    {"p256dh": "c2hvcnQ", "auth": "AAAAAAAAAAAAAAAAAAAAAA"},
    {"p256dh": "BA" + "A" * 85, "auth": "c2hvcnQ"},
    {"p256dh": "!!!", "auth": "AAAAAAAAAAAAAAAAAAAAAA"},
])
def test_keys_of_the_wrong_size_are_refused_by_field(world, signed_in, push_service, keys):
    subscription = {**push_service.subscribe(), "keys": keys}
    response = signed_in(world.client).post("/api/me/push-subscriptions", json=subscription)
    assert response.status_code == 422
    assert "keys" in response.json["errors"]


def _b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _not_on_the_curve() -> bytes:
    """65 bytes shaped like an uncompressed P-256 point (0x04, x, y) that is not on it."""
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    point = bytearray(ec.generate_private_key(ec.SECP256R1()).public_key().public_bytes(
        Encoding.X962, PublicFormat.UncompressedPoint))
    point[-1] ^= 1  # y off by one: the equation no longer holds
    return bytes(point)


def _compressed_point() -> bytes:
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    return ec.generate_private_key(ec.SECP256R1()).public_key().public_bytes(
        Encoding.X962, PublicFormat.CompressedPoint)


@pytest.mark.parametrize(("field", "value"), [
    ("p256dh", _b64url(_not_on_the_curve())),
    ("p256dh", _b64url(b"\x04" + b"\x00" * 64)),           # the point at infinity's shape
    ("p256dh", _b64url(b"\x05" + _not_on_the_curve()[1:])),  # not the uncompressed tag
    ("p256dh", _b64url(_compressed_point() + b"\x00" * 32)),
    ("p256dh", _b64url(_compressed_point())),
    ("p256dh", "BA" + "A" * 84 + "!"),                       # outside the base64url alphabet
    ("auth", _b64url(bytes(15))),
    ("auth", _b64url(bytes(17))),
    ("auth", base64.b64encode(bytes([0xFB]) * 16).decode()),  # base64, not base64url: + and /
])
def test_keys_that_cannot_encrypt_a_push_message_are_refused_by_field(app, world, signed_in,
                                                                     push_service, field, value):
    subscription = push_service.subscribe()
    subscription["keys"][field] = value
    response = signed_in(world.client).post("/api/me/push-subscriptions", json=subscription)
    assert response.status_code == 422, response.json
    assert list(response.json["errors"]["keys"]) == [field]
    assert _count(app) == 0


def test_padded_base64url_keys_from_a_browser_are_accepted(world, signed_in, push_service):
    subscription = push_service.subscribe()
    keys = subscription["keys"]
    keys["p256dh"] += "=" * (-len(keys["p256dh"]) % 4)
    keys["auth"] += "=" * (-len(keys["auth"]) % 4)
    response = signed_in(world.client).post("/api/me/push-subscriptions", json=subscription)
    assert response.status_code == 201, response.json


def test_a_user_removes_their_own_subscription_only(app, world, signed_in, push_service):
    mine = push_service.subscribe()
    signed_in(world.client).post("/api/me/push-subscriptions", json=mine)
    other = signed_in(world.other_client)
    assert other.delete("/api/me/push-subscriptions",
                        json={"endpoint": mine["endpoint"]}).status_code == 204
    assert _count(app) == 1
    assert signed_in(world.client).delete("/api/me/push-subscriptions",
                                          json={"endpoint": mine["endpoint"]}).status_code == 204
    assert _count(app) == 0
