"""The privacy notice a client agrees to before their account exists, and its version.

The notice says what is kept, who sees it, for how long (RECORD_RETENTION_DAYS) and how to export
or close the account. Its version names the wording and the retention period, so a client who
agreed to one period has not agreed to another: a changed setting makes old versions stale.
Change TEXT_REVISION whenever the wording changes.
"""

from __future__ import annotations

from ..errors import InvalidInput

TEXT_REVISION = "2026-11"

STALE_MESSAGE = ("The privacy notice has changed since this page was opened. Please read the "
                 "new one and agree again.")
MISSING_MESSAGE = "Please read the privacy notice and agree to it to create your account."


def notice_version(retention_days: int) -> str:
    return f"{TEXT_REVISION}.r{retention_days}"


def how_long(retention_days: int) -> str:
    if retention_days <= 0:
        return ("For as long as you have an account. When you close it, everything is erased at "
                "once: your therapist's clinic keeps nothing.")
    days = "1 day" if retention_days == 1 else f"{retention_days} days"
    return ("For as long as you have an account. When you close it, your therapist's clinic "
            f"keeps a read-only copy of your clinical record for {days}, as health records must "
            "be kept for a while, and then it is erased for good.")


def privacy_notice(retention_days: int) -> dict:
    """The notice as headed sections of plain text, and its version."""
    return {
        "version": notice_version(retention_days),
        "retention_days": retention_days,
        "sections": [
            {"heading": "What this app keeps",
             "text": "Your name, email, time zone and, if you add one, a phone number. What you "
                     "record: pain scores, sensations, where it hurts, what set it off, your "
                     "answers to the safety questions, notes, and your self-massage sessions. "
                     "And the home program your therapist writes for you."},
            {"heading": "Who sees it",
             "text": "You, your therapist, and a colleague at the same clinic only if your "
                     "therapist shares your care with them. Each time one of them opens or "
                     "changes your record, it is written in an access log you can read in "
                     "Settings. Nobody else: no advertisers, and your data is never sold."},
            {"heading": "Your safety",
             "text": "If you answer yes to a safety question, your therapist is told straight "
                     "away. This app does not replace a doctor: in an emergency, call your local "
                     "emergency number."},
            {"heading": "For how long", "text": how_long(retention_days)},
            {"heading": "Your choices",
             "text": "In Settings you can download all your data at any time, change your "
                     "details, see who has looked at your record, and close your account."},
        ],
    }


def require_current(version: str | None, retention_days: int) -> str | None:
    """The version agreed to, when it is the notice as it reads now.

    Absent (None) is let through so the contract's accept body {password, name?, email?,
    timezone} keeps working for integrations that take consent elsewhere: the account then
    records no consent_version. The app always sends it; an empty or stale one is refused."""
    if version is None:
        return None
    if not version:
        raise InvalidInput(MISSING_MESSAGE, errors={"consent_version": [MISSING_MESSAGE]})
    if version != notice_version(retention_days):
        raise InvalidInput(STALE_MESSAGE, errors={"consent_version": [STALE_MESSAGE]})
    return version
