"""The codes the API and the database use (shared/domain.md, "Vocabulary")."""

NERVE_GROUPS = ("superior", "middle", "inferior")
SIDES = ("left", "right", "both")
#: Default trial order: down, towards the spine, away from it, up.
DIRECTIONS = ("inferior", "medial", "lateral", "superior")
#: Broad contact only: nothing smaller than a palm may drag over a cluneal nerve.
CONTACTS = ("palm", "forearm")
RESPONSES = ("better", "same", "worse")
SENSATIONS = ("aching", "prickly", "burning", "tingling", "electric", "numb", "itching",
              "painful-cold")
REGION_AREAS = ("superior-gluteal", "middle-gluteal", "inferior-gluteal", "lumbar", "groin",
                "posterior-thigh")
REGIONS = tuple(f"{area}-{side}" for area in REGION_AREAS for side in ("left", "right"))
ACTIVITIES = ("sitting", "standing", "walking", "rolling", "extension", "side-bending",
              "rotation")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

#: Red flags by urgency tier (domain.md): what the client is told depends on the tier.
EMERGENCY = "emergency"
SAME_DAY = "same-day"
SOON = "soon"
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
#: Non-red-flag alerts that the therapist should look at.
REVIEW = "review"
URGENCY_ORDER = {EMERGENCY: 0, SAME_DAY: 1, SOON: 2, REVIEW: 3}
