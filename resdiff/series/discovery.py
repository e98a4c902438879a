"""Series discovery: group stored versions into recurring series from their own text.

A recurring resolution says what it continues. Its preamble recalls the earlier members
("Recalling its resolutions 70/46 of …, 71/72 of …", "Reaffirming its annual resolutions on
the law of the sea …, including resolution 78/69"), its title is usually kept (or renamed by
known patterns, :func:`resdiff.core.titles.renamed_title`), and its opening paragraphs are
carried over with small updates. Discovery scores every plausible earlier/later pair on these
signals (:func:`link_evidence`), then joins pairs greedily, title-keeping links first and the
strongest first among them, into chains that never hold two versions of one session
(:func:`discover`): parts A and B adopted under one title on one day stay apart, a one-off
that merely recalls a related resolution shares neither title nor opening and is not joined,
and a version under another title joins a chain only at its start or end.

The result is one :class:`Series` per chain, with a stable slug, its members in session order
and, for each member, the evidence that put it there, and the members its texts name that the
store does not hold (:func:`named_not_stored`). A user corrects the result in the
series manifests: a pinned member stays where it is pinned, an excluded symbol never joins
that series again, and rediscovery starts from those corrections (:class:`Corrections`).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache

from resdiff.core.model import Committee, Paragraph, Part, Resolution, normalise_symbol
from resdiff.core.symbol import Symbol
from resdiff.core.titles import (
    STOPWORDS,
    WORD_RE,
    extended_title,
    named_place,
    named_region,
    names_one_of,
    normalise_title,
    numbered_meeting,
    other_places,
    proper_names,
    renamed_title,
    title_as_object,
    title_head,
)
from resdiff.diff.align import LinkKind, align
from resdiff.store.folder import FoundSeries, ManifestEntry, Store

# A General Assembly resolution cited in running text: "70/46", "61/267 A", "2006 (XIX)".
# Not preceded by a letter or slash, so report symbols (A/77/385) and drafts (A/C.1/77/L.5) are not read.
_CITED_RE = re.compile(r"(?<![\w/.])(\d{1,3})/(\d{1,4})(?: ([A-H])\b)?(?![\w/])")
_OLD_CITED_RE = re.compile(r"(?<![\w/.])(\d{1,4}) ?([A-H] )?\(([IVXL]{1,8})\)")
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50}
_PART_RE = re.compile(r" [A-H]$")
# The opening of a resolution: this many paragraphs from the start are compared.
OPENING_PARAGRAPHS = 8
# The first preambular paragraphs: where a resolution recalls what it continues (after the Charter, the
# Rio texts, the 2030 Agenda and the Addis Ababa Action Agenda that some committees recall first).
FIRST_PREAMBLE = 4
SHINGLE = 3

# What a link needs (see is_link). Set against the hand-checked series of
# tests/fixtures/series_truth.json with bench/series_discovery.py; series_truth_2.json, made apart
# as a hold-out, checks them (its misses were fixed only by rules that hold on both lists).
MIN_SCORE = 1.0
MIN_OPENING_ALONE = 0.45  # opening similarity that links two versions without a recall or a shared title
MIN_OPENING_UNRELATED = 0.8  # … and two whose titles share no word
MIN_OPENING_SAME_TITLE = 0.1  # … and two of one title (or a renamed one) without a recall
MIN_OPENING_CHANGED = 0.6  # … and two whose titles share less than half their words
MAX_APART_RENAMED = 4  # sessions across which a title may change (see is_link)
MIN_OPENING_RENAMED = 0.25  # … and two of one committee whose titles are one renamed, more sessions apart
MIN_OPENING_PREDECESSOR = 0.3  # … and a rewritten title recalling the earlier alone (see is_predecessor_link)


def _roman(text: str) -> int:
    total = 0
    for k, ch in enumerate(text):
        value = _ROMAN[ch]
        total += -value if k + 1 < len(text) and _ROMAN[text[k + 1]] > value else value
    return total


def cited_symbols(text: str) -> list[str]:
    """The General Assembly resolutions a paragraph cites, as full symbols, in order.

    >>> cited_symbols("Recalling its resolutions 70/46 of 7 December 2015, 61/267 A of 16 May 2007 "
    ...               "and 2006 (XIX), and the report A/77/385,")
    ['A/RES/70/46', 'A/RES/61/267 A', 'A/RES/2006 (XIX)']
    """
    found: list[tuple[int, str]] = []
    for m in _CITED_RE.finditer(text):
        part = f" {m[3]}" if m[3] else ""
        found.append((m.start(), f"A/RES/{int(m[1])}/{int(m[2])}{part}"))
    for m in _OLD_CITED_RE.finditer(text):
        if int(m[1]) >= 1 and _roman(m[3]) <= 60:
            part = f" {m[2].strip()}" if m[2] else ""
            found.append((m.start(), f"A/RES/{int(m[1])}{part} ({m[3]})"))
    return [s for _, s in sorted(found)]


# Where a preamble lists the Assembly's own resolutions ("Recalling its resolutions 68/167 of …, 69/166
# of … and 75/176 of …"), and what ends such a list: another body's or another kind of act, a title
# ("entitled", a quotation), the end of a clause.
_OWN_LIST_RE = re.compile(r"\b(?:its|General Assembly|the Assembly's)\s+(?:\w+\s+){0,2}resolutions?\b", re.I)
_LIST_END_RE = re.compile(r"\b(?:resolutions?|decisions?|Council|Conference|entitled|Commission)\b|[;“”\"]|\.\s")
# "its previous resolutions on the pattern of conferences, including resolution 78/245": the series'
# own resolutions named by subject, then the latest of them.
_INCLUDING_RE = re.compile(
    r"^(?:\s+on\s+(?P<topic>[^,;]{3,250}?))?,?\s+(?:including|in particular|most recently)(?:\s+its)?\s*$", re.I
)


# Where a list's last resolution ends, and the subject it names after it (its date and parts aside).
_ANY_CITED_RE = re.compile(f"{_CITED_RE.pattern}|{_OLD_CITED_RE.pattern}")
_ABOUT_RE = re.compile(r"(?:\s+of\s+\d{1,2}\s+[A-Z][a-z]+\s+\d{4})?,?\s+on\s+([^,;:]{3,250})")


@dataclass(frozen=True)
class RecallList:
    """A list of the Assembly's own resolutions a paragraph recalls. ``topic`` is None for a plain
    list ("its resolutions 68/167 …, 69/166 …"); for one that follows the resolutions it names by
    their subject ("its previous resolutions on the pattern of conferences, including resolution
    78/245") it is that subject ("" when none is named: "all its subsequent relevant resolutions,
    including …")."""

    symbols: tuple[str, ...]
    topic: str | None = None
    # The subject a plain list names after its resolutions ("its resolutions 59/209 of …, 65/286 of … and
    # 67/221 of … on a smooth transition for countries graduating …"), None when it names none.
    about: str | None = None


def recall_lists(text: str) -> list[RecallList]:
    """The lists of the Assembly's own resolutions a paragraph recalls, each as full symbols in order:
    a recurring resolution's list of its earlier members. A list ends where another body's acts, a
    decision or a title begins, so "its resolutions 70/1 …, entitled “…”" and the Human Rights
    Council's resolutions after it are not read into it.

    >>> [r.symbols for r in recall_lists("Recalling its resolutions 68/167 of 18 December 2013 and 75/176 of "
    ...                                  "16 December 2020, and Human Rights Council resolutions 28/16 and 34/7,")]
    [('A/RES/68/167', 'A/RES/75/176')]
    >>> [r.symbols for r in recall_lists("Recalling its resolution 70/1, entitled “Transforming our world”, and 69/313")]
    [('A/RES/70/1',)]
    >>> recall_lists("Recalling its previous resolutions on the pattern of conferences, including resolution 78/245,")
    [RecallList(symbols=('A/RES/78/245',), topic='the pattern of conferences', about=None)]
    >>> recall_lists("Taking into account its resolutions 59/209 of 20 December 2004 and 65/286 of 29 June 2011 on a "
    ...              "smooth transition for countries graduating from the list of least developed countries,")[0].about
    'a smooth transition for countries graduating from the list of least developed countries'
    """
    out = []
    for m in _OWN_LIST_RE.finditer(text):
        end = _LIST_END_RE.search(text, m.end())
        stop = end.start() if end else len(text)
        found = tuple(cited_symbols(text[m.end() : stop]))
        if found:
            last = max(x.end() for x in _ANY_CITED_RE.finditer(text, m.end(), stop))
            about = _ABOUT_RE.match(text, last)
            out.append(RecallList(found, about=about[1].strip() if about else None))
            continue
        named = _INCLUDING_RE.match(text[m.end() : stop])
        if m[0].lower().endswith("resolutions") and named and end and end[0].lower().startswith("resolution"):
            later = _LIST_END_RE.search(text, end.end())
            found = tuple(cited_symbols(text[end.end() : later.start() if later else len(text)]))
            if found:
                out.append(RecallList(found, (named["topic"] or "").strip()))
    return out


# What follows a cited resolution when the text names its subject: its section, its date, then "entitled “T”"
# or "on T" (T runs to a semicolon or a colon: a title may hold commas and quotation marks, and what follows
# it is read as more than the title, see recalls_by_title).
_TITLED_RE = re.compile(
    r"(?:,? (?:section|paragraph|part)s? [^,;]{1,30},)?(?: of \d{1,2} [A-Z][a-z]+ \d{4})?"
    r",? (?:entitled\s*[“\"](?P<quoted>[^”\"]{3,300})|on (?P<subject>[^;:]{3,300}))"
)
# Between two resolutions of one list: a date, a comma, an "and".
_LIST_GAP_RE = re.compile(r"(?: of \d{1,2} [A-Z][a-z]+ \d{4})?,?(?: and)? ")


def titles_recalled(text: str) -> list[tuple[str, str]]:
    """The resolutions a paragraph recalls by their subject, each with that subject normalised (a leading
    "the" dropped): "its resolution 68/99 of 13 December 2013 on the strengthening of international
    cooperation …", "its resolutions 67/186 of 20 December 2012, entitled “Strengthening the rule of law …”",
    and each resolution of a list the subject follows ("its resolutions 63/210 of … and 67/263 of … on
    reliable and stable transit of energy …").

    >>> titles_recalled("Reaffirming also its resolution 68/99 of 13 December 2013 on the study, mitigation and "
    ...                 "minimization of the consequences of the Chernobyl disaster; and taking note")
    [('A/RES/68/99', 'study mitigation and minimization of the consequences of the chernobyl disaster')]
    >>> titles_recalled("Recalling its resolutions 63/210 of 19 December 2008 and 67/263 of 17 May 2013 on reliable "
    ...                 "and stable transit of energy;")
    [('A/RES/63/210', 'reliable and stable transit of energy'), ('A/RES/67/263', 'reliable and stable transit of energy')]
    >>> titles_recalled("Recalling its resolution 70/1, entitled “Transforming our world”, and 69/313,")
    [('A/RES/70/1', 'transforming our world')]
    """
    found = list(_CITED_RE.finditer(text))
    out = []
    for k, m in enumerate(found):
        last = k
        while last + 1 < len(found) and _LIST_GAP_RE.fullmatch(text, found[last].end(), found[last + 1].start()):
            last += 1
        named = _TITLED_RE.match(text, found[last].end())
        if named:
            subject = normalise_title(named["quoted"] or named["subject"]).removeprefix("the ")
            out.append((cited_symbols(m[0])[0], subject))
    return out


def _content_words(title: str) -> frozenset[str]:
    return frozenset(w for w in title.split() if w not in STOPWORDS)


def _shingles(paragraphs: list[str]) -> frozenset[tuple[str, ...]]:
    """Word triples of the opening, digits folded (so "70/46 of 7 December 2015" matches its update)."""
    out: set[tuple[str, ...]] = set()
    for text in paragraphs:
        words = ["#" if w.isdigit() else w for w in WORD_RE.findall(text.casefold())]
        out.update(tuple(words[k : k + SHINGLE]) for k in range(len(words) - SHINGLE + 1))
    return frozenset(out)


@dataclass(frozen=True)
class Profile:
    """What discovery reads from one version."""

    symbol: str
    session: int | None
    adopted: str | None
    title: str  # normalised
    printed_title: str
    words: frozenset[str]  # content words of the title
    committee: Committee | None
    cites: tuple[str, ...]  # resolutions the preamble cites, in order
    opening: frozenset[tuple[str, ...]]
    # The lists of its own resolutions the preamble recalls, each with the paragraph it stands in.
    recall_lists: tuple[tuple[str, RecallList], ...] = ()
    head: str = ""  # the title before its subtitle (see title_head)
    # Its operative part adopts, proclaims or establishes what it is titled after, or receives the
    # outcome of the event it is titled after (see adopts_own_title).
    adopts: bool = False
    # The resolutions its first preambular paragraphs recall one by one: "Recalling its resolution 69/142 of …".
    named_alone: frozenset[str] = frozenset()
    titled_after: str | None = None  # the first resolution its title names and its preamble recalls
    place: frozenset[str] = frozenset()  # the place its title ends on (see named_place)
    region: frozenset[str] = frozenset()  # … when it is a region or a country (see named_region)
    # Its series' history: the list of three or more of its own resolutions its first preambular
    # paragraph recalls ("Recalling its resolutions 47/90 of …, 49/155 of …, 51/58 of …, …").
    history: tuple[str, ...] = ()
    # The resolutions it recalls only among other series' texts (see mixed_recalls).
    mixed: frozenset[str] = frozenset()
    # The older titles of its series (their content words), named as subjects of its previous
    # resolutions (see older_titles).
    older_titles: frozenset[frozenset[str]] = frozenset()
    # The clauses in which it renames something as its own title, normalised (see renaming_clauses).
    renaming: tuple[str, ...] = ()
    names: frozenset[str] = frozenset()  # the proper names its title holds (see proper_names)
    # The resolutions its preamble recalls by their titles, each with the title it gives (see titles_recalled).
    titles_recalled: tuple[tuple[str, str], ...] = ()
    # The lists of two or more of its own resolutions its first preambular paragraphs recall with the subject they
    # are on ("its resolutions 63/210 of … and 67/263 of … on reliable and stable transit of energy …"), each with
    # that subject normalised, a leading "the" dropped (see recalls_its_subject_history).
    subject_lists: tuple[tuple[tuple[str, ...], str], ...] = ()

    @property
    def short(self) -> str:
        return self.symbol.removeprefix("A/RES/")

    @cached_property
    def predecessors_named(self) -> frozenset[str]:
        """The resolutions of the latest earlier session among the Assembly's own resolutions it
        recalls: the ones it names as its predecessor."""
        earlier = [
            (_session_of(x), x)
            for _, recalled in self.recall_lists
            for x in recalled.symbols
            if 0 < _session_of(x) < (self.session or 0)
        ]
        latest = max((session for session, _ in earlier), default=0)
        return frozenset(x for session, x in earlier if session == latest)

    @cached_property
    def cited_resolutions(self) -> frozenset[str]:
        """The resolutions it cites, part letters dropped ("A/RES/76/84 A" as "A/RES/76/84")."""
        return frozenset(_PART_RE.sub("", s) for s in self.cites)


_DIGITS_RE = re.compile(r"\d+")


def same_title_kept(earlier: str, later: str) -> bool:
    """Are two (normalised) titles one title kept from session to session: equal but for where their
    words break (a compound written hyphenated, then solid: "peace-keeping operations", "peacekeeping
    operations") and, for a recurring act, the numbers they hold (the period they name: "… programme
    budget for the biennium 2002–2003", "… 2006–2007"; titles number little else)?
    A one-off act's period names another act (the programmes of action for the decades 2014–2024 and
    2024–2034; see looks_one_off).

    >>> same_title_kept("comprehensive review of the whole question of peace keeping operations",
    ...                 "comprehensive review of the whole question of peacekeeping operations")
    True
    >>> same_title_kept("special subjects relating to the proposed programme budget for the biennium 2002 2003",
    ...                 "special subjects relating to the proposed programme budget for the biennium 2016 2017")
    True
    >>> same_title_kept("programme of action for landlocked developing countries for the decade 2014 2024",
    ...                 "programme of action for landlocked developing countries for the decade 2024 2034")
    False
    >>> same_title_kept("nuclear disarmament", "nuclear disarmament verification")
    False
    """
    a, b = _title_forms(earlier), _title_forms(later)
    if not a[0] or a[0] == b[0]:
        return bool(a[0])
    return a[1] == b[1] and not (looks_one_off(earlier) or looks_one_off(later))


@lru_cache(maxsize=4096)
def _title_forms(title: str) -> tuple[str, str]:
    """A title without its word breaks, and the same with its numbers folded. Cached: discovery reads each
    title against many others."""
    compact = title.replace(" ", "")
    return compact, _DIGITS_RE.sub("#", compact)


def committee_of(res: Resolution) -> Committee | None:
    """The Main Committee a resolution was adopted on the report of, the plenary for one adopted
    without reference to a Main Committee, None when not known.

    >>> committee_of(Resolution("A/RES/1/1", committee="plenary"))
    <Committee.PLENARY: 'plenary'>
    >>> committee_of(Resolution("A/RES/1/1", committee="First Committee"))
    <Committee.FIRST: 'First'>
    """
    for text in (res.committee, res.committee_report):
        found = Committee.named_in(text) if text else None
        if found is not None:
            return found
    return None


def profile(res: Resolution) -> Profile:
    paragraphs = res.paragraphs
    preamble = [p for p in paragraphs if p.part is Part.PREAMBLE]
    cites: list[str] = []
    for p in preamble:
        cites += [s for s in cited_symbols(p.text) if s != res.symbol and s not in cites]
    lists = tuple((p.id, found) for p in preamble for found in recall_lists(p.text))
    first = {p.id for p in preamble[:FIRST_PREAMBLE]}
    recalling = {pid for pid, _ in lists}
    alone = frozenset(r.symbols[0] for pid, r in lists if pid in first and len(r.symbols) == 1 and r.topic is None)
    title = normalise_title(res.title)
    opening = [p.text for p in paragraphs[:OPENING_PARAGRAPHS]]
    return Profile(
        res.symbol,
        res.session,
        res.adopted,
        title,
        res.title or "",
        _content_words(title),
        committee_of(res),
        tuple(cites),
        _shingles(opening),
        lists,
        title_head(res.title),
        adopts_own_title(res, title),
        alone,
        # A title names what the text continues only when its preamble recalls it too (a part can be
        # stored under the title of its resolution's other part, naming what that part reviews).
        next((s for s in cited_symbols(res.title or "") if any(s in r.symbols for _, r in lists)), None),
        named_place(res.title),
        named_region(res.title),
        next((r.symbols for pid, r in lists if pid == preamble[0].id and r.topic is None and len(r.symbols) >= 3), ()),
        mixed_recalls([r for _, r in lists]),
        older_titles(title, [r for _, r in lists]),
        renaming_clauses(title, [p.text for p in paragraphs]),
        proper_names(res.title),
        # Read only where the preamble recalls its own resolutions ("its resolution 68/99 of … on …").
        tuple(x for p in preamble if p.id in recalling for x in titles_recalled(p.text)),
        tuple(
            (r.symbols, normalise_title(r.about).removeprefix("the "))
            for pid, r in lists
            if pid in first and r.about and len(r.symbols) > 1
        ),
    )


_RENAMES_RE = re.compile(r"\brenam(?:e|es|ed|ing)\b([^;]*)", re.I)


def renaming_clauses(title: str, texts: list[str]) -> tuple[str, ...]:
    """The clauses, normalised, in which a text renames something as what it is titled after ("Decides
    … to rename the non-legally binding instrument on all types of forests the United Nations forest
    instrument", 70/199 "United Nations forest instrument"): what stands before its title there is
    the older name of its subject, and a text titled after that name is its series' earlier member.

    >>> renaming_clauses("united nations forest instrument", ["Decides to rename the non-legally binding instrument "
    ...                  "on all types of forests the United Nations forest instrument, recognizing …;"])
    ('the non legally binding instrument on all types of forests the united nations forest instrument recognizing',)
    """
    if not title:
        return ()
    clauses = (normalise_title(m[1]) for text in texts for m in _RENAMES_RE.finditer(text))
    return tuple(c for c in clauses if f" {title}" in f" {c}")


def renames(later: Profile, earlier_title: str) -> bool:
    """Does ``later`` say it renames what ``earlier_title`` names as its own title (see renaming_clauses)?"""
    for clause in later.renaming:
        old, new = clause.find(f" {earlier_title} "), clause.find(f" {later.title}")
        if earlier_title and 0 <= old < new:
            return True
    return False


_SUBJECTS_RE = re.compile(r",?\s+and\s+on\s+", re.I)


def older_titles(title: str, lists: list[RecallList]) -> frozenset[frozenset[str]]:
    """The titles (their content words) that a preamble names beside its own as subjects of its previous
    resolutions ("Recalling further its previous resolutions on freedom of religion or belief and on
    the elimination of all forms of intolerance and of discrimination based on religion or belief",
    "… on the law of the sea and on oceans and the law of the sea"): the older titles of its series.
    A subject named alone is not one: it may be another series' ("its previous resolutions on
    national institutions …" in the ombudsman series).

    >>> [sorted(t) for t in older_titles("freedom of religion or belief", [RecallList(("A/RES/76/156",),
    ...     "freedom of religion or belief and on the elimination of all forms of intolerance")])]
    [['all', 'elimination', 'forms', 'intolerance']]
    """
    own = _content_words(title)
    out: set[frozenset[str]] = set()
    for found in lists:
        subjects = [_content_words(normalise_title(x)) for x in _SUBJECTS_RE.split(found.topic or "")]
        if len(subjects) > 1 and own in subjects:
            out.update(x for x in subjects if x and x != own)
    return frozenset(out)


def mixed_recalls(lists: list[RecallList]) -> frozenset[str]:
    """The resolutions (part letters dropped) a preamble names only in lists that, in the sessions
    after theirs and before the latest the list names, name two resolutions of one session: the
    history of more than one series ("its resolutions 66/176, 66/253 A and B, 67/183, 67/262, 68/182,
    69/189 and 70/234": the Third Committee's human rights texts and the plenary's crisis texts).
    Such a list does not say the text is the earlier member of the one recalling it; the sessions of
    the text itself and of the latest named are left out (texts adopted alongside a member, or
    alongside the predecessor, are often recalled with it).

    >>> sorted(mixed_recalls([RecallList(("A/RES/66/176", "A/RES/66/253 A", "A/RES/66/253 B", "A/RES/67/183",
    ...                                   "A/RES/67/262", "A/RES/68/182", "A/RES/70/234"))]))
    ['A/RES/66/176', 'A/RES/66/253']
    >>> sorted(mixed_recalls([RecallList(("A/RES/67/209", "A/RES/68/211", "A/RES/69/219", "A/RES/69/283"))]))
    []
    """
    mixed: set[str] = set()
    clean: set[str] = set()
    for found in lists:
        named = {_PART_RE.sub("", x) for x in found.symbols}
        per_session: dict[int, int] = defaultdict(int)
        for x in named:
            per_session[_session_of(x)] += 1
        latest = max(per_session)
        for x in named:
            own = _session_of(x)
            two = any(n > 1 for session, n in per_session.items() if own < session < latest)
            (mixed if two else clean).add(x)
    return frozenset(mixed - clean)


_ADOPTING_LEADS = ("adopts", "proclaims")
# A proclamation made by a decision ("Decides to proclaim 2021–2030 the United Nations Decade on Ecosystem
# Restoration", "Decides to declare 2012 the International Year of …"): as much a one-off as "Proclaims …".
# Not "Decides to designate", which also gives a body a role ("… the Economic and Social Council to receive
# reports"), nor "Decides to adopt" (see adopts_own_title).
_PROCLAIMS_RE = re.compile(r"^(?:also |further )?decides (?:also |further )?to (?:proclaim|declare) ")
# An operative paragraph that creates what follows it: "Decides to establish the Human Rights Council, …".
_ESTABLISHES_RE = re.compile(r"^decides to (?:establish|create) (?:the )?")
# What the Assembly receives from a meeting held once (see numbered_meeting) after it is held: its own
# report, the results it achieved (not "the report of the Secretary-General on the outcome of …", a
# follow-up's).
_EVENT_OUTCOME = ("report of the ", "results achieved by the ")


def adopts_own_title(res: Resolution, title: str) -> bool:
    """Does the operative part adopt, proclaim or establish what the resolution is titled after
    ("Adopts the present resolution and its annex as the United Nations Global Counter-Terrorism
    Strategy", "Proclaims 2022 the International Year of …", "Decides to establish the Human Rights
    Council"), or receive the outcome of the numbered meeting it is titled after ("Takes note with satisfaction of
    the report of the Third United Nations Conference on …", "Expresses its satisfaction with the
    results achieved by the Fourteenth United Nations Congress …")? Such an act is a one-off: the
    resolutions that later review or follow it up are a series without it, even under its title.

    Only the leads "Adopts" and "Proclaims" ("Decides to proclaim" or "declare" too) count for adopting:
    "Decides to adopt the non-legally binding instrument on all types of forests" is the first of the
    instrument's own series, which a later text renames (see renaming_clauses)."""
    named = " ".join(w for w in title.split() if not w.isdigit()).removeprefix("the ")
    if len(named.split()) < 2:
        return False
    event = numbered_meeting(title)
    operative = [p for p in res.paragraphs if p.part is Part.OPERATIVE]
    if hands_on_to_follow_up(title, [p.text for p in operative]):
        return True
    if not any(_acts_on_title(p, named, event) for p in operative):
        return False
    # It puts its own title on the agenda of a later session ("Decides to include in the provisional
    # agenda of its forty-sixth session an item entitled 'Restructuring and revitalization of the United
    # Nations in the economic, social and related fields'"): the first of a recurring item, whatever
    # its annex adopts.
    return not any("entitled" in p.text and "item entitled " + named in normalise_title(p.text) for p in operative)


_REPORT_OF = "report of the "
# An agenda item or sub-item by its quoted title: "… the sub-item entitled “Report of the Conference on Disarmament”".
_ITEM_RE = re.compile(r"\bitem entitled\s*[“\"‘](?P<item>[^”\"’]+)")


def hands_on_to_follow_up(title: str, operative: list[str]) -> bool:
    """Does a text titled after the report of a meeting ("Report of the International Conference on
    Population and Development") put on the agenda an item that follows that meeting up ("Decides to
    include … an item entitled 'Implementation of the Programme of Action of the International Conference on
    Population and Development'")? It receives the outcome of a meeting held once, whatever its title lacks
    of an ordinal: its follow-up is a series under the new item, and the text itself a one-off. A standing
    body's report is its own recurring item ("an item entitled 'Report of the Committee on Relations with the
    Host Country'"), also as a sub-item of an item that follows up something else ("under the item entitled
    “Review of the implementation of the recommendations … of its tenth special session”, the sub-item
    entitled “Report of the Conference on Disarmament”"): each item is read by its quoted title alone.

    >>> hands_on_to_follow_up("report of the united nations conference on environment and development",
    ...     ["Decides to include in the agenda an item entitled “Implementation of decisions and recommendations "
    ...      "of the United Nations Conference on Environment and Development”;"])
    True
    >>> hands_on_to_follow_up("report of the committee on relations with the host country",
    ...     ["Decides to include in the provisional agenda of its eightieth session the item entitled “Report of "
    ...      "the Committee on Relations with the Host Country”."])
    False
    >>> hands_on_to_follow_up("report of the conference on disarmament", ["Decides to include … under the item "
    ...     "entitled “Review of the implementation of the recommendations and decisions adopted by the General "
    ...     "Assembly at its tenth special session”, the sub-item entitled “Report of the Conference on Disarmament”."])
    False
    """
    if not title.startswith(_REPORT_OF):
        return False
    meeting = title.removeprefix(_REPORT_OF)
    for text in operative:
        for found in _ITEM_RE.finditer(text):
            item = normalise_title(found["item"])
            if _FOLLOWS_UP_RE.match(item) and meeting in item:
                return True
    return False


def _acts_on_title(p: Paragraph, named: str, event: bool) -> bool:
    """Does an operative paragraph adopt, proclaim or establish ``named``, or receive the outcome of the
    numbered meeting it is (``event``)? Only the paragraphs that can are normalised: discovery reads
    every version's operative part."""
    head = normalise_title(p.text[:40])
    adopting = p.lead.casefold().startswith(_ADOPTING_LEADS) or bool(_PROCLAIMS_RE.match(head))
    endorsing = p.lead.casefold().startswith("endorses")
    if not (adopting or endorsing or event or _ESTABLISHES_RE.match(head)):
        return False
    text = normalise_title(p.text)
    establishes = _ESTABLISHES_RE.match(text)
    return (
        (adopting and named in text)
        # It endorses a document by the very title it bears ("Endorses the declaration entitled “Our ocean,
        # our future: call for action” adopted by the Conference"): the resolution is that document's act.
        or (endorsing and f"entitled {named}" in text)
        or (establishes is not None and text[establishes.end() :].startswith(named))
        or (event and any(lead + named in text for lead in _EVENT_OUTCOME))
    )


def is_adopted(res: Resolution) -> bool:
    """A resolution with a session: what discovery groups (drafts are stages, kept where the user put them)."""
    sym = res.parsed_symbol
    return sym is not None and sym.is_resolution and res.session is not None


@dataclass(frozen=True)
class Evidence:
    """Why ``later`` continues ``earlier``: the signals of one link and its score."""

    earlier: str
    later: str
    recalls: bool  # the later version's preamble cites the earlier one
    same_title: bool
    title_similarity: float
    opening_similarity: float
    same_committee: bool | None  # None when either committee is not known
    score: float
    one_off: bool = False  # either title is that of a one-off act (a year, a day, a declaration)
    renamed: bool = False  # the titles differ by a known renaming pattern (see renamed_title)
    apart: int = 1  # sessions between the two
    chain: bool = False  # the later one names the earlier as its predecessor (see Profile.predecessors_named)
    adopts: bool = False  # either adopts, proclaims or establishes what it is titled after (see adopts_own_title)
    named_alone: bool = False  # the later recalls the earlier on its own: "Recalling its resolution 69/142 …"
    titled_after: bool = False  # the later's title names the earlier first ("Review of … resolution 75/290 A on …")
    titled_other: bool = False  # … or names another resolution first
    other_place: bool = False  # the titles name different places ("… in Central Asia", "… in Central America")
    in_history: bool = False  # the earlier is in the later's history (see Profile.history)
    mixed: bool = False  # the later recalls the earlier only among other series' texts (see mixed_recalls)
    older_title: bool = False  # the later names the earlier's title as an older one of its series (see older_titles)
    # One title names a country where the other, otherwise the same, speaks of countries in general (see names_one_of).
    one_of_many: bool = False
    other_names: bool = False  # each title holds a proper name the other does not (see proper_names)
    # The later recalls the earlier by the earlier's own title ("its resolution 68/99 of … on <its title>").
    by_title: bool = False
    named_with_it_by: str = ""  # a text that names both as its resolutions on one subject (see named_together)
    repeated: int = 0  # the earlier's paragraphs the later repeats nearly verbatim, when read (see is_carry_over_link)
    # The later opens on the resolutions of the earlier's title, the earlier the only one stored, when read (see
    # recalls_its_subject_history).
    on_its_subject: bool = False
    extended: bool = False  # one title is the other with a subject added after "and" (see extended_title)
    # The later recalls the earlier by the earlier's other title beside its own series' texts by its own (see
    # recalls_beside_own_series).
    beside_own: bool = False
    # One title is on a region or a country, the other on none, and they share less than half their words (see
    # is_link).
    one_region: bool = False
    # The earlier's title holds the later's whole, as the object of what it names (see title_as_object).
    as_object: bool = False

    @property
    def title_kept(self) -> int:
        """0: the same title; 1: renamed, or half its words kept; 2: changed."""
        return 0 if self.same_title else 2 if self.title_changed else 1

    @property
    def title_changed(self) -> bool:
        """The titles differ beyond a renaming pattern and share less than half their words."""
        return not (self.same_title or self.renamed or self.title_similarity >= 0.5)

    def reason(self) -> str:
        """One line for people: "recalls 78/69; same title; opening 0.82 alike"."""
        parts = []
        earlier = self.earlier.removeprefix("A/RES/")
        if self.recalls:
            parts.append(f"recalls {earlier}")
        if self.same_title:
            parts.append("same title" if self.recalls else f"same title as {earlier}")
        elif self.renamed:
            parts.append("title renamed")
        elif self.title_similarity >= 0.5:
            parts.append(f"title {self.title_similarity:.2f} alike")
        elif self.recalls:
            parts.append("title changed")
        opening = f"opening {self.opening_similarity:.2f} alike"
        parts.append(opening if self.recalls or self.same_title else f"{opening} to {earlier}'s")
        if self.same_committee:
            parts.append("same committee")
        if self.named_with_it_by:
            parts.append(f"both named on its subject by {self.named_with_it_by.removeprefix('A/RES/')}")
        if self.repeated:
            parts.append(f"repeats {self.repeated} of its paragraphs")
        if self.on_its_subject:
            parts.append(f"recalls it among its resolutions on {earlier}'s title")
        return "; ".join(parts)


def _containment(a: frozenset, b: frozenset) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def link_evidence(earlier: Profile, later: Profile) -> Evidence:
    """The signals for ``later`` continuing ``earlier``, and their score.

    The score adds the recall (0.5, up to 1.0 with a similar title), the title (up to 1.0; 1.0
    when equal) and the opening (up to 1.5), and takes 0.5 off when both committees are known and differ. A link needs
    :data:`MIN_SCORE`, and more than a title alone: a recall, or an opening that carries over.
    """
    # A part recalled ("76/84 A") is its resolution when that is stored without its part letter.
    recalls = earlier.symbol in later.cites or earlier.symbol in later.cited_resolutions
    same_title = same_title_kept(earlier.title, later.title)
    union = earlier.words | later.words
    title_sim = 1.0 if same_title else (len(earlier.words & later.words) / len(union) if union else 0.0)
    renamed = not same_title and (
        renamed_title(earlier.title, later.title)
        # the later says it renames what the earlier is titled after as its own title
        or renames(later, earlier.title)
        # a title kept, with a subtitle added, dropped or changed ("Policies and programmes involving
        # youth: youth in the global economy …")
        or (earlier.head == later.head != "" and (earlier.head != earlier.title or later.head != later.title))
    )
    if renamed:
        title_sim = max(title_sim, _TITLE_KIN)
    opening = _containment(earlier.opening, later.opening)
    committee = None if earlier.committee is None or later.committee is None else earlier.committee == later.committee
    # A recall counts in full with a kept title, half with an unrelated one (a related resolution).
    recall = (0.5 + min(0.5, title_sim)) if recalls else 0.0
    score = recall + title_sim + 1.5 * opening - (0.5 if committee is False else 0.0)
    return Evidence(
        earlier.symbol,
        later.symbol,
        recalls,
        same_title,
        round(title_sim, 2),
        round(opening, 2),
        committee,
        round(score, 3),
        looks_one_off(earlier.title) or looks_one_off(later.title),
        renamed,
        (later.session or 0) - (earlier.session or 0),
        earlier.symbol in later.predecessors_named,
        earlier.adopts or later.adopts,
        earlier.symbol in later.named_alone,
        earlier.symbol == later.titled_after,
        later.titled_after not in (None, earlier.symbol),
        other_places(earlier.place, later.place),
        earlier.symbol in later.history,
        _PART_RE.sub("", earlier.symbol) in later.mixed,
        earlier.words in later.older_titles,
        names_one_of(earlier.printed_title, later.printed_title),
        bool(earlier.names - later.names) and bool(later.names - earlier.names),
        recalls and recalls_by_title(earlier, later),
        extended=renamed and extended_title(earlier.title, later.title),
        beside_own=not (same_title or renamed) and recalls_beside_own_series(earlier, later),
        as_object=not (same_title or renamed) and title_as_object(earlier.title, later.title),
        one_region=not (same_title or renamed) and bool(earlier.region) != bool(later.region) and title_sim < 0.5,
    )


def recalls_by_title(earlier: Profile, later: Profile) -> bool:
    """Does ``later`` recall ``earlier`` by ``earlier``'s own title (the title it gives is that title, or
    begins with it: "… on the implementation of the Programme of Action of the International Conference on
    Population and Development, adopted in Cairo")?"""
    return any(x == earlier.symbol and _names_title(subject, earlier.title) for x, subject in later.titles_recalled)


def recalls_beside_own_series(earlier: Profile, later: Profile) -> bool:
    """Does ``later`` recall ``earlier`` by ``earlier``'s own title, and beside it, by ``later``'s own title, a
    resolution of ``earlier``'s session or before? "Reaffirming its resolution 75/233 of 21 December 2020 on the
    quadrennial comprehensive policy review of operational activities for development …" and "its resolutions
    73/248 of 20 December 2018 and 74/238 of 19 December 2019 on operational activities for development of the
    United Nations system" (76/220, under that second title): the text names two subjects, each by its title, and its
    own was already a series when the earlier was adopted, so the earlier is the other subject's text, not its own
    series under an older title (a renamed series' texts under the old title all come before those under the new)."""
    if not recalls_by_title(earlier, later):
        return False
    before = earlier.session or 0
    return any(
        x != earlier.symbol and 0 < _session_of(x) <= before and _names_title(subject, later.title)
        for x, subject in later.titles_recalled
    )


def _names_title(subject: str, title: str) -> bool:
    """Is ``subject`` (normalised, a leading "the" dropped) the normalised ``title``, or that title followed by more
    words ("… adopted in Cairo")?"""
    own = title.removeprefix("the ")
    return bool(own) and (subject == own or subject.startswith(own + " "))


def recalls_its_subject_history(earlier: Profile, later: Profile, stored: set[str]) -> bool:
    """Does ``later`` open by recalling two or more of its resolutions on ``earlier``'s own title, ``earlier`` the
    only one of them stored? "Recalling its resolutions 63/210 of 19 December 2008 and 67/263 of 17 May 2013 on
    reliable and stable transit of energy and its role in ensuring sustainable development and international
    cooperation" (78/149, Second Committee, "The pivotal role of reliable and stable energy connectivity …"):
    resolutions named together under one subject are that subject's series, and the text opens on it as on its
    own history; a resolution recalled alone on its subject is as often an act the text rests on (72/279 on the
    repositioning of the development system, reviewed by 76/4). The subject must be the later's own (half its words
    in the later's title, see _on_subject): a text on another subject recalls a neighbouring series' texts on theirs
    (78/327, the modalities of the 2026 Water Conference, recalls "its resolutions 74/141 … and 76/153 … on the
    human rights to safe drinking water and sanitation", a Third Committee series)."""
    return any(
        _only_stored(symbols, stored) == earlier.symbol
        and _names_title(subject, earlier.title)
        and _on_subject(subject, later)
        for symbols, subject in later.subject_lists
    )


# Titles of one-off acts that later resolutions recall without continuing them: proclaiming a
# year or a day, adopting a declaration or an outcome document, acting on one report.
_ONE_OFF_TITLE_RE = re.compile(
    r"^(?:international (?:year|day)\b|world [\w ]+ day\b|declaration on\b|outcome document\b|"
    r"political declaration\b|report of the secretary general\b|sendai framework\b|"
    # a declaration or an agenda named after its place: "Doha Declaration on Financing for Development:
    # outcome document of …", "Addis Ababa Action Agenda of the Third International Conference …"
    r"(?:the )?(?:\w+ ){1,2}(?:declaration|action agenda|outcome document)\b|"
    # an act that proclaims something (a decade, a year), or adopts a programme of action
    r"proclamation of\b|(?:\w+ ){0,2}programme of action\b|"
    # the last review of a programme, which brings it to a close ("Final review and appraisal of the
    # United Nations New Agenda for the Development of Africa in the 1990s …")
    r"final review\b)"
)


# A title that follows an act up is recurring, whatever act it names.
_FOLLOWS_UP_RE = re.compile(r"^(?:the )?(?:follow up|implementation|review|implementing)\b")


def looks_one_off(title: str) -> bool:
    """Is a (normalised) title that of a one-off act?

    >>> looks_one_off("international year of sustainable energy for all"), looks_one_off("disaster risk reduction")
    (True, False)
    >>> looks_one_off("doha declaration on financing for development outcome document of the follow up conference")
    True
    >>> looks_one_off("follow up to the outcome document of the world summit")
    False
    >>> looks_one_off("programme of action for the least developed countries for the decade 2011 2020")
    True
    >>> looks_one_off("third united nations decade for the eradication of poverty 2018 2027")
    False
    >>> looks_one_off("final review and appraisal of the united nations new agenda for the development of africa")
    True
    """
    return bool(_ONE_OFF_TITLE_RE.search(title)) and not _FOLLOWS_UP_RE.match(title)


def is_link(e: Evidence) -> bool:
    """Does the evidence make one series? A shared title alone does not (parts A and B, and
    unrelated resolutions with a generic title like "Cross-cutting issues"); a recall alone does
    not (a one-off recalling a related resolution); a one-off act (a year, a day, a declaration,
    an outcome document) continues nothing under another title, and an act that adopts what it is
    titled after (a strategy, a convention) is no member of the series that follows it up."""
    if e.adopts or e.score < MIN_SCORE or (e.one_off and not e.same_title) or (e.other_place and not e.recalls):
        # A title on another place is another resolution however alike the texts (Central Asia's
        # tourism and Central America's), unless it recalls the one it continues.
        return False
    if e.one_region:
        # A text on one region, under a title changed from a text on none (or the other way): the general series
        # and a regional act beside it ("Promotion of sustainable tourism, including ecotourism, …" and
        # "Sustainable tourism and sustainable development in Central America"), however alike their openings.
        return False
    if e.beside_own:
        # The later names its own series by its own title since before the earlier, and the earlier by
        # another (see recalls_beside_own_series): a neighbouring series' text, however alike the openings.
        return False
    if e.one_of_many:
        # An act on one country under the general series' title, the country in place of "countries"
        # ("Graduation of Bhutan from the least developed country category"): it recalls the general
        # resolution and shares its opening, but is a one-off on that country, not a member.
        return False
    if e.mixed and not e.chain and e.apart > 1 and e.opening_similarity < MIN_OPENING_ALONE:
        # Across a hole, a text the later names only among other series' texts (see mixed_recalls),
        # and not as its predecessor, is a member only when the chain says so: the later's history
        # leads to another text, and a shared title (a country's situation) does not overrule it
        # unless the opening carries over as fully as it would link two texts alone. 66/253 and
        # 71/130 "The situation in the Syrian Arab Republic", crisis texts five sessions apart.
        return False
    if e.recalls and (e.same_title or e.renamed):
        # One title in two committees is two resolutions unless the opening carries over.
        return e.same_committee is not False or e.opening_similarity >= MIN_OPENING_ALONE
    if e.title_similarity == 0 or (e.title_changed and e.apart > MAX_APART_RENAMED and not (e.chain or e.older_title)):
        # Titles without a word in common: another subject that a preamble recalls or echoes
        # (a one-off International Day, the staff rules after human resources management). So is a
        # title changed across years without a member between (an act of 2011 and a series that
        # starts in 2022 under another title), unless the opening carries over almost whole or the
        # later one names it as its predecessor (the chain says so).
        return e.opening_similarity >= MIN_OPENING_UNRELATED
    if e.recalls:
        # A renamed member must carry its opening over; a one-off recalling a related one does not.
        # Renamed and moved to another committee too (a plenary resolution on a country, recalled
        # by the Third Committee's human rights series on it) is another resolution unless the
        # opening carries over as fully as an unrelated title would need.
        # A third text naming both as its resolutions on one subject says the committee changed, not the subject.
        # An earlier titled after an act on the later's subject (a review of it, a survey on it: see title_as_object)
        # shares the later's title words because it is about that subject, not because it is its older name: it too
        # must carry the opening over as an unrelated title would (62/208, the triennial review of operational
        # activities, recalled by 65/177 "Operational activities for development …" beside its own series).
        renamed_elsewhere = (
            e.title_similarity < 0.5 or e.as_object or (e.same_committee is False and not e.named_with_it_by)
        )
        return e.opening_similarity >= (0.45 if renamed_elsewhere else 0.2)
    if e.renamed and e.same_committee:
        # The same subject in a new frame, in the same committee: as good as the same title within
        # a few sessions; across more, with nothing between, the opening must carry over more, unless
        # the old title stays whole as the first subject of the new (see extended_title: the Beijing
        # follow-up of 1995, then "… and the outcome of the twenty-third special session" from 2000 on).
        near = e.apart <= MAX_APART_RENAMED or e.extended
        return e.opening_similarity >= (MIN_OPENING_SAME_TITLE if near else MIN_OPENING_RENAMED)
    if e.title_changed:
        # Renamed beyond the known patterns, and not recalled: the opening must carry over more
        # than a neighbouring resolution of the same committee on a related subject shares; as much
        # as an unrelated title needs when each names what the other does not (acts on two countries
        # in one frame: "Graduation of Bangladesh, … and Nepal", "Graduation of Cambodia and Senegal").
        return e.opening_similarity >= (MIN_OPENING_UNRELATED if e.other_names else MIN_OPENING_CHANGED)
    return e.opening_similarity >= (MIN_OPENING_SAME_TITLE if e.same_title else MIN_OPENING_ALONE)


PREDECESSOR_ONLY = 3  # the rank of links taken by is_predecessor_link alone, after every Evidence.title_kept


def is_predecessor_link(e: Evidence) -> bool:
    """Is the later version, under a title rewritten beyond the known patterns, the successor the
    earlier names? It recalls the earlier on its own ("Recalling its resolution 69/142 of …") as its
    latest own resolution, in the same committee (or one not known), and carries part of the opening
    over. A one-off recalling a series says as much, so :func:`discover` takes such a link only when
    the later version is itself continued (see there). A text on one region and one on none are not one series
    under a rewritten title, here as in is_link (``Evidence.one_region``)."""
    return (
        e.recalls
        and e.chain
        and e.named_alone
        and e.title_changed
        and e.same_committee is not False
        and not (e.one_off or e.adopts or e.titled_other or e.other_place or e.one_region)
        and e.opening_similarity >= MIN_OPENING_PREDECESSOR
    )


TITLE_RECALL_ONLY = PREDECESSOR_ONLY + 1  # the rank of links taken by is_title_recall_link alone, the last


def is_title_recall_link(e: Evidence) -> bool:
    """Does the later version, under a title rewritten beyond what a link needs, recall the earlier by the
    earlier's own title, as a researcher reads a renamed series' predecessor: "Reaffirming also its
    resolution 68/99 of 13 December 2013 on the strengthening of international cooperation … of the
    Chernobyl disaster" (77/288 "Persistent legacy of the Chernobyl disaster", nine sessions later), "its
    resolution 67/186 …, entitled “Strengthening the rule of law and the reform of criminal justice
    institutions …”" (73/185 "The rule of law, crime prevention and criminal justice …")? In the same
    committee (or one not known), with the score a link needs. A text recalls related ones by title too
    (another series' text, a one-off it rests on), so :func:`discover` takes such a link only between two
    versions no other link has joined, whose titles share a word that says what they are about (one in
    few titles, see uncommon_words), when the later's history (see Profile.history), if any, holds the earlier,
    and when neither has a rival: no other text of its committee that the later names so and that no
    other text continues yet (73/148 on violence against women, named by 77/233 beside 74/174, has its
    own series), no other text naming the earlier so that no other text precedes yet."""
    return e.recalls and e.by_title and e.same_committee is not False and e.score >= MIN_SCORE and not _apart_kind(e)


def is_history_link(e: Evidence) -> bool:
    """Is the earlier version a member of the later's series under an older title, as the history its
    first preambular paragraph recalls says ("Recalling its resolutions 47/90 …, 49/155 …, 51/58 …, …":
    51/58 "The role of cooperatives in the light of new economic and social trends" for "Cooperatives
    in social development")? The titles share a word, the committee is the same, and the opening
    carries over as a recalled member's must (0.2). A title holding the later's whole as the object of what it
    names ("World Survey on the Role of Women in Development" in the history of "Women in development") is an act
    on the later's subject, not its older name (see title_as_object). :func:`discover` takes it only when the
    earlier is the one resolution of that history stored, and the later goes on."""
    return (
        e.recalls
        and e.in_history
        and e.title_changed
        and e.title_similarity > 0
        and e.same_committee is True
        and not (e.one_off or e.adopts or e.titled_other or e.other_place or e.one_region or e.as_object)
        and e.opening_similarity >= 0.2
    )


REPEATED_SIMILARITY = 0.9  # a paragraph carried over nearly verbatim: the share of its words the aligner keeps
MIN_REPEATED = 2  # paragraphs a successor repeats: agreed language carried over, more than one formula


def is_carry_over_link(e: Evidence) -> bool:
    """May the later version, under a title rewritten beyond what the other links need, be the earlier's
    successor as a drafter reads it from the body: it recalls the earlier on its own as its latest own
    resolution ("Recalls its resolution 76/305, and requests the Secretary-General to review …"), and
    the titles share a word of few titles? The committee may change (76/305 "Financing for
    peacebuilding", plenary, then 78/257 "Investing in prevention and peacebuilding", Fifth Committee).
    :func:`discover` takes such a link last, only when the later repeats :data:`MIN_REPEATED` of the
    earlier's paragraphs nearly verbatim (see repeated_paragraphs), both are still series of one (a
    member of a series is quoted by another's text, not continued: 76/270 on the Inter-Parliamentary
    Union, quoted by 77/159 on parliaments and the Goals) and neither has a rival."""
    return e.recalls and e.chain and e.named_alone and not _apart_kind(e)


def is_kept_title_successor(e: Evidence) -> bool:
    """May the later version be the earlier's successor by what its preamble and its title say, however
    little of the opening carries over: it recalls the earlier on its own as its latest own resolution
    (see is_carry_over_link), in the same committee, under the earlier's title kept or half its words kept
    ("Technical assistance to promote the teaching, study, dissemination and wider appreciation of
    international law", 2099 (XX), recalled alone by "United Nations Programme of Assistance in the Teaching,
    Study, Dissemination and Wider Appreciation of International Law", 78/107, in the Sixth Committee, every
    text between not stored)? :func:`discover` takes it with the carry-over links, only when both are still
    series of one, the later's history (see Profile.history), if any, holds the earlier (a text recalling
    its own series' history and, beside it, last session's related text names that text as its latest
    without continuing it: 79/28 on the disarmament education study, recalling 78/31 on youth), and neither
    has a rival."""
    return is_carry_over_link(e) and e.same_committee is True and not e.title_changed


def is_history_member(e: Evidence) -> bool:
    """Would the evidence be a link but for a recall only among other series' texts (see is_link on
    Evidence.mixed), under the same title? :func:`discover` takes it when the later's list that recalls the
    earlier also names an earlier member of the later's own series: the list is that series' history, its
    oldest texts among related ones ("Recalling its relevant resolutions, including resolutions 40/243 …,
    41/213 …, 43/222 A to E …, …, 57/283 A and B …", 69/250 "Pattern of conferences", which continues
    57/283 B). A list that names no member of the later's series says nothing of its own chain (66/253 and
    71/130 "The situation in the Syrian Arab Republic", crisis texts five sessions apart, stay apart)."""
    return e.mixed and e.same_title and is_link(replace(e, mixed=False))


def repeated_paragraphs(earlier: Resolution, later: Resolution) -> int:
    """How many of ``earlier``'s paragraphs ``later`` repeats nearly verbatim: pairs of the aligner
    keeping :data:`REPEATED_SIMILARITY` of their words."""
    links, _ = align(earlier.paragraphs, later.paragraphs)
    return sum(1 for lk in links if lk.kind is LinkKind.PAIR and (lk.similarity or 0.0) >= REPEATED_SIMILARITY)


def is_subject_history_link(e: Evidence) -> bool:
    """May the later version, under a title rewritten beyond what the other links need, be the earlier's successor
    because it opens on the earlier's series (``Evidence.on_its_subject``, see recalls_its_subject_history)? The
    committee may change (67/263, plenary, then 78/149, Second Committee; 51/176 "Implementation of the Programme of
    Action of the International Conference on Population and Development", Second Committee, then 65/234
    "Follow-up to the International Conference on Population and Development beyond 2014", plenary, recalling
    "its resolutions 50/124 …, 51/176 … and 53/183 … on the implementation of the Programme of Action …").
    :func:`discover` takes such a link last, only between two series of one whose titles share a word of few titles,
    and when neither has a rival (see _join_unrivalled)."""
    return e.recalls and e.on_its_subject and not _apart_kind(e)


def _apart_kind(e: Evidence) -> bool:
    """Is either text of a kind that stands apart from a renamed series: a one-off or adopting act, a title naming
    another resolution or another place, an act on one country, a recall only among other series' texts, a text the later
    recalls beside its own series as another subject's, a regional text beside a general one, or an earlier titled after
    an act on the later's subject?"""
    return (
        e.one_off
        or e.adopts
        or e.titled_other
        or e.other_place
        or e.one_of_many
        or e.mixed
        or e.beside_own
        or e.one_region
        or e.as_object
    )


# A meeting a title names: its texts of one session (convening it, then its modalities) prepare one event.
_MEETING_WORD_RE = re.compile(r"\b(?:congress|conference|summit)\b")


def is_same_session_successor(e: Evidence, earlier: Profile, later: Profile) -> bool:
    """Is ``later``, adopted in ``earlier``'s session on a later date, its successor? The Assembly sometimes
    follows a text up within the session: "Second follow-up to the report of the … Fact-Finding Mission"
    (64/254, February 2010) recalls "Follow-up to …" (64/10, November 2009); "Investing in the United
    Nations …: detailed report" (60/283, July 2006) decides what 60/260 (May 2006) deferred. It recalls the
    earlier, keeps its title (renamed by a known pattern, or half its words kept), and the two are other
    resolutions, not parts A and B of one (66/253 A and B stay apart, whatever their dates), nor the texts
    that prepare one meeting (convening a summit, then its modalities). :func:`discover` joins such a
    pair only end to start: the earlier ends its chain and the later starts its own."""
    return (
        e.apart == 0
        and e.recalls
        and not e.title_changed
        and _PART_RE.sub("", earlier.symbol) != _PART_RE.sub("", later.symbol)
        and _ordered(earlier, later, same_session=True)
        and not (_MEETING_WORD_RE.search(earlier.title) or _MEETING_WORD_RE.search(later.title))
    )


def candidate_pairs(profiles: list[Profile], uncommon: frozenset[str]) -> set[tuple[int, int]]:
    """Pairs worth scoring (earlier index, later index): a recall, or a shared ``uncommon`` title word (see
    uncommon_words); the earlier of an earlier session, or, recalled, of the same one and adopted before
    (see is_same_session_successor)."""
    index = {p.symbol: k for k, p in enumerate(profiles)}
    pairs: set[tuple[int, int]] = set()
    for k, p in enumerate(profiles):
        for s in p.cites:
            j = index.get(s)
            if j is not None and _ordered(profiles[j], p, same_session=True):
                pairs.add((j, k))
    by_word: dict[str, list[int]] = defaultdict(list)
    for k, p in enumerate(profiles):
        for w in p.words:
            if w in uncommon:
                by_word[w].append(k)
    for members in by_word.values():
        for a in members:
            for b in members:
                if _ordered(profiles[a], profiles[b]):
                    pairs.add((a, b))
    return pairs


def uncommon_words(profiles: list[Profile]) -> frozenset[str]:
    """The title words that still say what a title is about: those in few titles (words in more say little)."""
    common = max(20, len(profiles) // 20)
    counts = Counter(w for p in profiles for w in p.words)
    return frozenset(w for w, n in counts.items() if n <= common)


def _ordered(a: Profile, b: Profile, same_session: bool = False) -> bool:
    """Does ``a`` come before ``b``: an earlier session, or (``same_session``) the same session and an
    earlier adoption date (see is_same_session_successor)?"""
    if a.session is None or b.session is None:
        return False
    if same_session and a.session == b.session:
        return bool(a.adopted and b.adopted and a.adopted < b.adopted)
    return a.session < b.session


@dataclass(frozen=True)
class Member:
    symbol: str
    session: int
    adopted: str | None
    evidence: str  # why it is in the series (for people)
    pinned: bool = False


@dataclass(frozen=True)
class Series:
    slug: str
    title: str
    members: tuple[Member, ...]  # the stored versions, in session order
    not_stored: tuple[Member, ...] = ()  # members its texts name that are not stored (no adoption date)

    @property
    def symbols(self) -> list[str]:
        return [m.symbol for m in self.members]


@dataclass(frozen=True)
class Corrections:
    """What the user fixed in the manifests: kept by every rediscovery.

    ``pinned`` maps a symbol to the series it must stay in (a merge is pinning members of two
    series to one slug); ``excluded`` maps a slug to symbols that must never join it (a split).
    ``slugs`` maps symbols to the slug their series had, so ids stay stable.
    """

    pinned: dict[str, str] = field(default_factory=dict)
    excluded: dict[str, frozenset[str]] = field(default_factory=dict)
    slugs: dict[str, str] = field(default_factory=dict)


def _session(p: Profile) -> int:
    """The session of a version that discovery groups (an adopted resolution: it has one)."""
    if p.session is None:
        raise ValueError(f"{p.symbol} has no session: discovery groups adopted resolutions only")
    return p.session


def _alternations(a: set[int], b: set[int]) -> int:
    """How often the sessions of two chains alternate: 1 when one follows the other, 2 when one
    fills a gap of the other, more when they take turns (two biennial series).

    >>> _alternations({70, 72}, {74, 76}), _alternations({70, 76}, {72, 74}), _alternations({70, 72, 74}, {71, 73})
    (1, 2, 4)
    """
    labels = [k for _, k in sorted([(s, 0) for s in a] + [(s, 1) for s in b])]
    return sum(1 for x, y in zip(labels, labels[1:]) if x != y)


class _Chains:
    """Union-find over versions, each set knowing its sessions, its pinned slug and its exclusions."""

    def __init__(self, profiles: list[Profile], corrections: Corrections):
        self.parent = list(range(len(profiles)))
        self.sessions = [{_session(p)} for p in profiles]
        self.slug = [corrections.pinned.get(p.symbol) for p in profiles]
        self.symbols = [{p.symbol} for p in profiles]
        self.excluded = corrections.excluded
        # The series each set belongs to, for exclusions: pinned, or where its members were last time.
        self.owners = [
            {
                s
                for s in (corrections.pinned.get(p.symbol), corrections.slugs.get(p.symbol))
                if s and p.symbol not in corrections.excluded.get(s, ())
            }
            for p in profiles
        ]

    def find(self, k: int) -> int:
        while self.parent[k] != k:
            self.parent[k] = self.parent[self.parent[k]]
            k = self.parent[k]
        return k

    def can_join(self, a: int, b: int, successor: int | None = None) -> bool:
        """May the chains of ``a`` and ``b`` be joined? ``successor``: the session in which ``b`` follows
        ``a`` up (see is_same_session_successor), the one session they may share, where ``a``'s chain
        ends and ``b``'s begins."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        shared = self.sessions[ra] & self.sessions[rb]
        if shared and not (
            successor is not None
            and shared == {successor}
            and max(self.sessions[ra]) == successor == min(self.sessions[rb])
        ):
            return False  # one version per session, but a follow-up: parts A and B of one day stay apart
        if _alternations(self.sessions[ra], self.sessions[rb]) > 2:
            return False  # two chains that alternate are two biennial series, not one
        sa, sb = self.slug[ra], self.slug[rb]
        if sa and sb and sa != sb:
            return False
        for mine, other in ((ra, rb), (rb, ra)):
            if any(self.excluded.get(slug, frozenset()) & self.symbols[other] for slug in self.owners[mine]):
                return False
        return True

    def interleave(self, a: int, b: int) -> bool:
        """Would joining the chains of ``a`` and ``b`` put one's sessions between the other's?"""
        return _alternations(self.sessions[self.find(a)], self.sessions[self.find(b)]) > 1

    def join(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        self.parent[rb] = ra
        self.sessions[ra] |= self.sessions[rb]
        self.symbols[ra] |= self.symbols[rb]
        self.owners[ra] |= self.owners[rb]
        self.slug[ra] = self.slug[ra] or self.slug[rb]


def discover(versions: list[Resolution], corrections: Corrections | None = None) -> list[Series]:
    """Group ``versions`` into series (each in session order), sorted by slug.

    Versions without a session (no symbol) and drafts are left out; a version linked to nothing
    is a series of one.
    """
    corrections = corrections or Corrections()
    profiles = sorted(
        (profile(r) for r in versions if is_adopted(r)), key=lambda p: (p.session, p.adopted or "", p.symbol)
    )
    chains = _Chains(profiles, corrections)
    # Pinned members start joined to their series, whatever the evidence.
    first_of: dict[str, int] = {}
    for k, p in enumerate(profiles):  # a version pinned to a series joins a member it had last time
        slug = corrections.slugs.get(p.symbol)
        if slug and slug not in first_of and p.symbol not in corrections.excluded.get(slug, ()):
            first_of[slug] = k
    for k, p in enumerate(profiles):
        slug = corrections.pinned.get(p.symbol)
        if slug is None:
            continue
        first_of.setdefault(slug, k)
        if chains.find(first_of[slug]) != chains.find(k):
            chains.join(first_of[slug], k)
        chains.slug[chains.find(k)] = slug
    links = []
    stored = {p.symbol for p in profiles}
    together = named_together(profiles)
    uncommon = uncommon_words(profiles)
    scored = []
    for a, b in candidate_pairs(profiles, uncommon):
        e = link_evidence(profiles[a], profiles[b])
        if (by := together.get((profiles[a].symbol, profiles[b].symbol))) is not None:
            e = replace(e, named_with_it_by=by)
        scored.append((a, b, e))
    # The stored texts each later one recalls by title as it would a predecessor, and those that recall each
    # earlier one so.
    names_by_title: dict[int, list[int]] = defaultdict(list)
    named_by_title: dict[int, list[int]] = defaultdict(list)
    for a, b, e in scored:
        if e.recalls and e.by_title and e.same_committee is not False and not (e.one_off or e.adopts):
            names_by_title[b].append(a)
            named_by_title[a].append(b)
    for a, b, e in scored:
        # Links that keep the title first, then those that rename it, then the rest (a version joins
        # the series whose title it bears before one that recalls it under another), then a rewritten
        # title recalling its predecessor alone (PREDECESSOR_ONLY: by then the later version's own
        # series is joined); in each, the one whose title names the earlier ("Review of … resolution
        # 75/290 A on …") first, then the strongest, then the nearest session.
        kept = (
            e.title_kept
            if is_link(e)
            else PREDECESSOR_ONLY
            if is_predecessor_link(e) or (is_history_link(e) and _only_stored(profiles[b].history, stored) == e.earlier)
            else TITLE_RECALL_ONLY
            if is_title_recall_link(e)
            and (not profiles[b].history or e.in_history)
            and bool(profiles[a].words & profiles[b].words & uncommon)
            else None
        )
        if kept is not None:
            links.append((kept, not e.titled_after, -e.score, _session(profiles[b]) - _session(profiles[a]), a, b, e))
    links.sort(key=lambda t: t[:6])
    # The versions a later one names as its predecessor (a one-off is named by none).
    named_before = {x for p in profiles for x in p.predecessors_named}
    accepted: dict[int, list[Evidence]] = defaultdict(list)
    for kept, *_, a, b, e in links:
        # A rewritten title recalling a series' last member alone is a member renamed only when it
        # goes on itself (a later text names it, or its series has members after it); otherwise it is
        # a one-off recalling the series.
        goes_on = profiles[b].symbol in named_before or max(chains.sessions[chains.find(b)]) > _session(profiles[b])
        if kept == PREDECESSOR_ONLY and not goes_on:
            continue
        if kept == TITLE_RECALL_ONLY and (
            len(chains.symbols[chains.find(a)]) > 1 or len(chains.symbols[chains.find(b)]) > 1
        ):
            continue  # either is already a member of a series: the recall is of a related text
        if kept == TITLE_RECALL_ONLY and (
            sum(1 for x in names_by_title[b] if max(chains.sessions[chains.find(x)]) == _session(profiles[x])) > 1
            or sum(1 for x in named_by_title[a] if min(chains.sessions[chains.find(x)]) == _session(profiles[x])) > 1
        ):
            continue  # a rival: another text not yet continued that the later names so, or the other way
        # Under another title, a version continues a series or is continued by it, at its start or its
        # end: one that would fall between members of one title is another act recalling them (an
        # office established under a strategy's name, between the strategy's reviews).
        successor = _session(profiles[a]) if is_same_session_successor(e, profiles[a], profiles[b]) else None
        if chains.can_join(a, b, successor) and not (e.title_changed and chains.interleave(a, b)):
            chains.join(a, b)
            accepted[b].append(e)
    # An older text of the later's title that the later's series history recalls among related ones; all
    # read before any is joined, and none joined that two series' histories claim.
    histories = [
        (a, b, e)
        for a, b, e in scored
        if is_history_member(e)
        and len(chains.symbols[chains.find(a)]) == 1
        and any(
            e.earlier in _stored_of(recalled.symbols, stored)
            and (_stored_of(recalled.symbols, stored) - {e.earlier, e.later}) & chains.symbols[chains.find(b)]
            for _, recalled in profiles[b].recall_lists
        )
    ]
    claimed = Counter(a for a, _ in {(a, chains.find(b)) for a, b, _ in histories})
    for a, b, e in sorted(histories, key=lambda t: (t[0], t[1])):
        if claimed[a] == 1 and chains.can_join(a, b) and not chains.interleave(a, b):
            chains.join(a, b)
            accepted[b].append(e)
    # Next, two texts still alone, the later recalling the earlier as its predecessor and keeping its title
    # in its committee (see is_kept_title_successor) or repeating its paragraphs (see is_carry_over_link);
    # all read before any is joined, so a renamed chain of three joins.
    texts = {r.symbol: r for r in versions}
    carried = []
    for a, b, e in scored:
        if not (
            is_carry_over_link(e)
            and len(chains.symbols[chains.find(a)]) == len(chains.symbols[chains.find(b)]) == 1
            and profiles[a].words & profiles[b].words & uncommon
        ):
            continue
        if is_kept_title_successor(e) and (not profiles[b].history or e.in_history):
            carried.append((a, b, e))  # the title and the committee say what the body need not
        elif (e := replace(e, repeated=repeated_paragraphs(texts[e.earlier], texts[e.later]))).repeated >= MIN_REPEATED:
            carried.append((a, b, e))
    _join_unrivalled(chains, carried, profiles, accepted)
    # Then two texts still alone, the later opening on the earlier's series (see is_subject_history_link). A later
    # text's operative part citing the earlier does not join them: decisions rest as often on the act a series grew
    # from (54/33 established the consultative process that 55/7 "Oceans and the law of the sea" acts on).
    lineal = []
    for a, b, e in scored:
        if (
            e.recalls
            and len(chains.symbols[chains.find(a)]) == len(chains.symbols[chains.find(b)]) == 1
            and profiles[a].words & profiles[b].words & uncommon
            and recalls_its_subject_history(profiles[a], profiles[b], stored)
            and is_subject_history_link(on_subject := replace(e, on_its_subject=True))
        ):
            lineal.append((a, b, on_subject))
    _join_unrivalled(chains, lineal, profiles, accepted)
    groups: dict[int, list[int]] = defaultdict(list)
    for k in range(len(profiles)):
        groups[chains.find(k)].append(k)
    for k in founding_texts(profiles, list(groups.values()), stored):
        if profiles[k].symbol not in corrections.pinned:
            groups[chains.find(k)].remove(k)
            groups[-1 - k] = [k]
    found = _name([_series(profiles, members, accepted, corrections) for members in groups.values()], corrections)
    named = named_not_stored(profiles, found)
    return [replace(s, not_stored=named.get(s.slug, ())) for s in found]


def _join_unrivalled(
    chains: _Chains,
    pairs: list[tuple[int, int, Evidence]],
    profiles: list[Profile],
    accepted: dict[int, list[Evidence]],
) -> None:
    """Join the pairs (earlier, later, evidence) of a last pass in session order, each only when it has no rival:
    another pair of the pass from the same earlier text, or to the same later one."""
    successors = Counter(a for a, _, _ in pairs)
    predecessors = Counter(b for _, b, _ in pairs)
    for a, b, e in sorted(pairs, key=lambda t: (_session(profiles[t[0]]), t[0], t[1])):
        if successors[a] == predecessors[b] == 1 and chains.can_join(a, b) and not chains.interleave(a, b):
            chains.join(a, b)
            accepted[b].append(e)


def founding_texts(profiles: list[Profile], groups: list[list[int]], stored: set[str]) -> list[int]:
    """The first members of ``groups`` (each a list of indexes into ``profiles``, in session order) that
    are the act two series grew from, not a member of either.

    The first member ``X`` of a series ``S`` is such an act when:

    - every later member of ``S`` recalls it, none as its predecessor (each names a later text as that):
      ``S`` recalls ``X`` as where it began, not as the text it continues;
    - another series ``T`` of two or more texts, all after ``X``, recalls it in each of its members,
      each time in a list where it is the only stored text and without recalling any other member of
      ``S``: ``T`` grew from ``X`` on its own, not from ``S``.

    302 (IV) established UNRWA: "Assistance to Palestine refugees" and "Operations of UNRWA" each recall
    it. A founding text only its own series recalls (1472 (XIV) for outer space, continued by 1721 (XVI),
    which recalls it as its predecessor) stays its first member.
    """
    group_of = {k: n for n, members in enumerate(groups) for k in members}
    out = []
    for members in groups:
        if len(members) < 2:
            continue
        first, later = profiles[members[0]], [profiles[k] for k in members[1:]]
        if not all(first.symbol in p.cited_resolutions and first.symbol not in p.predecessors_named for p in later):
            continue
        others = {p.symbol for p in later}
        recalling = {group_of[k] for k, p in enumerate(profiles) if first.symbol in p.cited_resolutions}
        if any(
            len(groups[n]) > 1
            and n != group_of[members[0]]
            and _session(profiles[groups[n][0]]) > _session(first)
            and all(
                not (others & profiles[k].cited_resolutions)
                and any(
                    _only_stored(recalled.symbols, stored) == first.symbol for _, recalled in profiles[k].recall_lists
                )
                for k in groups[n]
            )
            for n in recalling
        ):
            out.append(members[0])
    return out


def named_together(profiles: list[Profile]) -> dict[tuple[str, str], str]:
    """The pairs of stored versions (earlier, later) that another text names in one list as its resolutions
    on one subject, each with the first text naming them: "Taking into account its resolutions 59/209 of …,
    65/286 of … and 67/221 of … on a smooth transition for countries graduating from the list of least
    developed countries" (68/18) says that 65/286 (plenary, "Implementing the smooth transition strategy
    …") and 67/221 (Second Committee, "Smooth transition …") are one subject's texts. A resolution counts
    when the subject is its title's (see _on_subject)."""
    by_symbol = {p.symbol: p for p in profiles}
    out: dict[tuple[str, str], str] = {}
    for p in profiles:
        for _, recalled in p.recall_lists:
            if not recalled.about:
                continue
            named = [
                q
                for x in dict.fromkeys(_PART_RE.sub("", x) for x in recalled.symbols)
                if (q := by_symbol.get(x)) is not None and q.symbol != p.symbol and _on_subject(recalled.about, q)
            ]
            for earlier in named:
                for later in named:
                    if _ordered(earlier, later):
                        out.setdefault((earlier.symbol, later.symbol), p.symbol)
    return out


def _stored_of(symbols: tuple[str, ...], stored: set[str]) -> set[str]:
    """The resolutions of ``symbols`` that are stored (a part as its resolution when that is stored)."""
    return {x for x in symbols if x in stored} | {_PART_RE.sub("", x) for x in symbols if _PART_RE.sub("", x) in stored}


def _only_stored(symbols: tuple[str, ...], stored: set[str]) -> str | None:
    """The one resolution of ``symbols`` that is stored (a part as its resolution), None when not one."""
    held = _stored_of(symbols, stored)
    return next(iter(held)) if len(held) == 1 else None


def _on_subject(topic: str, p: Profile) -> bool:
    """Is ``topic`` ("the pattern of conferences"; "" for "all its relevant resolutions") the subject of
    ``p``'s title: at least half its words in the title, plurals folded?"""
    words = _subject_words(topic)
    return not words or len(words & {w.rstrip("s") for w in p.words}) * 2 >= len(words)


def _subject_words(text: str) -> frozenset[str]:
    """The content words of a subject or a title, plurals folded."""
    return frozenset(w.rstrip("s") for w in _content_words(normalise_title(text)))


def _session_of(symbol: str) -> int:
    """The session of a cited resolution (0 when its symbol names none)."""
    return Symbol.parse(symbol).session or 0


def named_not_stored(profiles: list[Profile], found: list[Series]) -> dict[str, tuple[Member, ...]]:
    """The members each series' texts name that are not stored, by slug: the resolutions of a list
    of its own resolutions that a member recalls (its earlier members, "Recalling its resolutions
    68/167 of …, 69/166 of … and 73/179 of …") that the store does not hold.

    A list counts when it names another stored member of the series and no stored version outside
    it (a list of related resolutions is not a chain); when it follows the series' resolutions
    named by the series' subject ("its previous resolutions on the pattern of conferences, including
    resolution 78/245", "all its subsequent relevant resolutions, including …"); or when it is the
    first list of the member's preamble and names only resolutions of the sessions between the
    member and the stored one before it (the member before was refused at import, or is not held).
    A session the series holds a version of, a session the lists name two resolutions of, and a
    resolution two series claim are left out: a member is recorded only where the chain says so
    without doubt.
    """
    by_symbol = {p.symbol: p for p in profiles}
    where = {m.symbol: s.slug for s in found for m in s.members}
    # The subjects other series are titled by: "its previous resolutions on the Joint Inspection Unit" in a
    # text on one of the Unit's reports names the series titled "Joint Inspection Unit", not its own.
    titled = {_subject_words(s.title): s.slug for s in found if len(s.members) > 1}
    claims: dict[str, dict[str, tuple[str, str]]] = defaultdict(dict)  # symbol -> slug -> (named by, paragraph)
    for s in found:
        mine = set(s.symbols)
        held = {m.session for m in s.members}
        for n, m in enumerate(s.members):
            p = by_symbol[m.symbol]
            after = s.members[n - 1].session if n else None  # the stored member before it
            for k, (pid, recalled) in enumerate(p.recall_lists):
                listed = recalled.symbols
                stored = [x for x in listed if x in by_symbol and x != p.symbol]
                if recalled.topic is not None:
                    other = titled.get(_subject_words(recalled.topic), s.slug)
                    chain = _on_subject(recalled.topic, p) and other == s.slug
                elif stored:
                    chain = any(x in mine for x in stored)
                else:  # the first list, naming only what stands in the hole before this member
                    chain = k == 0 and after is not None and all(after < _session_of(x) < m.session for x in listed)
                if not chain or any(x not in mine for x in stored):
                    continue
                for x in listed:
                    session = _session_of(x)
                    if x in where or session >= m.session or session in held:
                        continue
                    claims[x][s.slug] = (m.symbol, pid)  # the latest member naming it (members in order)
    out: dict[str, list[Member]] = defaultdict(list)
    per_session: dict[tuple[str, int], set[str]] = defaultdict(set)
    for x, slugs in claims.items():
        if len(slugs) == 1:
            per_session[(next(iter(slugs)), _session_of(x))].add(x)
    for (slug, session), symbols in sorted(per_session.items()):
        if len(symbols) == 1:
            x = symbols.pop()
            by, pid = claims[x][slug]
            out[slug].append(Member(x, session, None, f"not stored; named by {by.removeprefix('A/RES/')} ({pid})"))
    return {slug: tuple(members) for slug, members in out.items()}


def _series(
    profiles: list[Profile], members: list[int], accepted: dict[int, list[Evidence]], corrections: Corrections
) -> tuple[list[Member], Profile]:
    """The members in session order, each with the evidence linking it to the one before."""
    symbols = {profiles[k].symbol for k in members}
    session = {profiles[k].symbol: profiles[k].session or 0 for k in members}
    out = []
    evidence_all = [e for k in members for e in accepted.get(k, [])]
    for n, k in enumerate(members):
        p = profiles[k]
        pinned = p.symbol in corrections.pinned
        if n == 0:
            later = [e for e in evidence_all if e.earlier == p.symbol]
            reason = "first in the series" + (f"; {_by(later[0])}" if later else "")
        else:
            # The evidence against the member before it, when that is a link by itself; else the
            # link that joined it (to an earlier member), else the evidence against the one before.
            e = link_evidence(profiles[members[n - 1]], p)
            mine = [x for x in accepted.get(k, []) if x.earlier in symbols]
            if not is_link(e) and mine:
                e = max(mine, key=lambda x: session[x.earlier])
            reason = e.reason()
        if pinned:
            reason = f"kept here by the manifest ({reason})"
        out.append(Member(p.symbol, p.session or 0, p.adopted, reason, pinned))
    return out, profiles[members[-1]]


def _by(e: Evidence) -> str:
    return f"{e.later.removeprefix('A/RES/')} continues it ({e.reason()})"


_TITLE_KIN = 0.8  # the title similarity of a renamed title (see renamed_title)
# Words a series id leaves out: besides the stopwords, the frames a title is put in when the series
# is renamed ("Follow-up to and implementation of the outcomes of …"), which say nothing of its subject.
_FRAME_WORDS = frozenset("follow up implementation outcome outcomes".split())
SLUG_WORDS = 5
SLUG_LIMIT = 40


def slugify(title: str, limit: int = SLUG_LIMIT) -> str:
    """A series id from a title: up to five words that say what it is about, whole, lower-case,
    joined by '-', at most ``limit`` characters.

    >>> slugify("Countering the threat posed by improvised explosive devices")
    'countering-threat-posed-improvised'
    >>> slugify("Follow-up to and implementation of the outcomes of the International Conferences on Financing")
    'international-conferences-financing'
    >>> slugify("")
    'untitled'
    """
    plain = "".join(c for c in unicodedata.normalize("NFKD", title) if not unicodedata.combining(c))
    words = [re.sub(r"[^a-z0-9]", "", w.encode("ascii", "ignore").decode()) for w in normalise_title(plain).split()]
    kept = [w for w in words if w and w not in STOPWORDS and w not in _FRAME_WORDS][:SLUG_WORDS]
    return _joined(kept, "", limit) or "untitled"


def _joined(words: list[str], suffix: str, limit: int = SLUG_LIMIT) -> str:
    """``words`` joined by '-' with ``suffix``, dropping words from the end until it fits ``limit``
    (a word is never cut).

    >>> _joined(["cooperation", "between", "united", "nations"], "-10", 24)
    'cooperation-between-10'
    """
    for n in range(len(words), 0, -1):
        out = "-".join(words[:n]) + suffix
        if len(out) <= limit:
            return out
    return ""


def _name(found: list[tuple[list[Member], Profile]], corrections: Corrections) -> list[Series]:
    """Give each series its slug: the slug its members had (pinned, or from the last discovery,
    by most members), else one made from the title of its latest member; clashes get -2, -3…"""
    taken: set[str] = set()
    named: list[Series] = []

    # Series that keep a slug first, then the rest in a fixed order.
    def previous(members: list[Member]) -> str | None:
        for m in members:
            if m.symbol in corrections.pinned:
                return corrections.pinned[m.symbol]
        votes: dict[str, int] = defaultdict(int)
        for m in members:
            slug = corrections.slugs.get(m.symbol)
            if slug and m.symbol not in corrections.excluded.get(slug, ()):
                votes[slug] += 1
        return min(votes, key=lambda s: (-votes[s], s)) if votes else None

    order = sorted(found, key=lambda f: (previous(f[0]) is None, f[0][0].session, f[0][0].symbol))
    for members, latest in order:
        slug = previous(members)
        if slug is None or slug in taken:
            base = slugify(latest.printed_title or latest.short.replace("/", "-")).split("-")
            slug, n = "-".join(base), 2
            while slug in taken:
                slug = _joined(base, f"-{n}") or f"series-{n}"
                n += 1
        taken.add(slug)
        named.append(Series(slug, latest.printed_title, tuple(members)))
    return sorted(named, key=lambda s: s.slug)


# -- the store: read the corrections from the manifests, write the discovered series -------------


def stored_versions(store: Store) -> list[Resolution]:
    """Every version the store holds, once, in symbol order."""
    return sorted((res for _series, res in store.every_version()), key=lambda res: res.symbol)


def corrections_of(store: Store) -> Corrections:
    """The user's corrections in the manifests: members pinned, symbols excluded, and the slug
    each symbol had. Every member of a series written by hand (not by discovery) is pinned."""
    pinned: dict[str, str] = {}
    excluded: dict[str, frozenset[str]] = {}
    slugs: dict[str, str] = {}
    for name in store.series_names():
        manifest = store.manifest(name)
        for e in manifest.entries:
            if e.symbol is None:
                continue
            slugs[e.symbol] = name
            if e.pinned or not manifest.discovered:
                pinned.setdefault(e.symbol, name)
        if manifest.excluded:
            excluded[name] = frozenset(filter(None, map(normalise_symbol, manifest.excluded)))
    return Corrections(pinned, excluded, slugs)


def rediscover(store: Store, versions: list[Resolution] | None = None) -> list[Series]:
    """Discover the series of everything stored, keeping the corrections in the manifests."""
    return discover(stored_versions(store) if versions is None else versions, corrections_of(store))


def listed_series(store: Store, found: list[Series]) -> list[Series]:
    """The series discovery found that ``resdiff series`` lists and records: those of more than one
    stored version, those whose texts name members that are not stored (one stored text of a series
    is still a series: "79/56 … earlier members not stored: 78/29"), and those the store has a
    manifest for."""
    names = set(store.series_names())
    return [s for s in found if len(s.members) > 1 or s.not_stored or s.slug in names]


def save_series(store: Store, found: list[Series]) -> list[str]:
    """Record what discovery found in the store's manifests (see :meth:`Store.record_series`, which
    writes them under the store's lock); ``found`` is every series discovered, one-offs included.
    The drafts the manifests list go with their resolution (see :func:`stages`). Returns the slugs
    written."""
    drafts = stages(store, found)
    return store.record_series(
        [
            FoundSeries(
                s.slug,
                s.title,
                tuple(
                    sorted(
                        [ManifestEntry(m.session, m.symbol, m.adopted, evidence=m.evidence) for m in s.members]
                        + [ManifestEntry(m.session, m.symbol, evidence=m.evidence) for m in s.not_stored]
                        + drafts.get(s.slug, []),
                        key=lambda e: (e.session, e.symbol or ""),
                    )
                ),
            )
            for s in found
        ]
    )


def stages(store: Store, found: list[Series]) -> dict[str, list[ManifestEntry]]:
    """The drafts each discovered series takes from the manifests, by slug: a draft goes where its
    resolution goes (the member of its series adopted in its session, else the series' latest), and
    stays where it is when that resolution is in no series found (a series written by hand)."""
    where = {m.symbol: s.slug for s in found for m in s.members}
    out: dict[str, list[ManifestEntry]] = defaultdict(list)
    for name in store.series_names():
        entries = store.manifest(name).entries
        adopted = [e for e in entries if e.symbol and (sym := Symbol.find(e.symbol)) is not None and sym.is_resolution]
        for e in entries:
            sym = Symbol.find(e.symbol) if e.symbol else None
            if sym is None or not sym.is_draft:
                continue
            resolution = next((a for a in adopted if a.session == e.session), adopted[-1] if adopted else None)
            slug = where.get(resolution.symbol or "") if resolution else None
            if slug is not None:
                out[slug].append(e)
    return out
