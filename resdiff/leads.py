"""Lead phrases: the italic opening of a paragraph, and how strong it is.

A preambular paragraph opens with a participle or adjective phrase
(*Recalling*, *Expressing grave concern*), an operative paragraph with a verb
in the third person (*Takes note of*, *Strongly encourages*). What follows the
lead is the substance; the lead is what negotiators fight over.
"""

from __future__ import annotations

import re
from enum import StrEnum

# Multi-word leads, matched longest first. Single-word leads need no entry: the
# first word is the lead, with the connectives below attached.
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
_CONNECTIVES = ("also", "further", "again", "moreover")


def lead_phrase(text: str) -> str:
    """The lead phrase at the start of ``text``, as printed.

    >>> lead_phrase("Recalling its resolutions 70/46 of 7 December 2015,")
    'Recalling'
    >>> lead_phrase("Expressing concern also about the negative impact")
    'Expressing concern also'
    >>> lead_phrase("Takes note of the report of the Secretary-General")
    'Takes note of'
    >>> lead_phrase("Also encourages States to participate")
    'Also encourages'
    >>> lead_phrase("Recalling, in this context, relevant resolutions")
    'Recalling'
    """
    m = _EXPRESSING.match(text)
    if m:
        return m.group(0)
    for phrase in PHRASES:
        if text.startswith(phrase) and (len(text) == len(phrase) or not text[len(phrase)].isalpha()):
            return phrase
    words = text.split(" ")
    lead: list[str] = []
    i = 0
    if words and words[0] in _ADVERBS:
        lead.append(words[0])
        i = 1
    if i < len(words):
        lead.append(words[i].rstrip(",;:"))
        if words[i].endswith((",", ";", ":")):
            return " ".join(lead)
        i += 1
    if i < len(words) and words[i].rstrip(",") in _CONNECTIVES:
        lead.append(words[i].rstrip(","))
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
    "Mindful", "Convinced", "Aware", "Conscious", "Determined", "Concerned", "Alarmed",
    "Cognizant", "Desirous", "Guided", "Encouraged", "Gravely", "Deeply", "Acknowledging",
}
_OPERATIVE_VERBS = {
    "acknowledges", "adopts", "affirms", "appeals", "approves", "calls", "commends", "condemns",
    "decides", "declares", "demands", "deplores", "emphasizes", "encourages", "endorses",
    "invites", "notes", "reaffirms", "recalls", "recognizes", "recommends", "reiterates",
    "requests", "stresses", "supports", "takes", "underlines", "underscores", "urges", "welcomes",
}


class Direction(StrEnum):
    STRENGTHENED = "lead_strengthened"
    WEAKENED = "lead_weakened"
    CHANGED = "lead_changed"


# The strength scales, weaker to stronger, as commonly read in UN usage. Two
# leads compare only when both stand on one line; otherwise "changed".
STRENGTH_SCALES: tuple[tuple[str, ...], ...] = (
    ("takes note of", "notes with appreciation", "welcomes"),
    ("invites", "encourages", "strongly encourages", "calls upon", "urges", "demands"),
    ("notes", "recognizes", "reaffirms"),
    ("taking note of", "noting with appreciation", "welcoming"),
    ("inviting", "encouraging", "calling upon", "urging"),
    ("noting", "recognizing", "reaffirming"),
)


def _base(lead: str) -> str:
    words = [w for w in lead.lower().split() if w not in ("also", "further", "again", "moreover")]
    base = " ".join(words)
    return {"takes note": "takes note of", "taking note": "taking note of", "calls on": "calls upon"}.get(
        base, base
    )


def compare_leads(old: str, new: str) -> Direction | None:
    """How the lead phrase changed, or None if it did not.

    >>> compare_leads("Takes note of", "Welcomes")
    <Direction.STRENGTHENED: 'lead_strengthened'>
    >>> compare_leads("Urges", "Encourages")
    <Direction.WEAKENED: 'lead_weakened'>
    >>> compare_leads("Recognizing also", "Recognizing")
    <Direction.CHANGED: 'lead_changed'>
    >>> compare_leads("Decides", "Requests")
    <Direction.CHANGED: 'lead_changed'>
    >>> compare_leads("Encourages", "Encourages") is None
    True
    """
    if old == new:
        return None
    a, b = _base(old), _base(new)
    for scale in STRENGTH_SCALES:
        if a in scale and b in scale and a != b:
            return Direction.STRENGTHENED if scale.index(b) > scale.index(a) else Direction.WEAKENED
    return Direction.CHANGED
