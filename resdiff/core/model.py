"""The resolution model: plain, immutable dataclasses shared by every stage.

A :class:`Resolution` is an ordered sequence of items. An item is a
:class:`Paragraph` (text we hold, perhaps only its beginning), a :class:`Gap`
(text we do not hold) or a :class:`Heading` (a section heading printed between paragraphs). Gaps are first-class: they are never dropped, because
"we do not know" and "there is nothing" must stay different answers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

from resdiff.core.errors import UnknownCommittee
from resdiff.core.symbol import Symbol


class Part(StrEnum):
    PREAMBLE = "preamble"
    OPERATIVE = "operative"


@dataclass(frozen=True)
class NoteRef:
    """A footnote reference: footnote ``number`` stands after ``offset`` characters of the text."""

    number: int
    offset: int


@dataclass(frozen=True)
class Paragraph:
    """One paragraph as printed.

    ``text`` excludes the OP number and footnote markers; ``notes`` keeps the
    markers' positions. ``partial`` means the text we hold stops before the
    paragraph does (a ``[GAP]`` at its end). ``sub`` is the sub-paragraph
    letter or numeral chain, e.g. ``("a",)`` for OP3(a).
    """

    id: str
    part: Part
    text: str
    lead: str
    number: int | None = None
    sub: tuple[str, ...] = ()
    notes: tuple[NoteRef, ...] = ()
    partial: bool = False
    position_known: bool = True

    @property
    def note_numbers(self) -> list[int]:
        return [n.number for n in self.notes]

    @property
    def operative_number(self) -> int | None:
        """The number of the operative paragraph this is, or is a sub-paragraph of (7 for OP7(a)).

        >>> Paragraph("II.OP7(a)", Part.OPERATIVE, "to act;", "", sub=("a",)).operative_number
        7
        """
        if self.part is not Part.OPERATIVE:
            return None
        if self.number is not None:
            return self.number
        # OP7(a), II.OP7(a) in a resolution whose sections number their paragraphs from 1 each, OP7-1.
        m = re.match(r"\d+", self.id.rpartition("OP")[2])
        return int(m[0]) if m else None


@dataclass(frozen=True)
class Gap:
    """Text we do not have: a run of paragraphs of unknown length, or one numbered paragraph.

    ``part`` is None when the gap may span the end of the preamble and the operative part.
    """

    part: Part | None
    number: int | None = None


@dataclass(frozen=True)
class Heading:
    """A section heading printed between paragraphs: "I. Implementation of the Convention …".

    ``number`` is the printed number without its full stop ("I", "A", "Article 1"), None for an
    unnumbered heading; ``text`` may be empty ("Article 1" alone). ``level`` is 1 for the outermost
    sections, 2 for the sections inside them, and so on (a level is never skipped). Headings are
    not paragraphs: they have no lead, no footnotes and no paragraph id.
    """

    level: int
    number: str | None
    text: str

    @property
    def label(self) -> str:
        """The heading as printed on one line: "I. Capacity-building", "Article 1", "Annex".

        >>> Heading(1, "I", "Capacity-building").label, Heading(2, "Article 1", "").label
        ('I. Capacity-building', 'Article 1')
        """
        if self.number is None:
            return self.text
        return f"{self.number}. {self.text}" if self.text else self.number


Item = Paragraph | Gap | Heading


class _HoldsItems:
    """The paragraphs and headings of a body of items: a resolution's own, or an annex's."""

    items: tuple[Item, ...]

    @property
    def paragraphs(self) -> list[Paragraph]:
        return [i for i in self.items if isinstance(i, Paragraph)]

    @property
    def headings(self) -> list[Heading]:
        return [i for i in self.items if isinstance(i, Heading)]


@dataclass(frozen=True)
class Annex(_HoldsItems):
    """A text annexed to a resolution ("Annex", "Annex II"): a declaration, a programme, a statute.

    It has its own items (paragraphs numbered from 1, sections, sub-paragraphs, and where printed a
    preamble of its own: "We, the Heads of State and Government, …"). Its paragraph ids carry the
    annex's :attr:`key` before the id they would have in a resolution: ``A.OP12`` is operative
    paragraph 12 of the annex, ``AII.PP1`` the first preambular paragraph of annex II, so annex
    paragraphs never share an id with the resolution's own.
    """

    number: str | None  # "II" of "Annex II"; None for a lone "Annex"
    title: str | None = None  # "Political declaration of the high-level meeting on …"
    subtitle: str | None = None
    items: tuple[Item, ...] = ()

    @property
    def label(self) -> str:
        """ "Annex" or "Annex II", as printed above the annex."""
        return f"Annex {self.number}" if self.number else "Annex"

    @property
    def key(self) -> str:
        """The prefix of its paragraph ids: ``A`` for a lone annex, ``AII`` for annex II (two annexes
        printed under the same label, an annex and the annex of the convention it holds, are told
        apart by their order: ``A``, ``A-2``; see :func:`resdiff.core.blocks.build_document`).

        >>> Annex(None).key, Annex("II").key
        ('A', 'AII')
        """
        first = next((i.id for i in self.items if isinstance(i, Paragraph)), None)
        return first.partition(".")[0] if first else f"A{self.number or ''}"


class FootnoteStatus(StrEnum):
    """How much of a version's footnotes we hold: it decides what a comparison may say of them."""

    HELD = "held"  # every footnote's text and where its mark stands
    PARTLY_HELD = "partly held"  # some marks or texts: a paragraph without a mark may still carry one
    NOT_HELD = "not held"  # neither marks nor texts: nothing can be said of footnotes


class Completeness(StrEnum):
    """How much of a version's text we hold, as `resdiff list`, the report and the exports say it."""

    COMPLETE = "complete"  # every paragraph, start to end
    PARTIAL = "partial"  # gaps are marked where text is missing
    NOT_STORED = "not stored"  # a member a manifest lists, whose text the store does not hold


class Revisions(StrEnum):
    """How a Word draft's tracked changes are read."""

    CURRENT = "current"  # every change accepted: the draft as it now reads
    ORIGINAL = "original"  # every change rejected: the text before them


class Committee(StrEnum):
    """The Main Committee a resolution was adopted on the report of, or the plenary."""

    FIRST = "First"
    SECOND = "Second"
    THIRD = "Third"
    FOURTH = "Fourth"
    FIFTH = "Fifth"
    SIXTH = "Sixth"
    PLENARY = "plenary"

    @classmethod
    def parse(cls, name: str) -> Committee:
        """ "First", "first committee", "First Committee" → FIRST; "plenary" → PLENARY.

        >>> Committee.parse("second committee"), Committee.parse("Plenary")
        (<Committee.SECOND: 'Second'>, <Committee.PLENARY: 'plenary'>)
        """
        first = re.match(r"\w+", name.strip().casefold())
        for committee in cls:
            if first is not None and committee.value.casefold() == first[0]:
                return committee
        raise UnknownCommittee(f"unknown committee {name!r}: give First … Sixth, or plenary")

    @classmethod
    def named_in(cls, text: str) -> Committee | None:
        """The committee a document's committee line or report line names, if any.

        >>> Committee.named_in("Report of the First Committee (A/79/408)"), Committee.named_in("plenary")
        (<Committee.FIRST: 'First'>, <Committee.PLENARY: 'plenary'>)
        >>> Committee.named_in("adopted without reference to a Main Committee (A/79/L.5)")
        <Committee.PLENARY: 'plenary'>
        """
        if text.strip() == "plenary":
            return cls.PLENARY
        m = _NAMED_RE.search(text)
        if m is None:
            return None
        return cls(m[1].capitalize()) if m[1] else cls.PLENARY


_NAMED_RE = re.compile(
    r"\b(First|Second|Third|Fourth|Fifth|Sixth)\b|(without reference to a Main Committee)", re.IGNORECASE
)


@dataclass(frozen=True)
class Footnote:
    number: int
    text: str | None  # None: the footnote exists but its text is a gap


@dataclass(frozen=True)
class Resolution(_HoldsItems):
    symbol: str
    title: str | None = None
    adopted: str | None = None  # ISO date
    meeting: str | None = None
    agenda_item: str | None = None
    committee_report: str | None = None
    sources: tuple[str, ...] = ()
    complete: bool = False
    provenance: tuple[str, ...] = ()
    items: tuple[Item, ...] = ()
    footnotes: tuple[Footnote, ...] = ()
    # True when further footnotes may exist that we have not seen.
    footnote_gap: bool = False
    footnote_status: FootnoteStatus = FootnoteStatus.HELD
    # A draft's sponsors as its masthead lists them ("Afghanistan, Australia …: draft resolution").
    sponsors: tuple[str, ...] = ()
    # A name for output: a file compared without a symbol is named by its file, or as the user asks.
    label: str | None = None
    # The Main Committee it was adopted on the report of ("First Committee"), or "plenary".
    committee: str | None = None
    # The texts annexed to it, in order (a declaration, a programme of action, a statute).
    annexes: tuple[Annex, ...] = ()
    # A draft's masthead: the date it is issued (ISO), the agenda item's title ("General and complete
    # disarmament"), and the note on its sponsors line ("* On behalf of … the Group of 77 and China").
    issued: str | None = None
    agenda_title: str | None = None
    sponsors_note: str | None = None

    @property
    def completeness(self) -> Completeness:
        return Completeness.COMPLETE if self.complete else Completeness.PARTIAL

    @property
    def dated(self) -> str | None:
        """When the text is from: "adopted 2024-12-02", or for a draft, which is not adopted, the date
        its masthead says it was issued, "issued 2026-10-10"; None when the text gives neither.

        >>> Resolution("A/RES/79/53", adopted="2024-12-02").dated, Resolution("A/C.1/81/L.9", issued="2026-10-10").dated
        ('adopted 2024-12-02', 'issued 2026-10-10')
        """
        if self.adopted:
            return f"adopted {self.adopted}"
        return f"issued {self.issued}" if self.issued else None

    @property
    def parsed_symbol(self) -> Symbol | None:
        """The symbol's parts (None for a text that has none, named only by its label)."""
        return Symbol.find(self.symbol) if self.symbol else None

    @property
    def session(self) -> int | None:
        sym = self.parsed_symbol
        return sym.session if sym else None

    @property
    def number(self) -> int | None:
        sym = self.parsed_symbol
        return sym.number if sym else None

    @property
    def short(self) -> str:
        """The label if there is one; else ``75/59`` for ``A/RES/75/59``, the full symbol of a draft."""
        sym = self.parsed_symbol
        return self.label or (sym.short if sym else self.symbol)

    @property
    def name(self) -> str:
        """The label if there is one (a file compared as it is, or a name given for it), else the symbol."""
        return self.label or self.symbol

    def same_text(self, other: Resolution) -> bool:
        """Do both hold the same document's text (title, paragraphs, headings, gaps, footnotes), whatever
        their sources and provenance?"""
        mine = (self.title, self.items, self.annexes, self.footnotes)
        return mine == (other.title, other.items, other.annexes, other.footnotes)

    def paragraph(self, pid: str) -> Paragraph:
        for p in self.paragraphs:
            if p.id == pid:
                return p
        raise KeyError(pid)

    def footnote(self, number: int) -> Footnote | None:
        for f in self.footnotes:
            if f.number == number:
                return f
        return None

    @property
    def all_paragraphs(self) -> list[Paragraph]:
        """The resolution's own paragraphs, then those of its annexes."""
        return self.paragraphs + [p for a in self.annexes for p in a.paragraphs]

    @property
    def holds_gaps(self) -> bool:
        """Does it lack any text (a gap, a paragraph held only in part), in the resolution or an annex?"""
        items = self.items + tuple(i for a in self.annexes for i in a.items)
        return any(isinstance(i, Gap) or (isinstance(i, Paragraph) and i.partial) for i in items)

    @property
    def unplaced_notes(self) -> list[int]:
        """Footnotes whose reference is attached to no paragraph (of the resolution or of an annex)."""
        placed = {n for p in self.all_paragraphs for n in p.note_numbers}
        return [f.number for f in self.footnotes if f.number not in placed]


def normalise_symbol(ref: str) -> str | None:
    """Return the full symbol for ``75/59``, ``A/RES/75/59`` or any other symbol (see
    :mod:`resdiff.core.symbol`), or None if ``ref`` is not one.

    >>> normalise_symbol("75/59"), normalise_symbol("a/c.1/77/l.37/rev.1")
    ('A/RES/75/59', 'A/C.1/77/L.37/Rev.1')
    >>> normalise_symbol("../../etc") is None
    True
    """
    sym = Symbol.find(ref)
    return str(sym) if sym else None


def symbol_filename(symbol: str) -> str:
    """The file name a version is stored under (``symbol`` must be valid: it raises InvalidSymbol).

    >>> symbol_filename("A/RES/75/59")
    'A-RES-75-59.txt'
    """
    return Symbol.parse(symbol).filename


@dataclass(frozen=True)
class ImportReport:
    """What an importer noticed and could not repair, for the user to read."""

    warnings: tuple[str, ...] = field(default_factory=tuple)
