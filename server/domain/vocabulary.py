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

# ---------------------------------------------------------------------------------------------
# Plain words for each code, for what the server writes for people to read (CSV exports, the
# clinical summary, FHIR display texts). The PWA keeps its own words (some said to the client,
# "your spine"); these are the therapist's and a colleague's, said of the client.

SENSATION_WORDS = {
    "aching": "Aching", "prickly": "Pins and needles", "burning": "Burning",
    "tingling": "Tingling", "electric": "Electric, shooting", "numb": "Numb",
    "itching": "Itching", "painful-cold": "Painful cold",
}
REGION_AREA_WORDS = {
    "superior-gluteal": "Top of the hip bone, upper buttock",
    "middle-gluteal": "Beside the tailbone",
    "inferior-gluteal": "Lower buttock, sitting bone",
    "lumbar": "Low back",
    "groin": "Groin",
    "posterior-thigh": "Back of the thigh",
}
SIDE_WORDS = {"left": "left", "right": "right", "both": "both sides"}
REGION_WORDS = {f"{area}-{side}": f"{REGION_AREA_WORDS[area]}, {side}"
                for area in REGION_AREAS for side in SINGLE_SIDES}
ACTIVITY_WORDS = {
    "sitting": "Sitting", "standing": "Standing", "walking": "Walking",
    "rolling": "Rolling over in bed", "extension": "Leaning back",
    "side-bending": "Bending to the side", "rotation": "Twisting",
}
NERVE_GROUP_WORDS = {"superior": "Upper cluneal nerves", "middle": "Middle cluneal nerves",
                     "inferior": "Lower cluneal nerves"}
DIRECTION_WORDS = {"inferior": "Down", "medial": "Towards the spine",
                   "lateral": "Away from the spine", "superior": "Up"}
CONTACT_WORDS = {"palm": "Flat palm", "forearm": "Forearm"}
RESPONSE_WORDS = {"better": "Eased", "same": "No change", "worse": "Worse"}
RED_FLAG_WORDS = {
    "saddle-numbness": "Numbness in the saddle area",
    "bladder-bowel": "New bladder or bowel trouble",
    "bilateral-leg": "Leg symptoms on both sides, with weakness",
    "progressive-weakness": "Leg weakness getting worse",
    "fever-weight-loss": "Fever or unexplained weight loss",
    "cancer-history": "A history of cancer",
    "night-pain": "Night pain, worse lying down",
    "trauma": "Pain after a fall or other injury",
}
FLAG_KIND_WORDS = {
    RED_FLAG: "Red flag", WEAKNESS: "Reported muscle weakness", HIGH_PAIN: "High pain score",
    SESSION_RISE: "Pain rose during a session", WATCH: "Sensitisation watch",
}
WATCH_CODE_WORDS = {
    RISE: "Pain rising: this week well above the week before",
    CREEP: "Pain creeping up over four weeks",
    SPREAD: "Symptoms in body regions new since the first two weeks",
    NERVE_LIKE: "More nerve-like sensations than four weeks ago",
}
URGENCY_WORDS = {EMERGENCY: "Emergency", SAME_DAY: "Same day", SOON: "Soon", REVIEW: "Review"}
WEEKDAY_WORDS = {"mon": "Monday", "tue": "Tuesday", "wed": "Wednesday", "thu": "Thursday",
                 "fri": "Friday", "sat": "Saturday", "sun": "Sunday"}

#: Each code list beside its words: a test fails when a code has no words or words name no code.
WORDS_FOR = {
    SENSATIONS: SENSATION_WORDS, REGIONS: REGION_WORDS, ACTIVITIES: ACTIVITY_WORDS,
    SIDES: SIDE_WORDS, NERVE_GROUPS: NERVE_GROUP_WORDS, DIRECTIONS: DIRECTION_WORDS,
    CONTACTS: CONTACT_WORDS, RESPONSES: RESPONSE_WORDS, RED_FLAGS: RED_FLAG_WORDS,
    FLAG_KINDS: FLAG_KIND_WORDS, WATCH_CODES: WATCH_CODE_WORDS, TIERS: URGENCY_WORDS,
    WEEKDAYS: WEEKDAY_WORDS,
}


def words(table: dict[str, str], codes) -> str:
    """Codes as words, '; '-joined, in the order given ('Aching; Burning')."""
    return "; ".join(table.get(code, code) for code in codes)


def flag_words(kind: str, code: str) -> str:
    """What a flag is about, in a phrase: a red flag or a watch flag by its code."""
    if kind == RED_FLAG:
        return RED_FLAG_WORDS.get(code, code)
    if kind == WATCH:
        return WATCH_CODE_WORDS.get(code, code)
    return FLAG_KIND_WORDS.get(kind, kind)


def drag_words(group: str, side: str, direction: str) -> str:
    """'Upper cluneal nerves, left: Down'."""
    return (f"{NERVE_GROUP_WORDS.get(group, group)}, {SIDE_WORDS.get(side, side)}: "
            f"{DIRECTION_WORDS.get(direction, direction)}")
