"""The therapist told at once: a raised flag reaches every device the therapist subscribed
(through a real Web Push service on loopback, payload decrypted) and, for the tiers that ask the
client to see a doctor, their inbox (a real SMTP server on loopback); with no health details in
either; again while an emergency or same-day flag stays unacknowledged; exactly once."""

from __future__ import annotations

import json
import threading
import time
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from sqlalchemy import select, update

from server.domain import records, safety
from server.extensions import db
from server.models import AlertDelivery, SafetyFlag, User
from server.schemas.records import SymptomLogSchema
from tests.factories import PASSWORD, log_body, session_body

from .helpers import alert_rows, assert_no_health_details, mail_rows

NOW = datetime(2026, 3, 29, 0, 50, tzinfo=UTC)  # ten minutes before London's clocks go forward


@pytest.fixture
def frozen():
    """The clock stands still at NOW (move it with time_machine.travel)."""
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def flowing():
    """The clock starts at NOW and runs (push and SMTP servers keep real time)."""
    with time_machine.travel(NOW, tick=True):
        yield


def _sign_in(app, user):
    http = app.test_client()
    assert http.post("/api/auth/login", json={"email": user.email, "password": PASSWORD}
                     ).status_code == 200
    return http


def _flag_ids(app, client) -> list[int]:
    with app.app_context():
        return list(db.session.scalars(select(SafetyFlag.id).where(
            SafetyFlag.client_id == client.id).order_by(SafetyFlag.id)))


def test_a_red_flag_reaches_the_therapists_device_within_60_seconds_with_no_health_details(
        app, world, flowing, client_http, subscribe, push_service, idle):
    subscription = subscribe(world.therapist)
    started = time.monotonic()
    receipt = client_http.post("/api/me/logs", json=[
        log_body(pain=7, red_flags=["saddle-numbness"], notes="Numb since this morning")]).json
    assert receipt["therapist_alerted"] is True
    [message] = push_service.wait_for(1, timeout=60)
    assert time.monotonic() - started < 60
    assert push_service.rejected == []
    [flag_id] = _flag_ids(app, world.client)
    assert message.token == subscription["endpoint"].rsplit("/", 1)[1]
    assert message.payload == {
        "title": "Urgent: a client needs your attention",
        "body": "Open the app to see what was reported.",
        "tag": f"flag-{flag_id}", "renotify": False, "require_interaction": True,
        "kind": "flag", "urgency": "emergency",
        "flag_id": flag_id, "url": f"/#/clients/{world.client.id}",
    }
    assert_no_health_details(json.dumps(message.payload), "Robin", world.client.email)
    assert message.headers["urgency"] == "high"
    assert message.headers["topic"] == f"flag{flag_id}"
    idle()
    assert alert_rows(app) == [(flag_id, "mail", 0, "skipped", "mail-not-set-up"),
                               (flag_id, "push", 0, "sent", "")]


def test_every_flag_alerts_the_therapist_high_pain_and_a_session_rise_too(
        app, world, flowing, client_http, subscribe, push_service):
    subscribe(world.therapist)
    assert client_http.post("/api/me/logs", json=[log_body(pain=8)]).json["therapist_alerted"]
    assert client_http.post("/api/me/sessions", json=[session_body(pain_before=2, pain_after=4)]
                            ).json["therapist_alerted"]
    messages = push_service.wait_for(2, timeout=60)
    assert sorted(m.payload["urgency"] for m in messages) == ["review", "review"]
    assert {m.payload["require_interaction"] for m in messages} == {False}  # may fade away
    assert {m.payload["title"] for m in messages} == {"Something for you to review"}
    assert {m.headers["urgency"] for m in messages} == {"normal"}


def test_every_device_of_the_therapist_gets_it_and_a_gone_one_is_dropped(
        app, world, flowing, client_http, subscribe, push_service, idle):
    desk, phone = subscribe(world.therapist), subscribe(world.therapist)
    push_service.script(phone["endpoint"], [410])
    client_http.post("/api/me/logs", json=[log_body(pain=2, red_flags=["night-pain"])])
    idle()
    [message] = push_service.wait_for(1)
    assert message.token == desk["endpoint"].rsplit("/", 1)[1]
    [flag_id] = _flag_ids(app, world.client)
    assert (flag_id, "push", 0, "sent", "1 of 2 devices failed") in alert_rows(app)
    # The push service said the phone's subscription is gone: the next alert skips it.
    client_http.post("/api/me/logs", json=[log_body(pain=9)])
    idle()
    assert len(push_service.wait_for(2)) == 2 and push_service.rejected == []


def test_the_client_is_not_told_the_therapist_was_alerted_when_nothing_can_reach_them(
        app, world, frozen, client_http, idle):
    receipt = client_http.post("/api/me/logs", json=[log_body(pain=3, red_flags=["trauma"])])
    assert receipt.json["therapist_alerted"] is False
    calm = client_http.post("/api/me/logs", json=[log_body(pain=3)])
    assert calm.json["therapist_alerted"] is False
    idle()
    [flag_id] = _flag_ids(app, world.client)
    assert alert_rows(app) == [(flag_id, "mail", 0, "skipped", "mail-not-set-up"),
                               (flag_id, "push", 0, "skipped", "no-subscription")]


def test_a_client_without_a_therapist_raises_flags_but_no_alerts(
        app, world, frozen, client_http, idle):
    with app.app_context():
        db.session.execute(update(User).where(User.id == world.client.id)
                           .values(therapist_id=None))
        db.session.commit()
    receipt = client_http.post("/api/me/logs", json=[log_body(pain=9)]).json
    assert receipt["therapist_alerted"] is False and receipt["created"] == 1
    idle()
    assert len(_flag_ids(app, world.client)) == 1 and alert_rows(app) == []


def test_an_emergency_is_emailed_through_smtp_with_no_health_details(
        world, flowing, mail_app, mail_server):
    client = _sign_in(mail_app, world.client)
    receipt = client.post("/api/me/logs", json=[log_body(pain=6, red_flags=["bladder-bowel"])])
    assert receipt.json["therapist_alerted"] is True  # no device, but mail is set up
    [mail] = mail_server.wait_for(1, timeout=60)
    mail_app.extensions["notify"].idle()
    assert mail.recipients == [world.therapist.email]
    assert mail.message["From"] == "Cluneal Companion <alerts@clinic.example>"
    assert mail.message["To"] == world.therapist.email
    assert mail.message["Subject"] == "Urgent: a client needs your attention"
    assert mail.message["Message-ID"]
    assert f"http://localhost/#/clients/{world.client.id}" in mail.text
    assert mail.text.startswith("Hello Dana Therapist,")
    assert_no_health_details(mail.message["Subject"] + mail.text, "Robin", world.client.email)
    # Sent: the stored copy keeps no body.
    assert mail_rows(mail_app) == [(world.therapist.email, "sent", "", 1, "")]


@pytest.mark.parametrize(("log", "emailed"), [
    ({"pain": 2, "red_flags": ["progressive-weakness"]}, True),
    ({"pain": 2, "weakness": True}, True),
    ({"pain": 2, "red_flags": ["cancer-history"]}, True),
    ({"pain": 9}, False),
])
def test_emergency_same_day_and_soon_are_emailed_and_review_is_not(
        world, flowing, mail_app, mail_server, log, emailed):
    client = _sign_in(mail_app, world.client)
    assert client.post("/api/me/logs", json=[log_body(**log)]).json["therapist_alerted"] is \
        emailed
    mail_app.extensions["notify"].idle()
    assert len(mail_server.delivered) == (1 if emailed else 0)
    assert {row[1] for row in alert_rows(mail_app)} == ({"push", "mail"} if emailed
                                                         else {"push"})


def test_the_email_links_to_public_base_url_when_it_is_set(
        world, flowing, fresh_app, mail_server):
    app = fresh_app(MAIL_SERVER="127.0.0.1", MAIL_PORT=mail_server.port, MAIL_USE_TLS=False,
                    PUBLIC_BASE_URL="https://care.example.org")
    _sign_in(app, world.client).post("/api/me/logs",
                                     json=[log_body(pain=1, red_flags=["trauma"])])
    [mail] = mail_server.wait_for(1, timeout=60)
    app.extensions["notify"].idle()
    assert f"https://care.example.org/#/clients/{world.client.id}\r\n" in mail.text


def _emergency(app, client, **log) -> int:
    _sign_in(app, client).post("/api/me/logs",
                               json=[log_body(pain=2, red_flags=["saddle-numbness"], **log)])
    app.extensions["notify"].idle()
    return _flag_ids(app, client)[-1]


def _pass_at(app, instant):
    with time_machine.travel(instant, tick=False):
        app.extensions["notify"].run()
        app.extensions["notify"].idle()


def test_an_emergency_unacknowledged_for_15_minutes_is_sent_again_by_push_and_mail(
        world, frozen, mail_app, mail_server, subscribe, push_service):
    subscribe(world.therapist)
    flag_id = _emergency(mail_app, world.client)
    assert len(push_service.wait_for(1)) == 1 and len(mail_server.wait_for(1)) == 1

    _pass_at(mail_app, NOW + timedelta(minutes=14, seconds=59))
    assert len(push_service.received) == 1 and len(mail_server.delivered) == 1

    _pass_at(mail_app, NOW + timedelta(minutes=15))
    again = push_service.wait_for(2)[1].payload
    assert again["tag"] == f"flag-{flag_id}" and again["renotify"] is True
    assert again["body"] == "Still not acknowledged. Open the app to see what was reported."
    reminder = mail_server.wait_for(2)[1]
    assert reminder.message["Subject"] == "Reminder: Urgent: a client needs your attention"
    assert "has not been acknowledged yet" in reminder.text
    _pass_at(mail_app, NOW + timedelta(minutes=16))  # the same round is never sent twice
    assert len(push_service.received) == 2 and len(mail_server.delivered) == 2

    _pass_at(mail_app, NOW + timedelta(minutes=30))
    assert len(push_service.wait_for(3)) == 3 and len(mail_server.wait_for(3)) == 3

    therapist = _sign_in(mail_app, world.therapist)
    with time_machine.travel(NOW + timedelta(minutes=40), tick=False):
        assert therapist.post(f"/api/clients/{world.client.id}/flags/{flag_id}/acknowledge",
                              json={"note": "Ambulance called."}).status_code == 200
    _pass_at(mail_app, NOW + timedelta(minutes=45))
    _pass_at(mail_app, NOW + timedelta(hours=3))
    assert len(push_service.received) == 3 and len(mail_server.delivered) == 3
    assert push_service.rejected == []


def test_an_emergency_is_sent_again_at_most_four_times_in_its_first_hour(
        world, frozen, app, subscribe, push_service):
    subscribe(world.therapist)
    _emergency(app, world.client)
    for minutes in (15, 30, 45, 60, 75, 90, 24 * 60):
        _pass_at(app, NOW + timedelta(minutes=minutes))
    assert [m.payload["renotify"] for m in push_service.wait_for(5)] == [False] + [True] * 4
    assert len(push_service.received) == 5


def test_after_downtime_only_the_latest_due_round_is_sent(
        world, frozen, app, subscribe, push_service):
    subscribe(world.therapist)
    _emergency(app, world.client)
    _pass_at(app, NOW + timedelta(minutes=50))  # rounds 1 to 3 fell due while the server was down
    assert len(push_service.wait_for(2)) == 2
    _pass_at(app, NOW + timedelta(minutes=55))
    assert len(push_service.received) == 2


def test_a_same_day_flag_is_sent_again_once_after_an_hour_and_soon_never(
        world, frozen, app, make_client, subscribe, push_service):
    subscribe(world.therapist)
    soon_client = make_client(world.therapist, "Soon Client")
    _sign_in(app, world.client).post("/api/me/logs", json=[log_body(pain=2, weakness=True)])
    _sign_in(app, soon_client).post("/api/me/logs",
                                    json=[log_body(pain=2, red_flags=["night-pain"])])
    app.extensions["notify"].idle()
    assert len(push_service.wait_for(2)) == 2
    _pass_at(app, NOW + timedelta(minutes=15))
    assert len(push_service.received) == 2
    _pass_at(app, NOW + timedelta(minutes=60))
    [again] = push_service.wait_for(3)[2:]
    assert (again.payload["urgency"], again.payload["renotify"]) == ("same-day", True)
    _pass_at(app, NOW + timedelta(hours=5))
    assert len(push_service.received) == 3


def test_a_flag_acknowledged_before_its_alert_went_out_is_not_sent(
        app, world, frozen, subscribe, push_service):
    subscribe(world.therapist)
    with app.app_context():
        client = db.session.get(User, world.client.id)
        records.record_logs(client, SymptomLogSchema(many=True).load(
            [log_body(pain=2, red_flags=["trauma"])]))
        flag = db.session.scalar(select(SafetyFlag))
        safety.acknowledge_flag(db.session.get(User, world.therapist.id), flag, "Seen in clinic.")
        db.session.commit()
    app.extensions["notify"].idle()
    assert push_service.received == []
    # Mail is not set up here: that row was finished when it was queued.
    assert [row[1:] for row in alert_rows(app)] == [("mail", 0, "skipped", "mail-not-set-up"),
                                                    ("push", 0, "skipped", "acknowledged")]


def test_a_claim_abandoned_by_a_dead_process_is_sent_after_its_lease_and_not_before(
        app, world, frozen, client_http, subscribe, push_service, monkeypatch):
    subscribe(world.therapist)
    notifier = app.extensions["notify"]
    monkeypatch.setattr(notifier, "kick", lambda: None)
    client_http.post("/api/me/logs", json=[log_body(pain=9)])
    with app.app_context():  # claimed by a process that then died before sending
        db.session.execute(update(AlertDelivery).values(status="claimed", claimed_at=NOW))
        db.session.commit()
    _pass_at(app, NOW + timedelta(minutes=1, seconds=59))
    assert push_service.received == []
    _pass_at(app, NOW + timedelta(minutes=2, seconds=1))
    assert len(push_service.wait_for(1)) == 1
    _pass_at(app, NOW + timedelta(minutes=5))
    assert len(push_service.received) == 1


def test_two_passes_at_once_send_each_alert_once(
        app, world, frozen, client_http, subscribe, push_service, monkeypatch):
    subscribe(world.therapist)
    notifier = app.extensions["notify"]
    monkeypatch.setattr(notifier, "kick", lambda: None)
    client_http.post("/api/me/logs", json=[log_body(pain=2, red_flags=["trauma"]),
                                           log_body(pain=9)])
    start = threading.Barrier(2)

    def one_pass():
        start.wait()
        notifier.run()

    threads = [threading.Thread(target=one_pass) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(push_service.wait_for(2)) == 2
    notifier.run()
    assert len(push_service.received) == 2
    assert sorted({m.payload["flag_id"] for m in push_service.received}) == _flag_ids(
        app, world.client)
