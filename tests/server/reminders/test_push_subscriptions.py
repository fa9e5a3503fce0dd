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
