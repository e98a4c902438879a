"""What became of the section headings between two versions.

Headings are not paragraphs: they carry no lead and no obligation, and a long resolution keeps
the same dozen or so from year to year. They are left out of the paragraph alignment and compared
here on their own, in order, by their words: the longest order-preserving run of headings with
the same words (case, punctuation and numbering ignored) pairs first, then leftover headings
between two pairs are paired when their words are at least half the same. A heading left over is
new or dropped only when the other version holds its whole text (no gap); otherwise it is unknown.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from resdiff.core.model import Gap, Heading, Resolution
from resdiff.diff.worddiff import Op, word_diff, word_tokens

# Two leftover headings are the same section reworded when this much of their words agree.
HEADING_SIMILARITY = 0.5


class HeadingChangeKind(StrEnum):
    UNCHANGED = "unchanged"
    RENUMBERED = "renumbered"  # the same words under another number or level
    REWORDED = "reworded"
    NEW = "new"
    DROPPED = "dropped"
    UNKNOWN = "unknown"  # the other version has a gap: it may hold this heading


@dataclass(frozen=True)
class HeadingChange:
    kind: HeadingChangeKind
    old: Heading | None
    new: Heading | None
    ops: tuple[Op, ...] = ()


def _words(h: Heading) -> list[str]:
    return word_tokens(h.text)


def _similarity(a: Heading, b: Heading) -> float:
    from difflib import SequenceMatcher

    return SequenceMatcher(None, _words(a), _words(b), autojunk=False).ratio()


def _pair(a: Heading, b: Heading) -> HeadingChange:
    ops = tuple(word_diff(a.text, b.text))
    if _words(a) != _words(b):
        kind = HeadingChangeKind.REWORDED
    elif (a.number, a.level) != (b.number, b.level):
        kind = HeadingChangeKind.RENUMBERED
    else:
        kind = HeadingChangeKind.UNCHANGED
    return HeadingChange(kind, a, b, ops)


def compare_headings(old: Resolution, new: Resolution) -> tuple[HeadingChange, ...]:
    """The headings of NEW in order, each with what it was in OLD; dropped ones where they stood.

    >>> old = Resolution("A/RES/78/69", items=(
    ...     Heading(1, "I", "Capacity-building"), Heading(1, "II", "The Area"), Heading(1, "III", "Marine science")))
    >>> new = Resolution("A/RES/79/144", items=(
    ...     Heading(1, "I", "Capacity-building"), Heading(1, "II", "Marine science and technology")))
    >>> [(c.kind.value, c.old and c.old.label, c.new and c.new.label) for c in compare_headings(old, new)]
    [('unchanged', 'I. Capacity-building', 'I. Capacity-building'), ('dropped', 'II. The Area', None), ('reworded', 'III. Marine science', 'II. Marine science and technology')]
    """
    a, b = old.headings, new.headings
    if not a and not b:  # most resolutions: difflib is not even loaded
        return ()
    from difflib import SequenceMatcher

    matcher = SequenceMatcher(None, [tuple(_words(h)) for h in a], [tuple(_words(h)) for h in b], autojunk=False)
    out: list[HeadingChange] = []
    old_gap = any(isinstance(i, Gap) for i in old.items)
    new_gap = any(isinstance(i, Gap) for i in new.items)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out += [_pair(a[i], b[j]) for i, j in zip(range(i1, i2), range(j1, j2))]
            continue
        # Pair leftovers in order with the most similar one left (a section whose heading was reworded).
        dropped = HeadingChangeKind.UNKNOWN if new_gap else HeadingChangeKind.DROPPED
        i = i1
        for j in range(j1, j2):
            scores = [(_similarity(a[k], b[j]), -k) for k in range(i, i2)]
            best = max(scores, default=(0.0, 0))
            if best[0] < HEADING_SIMILARITY:
                out.append(HeadingChange(HeadingChangeKind.UNKNOWN if old_gap else HeadingChangeKind.NEW, None, b[j]))
                continue
            k = -best[1]
            out += [HeadingChange(dropped, a[d], None) for d in range(i, k)]
            out.append(_pair(a[k], b[j]))
            i = k + 1
        out += [HeadingChange(dropped, a[d], None) for d in range(i, i2)]
    return tuple(out)
