"""Titles of resolutions: what identifies one, and when two are one series' title renamed.

A recurring resolution keeps its title, or changes it by a few known patterns (a new frame such as
"Implementation of …", words added after it, a new programme named before it). Series discovery
reads titles through these functions, and so do the warnings that a document is not a version of
the resolution it is compared with.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

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


# Words that number what a title names: a conference, a session, a decade or a review of one series
# follows another ("Follow-up to the Fourth …" → "… Fifth …", "resolution 61/16" → "resolution 68/1").
_ORDINALS = frozenset(
    """first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth
fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth twenty thirtieth thirty
fortieth forty fiftieth fifty sixtieth seventieth seventy eightieth""".split()
)


@lru_cache(maxsize=4096)
def _core(title: str) -> tuple[str, ...]:
    """A normalised title without its frame and its articles, plurals folded ("conferences" as
    "conference"), numbers and ordinals as "#" (a symbol's part letter with its number). Cached:
    discovery reads each title against many others."""
    out: list[str] = []
    for w in _FRAME_RE.sub("", title).split():
        if w == "the" or (len(w) == 1 and w.isalpha() and out[-1:] == ["#"]):
            continue  # an article; the part letter of a symbol ("resolution 75/290 A")
        w = "#" if w.isdigit() or w in _ORDINALS else w
        if w == "#" and out[-1:] == ["#"]:
            continue  # "75/290" and "twenty-sixth" are one number each
        out.append(w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w)
    return tuple(out)


def title_head(printed: str | None) -> str:
    """The title before its subtitle, normalised: "Policies and programmes involving youth: youth in
    the global economy …" is headed "policies and programmes involving youth" (the whole title when
    it has no subtitle, or a head of one word).

    >>> title_head("Global health and foreign policy: strengthening health system resilience")
    'global health and foreign policy'
    """
    head, colon, _ = (printed or "").partition(":")
    words = normalise_title(head).split() if colon else []
    return " ".join(words) if len([w for w in words if w not in STOPWORDS]) >= 2 else normalise_title(printed)


def _content(words: tuple[str, ...]) -> int:
    return len([w for w in words if w not in STOPWORDS and w != "#"])


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
    >>> renamed_title("follow up to the fourth united nations conference on the least developed countries",
    ...               "follow up to the fifth united nations conference on the least developed countries")
    True
    """
    ca, cb = _core(a), _core(b)
    short, long = sorted((ca, cb), key=len)
    if _content(short) < 2:
        return False
    after = long[len(short) :]
    if long[: len(short)] == short:
        # A short title with a word added is often another subject ("Nuclear disarmament" and
        # "… verification"): words are added to titles of three words or more.
        return after[:1] == ("and",) or (len(after) <= _RENAME_WORDS and _content(short) >= 3) or not after
    before = long[: len(long) - len(short)]
    named_before = before[-1:] == ("and",)  # "the" is dropped from the core
    return long[len(before) :] == short and named_before and len(before) <= len(short)


def title_as_object(outer: str, inner: str) -> bool:
    """Does the (normalised) title ``outer`` hold ``inner`` whole, as the object of what it names ("World Survey on the
    Role of Women in Development" and "Women in development"; "Quadrennial comprehensive policy review of operational
    activities for development …" and "Operational activities for development …")? ``outer`` names an act on
    ``inner``'s subject (a survey, a review), not the subject itself; ``inner`` of two content words or more.

    >>> title_as_object("world survey on the role of women in development", "women in development")
    True
    >>> title_as_object("women in development", "world survey on the role of women in development")
    False
    >>> title_as_object("implementation of the convention on biological diversity", "convention on biological diversity")
    False
    >>> title_as_object("nuclear disarmament verification", "nuclear disarmament")
    False
    """
    return len(_core(outer)) > len(_core(inner)) and _held_whole(outer, inner, ("of", "on"), at_start=False, content=2)


def extended_title(a: str, b: str) -> bool:
    """Is one (normalised) title the other with a subject added after "and", the shorter of three content words
    or more? "Follow-up to the Fourth World Conference on Women and full implementation of the Beijing Declaration
    and the Platform for Action", then "… and the outcome of the twenty-third special session of the General
    Assembly": the old title stays whole as the first subject. A title of two words is a frame many series
    share ("Human rights", "Human rights and extreme poverty").

    >>> extended_title("follow up to the fourth world conference on women and full implementation of the beijing "
    ...                "declaration and the platform for action", "follow up to the fourth world conference on women and "
    ...                "full implementation of the beijing declaration and platform for action and the outcome of the "
    ...                "twenty third special session of the general assembly")
    True
    >>> extended_title("human rights", "human rights and extreme poverty")
    False
    >>> extended_title("convention on biological diversity", "convention on biological diversity for development")
    False
    """
    return _held_whole(a, b, ("and",), at_start=True, content=3)


def _held_whole(a: str, b: str, joiners: tuple[str, ...], at_start: bool, content: int) -> bool:
    """Does the longer of two titles (their cores) hold the shorter whole, at its start followed by one of ``joiners``
    or at its end after one, the shorter of ``content`` content words or more?"""
    short, long = sorted((_core(a), _core(b)), key=len)
    n = len(short)
    if _content(short) < content or len(long) <= n + 1:
        return False
    if at_start:
        return long[:n] == short and long[n] in joiners
    return long[-n:] == short and long[-n - 1] in joiners


# A place a title is about, at its end: "… in Central America and the Dominican Republic".
_PLACE_RE = re.compile(r"\bin ((?:(?:the|and|of)\s+)*[A-Z][\w-]*(?:\s+(?:(?:the|and|of)\s+)*[A-Z][\w-]*)*)\s*$")


def named_place(printed: str | None) -> frozenset[str]:
    """The words of the place a printed title ends on ("… in Central Asia"), none when it names none.

    >>> sorted(named_place("Sustainable tourism and sustainable development in Central America and the Dominican Republic"))
    ['america', 'central', 'dominican', 'republic']
    >>> named_place("Women in development"), named_place(None)
    (frozenset(), frozenset())
    """
    found = _PLACE_RE.search(unicodedata.normalize("NFKC", printed or "").strip().rstrip("*0123456789"))
    if not found:
        return frozenset()
    return frozenset(w.casefold() for w in WORD_RE.findall(found[1]) if w[0].isupper())


def named_region(printed: str | None) -> frozenset[str]:
    """The place a printed title ends on (see named_place) when it is a region or a country: not where every longer word
    of the title is capitalised (a capital marks no name there: "World Survey on the Role of Women in Development"), nor
    the Organization itself ("… in the United Nations Secretariat", "… in the United Nations system").

    >>> sorted(named_region("Sustainable tourism and sustainable development in Central Asia"))
    ['asia', 'central']
    >>> named_region("World Survey on the Role of Women in Development")
    frozenset()
    >>> named_region("Towards an accountability system in the United Nations Secretariat")
    frozenset()
    """
    place = named_place(printed)
    longer = [w for w in WORD_RE.findall(printed or "") if len(w) > 3]
    if all(w[0].isupper() for w in longer) or {"united", "nations"} <= place:
        return frozenset()
    return place


def other_places(a: frozenset[str], b: frozenset[str]) -> bool:
    """Do two titles name different places (Central Asia, Central America), neither within the other?"""
    return bool(a and b) and not (a <= b or b <= a)


_MEETING_RE = re.compile(r"^(?:\w+ ){0,3}(?:congress|conference|summit)\b")


def numbered_meeting(title: str) -> bool:
    """Does a (normalised) title name a meeting numbered as held once, by its ordinal or its year
    ("Fourteenth United Nations Congress on …", "2025 United Nations Conference …"), not a standing body
    called a conference ("United Nations Conference on Trade and Development", "Conference on Disarmament")?

    >>> numbered_meeting("fourteenth united nations congress on crime prevention and criminal justice")
    True
    >>> numbered_meeting("united nations conference on trade and development"), numbered_meeting("report of the conference on disarmament")
    (False, False)
    """
    first, _, rest = title.removeprefix("the ").partition(" ")
    return (first in _ORDINALS or first.isdigit()) and bool(_MEETING_RE.match(rest))


# Words by which a title speaks of countries in general ("Graduation of countries from the least developed
# country category"), and the small words a place's name may hold between its capitalised words
# ("Bangladesh, the Lao People’s Democratic Republic and Nepal").
_COUNTRIES_IN_GENERAL = frozenset({"countries", "states", "territories"})
_NAME_JOINERS = frozenset({"and", "the", "of", "s", "d", "l"})  # "People's", "Côte d'Ivoire": parted at the apostrophe


def names_one_of(a: str | None, b: str | None) -> bool:
    """Does one printed title name a country (or a few) where the other speaks of countries in general, in
    the other's words ("Graduation of countries from the least developed country category" and "Graduation
    of Bhutan from …", "Deferral of the graduation of Angola from … to a later date")? Such a text is an act
    on that country, not a member of the general series.

    >>> names_one_of("Graduation of countries from the least developed country category",
    ...              "Graduation of Cambodia and Senegal from the least developed country category")
    True
    >>> names_one_of("Graduation of countries from the least developed country category",
    ...              "Deferral of the graduation of Angola from the least developed country category to a later date")
    True
    >>> names_one_of("Activities which affect the peoples of the Non-Self-Governing Territories",
    ...              "Activities which affect the peoples of the Non-Self-Governing Territories")
    False
    >>> names_one_of("Situation of human rights", "Situation of human rights in Myanmar")
    False
    >>> names_one_of("Graduation of countries from the least developed country category",
    ...              "Graduation of the Lao People’s Democratic Republic from the least developed country category")
    True
    """
    wa, wb = _printed_words(a or ""), _printed_words(b or "")
    ka, kb = _in_general(a or ""), _in_general(b or "")
    return (ka is not None and _names_one_in(wa, ka, wb)) or (kb is not None and _names_one_in(wb, kb, wa))


@lru_cache(maxsize=4096)
def _printed_words(printed: str) -> tuple[str, ...]:
    """The words of a printed title, case kept. Cached: discovery reads each title against many others."""
    return tuple(WORD_RE.findall(unicodedata.normalize("NFKC", printed)))


@lru_cache(maxsize=4096)
def _in_general(printed: str) -> int | None:
    """Where a printed title speaks of countries in general (the word's index), None when it does not or its
    frame is of a few words (which says little). Written in lower case: "Non-Self-Governing Territories",
    "Commonwealth of Independent States" are names."""
    words = _printed_words(printed)
    k = next((n for n, w in enumerate(words) if w in _COUNTRIES_IN_GENERAL), None)
    return k if len(words) >= 4 else None


def _names_one_in(general: tuple[str, ...], k: int, specific: tuple[str, ...]) -> bool:
    """Does ``specific`` hold ``general`` with its word for countries in general (its ``k``-th) replaced by a name?"""
    before, after = [w.casefold() for w in general[:k]], [w.casefold() for w in general[k + 1 :]]
    folded = [w.casefold() for w in specific]
    for i in range(len(specific) - len(before) - len(after)):
        if folded[i : i + len(before)] != before:
            continue
        j = i + len(before)
        for e in range(j + 1, len(specific) - len(after) + 1):
            if folded[e : e + len(after)] == after and _a_name(specific[j:e]):
                return True
    return False


def _a_name(words: tuple[str, ...]) -> bool:
    """Are ``words`` a place's name (or a list of them): capitalised words, first and last, and the small
    words between them? A name may be printed after "the" ("the Lao People's Democratic Republic").

    >>> _a_name(("the", "Lao", "People", "s", "Democratic", "Republic")), _a_name(("Côte", "d", "Ivoire"))
    (True, True)
    >>> _a_name(("the",)), _a_name(("the", "least", "developed"))
    (False, False)
    """
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return (
        bool(words)
        and words[0][0].isupper()
        and words[-1][0].isupper()
        and all(w[0].isupper() or w in _NAME_JOINERS for w in words)
    )


def proper_names(printed: str | None) -> frozenset[str]:
    """The proper names a printed title holds: its capitalised words after the first (a place, a body, a
    programme), lower-cased, numbering words (ordinals, roman numerals) and single letters aside.

    >>> sorted(proper_names("Extension of the preparatory period preceding the graduation of Solomon Islands"))
    ['islands', 'solomon']
    >>> sorted(proper_names("Follow-up to the Fourth United Nations Conference on the Least Developed Countries"))
    ['conference', 'countries', 'developed', 'least', 'nations', 'united']
    """
    words = _printed_words(printed or "")[1:]
    return frozenset(
        w.casefold()
        for w in words
        if w[0].isupper() and len(w) > 1 and w.casefold() not in _ORDINALS and not re.fullmatch(r"[IVXL]+", w)
    )
