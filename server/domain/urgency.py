"""What each urgency tier sets in motion (shared/domain.md, "General low-back red flags"): the
advice the client sees, the pause, the note an acknowledgement needs, email and resends; and
which tier weakness gets. The tiers themselves and each red flag's tier are vocabulary.py's."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta

from .vocabulary import (
    EMERGENCY,
    RED_FLAG_URGENCY,
    REVIEW,
    SAME_DAY,
    SOON,
    TIERS,
    URGENCY_ORDER,
)

__all__ = [
    "ADVICE_TIERS", "EMERGENCY", "MAIL_TIERS", "NOTE_REQUIRED_TIERS", "PAUSING_TIERS",
    "RED_FLAG_URGENCY", "RESEND", "REVIEW", "Resend", "SAME_DAY", "SOON", "TIERS",
    "URGENCY_ORDER", "WEAKNESS_URGENCY", "advice_tier", "most_urgent",
]

#: The tiers whose advice the client's app shows (review is for the therapist alone).
ADVICE_TIERS = (EMERGENCY, SAME_DAY, SOON)
#: Cluneal nerves are purely sensory: weakness of any kind has another cause, so it is the
#: same-day tier ("see a doctor today"), whatever else the log says.
WEAKNESS_URGENCY = SAME_DAY

#: While a flag of these tiers is open, the client is offered no self-massage on any device,
#: until the therapist has acknowledged it with a note of what was done.
PAUSING_TIERS = (EMERGENCY, SAME_DAY)
#: Acknowledging a flag of these tiers needs a note of what was done.
NOTE_REQUIRED_TIERS = PAUSING_TIERS
#: Every flag alerts the therapist's devices at once; these tiers are emailed too (when mail is
#: set up), since they ask the client to see a doctor.
MAIL_TIERS = (EMERGENCY, SAME_DAY, SOON)


@dataclass(frozen=True)
class Resend:
    """An alert sent again while its flag is unacknowledged: every `every`, at most `times`."""

    every: timedelta
    times: int


#: Emergency: again every 15 minutes for the first hour (the client was told to go to an
#: emergency department now, so the therapist's follow-up matters most in that hour; after four
#: repeats more alarms teach people to ignore them). Same day: once more after an hour (the
#: client has the day to see a doctor). Soon and review: once; the flag stays open on the
#: caseload until acknowledged.
RESEND = {
    EMERGENCY: Resend(every=timedelta(minutes=15), times=4),
    SAME_DAY: Resend(every=timedelta(hours=1), times=1),
}


def most_urgent(tiers: Iterable[str | None]) -> str | None:
    """The most urgent of these tiers, or None when there are none."""
    present = [tier for tier in tiers if tier is not None]
    return min(present, key=URGENCY_ORDER.__getitem__) if present else None


def advice_tier(red_flags: Iterable[str], weakness: bool) -> str | None:
    """The tier of advice a log's answers get on the client's screen: one notice, for the most
    urgent answer; None when the log reports no red flag and no weakness."""
    tiers = [RED_FLAG_URGENCY[code] for code in red_flags]
    return most_urgent(tiers + ([WEAKNESS_URGENCY] if weakness else []))
