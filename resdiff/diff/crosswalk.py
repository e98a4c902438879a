"""The paragraph-number crosswalk between two versions.

Separate votes, objections and silence breaks cite paragraphs by their number in the draft
("preambular paragraph 12", "operative paragraph 23" of L.15/Rev.1), not in the final text. The
crosswalk gives, for every paragraph, its number in OLD and in NEW and what happened to it; it is
read off the comparison, so it agrees with every other output.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from resdiff.diff.compare import ChangeKind, Comparison

_ID_RE = re.compile(r"^(PP|OP)(\d+)(.*)$")


def paragraph_name(pid: str) -> str:
    """How a delegate cites a paragraph.

    >>> paragraph_name("PP12"), paragraph_name("OP7(a)(ii)")
    ('preambular paragraph 12', 'operative paragraph 7 (a)(ii)')
    """
    m = _ID_RE.match(pid)
    if m is None:
        return pid
    part = "preambular" if m.group(1) == "PP" else "operative"
    return f"{part} paragraph {m.group(2)}" + (f" {m.group(3)}" if m.group(3) else "")


@dataclass(frozen=True)
class CrosswalkRow:
    old: tuple[str, ...]  # paragraph ids in OLD (empty: new in NEW)
    new: tuple[str, ...]  # paragraph ids in NEW (empty: dropped)
    kind: ChangeKind
    flags: tuple[str, ...]

    @property
    def what(self) -> str:
        """``reworded, moved``; ``unchanged, renumbered``."""
        return ", ".join([self.kind.value, *self.flags])


def crosswalk(comp: Comparison) -> list[CrosswalkRow]:
    """One row per change, in the comparison's order (NEW's, with OLD's dropped paragraphs in place)."""
    return [
        CrosswalkRow(tuple(c.old_ids), tuple(c.new_ids), c.kind, tuple(f.value for f in c.flags)) for c in comp.changes
    ]
