"""The codes the API and the database use (shared/domain.md, "Vocabulary"), each list defined
here once, with the urgency tier of each red flag; what each tier sets in motion is urgency.py."""

NERVE_GROUPS = ("superior", "middle", "inferior")
SIDES = ("left", "right", "both")
#: A spot is worked one side at a time: "both" runs as left, then right (domain.md).
SINGLE_SIDES = ("left", "right")
#: Default trial order: down, towards the spine, away from it, up.
DIRECTIONS = ("inferior", "medial", "lateral", "superior")
#: Broad contact only: nothing smaller than a palm may drag over a cluneal nerve.
CONTACTS = ("palm", "forearm")
RESPONSES = ("better", "same", "worse")
SENSATIONS = ("aching", "prickly", "burning", "tingling", "electric", "numb", "itching",
              "painful-cold")
#: The seven DN4 interview descriptors of nerve pain: every sensation but aching. A log's count
#: of them (0-7) is its nerve-like (neuropathic) score.
NEUROPATHIC_SENSATIONS = SENSATIONS[1:]
REGION_AREAS = ("superior-gluteal", "middle-gluteal", "inferior-gluteal", "lumbar", "groin",
                "posterior-thigh")
REGIONS = tuple(f"{area}-{side}" for area in REGION_AREAS for side in SINGLE_SIDES)
ACTIVITIES = ("sitting", "standing", "walking", "rolling", "extension", "side-bending",
              "rotation")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

#: Urgency tiers (domain.md's red-flag table), most urgent first; what each sets in motion is in
#: urgency.py.
EMERGENCY = "emergency"
SAME_DAY = "same-day"
SOON = "soon"
#: Not a red flag: an alert for the therapist to look at (high pain, a rise, the watch).
REVIEW = "review"
TIERS = (EMERGENCY, SAME_DAY, SOON, REVIEW)
URGENCY_ORDER = {tier: rank for rank, tier in enumerate(TIERS)}
#: Red flags by urgency tier (domain.md): what the client is told depends on the tier.
RED_FLAG_URGENCY = {
    "saddle-numbness": EMERGENCY,
    "bladder-bowel": EMERGENCY,
    "bilateral-leg": EMERGENCY,
    "progressive-weakness": SAME_DAY,
    "fever-weight-loss": SOON,
    "cancer-history": SOON,
    "night-pain": SOON,
    "trauma": SOON,
}
RED_FLAGS = tuple(RED_FLAG_URGENCY)

#: Kinds of safety flag. A red flag's code is the red-flag code; a watch flag's code is its rule.
RED_FLAG = "red-flag"
WEAKNESS = "weakness"
HIGH_PAIN = "high-pain"
SESSION_RISE = "session-rise"
WATCH = "watch"
FLAG_KINDS = (RED_FLAG, WEAKNESS, HIGH_PAIN, SESSION_RISE, WATCH)

#: The sensitisation watch's rules (domain.md "Sensitisation and change over time"; watch.py).
RISE = "rise"
CREEP = "creep"
SPREAD = "spread"
NERVE_LIKE = "nerve-like"
WATCH_CODES = (RISE, CREEP, SPREAD, NERVE_LIKE)
