"""The learned best direction (issue 10): for each spot (nerve group and side) a client has
worked, how often each drag direction eased, with how sure that figure is.

The model, stated once:
- Each trial answer on a spot is one try of that direction, "eased" when the answer was
  `better` (the guided trial records one comparable answer per direction tried: guided_trial.py).
- Each direction's chance of easing gets a Beta(PRIOR_EASED, PRIOR_NOT_EASED) prior, Beta(1, 1):
  every chance equally likely before any answer. After k eased of n tries the estimate is
  Beta(1 + k, 1 + n - k): its mean (k + 1) / (n + 2) and the central CREDIBLE_LEVEL (90 %)
  interval, the 5th to the 95th percentile.
- A direction answered `worse` on that spot in any of the client's last WORSE_LOOKBACK_SESSIONS
  sessions is marked; it is never the recommended direction and never led with.
- Ranking: unmarked directions first, by estimate (higher mean first; then more tries; then the
  default trial order); marked ones after them, in the same order.
- The best direction of a spot is the first unmarked one. The evidence for it is clear when it
  has at least MIN_TRIALS tries, another direction was tried on that spot too, and the lower
  end of its interval lies above the upper end of every other direction's interval there
  (marked or not): even its least hopeful plausible rate beats the most hopeful of the rest.
- With the therapist's "start with the best direction" on, a guided session tries that
  direction first on each spot of the program whose evidence is clear; other spots keep the
  prescribed order.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from sqlalchemy import case, func, select

from ..errors import Conflict
from ..extensions import db
from ..models import DragTrial, PracticeSession, User
from . import beta
from .guided_trial import BETTER, WORSE, spots
from .outcome_settings import save_settings, settings_of
from .vocabulary import DIRECTIONS, NERVE_GROUPS, SINGLE_SIDES

#: Beta(1, 1): before any answer, every chance of easing is as likely as any other.
PRIOR_EASED = 1
PRIOR_NOT_EASED = 1
#: The central credible interval shown: from the 5th to the 95th percentile.
CREDIBLE_LEVEL = 0.9
#: A "worse" in this many of the client's latest sessions marks the direction on that spot.
WORSE_LOOKBACK_SESSIONS = 5
#: The fewest tries of the best direction before its evidence can be clear.
MIN_TRIALS = 5

#: Why a spot's evidence is or is not clear (the app words each).
CLEAR = "clear"
TOO_FEW_TRIALS = "too-few-trials"
ONLY_ONE_DIRECTION = "only-one-direction"
OVERLAPPING = "overlapping"
NONE_RECOMMENDABLE = "none-recommendable"
EVIDENCE_REASONS = (CLEAR, TOO_FEW_TRIALS, ONLY_ONE_DIRECTION, OVERLAPPING, NONE_RECOMMENDABLE)


@dataclass(frozen=True)
class DirectionEstimate:
    direction: str
    eased: int
    trials: int
    mean: float
    low: float
    high: float
    #: Answered "worse" on this spot in one of the last WORSE_LOOKBACK_SESSIONS sessions.
    worse_recently: bool


@dataclass(frozen=True)
class SpotEvidence:
    group: str
    side: str
    #: Ranked: the recommendable (unmarked) directions first, best first.
    directions: tuple[DirectionEstimate, ...]
    #: The first unmarked direction, or None when every tried direction is marked.
    best: str | None
    clear: bool
    reason: str


@dataclass(frozen=True)
class BestDirections:
    spots: tuple[SpotEvidence, ...]
    lead_with_best: bool = False
    #: The spots of the current program a guided session leads on: (group, side, direction).
    lead_with: tuple[dict, ...] = field(default_factory=tuple)

    @property
    def any_clear(self) -> bool:
        return any(spot.clear for spot in self.spots)


def estimate(eased: int, trials: int, worse_recently: bool = False,
             direction: str = "") -> DirectionEstimate:
    """One direction's posterior after `eased` of `trials` tries eased."""
    if not 0 <= eased <= trials:
        raise ValueError("eased must lie between 0 and trials")
    mean, low, high = _posterior(eased, trials)
    return DirectionEstimate(direction, eased, trials, mean, low, high, worse_recently)


@lru_cache(maxsize=4096)
def _posterior(eased: int, trials: int) -> tuple[float, float, float]:
    """(mean, low, high) of Beta(prior + eased, prior + not eased): counts repeat across spots
    and clients, and each interval costs two quantile searches."""
    a, b = PRIOR_EASED + eased, PRIOR_NOT_EASED + trials - eased
    return (beta.mean(a, b), *beta.equal_tailed_interval(CREDIBLE_LEVEL, a, b))


def _order(estimate_: DirectionEstimate):
    trial_order = (DIRECTIONS.index(estimate_.direction) if estimate_.direction in DIRECTIONS
                   else len(DIRECTIONS))
    return (estimate_.worse_recently, -estimate_.mean, -estimate_.trials, trial_order)


def spot_evidence(group: str, side: str, counts: Mapping[str, tuple[int, int]],
                  worse_recently: Iterable[str] = ()) -> SpotEvidence:
    """A spot's ranked directions and whether the evidence for the best is clear, from
    {direction: (eased, trials)} and the directions marked for a recent "worse"."""
    marked = set(worse_recently)
    ranked = tuple(sorted((estimate(e, n, d in marked, d) for d, (e, n) in counts.items()),
                          key=_order))
    best = next((d for d in ranked if not d.worse_recently), None)
    others = [d for d in ranked if d is not best]
    if best is None:
        reason = NONE_RECOMMENDABLE
    elif not others:
        reason = ONLY_ONE_DIRECTION
    elif best.trials < MIN_TRIALS:
        reason = TOO_FEW_TRIALS
    elif any(best.low <= other.high for other in others):
        reason = OVERLAPPING
    else:
        reason = CLEAR
    return SpotEvidence(group, side, ranked, best.direction if best else None, reason == CLEAR,
                        reason)


def _spot_order(evidence: SpotEvidence):
    return (NERVE_GROUPS.index(evidence.group) if evidence.group in NERVE_GROUPS else 99,
            SINGLE_SIDES.index(evidence.side) if evidence.side in SINGLE_SIDES else 99)


def evidence_from_answers(counts: Mapping[tuple[str, str, str], tuple[int, int]],
                          marked: Iterable[tuple[str, str, str]] = ()) -> list[SpotEvidence]:
    """Every spot's evidence from {(group, side, direction): (eased, trials)} and the
    (group, side, direction) answered "worse" lately; spots from the top of the body down."""
    by_spot: dict[tuple[str, str], dict[str, tuple[int, int]]] = {}
    for (group, side, direction), answers in counts.items():
        by_spot.setdefault((group, side), {})[direction] = answers
    marked_by_spot: dict[tuple[str, str], set[str]] = {}
    for group, side, direction in marked:
        marked_by_spot.setdefault((group, side), set()).add(direction)
    return sorted((spot_evidence(group, side, answers, marked_by_spot.get((group, side), ()))
                   for (group, side), answers in by_spot.items()), key=_spot_order)


def lead_directions(evidence: Sequence[SpotEvidence], steps: Sequence) -> list[dict]:
    """The spots of a program's steps a guided session leads on, with the direction it tries
    first: those whose evidence is clear and whose step lists the best direction."""
    clear = {(spot.group, spot.side): spot.best for spot in evidence if spot.clear}
    led = []
    for spot in spots(steps):
        best = clear.get((spot.group, spot.side))
        if best in spot.directions and {"group": spot.group, "side": spot.side,
                                        "direction": best} not in led:
            led.append({"group": spot.group, "side": spot.side, "direction": best})
    return led


# Reading the client's record ---------------------------------------------------------------


def answer_counts(client: User) -> dict[tuple[str, str, str], tuple[int, int]]:
    """{(group, side, direction): (eased, trials)} over every session of the client: one query."""
    rows = db.session.execute(
        select(DragTrial.group, DragTrial.side, DragTrial.direction,
               func.count(case((DragTrial.response == BETTER, 1))), func.count(DragTrial.id))
        .join(PracticeSession, PracticeSession.id == DragTrial.session_id)
        .where(PracticeSession.client_id == client.id)
        .group_by(DragTrial.group, DragTrial.side, DragTrial.direction))
    return {(group, side, direction): (eased, trials)
            for group, side, direction, eased, trials in rows}


def recently_worse(client: User) -> set[tuple[str, str, str]]:
    """(group, side, direction) answered "worse" in the client's last WORSE_LOOKBACK_SESSIONS
    sessions (by start time): one query."""
    latest = (select(PracticeSession.id).where(PracticeSession.client_id == client.id)
              .order_by(PracticeSession.started_at.desc())
              .limit(WORSE_LOOKBACK_SESSIONS).scalar_subquery())
    return {tuple(row) for row in db.session.execute(
        select(DragTrial.group, DragTrial.side, DragTrial.direction).distinct()
        .where(DragTrial.session_id.in_(latest), DragTrial.response == WORSE))}


def best_directions(client: User, steps: Sequence | None = None) -> BestDirections:
    """The client's evidence per spot, the therapist's setting, and (given the current
    program's steps) the spots a guided session leads on while the setting is on."""
    evidence = evidence_from_answers(answer_counts(client), recently_worse(client))
    settings = settings_of(client)
    on = bool(settings and settings.lead_with_best)
    led = lead_directions(evidence, steps) if on and steps is not None else []
    return BestDirections(tuple(evidence), on, tuple(led))


def lead_with_for_session(client: User, steps: Sequence) -> list[dict]:
    """What the phone leads with: nothing (and no further query) while the setting is off."""
    settings = settings_of(client)
    if not (settings and settings.lead_with_best):
        return []
    return best_directions(client, steps).lead_with


class EvidenceNotClear(Conflict):
    default_message = ("No spot has clear evidence for one direction yet, so the session keeps "
                       "the prescribed order.")


def set_lead_with_best(therapist: User, client: User, on: bool,
                       steps: Sequence | None = None) -> BestDirections:
    """Turn "start with the best direction" on or off for the client. On is refused (409) until
    at least one spot's evidence is clear; off is always allowed. One row per client, written
    with an upsert so two saves at once leave the later one's."""
    found = best_directions(client)
    if on and not found.any_clear:
        raise EvidenceNotClear()
    save_settings(therapist, client, lead_with_best=on)
    led = lead_directions(found.spots, steps) if on and steps is not None else []
    return BestDirections(found.spots, on, tuple(led))
