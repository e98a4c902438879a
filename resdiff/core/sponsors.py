"""A draft's sponsors: read from its masthead line, and compared between stages.

A draft resolution's masthead names its sponsors in one line, "Afghanistan, Australia, France and
Nigeria: draft resolution" (a revision: "…: revised draft resolution"). Between two stages the list
grows or shrinks; delegates read that as "Rev.1 adds Chile and Japan as sponsors".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# The line may carry a custom footnote mark, "Iraq:* draft resolution" ("* On behalf of the States
# Members of the United Nations that are members of the Group of 77 and China"): the mark is not a name.
NOTE_MARKS = "*†‡"
SPONSORS_LINE_RE = re.compile(
    rf"^\s*(?P<names>[^\s{NOTE_MARKS}].*?)\s*(?P<pre>[{NOTE_MARKS}]*)\s*:\s*(?P<mark>[{NOTE_MARKS}]*)\s*"
    r"(?:revised\s+)?draft\s+(?:resolution|decision)\s*$",
    re.IGNORECASE,
)
# A draft that no State sponsors: "Draft resolution submitted by the Chair (on the basis of informal consultations)".
SUBMITTED_BY_RE = re.compile(
    r"^\s*(?:revised\s+)?draft\s+(?:resolution|decision)\s+submitted\s+by\s+(?P<names>.+?)"
    r"(?:\s+on\s+the\s+basis\s+of\s+informal\s+consultations)?\s*[.:]?\s*$",
    re.IGNORECASE,
)
# Member States whose name holds "and": the list's last "and" must not split them.
_NAMES_WITH_AND = (
    "Antigua and Barbuda",
    "Bosnia and Herzegovina",
    "Saint Kitts and Nevis",
    "Saint Vincent and the Grenadines",
    "Sao Tome and Principe",
    "Trinidad and Tobago",
    "United Kingdom of Great Britain and Northern Ireland",
    "Heard Island and McDonald Islands",
)
_PROTECT = "\0"


def read_sponsors_line(line: str) -> tuple[str, ...] | None:
    """The sponsors a masthead line lists, or None if it is not a sponsors line.

    >>> read_sponsors_line("Afghanistan, Trinidad and Tobago and United Kingdom of Great Britain and "
    ...                    "Northern Ireland: draft resolution")
    ('Afghanistan', 'Trinidad and Tobago', 'United Kingdom of Great Britain and Northern Ireland')
    >>> read_sponsors_line("France: revised draft resolution"), read_sponsors_line("Original: English")
    (('France',), None)
    >>> read_sponsors_line("Iraq:* draft resolution"), read_sponsors_line("Draft resolution submitted by the Chair")
    (('Iraq',), ('the Chair',))
    """
    flat = " ".join(line.split())
    if submitted := SUBMITTED_BY_RE.match(flat):  # one submitter, whose name may hold commas
        return (submitted["names"].rstrip(NOTE_MARKS + " "),)
    m = SPONSORS_LINE_RE.match(flat)
    if m is None:
        return None
    names = m["names"].rstrip(NOTE_MARKS + " ")
    for name in _NAMES_WITH_AND:
        names = names.replace(name, name.replace(" and ", f" {_PROTECT} "))
    parts = [p for chunk in names.split(",") for p in chunk.split(" and ")]
    return tuple(p.strip().replace(_PROTECT, "and") for p in parts if p.strip())


def sponsors_mark(line: str) -> str:
    """The custom footnote mark a sponsors line carries ("*" in "Iraq:* draft resolution"), or "".

    >>> sponsors_mark("Iraq:* draft resolution"), sponsors_mark("Iraq*: draft resolution")
    ('*', '*')
    >>> sponsors_mark("France: draft resolution")
    ''

    """
    m = SPONSORS_LINE_RE.match(" ".join(line.split()))
    if m is None:
        return ""
    return m["mark"] or m["pre"]


def sponsors_line(names: tuple[str, ...]) -> tuple[str, str]:
    """The masthead line that names ``names`` (the inverse of :func:`read_sponsors_line`), in the two
    parts a note's mark stands between ("Iraq:" * " draft resolution").

    >>> sponsors_line(("Chile", "Japan")), sponsors_line(("the Chair",))
    (('Chile and Japan:', ' draft resolution'), ('Draft resolution submitted by the Chair', ''))
    """
    if len(names) == 1 and names[0].startswith("the "):  # an office, not a State: the Chair submits it
        return f"Draft resolution submitted by {names[0]}", ""
    return f"{listed(names)}:", " draft resolution"


def listed(names: tuple[str, ...] | list[str]) -> str:
    """Names as a sentence lists them.

    >>> listed(["Chile"]), listed(["Chile", "Japan", "Peru"])
    ('Chile', 'Chile, Japan and Peru')
    """
    names = list(names)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


@dataclass(frozen=True)
class SponsorChange:
    """The sponsors two stages list (``old``, ``new``), and who joined and who left, in the order NEW
    and OLD list them. Where one side lists none at all, as an adopted resolution does, nobody joined
    or left there: it does not say."""

    old: tuple[str, ...]
    new: tuple[str, ...]

    @property
    def added(self) -> tuple[str, ...]:
        return tuple(n for n in self.new if n not in self.old)

    @property
    def removed(self) -> tuple[str, ...]:
        return tuple(n for n in self.old if n not in self.new)

    def sentence(self, new_name: str) -> str:
        """What a delegate would say.

        >>> SponsorChange(("Peru",), ("Peru", "Chile", "Japan")).sentence("A/C.1/77/L.37/Rev.1")
        'A/C.1/77/L.37/Rev.1 adds Chile and Japan as sponsors'
        >>> SponsorChange((), ("Chile", "Japan")).sentence("A/C.1/81/L.23")
        'A/C.1/81/L.23 lists Chile and Japan as sponsors (the text it is compared with lists none)'
        >>> SponsorChange(("Chile",), ()).sentence("A/RES/81/5")
        'A/RES/81/5 lists no sponsors (the text it is compared with lists Chile)'
        >>> SponsorChange((), ("Iraq",)).sentence("A/C.2/79/L.5")
        'A/C.2/79/L.5 lists Iraq as sponsor (the text it is compared with lists none)'
        """
        if not self.old:
            return f"{new_name} lists {_as_sponsors(self.added)} (the text it is compared with lists none)"
        if not self.new:
            return f"{new_name} lists no sponsors (the text it is compared with lists {listed(self.removed)})"
        said = []
        if self.added:
            said.append(f"adds {_as_sponsors(self.added)}")
        if self.removed:
            said.append(f"no longer lists {listed(self.removed)}")
        return f"{new_name} {' and '.join(said)}" if said else f"{new_name} has the same sponsors"


def _as_sponsors(names: tuple[str, ...]) -> str:
    """``names`` listed, "as sponsor" for one (a group's chair often sponsors alone: "Iraq:* draft resolution")."""
    return f"{listed(names)} as sponsor{'s' if len(names) > 1 else ''}"


def sponsor_change(old: tuple[str, ...], new: tuple[str, ...]) -> SponsorChange | None:
    """What changed in the sponsors; None when neither version lists any (a resolution, a bare text)."""
    if not old and not new:
        return None
    return SponsorChange(old, new)
