"""The client's secret calendar feed (RFC 5545): program sessions as recurring events in the
client's own time zone, for phones that cannot take push notifications.

The link carries feed_id and an HMAC of it under SECRET_KEY; only feed_id is stored, so a copy
of the database alone cannot make a working link, and replacing feed_id kills every old link.
The feed holds no name and no health detail: calendar links get shared and synced widely.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from ..extensions import db
from ..models import CalendarFeed, Program, User, utcnow
from .vocabulary import WEEKDAYS

SESSION_MINUTES = 15
_BYDAY = dict(zip(WEEKDAYS, ("MO", "TU", "WE", "TH", "FR", "SA", "SU"), strict=True))


def feed_token(feed_id: str, secret: str) -> str:
    mac = hmac.new(secret.encode(), feed_id.encode(), hashlib.sha256).hexdigest()[:32]
    return f"{feed_id}.{mac}"


def feed_id_from_token(token: str, secret: str) -> str | None:
    feed_id, _, mac = token.partition(".")
    # compare_digest takes only ASCII text; a link we made is ASCII, so anything else is no feed.
    if not feed_id or not token.isascii() or not hmac.compare_digest(
            feed_token(feed_id, secret), token):
        return None
    return feed_id


def current_feed(client: User) -> CalendarFeed | None:
    return db.session.get(CalendarFeed, client.id)


def renew_feed(client: User) -> CalendarFeed:
    """Create the feed, or give it a new secret (every earlier link stops working)."""
    feed = current_feed(client)
    if feed is None:
        feed = CalendarFeed(client_id=client.id, feed_id=secrets.token_urlsafe(24))
        try:
            with db.session.begin_nested():
                db.session.add(feed)
            return feed
        except IntegrityError:  # created by a request racing this one: renew that one
            feed = current_feed(client)
    feed.feed_id = secrets.token_urlsafe(24)
    feed.created_at = utcnow()
    db.session.flush()
    return feed


def revoke_feed(client: User) -> None:
    db.session.execute(delete(CalendarFeed).where(CalendarFeed.client_id == client.id))


def feed_owner(feed_id: str) -> tuple[User, CalendarFeed] | None:
    """The feed and its client; none for a discharged client (their reminders have stopped)."""
    row = db.session.execute(select(User, CalendarFeed).join(
        CalendarFeed, CalendarFeed.client_id == User.id).where(
        CalendarFeed.feed_id == feed_id, User.discharged_at.is_(None),
        User.closed_at.is_(None))).first()
    return (row[0], row[1]) if row else None


# --- RFC 5545 text -------------------------------------------------------------------------

def _escape(text: str) -> str:
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\n", "\\n"))


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after CRLF and a space."""
    raw = line.encode()
    if len(raw) <= 75:
        return line
    parts, chunk = [], b""
    for char in line:
        encoded = char.encode()
        if len(chunk) + len(encoded) > (75 if not parts else 74):
            parts.append(chunk.decode())
            chunk = b""
        chunk += encoded
    parts.append(chunk.decode())
    return "\r\n ".join(parts)


def _local(value: datetime) -> str:
    return value.strftime("%Y%m%dT%H%M%S")


def _offset(delta: timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}{abs(minutes) % 60:02d}"


def _transitions(zone: ZoneInfo, first: date, years: int):
    """The zone's UTC-offset changes from first for some years, found by daily steps and then
    bisection to the second (zoneinfo does not expose its transition table)."""
    found = []
    at = datetime.combine(first, datetime.min.time(), tzinfo=UTC)
    end = at + timedelta(days=366 * years)
    while at < end:
        later = at + timedelta(days=1)
        if at.astimezone(zone).utcoffset() != later.astimezone(zone).utcoffset():
            low, high = at, later
            while high - low > timedelta(seconds=1):
                middle = low + (high - low) / 2
                if middle.astimezone(zone).utcoffset() == low.astimezone(zone).utcoffset():
                    low = middle
                else:
                    high = middle
            found.append(high.replace(microsecond=0))
        at = later
    return found


def vtimezone(zone: ZoneInfo, first: date, years: int = 3) -> list[str]:
    lines = ["BEGIN:VTIMEZONE", f"TZID:{zone.key}"]
    changes = _transitions(zone, first - timedelta(days=366), years + 1)
    if not changes:
        noon = datetime.combine(first, datetime.min.time(), tzinfo=UTC).astimezone(zone)
        offset = _offset(noon.utcoffset())
        lines += ["BEGIN:STANDARD", "DTSTART:19700101T000000", f"TZOFFSETFROM:{offset}",
                  f"TZOFFSETTO:{offset}", f"TZNAME:{_escape(noon.tzname() or zone.key)}",
                  "END:STANDARD"]
    for change in changes:
        before = (change - timedelta(seconds=1)).astimezone(zone)
        after = change.astimezone(zone)
        kind = "DAYLIGHT" if after.dst() else "STANDARD"
        lines += [f"BEGIN:{kind}",
                  f"DTSTART:{_local((change + before.utcoffset()).replace(tzinfo=None))}",
                  f"TZOFFSETFROM:{_offset(before.utcoffset())}",
                  f"TZOFFSETTO:{_offset(after.utcoffset())}",
                  f"TZNAME:{_escape(after.tzname() or zone.key)}", f"END:{kind}"]
    return lines + ["END:VTIMEZONE"]


def _first_day(program: Program, zone: ZoneInfo) -> date:
    day = program.created_at.astimezone(zone).date()
    for _ in range(7):
        if WEEKDAYS[day.weekday()] in program.schedule_days:
            return day
        day += timedelta(days=1)
    return day


def calendar_ics(program: Program | None, timezone: str, feed_id: str,
                 now: datetime | None = None) -> str:
    """The feed's text: one weekly recurring event per scheduled time of the current program."""
    zone = ZoneInfo(timezone)
    now = now or utcnow()
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Cluneal Companion//Home program//EN",
             "CALSCALE:GREGORIAN", "METHOD:PUBLISH", "X-WR-CALNAME:Self-massage sessions",
             f"X-WR-TIMEZONE:{zone.key}"]
    if program is not None and program.schedule_times and program.schedule_days:
        first = _first_day(program, zone)
        lines += vtimezone(zone, first)
        uid_base = hashlib.sha256(feed_id.encode()).hexdigest()[:16]
        days = ",".join(_BYDAY[d] for d in WEEKDAYS if d in program.schedule_days)
        for hhmm in sorted(program.schedule_times):
            start = datetime.combine(first, datetime.strptime(hhmm, "%H:%M").time())
            lines += [
                "BEGIN:VEVENT",
                f"UID:{uid_base}-v{program.version}-{hhmm.replace(':', '')}@cluneal-companion",
                f"DTSTAMP:{now.astimezone(UTC).strftime('%Y%m%dT%H%M%SZ')}",
                f"DTSTART;TZID={zone.key}:{_local(start)}",
                f"DURATION:PT{SESSION_MINUTES}M",
                f"RRULE:FREQ=WEEKLY;BYDAY={days}",
                "SUMMARY:Self-massage session",
                "DESCRIPTION:" + _escape(
                    "Time for your home program. Broad, gentle skin drags with your palm or "
                    "forearm; stop pressing anywhere that makes symptoms worse."),
                "BEGIN:VALARM", "ACTION:DISPLAY", "DESCRIPTION:Self-massage session",
                "TRIGGER:PT0M", "END:VALARM",
                "END:VEVENT",
            ]
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)
