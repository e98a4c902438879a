"""Compare two versions: alignment, word diff and change classes in one result.

The vocabulary is closed: every change has one :class:`ChangeKind` and any
number of :class:`Flag`; renderers consume these and fail on anything else.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from enum import StrEnum

from resdiff.core.dates import MONTHS
from resdiff.core.leads import compare_leads
from resdiff.core.limits import MAX_ALIGN_PARAGRAPHS, MAX_ALIGN_WORDS
from resdiff.core.model import Footnote, FootnoteStatus, Gap, Heading, Item, Paragraph, Resolution
from resdiff.diff.align import Link, LinkKind, align
from resdiff.diff.sections import HeadingChange, compare_headings
from resdiff.diff.worddiff import (
    DELETE,
    EQUAL,
    INSERT,
    Op,
    has_digit,
    read_words,
    similarity,
    tokenize,
    word_diff,
    word_tokens,
)

TYPE_CHECKING = False
if TYPE_CHECKING:  # `resdiff compare` does not load the precedent module (its dataclasses) to run
    from resdiff.core.sponsors import SponsorChange
    from resdiff.diff.precedent import ParagraphPrecedent


class ChangeKind(StrEnum):
    UNCHANGED = "unchanged"
    EDITORIAL = "editorial"  # only punctuation, case, spacing or footnote references
    TECHNICAL = "technical"  # only symbols, dates, years, session ordinals
    REWORDED = "reworded"
    SPLIT = "split"
    MERGED = "merged"
    NEW = "new"
    DROPPED = "dropped"
    UNKNOWN = "unknown"  # the other version does not hold the text it would be compared with


class Flag(StrEnum):
    MOVED = "moved"
    RENUMBERED = "renumbered"
    PART_CHANGED = "part_changed"
    LEAD_STRENGTHENED = "lead_strengthened"
    LEAD_WEAKENED = "lead_weakened"
    LEAD_CHANGED = "lead_changed"


class NoteChangeKind(StrEnum):
    """What happened to one footnote reference of a paragraph."""

    ADDED = "added"  # a mark the old paragraph did not have
    REMOVED = "removed"
    TEXT_CHANGED = "text_changed"  # the same footnote (by its place), reworded: "A/75/175" -> "A/77/188"
    RENUMBERED = "renumbered"  # the same text under another number: routine, not a drafting change


@dataclass(frozen=True)
class NoteChange:
    kind: NoteChangeKind
    old: int | None  # footnote numbers in OLD and NEW
    new: int | None


class FootnoteFate(StrEnum):
    """What became of one footnote of either version (the footnote list of a comparison)."""

    UNCHANGED = "unchanged"
    RENUMBERED = "renumbered"
    CHANGED = "changed"
    NEW = "new"
    DROPPED = "dropped"
    NOT_HELD = "not held"  # one side does not hold the text: nothing can be said
    NOT_COMPARED = "not compared"  # new, dropped or renumbered, for all we know: one side does not hold them all


@dataclass(frozen=True)
class FootnoteMatch:
    fate: FootnoteFate
    old: Footnote | None
    new: Footnote | None
    ops: tuple[Op, ...] = ()  # word diff of the texts, where both are held


@dataclass(frozen=True)
class Change:
    kind: ChangeKind
    old: tuple[Paragraph, ...]
    new: tuple[Paragraph, ...]
    similarity: float | None = None
    flags: tuple[Flag, ...] = ()
    ops: tuple[Op, ...] = ()
    # For a paragraph we hold only the beginning of: the rest of the other
    # side's text, which has nothing to be compared with.
    old_tail: str = ""
    new_tail: str = ""
    notes: tuple[NoteChange, ...] = ()

    @property
    def notes_changed(self) -> bool:
        """Did a footnote reference come, go or change its footnote's text (renumbering aside)?"""
        return any(n.kind is not NoteChangeKind.RENUMBERED for n in self.notes)

    @property
    def is_change(self) -> bool:
        """Does this belong in a "changed only" view? A move is a change even if the words are not."""
        return self.kind is not ChangeKind.UNCHANGED or Flag.MOVED in self.flags or self.notes_changed

    @property
    def old_ids(self) -> list[str]:
        return [p.id for p in self.old]

    @property
    def new_ids(self) -> list[str]:
        return [p.id for p in self.new]

    @property
    def partial(self) -> bool:
        return any(p.partial for p in self.old + self.new) and bool(self.old and self.new)

    @property
    def anchor(self) -> str:
        """A stable HTML id for the change."""
        ids = self.new_ids or [f"old-{i}" for i in self.old_ids]
        return "c-" + "-".join(re.sub(r"[()]", "", i) for i in ids)


# The changes whose NEW paragraph a precedent is looked for: its wording is not OLD's.
PRECEDENT_KINDS = frozenset({ChangeKind.NEW, ChangeKind.REWORDED})


@dataclass(frozen=True)
class Comparison:
    """Every fact of one comparison, computed once: renderers only choose how to show them."""

    old: Resolution
    new: Resolution
    changes: tuple[Change, ...] = field(default_factory=tuple)
    footnotes: tuple[FootnoteMatch, ...] = field(default_factory=tuple)
    # Section headings, compared apart from the paragraphs (resdiff/diff/sections.py).
    headings: tuple[HeadingChange, ...] = field(default_factory=tuple)
    # Past the size limits only identical paragraphs were paired (resdiff.diff.align.align).
    exact_only: bool = False
    # The best precedent outside OLD of each new or reworded paragraph of NEW, when asked for
    # (resdiff/series/precedent.py: mark_precedents).
    precedents: tuple[ParagraphPrecedent, ...] = field(default_factory=tuple)

    def precedent(self, change: Change) -> ParagraphPrecedent | None:
        """The precedent of a new or reworded paragraph, if the comparison was marked with them."""
        if change.kind not in PRECEDENT_KINDS or len(change.new) != 1:
            return None
        return next((p for p in self.precedents if p.id == change.new[0].id), None)

    @property
    def sponsors(self) -> SponsorChange | None:
        """Who joined or left the sponsors (drafts only; None when neither version lists sponsors)."""
        if not self.old.sponsors and not self.new.sponsors:
            return None  # resolutions: the sponsors module is not loaded to say so (every JSON comparison asks)
        from resdiff.core.sponsors import sponsor_change

        return sponsor_change(self.old.sponsors, self.new.sponsors)

    def summary(self) -> dict[ChangeKind, int]:
        """How many changes of each kind, every kind listed (in the order of :class:`ChangeKind`)."""
        counts = dict.fromkeys(ChangeKind, 0)
        for c in self.changes:
            counts[c.kind] += 1
        return counts

    def differs(self) -> bool:
        """Did any paragraph change (``--exit-code``)? A moved paragraph did; one that cannot be compared
        (unknown) is not known to have changed."""
        return any(
            c.kind is not ChangeKind.UNKNOWN and (c.kind is not ChangeKind.UNCHANGED or c.flags) for c in self.changes
        )

    @property
    def moved(self) -> int:
        """How many changes are moves (counted besides their kind: a moved paragraph may be reworded too)."""
        return sum(Flag.MOVED in c.flags for c in self.changes)

    def changed(self) -> tuple[Change, ...]:
        """The one "changed only" view every output uses: all but unchanged paragraphs left in place."""
        return tuple(c for c in self.changes if c.is_change)

    @property
    def footnotes_compared(self) -> bool:
        """Footnote references are compared only when both versions hold them all."""
        return footnotes_comparable(self.old, self.new)

    @property
    def annex_remark(self) -> str | None:
        """Said once, in the summary, of each annex only one version has."""
        remarks = []
        for here, there in ((self.old, self.new), (self.new, self.old)):
            for annex in here.annexes:
                if all(a.label != annex.label for a in there.annexes):
                    title = f" ({annex.title})" if annex.title else ""
                    why = (
                        ""
                        if there.complete
                        else f"; {there.short} is not whole, so it may only be missing from its text"
                    )
                    remarks.append(f"{annex.label}{title} is in {here.short}, not in {there.short}{why}.")
        return " ".join(remarks) or None

    @property
    def footnote_remark(self) -> str | None:
        """Said once, in the summary, when footnotes could not be compared."""
        if self.footnotes_compared:
            return None
        lacking = [r for r in (self.old, self.new) if r.footnote_status is not FootnoteStatus.HELD]
        what = " and ".join(
            f"{r.short} {'does not hold its' if r.footnote_status is FootnoteStatus.NOT_HELD else 'holds only some of its'} footnotes"
            for r in lacking
        )
        return f"Footnotes were not compared: {what}."

    @property
    def alignment_remark(self) -> str | None:
        """Said in the summary when the versions were too large to align fully."""
        if not self.exact_only:
            return None
        return (
            f"Past {MAX_ALIGN_PARAGRAPHS:,} paragraphs or {MAX_ALIGN_WORDS:,} words, only identical paragraphs "
            "were paired: a changed paragraph shows as one dropped and one new."
        )


_MONTHS = {name.lower() for name in MONTHS}
_ORDINALS = set(
    """first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth
fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth thirtieth fortieth fiftieth sixtieth
seventieth eightieth ninetieth hundredth""".split()
)
_TENS = {"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"}


def _is_ordinal(word: str) -> bool:
    """Session ordinals: "seventy-sixth", "eightieth".

    >>> _is_ordinal("seventy-sixth"), _is_ordinal("eightieth"), _is_ordinal("seventy")
    (True, True, False)
    """
    tens, _, unit = word.rpartition("-")
    return unit in _ORDINALS and (not tens or tens in _TENS)


# Words that come and go with a routine update ("..., 72/36 of 4 December 2017
# and 73/67 of 5 December 2018"), but are not themselves technical.
_TECHNICAL_FILLERS = {
    "and",
    "of",
    "its",
    "the",
    "resolution",
    "resolutions",
    "decision",
    "decisions",
    "session",
    "sessions",
    "on",
    "in",
}


# What every technical word holds (a digit, a month, an ordinal's last part): where a diff's changes
# hold none of these, the change is not technical, and its words need not be read one by one.
_TECHNICAL_HINTS = tuple(sorted(_MONTHS | _ORDINALS))
# Compiled when first needed (non-ASCII text), through re's cache: not on every run of the command.
_TECHNICAL_HINT_PATTERN = r"\d|" + "|".join(_TECHNICAL_HINTS)
_ASCII_DIGIT_RE = re.compile(r"[0-9]")


def _may_be_technical(text: str) -> bool:
    """Does ``text`` hold a digit (superscripts too, as :func:`has_digit` counts them), a month or an ordinal?

    >>> _may_be_technical("Calls upon"), _may_be_technical("in 2015"), _may_be_technical("SEVENTY-SIXTH")
    (False, True, True)
    """
    if text.isascii():
        # In ASCII, a case-blind search is a search of the lower-cased text; substring tests in C are
        # some fifteen times faster than the one alternation of forty-odd words (this runs for every
        # reworded paragraph).
        if _ASCII_DIGIT_RE.search(text):
            return True
        lowered = text.lower()
        return any(hint in lowered for hint in _TECHNICAL_HINTS)
    return bool(re.search(_TECHNICAL_HINT_PATTERN, text, re.IGNORECASE)) or any(c.isdigit() for c in text)


def _is_technical_word(w: str) -> bool:
    return has_digit(w) or w in _MONTHS or _is_ordinal(w)


# A footnote mark glued to the word it follows, where a text holds no footnotes apart from its words
# (the corpus JSON: "Declaration1", "all¹"): digits after two letters or more of a word.
_GLUED_MARK = r"(?<=[^\W\d_]{2})(?:\d{1,3}|[⁰¹²³⁴⁵⁶⁷⁸⁹]+)(?= |$)"  # compiled when first needed, as above
# ... or to the comma, semicolon or colon that ends such a word ("children,33", "system;13"): the
# tokens part it from its word, so it is taken off the text before the words are compared. Not after
# a full stop, where the digits number a document's part ("A/79/100/Add.1", "Rev.2", "section IV.2").
_PUNCTUATED_MARK_RE = re.compile(r"[,;:](?:\d{1,3}|[⁰¹²³⁴⁵⁶⁷⁸⁹]+)(?=\s|$)")
_ROMAN_NUMERAL_RE = re.compile(r"[IVXLC]+")


def _marks_a_word(text: str, end: int) -> bool:
    """Whether the word ending at ``end`` is one a footnote mark follows: letters only, two or more,
    not a roman numeral ("Rights", not "2015", "A/79/100/Add" or "II")."""
    word = text[text.rfind(" ", 0, end) + 1 : end].lstrip("(“\"'‘")
    return len(word) > 1 and word.isalpha() and not _ROMAN_NUMERAL_RE.fullmatch(word)


def _without_punctuated_marks(text: str) -> str:
    """``text`` without the marks glued to punctuation after a word (a number's "2015,3" stays).

    >>> _without_punctuated_marks("children,33 and Rights;2 in 2015,3 of A/79/100/Add,1 and annex II,3")
    'children, and Rights; in 2015,3 of A/79/100/Add,1 and annex II,3'
    """
    # The word is checked in Python: a look-behind at every position of every paragraph cost five
    # times as much.
    return _PUNCTUATED_MARK_RE.sub(lambda m: m.group()[0] if _marks_a_word(text, m.start()) else m.group(), text)


def _unmarked(words: list[str]) -> str:
    """Words without a glued footnote mark, joined by spaces (one substitution for a paragraph).

    >>> _unmarked(["all¹", "declaration1", "a/75/175", "g20", "covid-19"])
    'all declaration a/75/175 g20 covid-19'
    """
    text = " ".join(words)
    if text.isascii() and not _ASCII_DIGIT_RE.search(text):
        return text  # no digit, so no mark (most words): the substitution tries every place
    return re.sub(_GLUED_MARK, "", text)


def _edited_words(text: str) -> list[str]:
    """The words of a piece of a diff, case-folded, as :func:`tokenize` cuts them.

    >>> _edited_words("Urges States, (INTERPOL) and A/75/175;")
    ['urges', 'states', 'interpol', 'and', 'a/75/175']
    """
    if text.isascii() and "_" not in text:
        # In ASCII the words are the tokens a word begins (all but a leading "_"), read in C; casefold is lower.
        return read_words(text)
    return [w.casefold() for w in tokenize(text) if w[0].isalnum()]


def _without_ranges(words: list[str]) -> list[str]:
    """Changed words without the "to" of a range ("and 11 to 14 of its resolution 68/147", "15 March
    to 23 April"): between two technical words it is part of the reference, not of the wording.

    >>> _without_ranges(["and", "11", "to", "14"]), _without_ranges(["to", "lead", "to", "2030"])
    (['and', '11', '14'], ['to', 'lead', 'to', '2030'])
    """
    return [
        w
        for k, w in enumerate(words)
        if not (
            w == "to"
            and 0 < k < len(words) - 1
            and _is_technical_word(words[k - 1])
            and _is_technical_word(words[k + 1])
        )
    ]


def _same_but_marks(old_words: list[str], new_words: list[str]) -> bool:
    # A mark glued to a word adds no word: only texts of as many words can differ by marks alone (a
    # mark never reaches past its word, so only the words that differ need reading).
    return old_words == new_words or (
        len(old_words) == len(new_words)
        and all(a == b or _unmarked([a]) == _unmarked([b]) for a, b in zip(old_words, new_words))
    )


def classify_edit(ops: list[Op]) -> ChangeKind:
    """Editorial, technical or reworded, from the words a word diff changed.

    >>> classify_edit(word_diff("and, in this regard, stressing", "and in this regard stressing"))
    <ChangeKind.EDITORIAL: 'editorial'>
    >>> classify_edit(word_diff("agenda of its seventy-sixth session", "agenda of its seventy-eighth session"))
    <ChangeKind.TECHNICAL: 'technical'>
    >>> classify_edit(word_diff("Encourages States", "Urges States"))
    <ChangeKind.REWORDED: 'reworded'>
    >>> classify_edit(word_diff("missions, children,33 and Development22", "missions children and Development28"))
    <ChangeKind.EDITORIAL: 'editorial'>
    >>> classify_edit(word_diff("the report A/79/100/Add.1 and", "the report A/79/100/Add.2 and"))
    <ChangeKind.TECHNICAL: 'technical'>
    """
    if all(k == EQUAL for k, _t in ops):
        return ChangeKind.UNCHANGED  # most paragraphs of a long resolution: nothing to read
    old = "".join(t for k, t in ops if k != INSERT)
    new = "".join(t for k, t in ops if k != DELETE)
    if old == new:
        return ChangeKind.UNCHANGED
    if _same_but_marks(word_tokens(old), word_tokens(new)):
        return ChangeKind.EDITORIAL  # "all" -> "All¹": a capital and a footnote mark
    if not _may_be_technical("\n".join(t for k, t in ops if k != EQUAL)):
        return ChangeKind.REWORDED  # most reworded paragraphs: no symbol, date or ordinal touched
    # A mark is digits, so only here can marks glued after punctuation be all that changed (read again
    # only where there are such marks: without them the words are those just read).
    old_bare, new_bare = _without_punctuated_marks(old), _without_punctuated_marks(new)
    if (old_bare != old or new_bare != new) and _same_but_marks(word_tokens(old_bare), word_tokens(new_bare)):
        return ChangeKind.EDITORIAL
    # The words deleted and inserted, a word that only gained or lost a capital or a mark counted out.
    deleted, inserted = (
        Counter(_unmarked([w for k, t in ops if k == kind for w in _without_ranges(_edited_words(t))]).split())
        for kind in (DELETE, INSERT)
    )
    # The words deleted or inserted more often than the other: which words they are is all that is read.
    changed = [w for w in deleted.keys() | inserted.keys() if deleted.get(w, 0) != inserted.get(w, 0)]
    # all() first: a reworded paragraph fails it at its first ordinary word
    if all(w in _TECHNICAL_FILLERS or _is_technical_word(w) for w in changed) and any(
        _is_technical_word(w) for w in changed
    ):
        return ChangeKind.TECHNICAL
    return ChangeKind.REWORDED


def footnotes_comparable(old: Resolution, new: Resolution) -> bool:
    return old.footnote_status is FootnoteStatus.HELD and new.footnote_status is FootnoteStatus.HELD


def match_footnotes(
    old: Resolution, new: Resolution, same_place: dict[int, int] | None = None
) -> tuple[FootnoteMatch, ...]:
    """Pair the footnotes of two versions. Footnotes are renumbered between sessions, so they pair
    by text: the same text first; then the footnote whose mark stands at the same place of a paired
    paragraph (``same_place``: new number -> old number; "A/75/175" -> "A/77/188" keeps its place);
    then the most similar text from 0.5; by number where a text is not held. Ordered by NEW,
    dropped ones last."""
    old_notes = list(old.footnotes)
    used: set[int] = set()
    out: list[FootnoteMatch] = []
    same_place = same_place or {}

    def partner(f: Footnote) -> Footnote | None:
        if f.text is None:
            return next((o for o in old_notes if o.number == f.number and o.number not in used), None)
        same = next((o for o in old_notes if o.text == f.text and o.number not in used), None)
        if same is not None:
            return same
        placed = next(
            (
                o
                for o in old_notes
                if o.number == same_place.get(f.number)
                and o.number not in used
                and o.text is not None
                and not any(n.text == o.text for n in new.footnotes)
            ),
            None,
        )
        if placed is not None:
            return placed
        scored = [
            (similarity(word_diff(o.text, f.text)), -o.number, o)
            for o in old_notes
            if o.text is not None and o.number not in used
        ]
        best = max(scored, default=None, key=lambda t: t[:2])
        return best[2] if best is not None and best[0] >= 0.5 else None

    for f in new.footnotes:
        o = partner(f)
        if o is not None:
            used.add(o.number)
        if f.text is None or (o is not None and o.text is None):
            out.append(FootnoteMatch(FootnoteFate.NOT_HELD, o, f))
        elif o is None:
            out.append(FootnoteMatch(FootnoteFate.NEW, None, f, ((INSERT, f.text),)))
        elif o.text is not None:  # always, by the first test
            fate = (
                FootnoteFate.CHANGED
                if o.text != f.text
                else FootnoteFate.RENUMBERED
                if o.number != f.number
                else FootnoteFate.UNCHANGED
            )
            out.append(FootnoteMatch(fate, o, f, tuple(word_diff(o.text, f.text))))
    for o in old_notes:
        if o.number not in used:
            fate = FootnoteFate.DROPPED if o.text is not None else FootnoteFate.NOT_HELD
            out.append(FootnoteMatch(fate, o, None, ((DELETE, o.text),) if o.text is not None else ()))
    return tuple(out)


def note_changes(
    olds: tuple[Paragraph, ...], news: tuple[Paragraph, ...], matches: tuple[FootnoteMatch, ...]
) -> tuple[NoteChange, ...]:
    """What happened to the footnote references of paired paragraphs, in NEW's order then OLD's."""
    # old footnote number -> (new footnote number, fate), for the footnotes both versions have
    new_of_old = {m.old.number: (m.new.number, m.fate) for m in matches if m.old is not None and m.new is not None}
    a = [n for p in olds for n in p.note_numbers]
    b = [n for p in news for n in p.note_numbers]
    kept: set[int] = set()
    out: list[NoteChange] = []
    for y in b:
        x = next((x for x in a if x not in kept and x in new_of_old and new_of_old[x][0] == y), None)
        if x is None:
            out.append(NoteChange(NoteChangeKind.ADDED, None, y))
            continue
        kept.add(x)
        if new_of_old[x][1] is FootnoteFate.CHANGED:
            out.append(NoteChange(NoteChangeKind.TEXT_CHANGED, x, y))
        elif x != y:
            out.append(NoteChange(NoteChangeKind.RENUMBERED, x, y))
    out += [NoteChange(NoteChangeKind.REMOVED, x, None) for x in a if x not in kept]
    return tuple(out)


_SEVERITY = (ChangeKind.UNCHANGED, ChangeKind.EDITORIAL, ChangeKind.TECHNICAL, ChangeKind.REWORDED)


def _with_notes(kind: ChangeKind, notes: tuple[NoteChange, ...], matches: tuple[FootnoteMatch, ...]) -> ChangeKind:
    """A paragraph's kind, raised by its footnotes: a mark added or removed is editorial; a footnote
    text changed counts as that text's own edit (A/75/175 -> A/77/188 is technical)."""
    if kind not in _SEVERITY:
        return kind
    for n in notes:
        if n.kind in (NoteChangeKind.ADDED, NoteChangeKind.REMOVED):
            note_kind = ChangeKind.EDITORIAL
        elif n.kind is NoteChangeKind.TEXT_CHANGED:
            note_kind = classify_edit(list(next(m for m in matches if m.new and m.new.number == n.new).ops))
        else:
            continue
        kind = max(kind, note_kind, key=_SEVERITY.index)
    return kind


def _known_prefix(known: str, full: str) -> int:
    """Length of the beginning of ``full`` that corresponds to the partial text ``known``."""
    want = len(word_tokens(known))
    if want == 0:
        return 0
    count = 0
    pos = 0
    last_known = word_tokens(known)[-1]
    for tok in tokenize(full):
        pos += len(tok)
        if tok[0].isalnum():
            count += 1
            if count == want:
                folded = tok.casefold()
                if folded != last_known and folded.startswith(last_known):
                    pos -= len(tok) - len(last_known)  # "supp" against "supporting": compare "supp"
                return pos
    return len(full)


def _pair_change(
    old: Resolution,
    new: Resolution,
    link: Link,
    a: list[Paragraph],
    b: list[Paragraph],
    matches: tuple[FootnoteMatch, ...],
) -> Change:
    olds = tuple(map(a.__getitem__, link.old))
    news = tuple(map(b.__getitem__, link.new))
    # most links pair one paragraph with one: its own text
    old_text = olds[0].text if len(olds) == 1 else " ".join([p.text for p in olds])
    new_text = news[0].text if len(news) == 1 else " ".join([p.text for p in news])
    old_tail = new_tail = ""
    if link.partial:
        if olds[0].partial:
            cut = _known_prefix(old_text, new_text)
            new_text, new_tail = new_text[:cut], new_text[cut:]
        else:
            cut = _known_prefix(new_text, old_text)
            old_text, old_tail = old_text[:cut], old_text[cut:]
    ops = list(link.ops) if link.ops else word_diff(old_text, new_text)  # a pair is diffed once, by the aligner
    notes = () if link.partial or not footnotes_comparable(old, new) else note_changes(olds, news, matches)
    if link.kind is LinkKind.SPLIT:
        kind = ChangeKind.SPLIT
    elif link.kind is LinkKind.MERGED:
        kind = ChangeKind.MERGED
    else:
        kind = _with_notes(classify_edit(ops), notes, matches)
        if link.partial and kind is ChangeKind.UNCHANGED:
            kind = ChangeKind.UNKNOWN  # the part we hold is the same; the rest cannot be compared
    flags: list[Flag] = []
    if link.moved:
        flags.append(Flag.MOVED)
    o, n = olds[0], news[0]
    if len(olds) == len(news) == 1 and o.number is not None and n.number is not None and o.number != n.number:
        flags.append(Flag.RENUMBERED)
    if any(p.part is not q.part for p in olds for q in news):  # a piece of a split or merge may cross alone
        flags.append(Flag.PART_CHANGED)
    direction = compare_leads(o.lead, n.lead) if o.lead and n.lead and o.lead != n.lead else None
    if direction is not None and not (link.partial and len(word_tokens(old_text)) <= len(o.lead.split())):
        flags.append(Flag(direction.value))
    return Change(kind, olds, news, link.similarity, tuple(flags), tuple(ops), old_tail, new_tail, notes)


def compare(old: Resolution, new: Resolution) -> Comparison:
    """Align ``old`` and ``new`` and describe what became of every paragraph.

    The resolution's own paragraphs are aligned with each other, and each annex's with those of the
    annex of the same label in the other version (annex paragraphs never pair with the resolution's
    own: an annex numbers its paragraphs from 1, and its text is another document). An annex that
    one version has and the other lacks is new or dropped, paragraph by paragraph, when the version
    lacking it is whole, and unknown when it is not (it may be an annex the text we hold left out).
    """
    parts = [(old.items, new.items)]
    for label in dict.fromkeys([a.label for a in old.annexes] + [a.label for a in new.annexes]):
        parts.append((_annex_items(old, label), _annex_items(new, label)))
    aligned = []
    exact_only = False
    same_place: dict[int, int] = {}
    for old_items, new_items in parts:
        a = [i for i in old_items if isinstance(i, Paragraph)]
        b = [i for i in new_items if isinstance(i, Paragraph)]
        # Headings are not aligned with the paragraphs: they are compared on their own (compare_headings).
        links, limited = align(
            [i for i in old_items if not isinstance(i, Heading)], [i for i in new_items if not isinstance(i, Heading)]
        )
        exact_only = exact_only or limited
        aligned.append((a, b, links))
        for lk in links:
            if lk.kind is LinkKind.PAIR and not lk.partial:
                marks_old, marks_new = a[lk.old[0]].note_numbers, b[lk.new[0]].note_numbers
                if len(marks_old) == len(marks_new):
                    same_place.update(zip(marks_new, marks_old))
    matches = match_footnotes(old, new, same_place)
    if not footnotes_comparable(old, new):
        # Where a version does not hold all its footnotes, a footnote missing from it, or numbered
        # otherwise, may be a footnote we do not hold: only what both texts show is said.
        uncertain = (FootnoteFate.NEW, FootnoteFate.DROPPED, FootnoteFate.RENUMBERED)
        matches = tuple(replace(m, fate=FootnoteFate.NOT_COMPARED) if m.fate in uncertain else m for m in matches)
    changes = [c for a, b, links in aligned for c in _part_changes(old, new, a, b, links, matches)]
    return Comparison(old, new, tuple(changes), matches, headings=compare_headings(old, new), exact_only=exact_only)


def _annex_items(res: Resolution, label: str) -> tuple[Item, ...]:
    """The items of ``res``'s annex of that label; a version without it holds none, or, if it is not
    whole, a gap (the annex may be there in the document and not in the text we hold)."""
    annex = next((a for a in res.annexes if a.label == label), None)
    if annex is not None:
        return annex.items
    return () if res.complete else (Gap(part=None),)


def _part_changes(
    old: Resolution,
    new: Resolution,
    a: list[Paragraph],
    b: list[Paragraph],
    links: list[Link],
    matches: tuple[FootnoteMatch, ...],
) -> list[Change]:
    """The changes of one part (the resolution's own text or one annex), in the new text's order."""
    changes: list[tuple[tuple[int, int, int], Change]] = []
    last_new_of_old: dict[int, int] = {}
    for lk in links:
        for i in lk.old:
            if lk.new and not lk.moved:  # a moved paragraph's new place says nothing of where it stood
                last_new_of_old[i] = max(lk.new)
    # The new place of the nearest placed old paragraph before each one (one pass, not a search
    # per dropped paragraph, which is quadratic on long texts).
    placed_before, last = [], -1
    for k in range(len(a)):
        placed_before.append(last)
        last = last_new_of_old.get(k, last)
    for lk in links:
        if lk.kind in (LinkKind.PAIR, LinkKind.SPLIT, LinkKind.MERGED):
            change = _pair_change(old, new, lk, a, b, matches)
        elif lk.kind is LinkKind.NEW:
            change = Change(ChangeKind.NEW, (), (b[lk.new[0]],), ops=((INSERT, b[lk.new[0]].text),))
        elif lk.kind is LinkKind.DROPPED:
            change = Change(ChangeKind.DROPPED, (a[lk.old[0]],), (), ops=((DELETE, a[lk.old[0]].text),))
        else:
            change = Change(ChangeKind.UNKNOWN, tuple(a[i] for i in lk.old), tuple(b[j] for j in lk.new))
        if lk.new:
            key = (lk.new[0], 0, 0)
        else:
            # A paragraph that is gone stands after the new place of the old paragraph before it.
            i = lk.old[0]
            key = (placed_before[i], 1, i)
        changes.append((key, change))
    changes.sort(key=lambda kc: kc[0])
    return [c for _, c in changes]
