"""Lead phrases: the italic opening of a paragraph, and how strong it is.

A preambular paragraph opens with a participle or adjective phrase
(*Recalling*, *Expressing grave concern*), an operative paragraph with a verb
in the third person (*Takes note of*, *Strongly encourages*). What follows the
lead is the substance; the lead is what negotiators fight over.
"""

from __future__ import annotations

import re
from enum import StrEnum

# Multi-word openings that mark the start of a paragraph (for telling a new paragraph from a
# continuation; lead phrases themselves are read by the grammar in lead_phrase).
_PHRASES = """
Bearing in mind|Taking note with appreciation|Taking note|Taking into account|Having considered
Having examined|Having reviewed|Noting with appreciation|Noting with concern|Noting with satisfaction
Deeply concerned|Gravely concerned|Seriously concerned|Deeply alarmed|Deeply disturbed
Takes note with appreciation of|Takes note of|Takes into account|Calls upon|Calls on
Notes with appreciation|Notes with concern|Notes with satisfaction|Expresses its appreciation
Expresses its concern|Expresses concern|Expresses deep concern|Expresses grave concern|Strongly encourages
Strongly urges|Strongly condemns|Strongly supports|Once again
""".replace("\n", "|").strip("|")
PHRASES = sorted((p for p in _PHRASES.split("|") if p), key=len, reverse=True)

# "Expressing grave concern", "Expressing concern also", "Expressing its appreciation".
_EXPRESSING = re.compile(
    r"^Expressing(?: its| (?:grave|deep|serious|profound|great))? "
    r"(?:concern|appreciation|regret|support|satisfaction|alarm)(?: also| further)?"
)
_ADVERBS = ("Also", "Further", "Again", "Strongly", "Deeply", "Firmly", "Once again")
# Words that order a paragraph among its neighbours without changing what it does.
_SEQUENCE_ADVERBS = frozenset(("also", "further", "again", "once", "moreover", "furthermore", "additionally"))


# The grammar of a lead, read from the text rather than listed: adverbs, the verb, then what the
# verb takes to be complete ("Takes note", "Bearing in mind", "Calls upon", "Having considered"),
# an attitude ("with deep concern", "its appreciation"), "of" after "note", and a sequence adverb.
_LEADING = frozenset(
    (
        "also",
        "further",
        "again",
        "once",
        "strongly",
        "deeply",
        "firmly",
        "gravely",
        "seriously",
        "fully",
        "moreover",
        "furthermore",
        "resolutely",
        "emphatically",
        "most",
    )
)
_ATTITUDES = frozenset(
    (
        "appreciation",
        "concern",
        "satisfaction",
        "regret",
        "alarm",
        "interest",
        "gratitude",
        "support",
        "solidarity",
        "sympathy",
        "condolences",
        "thanks",
        "disappointment",
        "dismay",
    )
)
_DEGREES = frozenset(
    (
        "its",
        "deep",
        "grave",
        "serious",
        "profound",
        "great",
        "particular",
        "full",
        "sincere",
        "strong",
        "deepest",
        "continued",
        "utmost",
    )
)
_COMPLEMENTS = {
    "takes": ("note", "into account"),
    "taking": ("note", "into account"),
    "bearing": ("in mind",),
    "calls": ("upon", "on"),
    "calling": ("upon", "on"),
    "keeping": ("in mind",),
    "pays": ("tribute",),
    "paying": ("tribute",),
}


def lead_phrase(text: str) -> str:
    """The lead phrase at the start of ``text``, as printed, read from the grammar of leads.

    >>> lead_phrase("Recalling its resolutions 70/46 of 7 December 2015,")
    'Recalling'
    >>> lead_phrase("Expressing concern also about the negative impact")
    'Expressing concern also'
    >>> lead_phrase("Takes note of the report of the Secretary-General")
    'Takes note of'
    >>> lead_phrase("Takes note with concern of the findings")
    'Takes note with concern of'
    >>> lead_phrase("Also encourages States to participate")
    'Also encourages'
    >>> lead_phrase("Recalling, in this context, relevant resolutions")
    'Recalling'
    >>> lead_phrase("Once again strongly urges all States")
    'Once again strongly urges'
    >>> lead_phrase("Notes with deep appreciation the work")
    'Notes with deep appreciation'
    >>> lead_phrase("Bearing in mind that")
    'Bearing in mind'
    >>> lead_phrase("Having considered the report")
    'Having considered'
    """
    words = text.split(" ")
    lead: list[str] = []
    i = 0

    def take(n: int = 1) -> bool:
        """Add the next n words; False when the lead ends with them (a comma or other mark)."""
        nonlocal i
        for _ in range(n):
            word = words[i]
            lead.append(word.rstrip(",;:"))
            i += 1
            if word != lead[-1]:
                return False
        return i < len(words)

    def next_is(*phrase: str) -> bool:
        return [w.rstrip(",;:").lower() for w in words[i : i + len(phrase)]] == list(phrase)

    while i < len(words) - 1 and words[i].lower() in _LEADING and not words[i].endswith(","):
        if not take():
            return " ".join(lead)
    if i >= len(words) or not take():
        return " ".join(lead)
    verb = lead[-1].lower()
    if verb == "having" and not take():  # "Having considered", "Having examined"
        return " ".join(lead)
    for complement in _COMPLEMENTS.get(verb, ()):
        if next_is(*complement.split()):
            if not take(len(complement.split())):
                return " ".join(lead)
            break
    attitude = 0
    if next_is("with") or verb.startswith("express"):
        attitude = 1 if next_is("with") else 0
        while i + attitude < len(words) and words[i + attitude].lower() in _DEGREES:
            attitude += 1
        if i + attitude < len(words) and words[i + attitude].rstrip(",;:").lower() in _ATTITUDES:
            if not take(attitude + 1):
                return " ".join(lead)
    if lead[-1].lower() in ("note", *_ATTITUDES) and verb in ("takes", "taking") and next_is("of"):
        if not take():
            return " ".join(lead)
    if i < len(words) and words[i].rstrip(",").lower() in ("also", "further", "again", "moreover"):
        take()
    return " ".join(lead)


def looks_like_lead(text: str) -> bool:
    """True if ``text`` opens the way a new paragraph of a resolution opens.

    Used to tell a new paragraph from a page-break continuation that happens to
    start with a capital letter.

    >>> looks_like_lead("Recalling the International Convention")
    True
    >>> looks_like_lead("Operations of the Secretariat")
    False
    """
    first = text.split(" ", 1)[0].rstrip(",;:")
    if not first[:1].isupper():
        return False
    if any(text.startswith(p) for p in PHRASES) or _EXPRESSING.match(text):
        return True
    if first in _ADVERBS:
        return True
    if first.endswith("ing") or first in _PREAMBULAR_ADJECTIVES:
        return True
    # An operative verb in the third person: "Encourages", "Urges", "Decides".
    return first.endswith("s") and first.lower() in _OPERATIVE_VERBS


_PREAMBULAR_ADJECTIVES = {
    "Mindful",
    "Convinced",
    "Aware",
    "Conscious",
    "Determined",
    "Concerned",
    "Alarmed",
    "Cognizant",
    "Desirous",
    "Guided",
    "Encouraged",
    "Gravely",
    "Deeply",
    "Acknowledging",
}
_OPERATIVE_VERBS = {
    "acknowledges",
    "adopts",
    "affirms",
    "appeals",
    "approves",
    "calls",
    "commends",
    "condemns",
    "decides",
    "declares",
    "demands",
    "deplores",
    "emphasizes",
    "encourages",
    "endorses",
    "invites",
    "notes",
    "reaffirms",
    "recalls",
    "recognizes",
    "recommends",
    "reiterates",
    "requests",
    "stresses",
    "supports",
    "takes",
    "underlines",
    "underscores",
    "urges",
    "welcomes",
}


class Direction(StrEnum):
    STRENGTHENED = "lead_strengthened"
    WEAKENED = "lead_weakened"
    CHANGED = "lead_changed"


# The strength scales, weaker to stronger: the one table of how strong a lead is.
# Sources: the scales of operative verbs as commonly read in UN usage, from the project's primer
# (shared/docs/un-resolutions-primer.md, "Strength of the lead verb": Takes note of < Notes with
# appreciation < Welcomes; Invites < Encourages < Strongly encourages < Calls upon < Urges <
# Demands; Notes < Recognizes < Reaffirms), each with its preambular participle; and the degrees
# of concern, whose adjectives say their own strength (concern < deep concern < grave concern).
# Two leads compare only when both stand on one line; otherwise "changed". Besides the table, an
# intensifier added to the same verb ("Urges" -> "Strongly urges") strengthens it.
STRENGTH_SCALES: tuple[tuple[str, ...], ...] = (
    ("takes note of", "notes with appreciation", "welcomes"),
    ("invites", "encourages", "strongly encourages", "calls upon", "urges", "demands"),
    ("notes", "recognizes", "reaffirms"),
    ("taking note of", "noting with appreciation", "welcoming"),
    ("inviting", "encouraging", "strongly encouraging", "calling upon", "urging"),
    ("noting", "recognizing", "reaffirming"),
    ("expresses concern", "expresses deep concern", "expresses grave concern"),
    ("expressing concern", "expressing deep concern", "expressing grave concern"),
    ("concerned", "deeply concerned", "gravely concerned"),
)
_INTENSIFIERS = ("strongly ", "deeply ", "firmly ", "gravely ", "seriously ")


def lead_base(lead: str) -> str:
    """The lead without sequence adverbs ("Also encourages" and "Further encourages" are "encourages").

    >>> lead_base("Once again urges"), lead_base("Recognizing also"), lead_base("Takes note")
    ('urges', 'recognizing', 'takes note of')
    """
    words = [w for w in lead.lower().split() if w not in _SEQUENCE_ADVERBS]
    base = " ".join(words)
    base = base.replace("expresses its ", "expresses ").replace("expressing its ", "expressing ")
    return {
        "takes note": "takes note of",
        "taking note": "taking note of",
        "calls on": "calls upon",
        "calling on": "calling upon",
    }.get(base, base)


def _verb_stem(word: str) -> str:
    """One key for a verb's operative and preambular forms: "takes"/"taking", "urges"/"urging".

    >>> [_verb_stem(w) for w in ("takes", "taking", "recalls", "recalling", "expresses", "expressing")]
    ['tak', 'tak', 'recall', 'recall', 'express', 'express']
    """
    if word.endswith("ing") and len(word) > 5:
        word = word[:-3]
    elif word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    return word[:-1] if word.endswith("e") else word


def lead_key(lead: str) -> str:
    """A lead as a drafter compares it: without sequence adverbs, and the same in either part
    ("Takes note of" in the operative part is "Taking note of" in the preamble).

    >>> lead_key("Takes note of") == lead_key("Taking note of") != lead_key("Takes into account")
    True
    """
    words = lead_base(lead).split()
    stem = next((k for k, w in enumerate(words) if w not in _LEADING), None)
    if stem is not None:
        words[stem] = _verb_stem(words[stem])
    return " ".join(words)


def compare_leads(old: str, new: str) -> Direction | None:
    """How the lead phrase changed, or None if it did not.

    >>> compare_leads("Takes note of", "Welcomes")
    <Direction.STRENGTHENED: 'lead_strengthened'>
    >>> compare_leads("Urges", "Encourages")
    <Direction.WEAKENED: 'lead_weakened'>
    >>> compare_leads("Urges", "Strongly urges")
    <Direction.STRENGTHENED: 'lead_strengthened'>
    >>> compare_leads("Recognizing also", "Recognizing") is None  # a sequence adverb only
    True
    >>> compare_leads("Further encourages", "Also encourages") is None
    True
    >>> compare_leads("Takes note of", "Taking note of") is None  # the same lead, moved to the preamble
    True
    >>> compare_leads("Takes note of", "Welcoming")
    <Direction.STRENGTHENED: 'lead_strengthened'>
    >>> compare_leads("Decides", "Requests")
    <Direction.CHANGED: 'lead_changed'>
    >>> compare_leads("Encourages", "Encourages") is None
    True
    """
    if old == new:
        return None
    a, b = lead_key(old), lead_key(new)
    if a == b:
        return None  # only a sequence adverb came or went, or the part: "Also encourages" -> "Encourages"
    for scale in _SCALE_KEYS:
        if a in scale and b in scale:
            return Direction.STRENGTHENED if scale.index(b) > scale.index(a) else Direction.WEAKENED
    for intensifier in _INTENSIFIERS:
        if b == intensifier + a:
            return Direction.STRENGTHENED
        if a == intensifier + b:
            return Direction.WEAKENED
    return Direction.CHANGED


_SCALE_KEYS = tuple(tuple(lead_key(lead) for lead in scale) for scale in STRENGTH_SCALES)
