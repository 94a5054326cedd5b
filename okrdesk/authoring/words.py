"""The English words a key result phrase is read by: verbs, deadlines, placeholders, names."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum


class Verb(Enum):
    """What the leading verb of a phrase says about the metric."""

    INCREASE = "increase"   # raise, grow ...
    DECREASE = "decrease"   # reduce, cut ...
    KEEP = "keep"           # keep, maintain: a threshold to stay on the right side of
    NEUTRAL = "neutral"     # move, improve: the numbers say which way
    REACH = "reach"         # reach, hit: a level to get to
    WIN = "win"             # win, hire, launch: things counted from none


def _forms(*bases: str) -> set[str]:
    """A verb's written forms: grow, grows, growing, growed (harmless), grown via irregulars."""
    forms: set[str] = set()
    for base in bases:
        stem = base[:-1] if base.endswith("e") else base
        forms |= {base, base + "s", base + "es", base + "d", base + "ed", stem + "ing",
                  stem + "ed"}
        if re.fullmatch(r"[^aeiou]*[aeiou][bdgmnpt]", base):  # cut -> cutting, slim -> slimmed
            forms |= {base + base[-1] + "ing", base + base[-1] + "ed"}
        if base.endswith("y"):
            forms |= {base[:-1] + "ies", base[:-1] + "ied"}
    return forms


INCREASE = _forms("raise", "grow", "increase", "lift", "boost", "expand", "scale", "maximize",
                  "maximise", "drive", "push", "extend", "accelerate", "widen",
                  "strengthen", "climb", "rise") | {"grew", "grown", "rose", "risen", "driven",
                                                   "drove"}
DECREASE = _forms("reduce", "cut", "lower", "decrease", "shrink", "drop", "minimize", "minimise",
                  "slash", "trim", "eliminate", "lessen", "shorten", "compress", "decline",
                  "fall", "limit", "curb", "contain") | {"shrank", "shrunk", "fell", "fallen"}
KEEP = _forms("keep", "maintain", "stay", "hold", "remain", "sustain", "retain", "preserve",
              "ensure", "protect", "defend", "guarantee") | {"kept", "held"}
NEUTRAL = _forms("move", "improve", "change", "get", "bring", "take", "shift", "adjust",
                 "optimize", "optimise", "go", "turn", "set") | {"got", "gotten", "brought",
                                                               "took", "taken", "went", "gone"}
REACH = _forms("reach", "hit", "achieve", "attain", "exceed", "surpass", "beat", "cross",
               "generate", "earn", "make", "sell", "deliver", "break", "obtain", "pass") | {
    "made", "sold", "broke", "broken"}
WIN = _forms("win", "sign", "hire", "add", "gain", "acquire", "onboard", "recruit", "land",
             "book", "close", "secure", "convert", "publish", "ship", "launch", "release",
             "open", "run", "host", "train", "complete", "build", "create", "write", "produce",
             "conduct", "organize", "organise", "attract", "enroll", "enrol", "certify", "visit",
             "call", "collect", "resolve", "fix", "migrate", "deploy", "automate", "interview",
             "finish", "implement", "introduce", "roll", "sign-up", "welcome", "partner",
             "invite", "ink", "register", "contact", "serve", "support", "help", "teach",
             "mentor", "record", "post", "send", "answer", "integrate", "list", "test",
             "interview", "pilot", "remove", "retire", "decommission", "replace", "review",
             "audit", "deliver") | {"won", "built", "wrote", "written", "ran", "sent", "rolled"}
MULTIPLY = {**dict.fromkeys(_forms("double"), 2.0), **dict.fromkeys(_forms("triple"), 3.0),
            **dict.fromkeys(_forms("quadruple"), 4.0), **dict.fromkeys(_forms("halve"), 0.5),
            **dict.fromkeys(_forms("tenfold"), 10.0)}

# Verbs whose phrase, with no count right after them, is a milestone: done or not.
MILESTONE = _forms(
    "ship", "launch", "publish", "complete", "finish", "release", "deliver", "implement",
    "introduce", "open", "sign", "finalize", "finalise", "establish", "create", "build",
    "define", "document", "migrate", "deploy", "adopt", "automate", "replace", "redesign",
    "design", "develop", "pilot", "hire", "obtain", "pass", "secure", "close", "win", "run",
    "host", "organize", "organise", "conduct", "start", "begin", "enable", "integrate",
    "retire", "sunset", "decommission", "roll", "certify", "achieve", "reach", "kick",
    "set", "appoint", "agree", "approve", "sign-off", "prepare", "write", "draft", "select",
    "choose", "negotiate", "rebuild", "refactor", "rewrite", "upgrade", "go", "become", "be",
    "introduce", "centralize", "centralise", "standardize", "standardise", "consolidate",
    "formalize", "formalise", "publish", "present", "submit", "file", "register", "audit",
) | {"built", "won", "began", "begun", "became", "wrote", "written", "ran", "rolled", "went",
     "is", "are"}

VERB_CLASSES: tuple[tuple[Verb, set[str]], ...] = (
    (Verb.INCREASE, INCREASE), (Verb.DECREASE, DECREASE), (Verb.KEEP, KEEP),
    (Verb.REACH, REACH), (Verb.WIN, WIN), (Verb.NEUTRAL, NEUTRAL),
)

# DONE, LOWER_IS_BETTER and DEADLINE are matched on lower-case text.

# Said at the end of a phrase: the thing is done ("GDPR policy fully implemented").
DONE = re.compile(
    r"\b(?:implemented|launched|shipped|published|released|completed?|done|finished|live|"
    r"in\s+place|rolled\s+out|signed(?:\s+off)?|approved|delivered|deployed|migrated|"
    r"certified|certification|compliant|compliance|established|adopted|agreed|closed|hired|"
    r"onboarded|decommissioned|retired|available|ready|operational|in\s+production|"
    r"go-live|sign-off|audit|accredited|accreditation|ratified|enacted|in\s+effect|"
    r"up\s+and\s+running|achieved|secured|funded|passed)\W*$")

# Metrics where lower is better: a neutral verb ("get churn to 2%") means a decrease.
LOWER_IS_BETTER = re.compile(
    r"\b(?:churn|costs?|spend(?:ing)?|expenses?|latency|lead\s+time|cycle\s+time|"
    r"response\s+times?|resolution\s+times?|load\s+times?|downtime|outages?|incidents?|"
    r"errors?|bugs?|defects?|complaints?|attrition|turnover|debt|waste|emissions|cac|burn|"
    r"bounce\s+rate|refunds?|escalations?|backlog|time\s+to\s+\w+|mttr|mttd|dso|"
    r"vulnerabilit(?:y|ies)|failures?|crash(?:es)?|delays?|overdue|days\s+to\s+\w+)\b")

# Words before a number that make it part of a name: Fortune 500, ISO 27001, Level 3.
NAME_WORDS = frozenset({
    "fortune", "forbes", "global", "ftse", "s&p", "russell", "nasdaq", "inc", "inc.", "dow",
    "dax", "nikkei", "stoxx", "top", "iso", "iec", "soc", "pci", "nist", "wcag", "level",
    "tier", "phase", "stage", "version", "windows", "python", "ios", "android", "iphone",
    "series", "gen", "web", "cmmi", "ieee", "rfc", "article", "section", "chapter", "pillar",
    "wave", "team", "region", "site", "building", "plant", "area", "zone", "grade",
})

# Words that are never a name before a number; they are the grammar of a phrase.
GRAMMAR = frozenset({
    "from", "to", "at", "of", "by", "above", "below", "over", "under", "than", "least",
    "most", "more", "less", "fewer", "within", "about", "around", "approximately", "roughly",
    "reach", "hit", "and", "or", "another", "additional", "extra", "new", "up", "down",
    "minimum", "maximum", "min", "max", "only", "just", "nearly", "almost", "exactly", "all",
    "the", "a", "an", "our", "with", "in", "for", "per", "on", "between", "beyond", "past",
})

# Words before the verb that do not change the phrase: "We will raise NPS ...".
LEAD_IN = frozenset({"we", "will", "to", "must", "should", "shall", "let's", "lets", "let",
                     "us", "i", "they", "and", "then", "also", "please", "need", "want"})

_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|"
          r"aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_PERIOD = r"(?:year|quarter|month|week|sprint|cycle|half|fiscal\s+year|fy|semester|season)"
_DAY = r"[0-9]{1,2}(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)[0-9]{2}"
_QUARTER = rf"(?:[qQ][1-4]|[hH][12])(?:\s*(?:{_YEAR}|fy\s?'?[0-9]{{2,4}}|'[0-9]{{2}}))?"
_DATE = (
    rf"(?:{_YEAR}-[0-9]{{2}}-[0-9]{{2}}|[0-9]{{1,2}}/[0-9]{{1,2}}/[0-9]{{2,4}}"
    rf"|(?:the\s+)?(?:end|start|beginning|middle|close|first\s+half|second\s+half)\s+of\s+"
    rf"(?:the\s+|this\s+|next\s+)?(?:{_PERIOD}|{_QUARTER}|{_MONTH}|{_YEAR})(?:\s+{_YEAR})?"
    rf"|(?:early|mid|late)[\s-]+{_MONTH}(?:\s+{_YEAR})?"
    rf"|{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?|{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?"
    rf"|{_MONTH}(?:,?\s+{_YEAR})?"
    rf"|{_QUARTER}|fy\s?'?[0-9]{{2,4}}|(?:this|next|the)\s+{_PERIOD}|eo[yqmw]"
    rf"|(?:year|quarter|month)[\s-]end)"
)
_DURATION = r"[0-9]{1,3}\s+(?:days?|weeks?|months?|quarters?|years?)"
# A year alone is a deadline after by/in/for ..., unless a count follows ("in 2000 stores").
_BARE_YEAR = rf"{_YEAR}(?![.,]?[0-9]|\s*%|\s+[a-z]+s\b)"
# "by June", "before the end of Q3", "in 90 days", and dates written anyway (2027-03-31).
DEADLINE = re.compile(
    rf"\b(?:(?:by|before|until|till|through|no\s+later\s+than|ahead\s+of|in|during|"
    rf"for|on|at|within|throughout|end\s+of)\s+(?:the\s+)?{_DATE}\b"
    rf"|(?:by|before|until|till|through|in|during|for)\s+{_BARE_YEAR}"
    rf"|(?:in|within)\s+(?:the\s+next\s+)?{_DURATION}\b"
    rf"|{_YEAR}-[0-9]{{2}}-[0-9]{{2}}\b)")

# Where a number belongs but a letter, a mark or "TBD" stands: "x new followers", "from Xr to
# Yr", "N customers". A superset of the placeholder check of okrdesk.analytics.quality.
PLACEHOLDER = re.compile(
    r"(?<![\w-])[$€£]?(?:[xX]{1,3}|[yY]{1,2}|N)(?:[rkmKM%]|bn)?(?![\w-])"
    r"|\b(?i:tbd|tbc|tba)\b|\?\?|(?<!\S)\?(?!\S)|_{2,}|(?<!\S)(?:\.{3}|…)(?!\S)")


_WORD = re.compile(r"[^\W\d_]+(?:['’&.-][^\W\d_]+)*")


@dataclass(frozen=True, slots=True)
class LeadingVerb:
    """The verb a phrase is read by: `leading` when it opens the phrase, `factor` for double,
    halve and the like; `end` is where the object of the verb starts."""

    kind: Verb | None
    word: str
    begin: int
    end: int
    factor: float | None = None
    leading: bool = False


def class_of(word: str) -> tuple[Verb | None, float | None]:
    """What a lower-case word says as a verb, and its factor if it multiplies."""
    if word in MULTIPLY:
        factor = MULTIPLY[word]
        return (Verb.INCREASE if factor > 1 else Verb.DECREASE), factor
    for kind, forms in VERB_CLASSES:
        if word in forms:
            return kind, None
    return None, None


def verb_of(body: str, low: str) -> LeadingVerb:
    """The leading verb ("We will raise ..."), else a verb of change anywhere ("NPS raised")."""
    first = True
    for match in _WORD.finditer(body):
        word = low[match.start():match.end()]
        if first:
            if word in LEAD_IN:
                continue
            first = False
            kind, factor = class_of(word)
            if kind is not None:
                return LeadingVerb(kind, word, match.start(), match.end(), factor, leading=True)
            continue
        kind, factor = class_of(word)
        if kind in (Verb.INCREASE, Verb.DECREASE, Verb.KEEP):
            return LeadingVerb(kind, word, match.start(), match.end(), factor)
    return LeadingVerb(None, "", 0, 0)
