"""The guided trial (shared/domain.md, "Direction is found by trial") as plain functions: the
spots a program's steps make, and the drags a session records for the client's answers.

- A spot is one step on one side: "both" runs as left, then right, each its own spot and record.
- On a spot, every direction of the step gets a gentle trial pull, in the prescribed order, and
  an answer: better, same or worse.
- Stop rule: "worse" ends that spot at once: no more pulls and no hold there; the session goes
  on to the next spot.
- When every direction was tried, the one with the most relief is held: the first "better", as
  ties go to the earlier direction. It is held hold_seconds, repetitions times (repetitions
  repeat the hold, not the trial). If nothing eased, nothing is held.
- The record: one drag per trial answer with held_seconds 0; the held direction's drag carries
  the seconds held in all (hold_seconds × repetitions). So each direction is counted once per
  trial, and relief per direction is comparable between sessions.

The phone runs the same rules (pwa/js/session-plan.js); the server accepts older sessions as
they were recorded, so nothing here rejects a stored session.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from .vocabulary import DIRECTIONS, SINGLE_SIDES

#: A held direction lasts "a few seconds" (domain.md): 3 to 15, 5 unless the therapist says.
HOLD_SECONDS_MIN = 3
HOLD_SECONDS_MAX = 15
HOLD_SECONDS_DEFAULT = 5
REPETITIONS_MIN = 1
REPETITIONS_MAX = 20
#: The order directions are tried in unless a step lists its own.
TRIAL_ORDER = DIRECTIONS

BETTER, WORSE = "better", "worse"


@dataclass(frozen=True)
class Spot:
    """One step (by index) on one side."""

    step: int
    group: str
    side: str
    directions: tuple[str, ...]
    hold_seconds: int
    repetitions: int


def _read(step, name: str, default=None):
    if isinstance(step, Mapping):
        return step.get(name, default)
    return getattr(step, name, default)


def spots(steps: Sequence) -> list[Spot]:
    """The spots of a program's steps (dicts or program rows), in the order they are worked. A
    step without hold_seconds holds for the default, as the API stores it; a version stored
    under the old 60-second bound holds for at most HOLD_SECONDS_MAX ("never more than 15",
    domain.md), as the phone does."""
    found = []
    for index, step in enumerate(steps):
        side = _read(step, "side")
        for one_side in (SINGLE_SIDES if side == "both" else (side,)):
            found.append(Spot(index, _read(step, "group"), one_side,
                              tuple(_read(step, "directions")),
                              min(_read(step, "hold_seconds", HOLD_SECONDS_DEFAULT),
                                  HOLD_SECONDS_MAX),
                              _read(step, "repetitions")))
    return found


def held_direction(directions: Sequence[str], answers: Sequence[str]) -> str | None:
    """The direction held after a complete trial: the first that eased; None when the trial
    was cut short (too few answers, or a "worse") or nothing eased."""
    if len(answers) < len(directions) or WORSE in answers:
        return None
    return next((d for d, answer in zip(directions, answers, strict=False) if answer == BETTER),
                None)


def spot_drags(spot: Spot, answers: Iterable[str]) -> list[dict]:
    """The drags recorded on one spot for the answers given there, in order. Answers after a
    "worse" are not asked (the stop rule), so they are not read."""
    taken: list[str] = []
    for _direction, answer in zip(spot.directions, answers, strict=False):
        taken.append(answer)
        if answer == WORSE:
            break
    held = held_direction(spot.directions, taken)
    return [{"group": spot.group, "side": spot.side, "direction": direction, "response": answer,
             "held_seconds": spot.hold_seconds * spot.repetitions if direction == held else 0}
            for direction, answer in zip(spot.directions, taken, strict=False)]


def session_drags(steps: Sequence, answers: Iterable[str]) -> list[dict]:
    """Every drag of a session, from its steps and the answers in the order they were given.

    Answers are taken spot by spot: a spot uses one per direction, or stops at its first
    "worse" and the next answer belongs to the next spot. When the answers run out, the session
    ended there (the last spot's trial unfinished, so nothing is held on it)."""
    remaining = iter(answers)
    drags: list[dict] = []
    for spot in spots(steps):
        taken = []
        for answer in remaining:
            taken.append(answer)
            if answer == WORSE or len(taken) == len(spot.directions):
                break
        if not taken:
            break
        drags += spot_drags(spot, taken)
    return drags


def any_worse(drags: Iterable[Mapping]) -> bool:
    """Whether anything got worse: the session then ends with calm advice and the red-flag
    check, never with congratulations."""
    return any(drag["response"] == WORSE for drag in drags)
