"""Titles of resolutions: what identifies one, and when two are one series' title renamed.

A recurring resolution keeps its title, or changes it by a few known patterns (a new frame such as
"Implementation of …", words added after it, a new programme named before it). Series discovery
reads titles through these functions, and so do the warnings that a document is not a version of
the resolution it is compared with.
"""

from __future__ import annotations

import re
import unicodedata

WORD_RE = re.compile(r"[^\W_]+")
# Words that say nothing about what a title is about.
STOPWORDS = frozenset(
    """a an and as at by for from in into its of on or the to with
united nations general assembly""".split()
)


def normalise_title(title: str | None) -> str:
    """A title reduced to what identifies it: case, quotes, spacing and stray footnote digits ignored.

    >>> normalise_title("Statute of the Joint Inspection Unit69")
    'statute of the joint inspection unit'
    >>> normalise_title("International cooperation in the peaceful uses\\nof outer space")
    'international cooperation in the peaceful uses of outer space'
    """
    if not title:
        return ""
    text = unicodedata.normalize("NFKC", title).casefold()
    text = re.sub(r"(?<=[a-z])\d{1,3}$", "", text.strip())  # a footnote mark glued to the last word
    return " ".join(WORD_RE.findall(text))


# The frames a series' title gains or loses when it is renamed: "Convention on Biological Diversity"
# becomes "Implementation of the Convention on Biological Diversity and its contribution to …",
# "… International Conference on Financing for Development" becomes "Follow-up to and implementation
# of the outcomes of the International Conferences on Financing for Development".
_FRAME_RE = re.compile(r"^(?:(?:the|and|follow up to|implementation of|outcomes? of)\s+)+")
_RENAME_WORDS = 4  # words a renamed title may add after the old one ("… for the Decade 2014–2024")


def _core(title: str) -> list[str]:
    """A normalised title without its frame, plurals folded ("conferences" as "conference")."""
    return [
        w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w
        for w in _FRAME_RE.sub("", title).split()
    ]


def renamed_title(a: str, b: str) -> bool:
    """Are two (normalised) titles one series' title renamed by a known pattern? The same subject in
    a new frame ("Implementation of X", "Follow-up to X", "the outcomes of X"), with words added after
    it ("X and its contribution to sustainable development"), or a new programme named before it
    ("Y and X": "the SAMOA Pathway and the Mauritius Strategy …"). A title inside another as its
    object is another subject ("Quadrennial comprehensive policy review of X", "… in implementing X",
    "X: review of changes to the budgetary cycle", "Review of … resolution 75/290 B … and the X").

    >>> renamed_title("convention on biological diversity",
    ...               "implementation of the convention on biological diversity and its contribution to sustainable development")
    True
    >>> renamed_title("follow up to the international conference on financing for development",
    ...               "follow up to and implementation of the outcomes of the international conferences on financing for development")
    True
    >>> renamed_title("operational activities for development",
    ...               "quadrennial comprehensive policy review of operational activities for development")
    False
    """
    ca, cb = _core(a), _core(b)
    short, long = sorted((ca, cb), key=len)
    if len([w for w in short if w not in STOPWORDS]) < 2:
        return False
    after = long[len(short) :]
    if long[: len(short)] == short:
        return after[:1] == ["and"] or len(after) <= _RENAME_WORDS
    before = long[: len(long) - len(short)]
    named_before = before[-1:] == ["and"] or before[-2:] == ["and", "the"]
    return long[len(before) :] == short and named_before and len(before) <= len(short)
