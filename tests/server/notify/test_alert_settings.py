"""The therapist's Alerts screen reads where alerts go: how many devices receive them, the
address emailed (only when mail is set up) and the resend plan; the test sent from it speaks of
alerts, not reminders, and opens the Alerts screen."""

from __future__ import annotations

from datetime import UTC, datetime

import time_machine

from server.domain.urgency import MAIL_TIERS, RESEND
from tests.factories import PASSWORD

NOW = datetime(2026, 3, 29, 0, 50, tzinfo=UTC)


def test_a_therapist_without_devices_or_mail_is_told_so(world, signed_in):
    body = signed_in(world.therapist).get("/api/me/alert-settings").json
    assert body == {
        "push_subscriptions": 0, "last_delivered_at": None, "email": None,
        "emailed_tiers": ["emergency", "same-day", "soon"],
        "resends": [{"urgency": "emergency", "every_minutes": 15, "times": 4},
                    {"urgency": "same-day", "every_minutes": 60, "times": 1}],
    }
    assert body["emailed_tiers"] == list(MAIL_TIERS)
    assert [r["urgency"] for r in body["resends"]] == list(RESEND)


def test_each_subscribed_device_counts_and_a_delivered_test_is_remembered(
        world, signed_in, subscribe, push_service):
    subscribe(world.therapist)
    subscribe(world.therapist)
    subscribe(world.client)  # the client's own phone is not the therapist's
    http = signed_in(world.therapist)
    assert http.get("/api/me/alert-settings").json["push_subscriptions"] == 2
    with time_machine.travel(NOW, tick=False):
        test = http.post("/api/me/reminders/test").json
        http.application.extensions["notify"].idle()
    assert http.get(f"/api/me/reminders/test/{test['id']}").json["status"] == "sent"
    assert len(push_service.wait_for(2)) == 2
    body = http.get("/api/me/alert-settings").json
    assert datetime.fromisoformat(body["last_delivered_at"]) == NOW


def test_the_therapists_test_speaks_of_alerts_and_opens_the_alerts_screen(
        world, signed_in, subscribe, push_service):
    subscribe(world.therapist)
    signed_in(world.therapist).post("/api/me/reminders/test")
    [message] = push_service.wait_for(1)
    assert message.payload["title"] == "Alerts are working"
    assert "reminder" not in message.payload["body"].lower()
    assert message.payload["url"] == "/#/alerts"
    assert message.payload["kind"] == "alert-test"


def test_the_address_is_shown_only_when_mail_is_set_up(world, mail_app):
    http = mail_app.test_client()
    assert http.post("/api/auth/login", json={"email": world.therapist.email,
                                              "password": PASSWORD}).status_code == 200
    assert http.get("/api/me/alert-settings").json["email"] == world.therapist.email


def test_a_client_is_refused_the_therapists_alert_settings(world, signed_in, anonymous):
    assert signed_in(world.client).get("/api/me/alert-settings").status_code == 403
    assert anonymous.get("/api/me/alert-settings").status_code == 401
