"""A simulated client for the learned best direction: on one spot, one direction truly helps and
the others rarely do. How many guided sessions until the estimate ranks the helpful direction
first (and keeps it there), and until its evidence is clear enough for "start with the best"?

Run by hand: .venv/bin/python benchmarks/best_direction_sim.py [--runs 400] [--sessions 60]
          [--helps 0.7] [--others 0.2] [--worse 0.05] [--seed 10]
Each session runs the guided trial's rules (server/domain/guided_trial.py: every direction in
the prescribed order, "worse" ends the spot) with the helpful direction listed LAST, the hardest
place for it (a "worse" on an earlier direction cuts its trial short). A direction answers
"better" with its chance of helping, else "worse" with --worse, else "same". The estimate is
server/domain/best_direction.py's, with its worse mark. Prints the median and quartiles over the
runs; runs that never get there within --sessions are counted apart. Asserts nothing.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
from collections import deque
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from server.domain import best_direction  # noqa: E402
from server.domain.guided_trial import Spot, spot_drags  # noqa: E402

ORDER = ("inferior", "medial", "lateral", "superior")
HELPFUL = "superior"  # last in the prescribed order


def one_client(rng: random.Random, sessions: int, chances: dict[str, float], worse: float
               ) -> tuple[int | None, int | None]:
    """(sessions until ranked first for good, sessions until clear), None if never."""
    spot = Spot(0, "superior", "left", ORDER, 5, 1)
    counts = {d: [0, 0] for d in ORDER}
    recent: deque[set[str]] = deque(maxlen=best_direction.WORSE_LOOKBACK_SESSIONS)
    first_at, clear_at, ranked_first = None, None, []
    for n in range(1, sessions + 1):
        answers = []
        for direction in ORDER:
            draw = rng.random()
            answers.append("better" if draw < chances[direction]
                           else "worse" if draw < chances[direction] + worse else "same")
        drags = spot_drags(spot, answers)
        for drag in drags:
            counts[drag["direction"]][1] += 1
            counts[drag["direction"]][0] += drag["response"] == "better"
        recent.append({d["direction"] for d in drags if d["response"] == "worse"})
        evidence = best_direction.spot_evidence(
            "superior", "left", {d: tuple(c) for d, c in counts.items() if c[1]},
            set().union(*recent))
        # Ranked first on the estimate itself (the worse mark, which comes and goes with a
        # single answer, is reported apart through "clear").
        top = max(evidence.directions, key=lambda d: (d.mean, d.trials))
        ranked_first.append(top.direction == HELPFUL)
        if clear_at is None and evidence.clear and evidence.best == HELPFUL:
            clear_at = n
    for n in range(sessions, 0, -1):  # the first session from which it stayed first
        if not ranked_first[n - 1]:
            first_at = n + 1 if n < sessions else None
            break
    else:
        first_at = 1
    return first_at, clear_at


def describe(label: str, values: list[int | None]) -> str:
    reached = sorted(v for v in values if v is not None)
    if not reached:
        return f"{label}: never within the sessions simulated"
    quartiles = statistics.quantiles(reached, n=4) if len(reached) > 1 else reached * 3
    return (f"{label}: median {statistics.median(reached):g} sessions "
            f"(quartiles {quartiles[0]:g}-{quartiles[2]:g}); "
            f"{len(values) - len(reached)} of {len(values)} runs never got there")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=400)
    parser.add_argument("--sessions", type=int, default=60)
    parser.add_argument("--helps", type=float, default=0.7)
    parser.add_argument("--others", type=float, default=0.2)
    parser.add_argument("--worse", type=float, default=0.05)
    parser.add_argument("--seed", type=int, default=10)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    chances = {d: args.helps if d == HELPFUL else args.others for d in ORDER}
    results = [one_client(rng, args.sessions, chances, args.worse) for _ in range(args.runs)]
    print(f"One spot, directions tried in the order {', '.join(ORDER)}; {HELPFUL} eases "
          f"{args.helps:.0%} of tries, the others {args.others:.0%}; any try worse "
          f"{args.worse:.0%} (ends the spot). Prior Beta({best_direction.PRIOR_EASED}, "
          f"{best_direction.PRIOR_NOT_EASED}), {best_direction.CREDIBLE_LEVEL:.0%} intervals, "
          f"{args.runs} simulated clients, up to {args.sessions} sessions each.")
    print(describe("Ranked first by its estimate, and first from then on",
                   [r[0] for r in results]))
    print(describe("Evidence clear (start with the best allowed)", [r[1] for r in results]))


if __name__ == "__main__":
    main()
