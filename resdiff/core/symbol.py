"""UN document symbols: the one place that knows their grammar.

A symbol is parsed once, where it enters (a command-line argument, a masthead, a store
header), into a :class:`Symbol`; every other module asks it for the session, the number,
whether it is a draft, the short form people write (``75/59``) and the file name it is
stored under. Anything that is not a symbol is refused with :class:`InvalidSymbol`, so a
file name derived from a symbol can never hold ``..`` or a ``/``.

>>> s = Symbol.parse("A/C.1/77/L.37/Rev.1")
>>> s.kind, s.session, s.number, s.committee, s.revision, s.is_draft
(<SymbolKind.DRAFT: 'draft'>, 77, 37, 1, 1, True)
>>> str(s.base), s.stem
('A/C.1/77/L.37', 'A-C.1-77-L.37-Rev.1')
>>> Symbol.parse("٧٥/٥٩").short, Symbol.parse("０７５/０５９").short
('75/59', '75/59')
>>> str(Symbol.parse("a/res/1514(xv)")), Symbol.parse("A/RES/1514 (XV)").session
('A/RES/1514 (XV)', 15)
>>> Symbol.parse("A/RES/75/../59")
Traceback (most recent call last):
...
resdiff.core.errors.InvalidSymbol: invalid symbol 'A/RES/75/../59': not a UN document symbol (like 75/59, A/RES/75/59, A/C.1/77/L.37 or A/C.1/77/L.37/Rev.1)
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from enum import StrEnum
from functools import lru_cache

from resdiff.core.errors import InvalidSymbol


class Organ(StrEnum):
    GA = "General Assembly"
    HRC = "Human Rights Council"
    SC = "Security Council"
    ECOSOC = "Economic and Social Council"


class SymbolKind(StrEnum):
    RESOLUTION = "resolution"
    DRAFT = "draft"  # an L document: a draft resolution or decision before adoption


class Amendment(StrEnum):
    """What a symbol suffix issues: a revised text, an addendum or a corrigendum."""

    REV = "Rev"
    ADD = "Add"
    CORR = "Corr"


MAX_LENGTH = 60
_N = r"0*[1-9]\d{0,3}"  # a number: leading zeros are read and dropped
_YEAR = r"(?:19[4-9]\d|20\d\d)"
_SUFFIX = r"(?P<suffix>(?:/(?:REV|ADD|CORR)\.0*[1-9]\d?)*)"
# As sources: each is compiled when first tried (re's cache keeps it), so a run that reads only
# resolutions of the General Assembly compiles one, not nine (a few milliseconds of every start).
_PATTERNS: tuple[tuple[Organ, SymbolKind, str], ...] = tuple(
    (organ, kind, rf"^{pattern}{_SUFFIX}$")
    for organ, kind, pattern in (
        (Organ.GA, SymbolKind.RESOLUTION, rf"A/RES/(?P<session>{_N})/(?P<number>{_N})(?: ?(?P<part>[A-Z]))?"),
        (
            Organ.GA,
            SymbolKind.RESOLUTION,
            rf"A/RES/(?P<number>{_N})(?: ?(?P<part>[A-Z]))? ?\((?P<roman>[IVXL]{{1,8}})\)",
        ),
        (
            Organ.GA,
            SymbolKind.RESOLUTION,
            rf"A/RES/(?P<special>E?S)-(?P<special_session>{_N})/(?P<number>{_N})(?: ?(?P<part>[A-Z]))?",
        ),
        (Organ.HRC, SymbolKind.RESOLUTION, rf"A/HRC/RES/(?P<session>{_N})/(?P<number>{_N})"),
        (Organ.SC, SymbolKind.RESOLUTION, rf"S/RES/(?P<number>{_N}) ?\((?P<year>{_YEAR})\)"),
        (Organ.ECOSOC, SymbolKind.RESOLUTION, rf"E/RES/(?P<year>{_YEAR})/(?P<number>{_N})"),
        (Organ.GA, SymbolKind.DRAFT, rf"A/(?:C\.(?P<committee>[1-6])/)?(?P<session>{_N})/L\.(?P<number>{_N})"),
        (Organ.HRC, SymbolKind.DRAFT, rf"A/HRC/(?P<session>{_N})/L\.(?P<number>{_N})"),
        (Organ.ECOSOC, SymbolKind.DRAFT, rf"E/(?P<year>{_YEAR})/L\.(?P<number>{_N})"),
    )
)
_SUFFIX_PART_RE = re.compile(r"/(REV|ADD|CORR)\.(\d+)")
_ROMAN = (("L", 50), ("XL", 40), ("X", 10), ("IX", 9), ("V", 5), ("IV", 4), ("I", 1))
_COMMITTEES = ("First", "Second", "Third", "Fourth", "Fifth", "Sixth")


def to_roman(n: int) -> str:
    """A session number as old symbols print it.

    >>> to_roman(15), to_roman(44)
    ('XV', 'XLIV')
    """
    out = ""
    for letters, value in _ROMAN:
        while n >= value:
            out, n = out + letters, n - value
    return out


def _from_roman(text: str) -> int | None:
    values = dict((letters, value) for letters, value in _ROMAN if len(letters) == 1)
    total = 0
    for k, ch in enumerate(text):
        value = values[ch]
        total += -value if k + 1 < len(text) and values[text[k + 1]] > value else value
    return total if total and to_roman(total) == text else None  # only canonical numerals


def clean(text: str) -> str:
    """The text with look-alike characters made plain: full-width letters, digits and slashes (NFKC),
    Arabic-Indic and other decimal digits as ASCII digits, any run of spaces as one space.

    >>> clean("٧٥／٥٩"), clean(" A/RES/57/283\u00a0 B ")
    ('75/59', 'A/RES/57/283 B')
    """
    text = unicodedata.normalize("NFKC", text)
    text = "".join(str(unicodedata.decimal(ch)) if ch.isdecimal() else ch for ch in text)
    return " ".join(text.split())


@dataclass(frozen=True)
class Symbol:
    """A parsed, validated UN document symbol (a resolution or a draft, of any organ)."""

    organ: Organ
    kind: SymbolKind
    number: int
    session: int | None = None  # the General Assembly's or Council's session; None for SC and ECOSOC
    year: int | None = None  # the Security Council's and ECOSOC's numbering year
    part: str | None = None  # "B" of A/RES/57/283 B
    committee: int | None = None  # 1 for a First Committee draft (A/C.1/…)
    old_style: bool = False  # A/RES/1514 (XV): number, then the session in roman numerals
    amendments: tuple[tuple[Amendment, int], ...] = ()  # ("Rev", 1) for …/Rev.1
    # A/RES/S-27/2, A/RES/ES-10/21: "S" or "ES" and the number of the special or emergency special
    # session (session stays None: they are not numbered with the regular sessions).
    special: str | None = None
    special_session: int | None = None

    @classmethod
    def parse(cls, text: str) -> Symbol:
        """Read a symbol in any accepted spelling (short ``75/59``, lower case, look-alike digits,
        leading zeros); raise :class:`InvalidSymbol` for anything else."""
        return _parse(text)

    @classmethod
    def find(cls, text: str) -> Symbol | None:
        """The symbol ``text`` is, or None (for input that may or may not be a symbol)."""
        try:
            return _parse(text)
        except InvalidSymbol:
            return None

    def __str__(self) -> str:
        if self.kind is SymbolKind.RESOLUTION:
            if self.organ is Organ.GA:
                part = f" {self.part}" if self.part else ""
                if self.special:
                    core = f"A/RES/{self.special}-{self.special_session}/{self.number}{part}"
                elif self.old_style:
                    core = f"A/RES/{self.number}{part} ({to_roman(self.session or 0)})"
                else:
                    core = f"A/RES/{self.session}/{self.number}{part}"
            elif self.organ is Organ.HRC:
                core = f"A/HRC/RES/{self.session}/{self.number}"
            elif self.organ is Organ.SC:
                core = f"S/RES/{self.number} ({self.year})"
            else:
                core = f"E/RES/{self.year}/{self.number}"
        elif self.organ is Organ.GA:
            committee = f"C.{self.committee}/" if self.committee else ""
            core = f"A/{committee}{self.session}/L.{self.number}"
        elif self.organ is Organ.HRC:
            core = f"A/HRC/{self.session}/L.{self.number}"
        else:
            core = f"E/{self.year}/L.{self.number}"
        return core + "".join(f"/{a.value}.{n}" for a, n in self.amendments)

    def __repr__(self) -> str:
        return f"Symbol({str(self)!r})"

    @property
    def short(self) -> str:
        """What people write: ``75/59`` for a General Assembly resolution, the full symbol otherwise.

        >>> Symbol.parse("A/RES/57/283 B").short, Symbol.parse("A/77/L.5").short
        ('57/283 B', 'A/77/L.5')
        """
        full = str(self)
        return full.removeprefix("A/RES/") if self.organ is Organ.GA and self.is_resolution else full

    @property
    def stem(self) -> str:
        """A safe file name (without extension): ``A-RES-75-59``, ``A-C.1-77-L.37-Rev.1``, ``A-RES-1514-XV``."""
        return str(self).replace(" (", "-").replace("(", "-").replace(")", "").replace("/", "-").replace(" ", "-")

    @property
    def filename(self) -> str:
        """The file a version is stored under.

        >>> Symbol.parse("75/59").filename
        'A-RES-75-59.txt'
        """
        return self.stem + ".txt"

    @property
    def is_draft(self) -> bool:
        return self.kind is SymbolKind.DRAFT

    @property
    def is_resolution(self) -> bool:
        return self.kind is SymbolKind.RESOLUTION

    @property
    def revision(self) -> int:
        """The revision number (1 for …/Rev.1), 0 for the original text."""
        return max((n for a, n in self.amendments if a is Amendment.REV), default=0)

    @property
    def base(self) -> Symbol:
        """The symbol without /Rev, /Add or /Corr: the document they revise or complete."""
        return replace(self, amendments=())

    @property
    def stage(self) -> tuple[int, int, int, str]:
        """Where the document stands among its session's texts: the drafts (each followed by its
        revisions) before the resolutions adopted, each in the order of its number (a series may hold two
        resolutions of one session, a text and its follow-up). Sort a series by (session, stage).

        >>> sorted(["A/RES/64/254", "A/RES/64/10", "A/C.3/64/L.9"], key=lambda s: Symbol.parse(s).stage)
        ['A/C.3/64/L.9', 'A/RES/64/10', 'A/RES/64/254']
        """
        return (0 if self.is_draft else 1, self.number, self.revision, str(self))

    @property
    def committee_name(self) -> str | None:
        """The Main Committee that issued a draft.

        >>> Symbol.parse("A/C.1/77/L.37").committee_name
        'First Committee'
        """
        return f"{_COMMITTEES[self.committee - 1]} Committee" if self.committee else None

    @property
    def ga_session(self) -> int | None:
        """The General Assembly session, comparable across its resolutions and drafts; None for other organs."""
        return self.session if self.organ is Organ.GA else None


@lru_cache(maxsize=1024)
def _parse(text: str) -> Symbol:
    if not isinstance(text, str):
        raise InvalidSymbol(f"invalid symbol {text!r}: not text")
    plain = clean(text[: MAX_LENGTH * 4])
    upper = plain.upper()
    if upper[:1].isdigit() or re.match(r"E?S-\d", upper):  # the short forms 75/59, 57/283 B, 1514 (XV), S-27/2
        upper = "A/RES/" + upper
    if len(upper) <= MAX_LENGTH:
        for organ, kind, pattern in _PATTERNS:
            m = re.match(pattern, upper)
            if m is None:
                continue
            groups = m.groupdict()
            session = int(groups["session"]) if groups.get("session") else None
            if groups.get("roman"):
                session = _from_roman(groups["roman"])
                if session is None:
                    break
            amendments = tuple((Amendment[a], int(n)) for a, n in _SUFFIX_PART_RE.findall(m["suffix"]))
            return Symbol(
                organ=organ,
                kind=kind,
                number=int(m["number"]),
                session=session,
                year=int(groups["year"]) if groups.get("year") else None,
                part=groups.get("part"),
                committee=int(groups["committee"]) if groups.get("committee") else None,
                old_style=bool(groups.get("roman")),
                amendments=amendments,
                special=groups.get("special"),
                special_session=int(groups["special_session"]) if groups.get("special_session") else None,
            )
    raise InvalidSymbol(
        f"invalid symbol {text!r}: not a UN document symbol (like 75/59, A/RES/75/59, "
        "A/C.1/77/L.37 or A/C.1/77/L.37/Rev.1)"
    )


def find_in_line(line: str) -> Symbol | None:
    """The symbol a masthead line consists of, or None. Short forms are not accepted here:
    a line "3/8" is a page number, not resolution 3/8.

    >>> find_in_line("  A/C.1/77/L.37  "), find_in_line("Distr.: Limited"), find_in_line("3/8")
    (Symbol('A/C.1/77/L.37'), None, None)
    """
    plain = clean(line)
    return Symbol.find(plain) if plain[:1].isalpha() else None
