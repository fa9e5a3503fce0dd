"""The secret calendar feed: a revocable link, and RFC 5545 text that an independent parser
(icalendar + recurring-ical-events) reads back as the program's sessions in local time."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import recurring_ical_events

from .helpers import program_at


def _feed_path(url: str) -> str:
    return url.split("://", 1)[1].split("/", 1)[1].join(["/", ""])


def test_a_client_creates_reads_renews_and_revokes_the_link(world, signed_in, anonymous):
    http = signed_in(world.client)
    assert http.get("/api/me/calendar-feed").json == {"url": None}
    first = http.post("/api/me/calendar-feed").json["url"]
    assert http.get("/api/me/calendar-feed").json == {"url": first}
    assert anonymous.get(_feed_path(first)).status_code == 200
    second = http.post("/api/me/calendar-feed").json["url"]
    assert second != first
    assert anonymous.get(_feed_path(first)).status_code == 404
    assert anonymous.get(_feed_path(second)).status_code == 200
    assert http.delete("/api/me/calendar-feed").status_code == 204
    assert anonymous.get(_feed_path(second)).status_code == 404
    assert http.get("/api/me/calendar-feed").json == {"url": None}


def test_a_link_with_a_forged_signature_answers_404(world, signed_in, anonymous):
    url = signed_in(world.client).post("/api/me/calendar-feed").json["url"]
    feed_id = _feed_path(url).rsplit("/", 1)[1].split(".")[0]
    assert anonymous.get(f"/api/calendar/{feed_id}.{'0' * 32}.ics").status_code == 404
    assert anonymous.get(f"/api/calendar/{feed_id}.ics").status_code == 404


def test_only_a_client_has_a_feed(world, signed_in, anonymous):
    assert signed_in(world.therapist).post("/api/me/calendar-feed").status_code == 403
    assert anonymous.get("/api/me/calendar-feed").status_code == 401


def test_the_feed_lists_each_session_at_its_local_time_across_a_clock_change(
        world, make_client, make_program, signed_in, anonymous):
    client = make_client(world.therapist, timezone="America/New_York")
    program_at(make_program, world.therapist, client, datetime(2026, 3, 1, 12, tzinfo=UTC),
               ["07:30", "19:00"], days=["mon", "wed", "sun"])
    url = signed_in(client).post("/api/me/calendar-feed").json["url"]
    response = anonymous.get(_feed_path(url))
    assert response.status_code == 200
    assert response.mimetype == "text/calendar"
    text = response.get_data(as_text=True)
    assert "\r\n" in text and "DTSTART;TZID=America/New_York:" in text
    assert "RRULE:FREQ=WEEKLY;BYDAY=MO,WE,SU" in text and "BEGIN:VTIMEZONE" in text
    assert client.name not in text and client.email not in text

    calendar = icalendar.Calendar.from_ical(text)
    zone = ZoneInfo("America/New_York")
    events = recurring_ical_events.of(calendar).between(date(2026, 3, 6), date(2026, 3, 10))
    starts = sorted(e["DTSTART"].dt.astimezone(UTC) for e in events)
    local = [(s.astimezone(zone).date().isoformat(), s.astimezone(zone).strftime("%H:%M"))
             for s in starts]
    assert local == [("2026-03-08", "07:30"), ("2026-03-08", "19:00"),
                     ("2026-03-09", "07:30"), ("2026-03-09", "19:00")]
    # 8 March is the spring-forward day: 07:30 EDT is 11:30 UTC, the day before 12:30 UTC.
    assert starts[0] == datetime(2026, 3, 8, 11, 30, tzinfo=UTC)
    assert starts[2] - starts[0] == timedelta(hours=24)


def test_the_vtimezone_agrees_with_the_zone_database_in_a_half_hour_zone(
        world, make_client, make_program, signed_in, anonymous):
    client = make_client(world.therapist, timezone="Australia/Adelaide")
    program_at(make_program, world.therapist, client, datetime(2026, 3, 1, tzinfo=UTC),
               ["08:00"])
    text = anonymous.get(_feed_path(signed_in(client).post(
        "/api/me/calendar-feed").json["url"])).get_data(as_text=True)
    calendar = icalendar.Calendar.from_ical(text)
    events = recurring_ical_events.of(calendar).between(date(2026, 4, 3), date(2026, 4, 7))
    starts = sorted(e["DTSTART"].dt.astimezone(UTC) for e in events)
    # 08:00 ACDT (+10:30) on 3 and 4 April; from 5 April (03:00 change) 08:00 ACST (+09:30).
    assert starts == [datetime(2026, 4, 2, 21, 30, tzinfo=UTC),
                      datetime(2026, 4, 3, 21, 30, tzinfo=UTC),
                      datetime(2026, 4, 4, 22, 30, tzinfo=UTC),
                      datetime(2026, 4, 5, 22, 30, tzinfo=UTC)]


def test_a_client_without_a_program_gets_an_empty_but_valid_calendar(world, signed_in,
                                                                     anonymous):
    url = signed_in(world.client).post("/api/me/calendar-feed").json["url"]
    calendar = icalendar.Calendar.from_ical(anonymous.get(_feed_path(url)).data)
    assert calendar.walk("VEVENT") == []
