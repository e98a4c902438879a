"""Precedent: for each paragraph, the earlier adopted paragraphs that hold its wording.

A *source* of a paragraph is an adopted paragraph that holds at least a threshold share of the
paragraph's 5-word runs (:mod:`~resdiff.diff.runs`). Sources are ranked best first: the
highest share, then the most recent adoption (the latest agreed form of the wording); a tie of
both goes to the paragraph's own series, then to the resolution holding most of the version's
wording, then by symbol and paragraph for a fixed order. A paragraph with no source is *new language*; for one
with sources, the wording was *first adopted* in the earliest source that holds it as fully as
the best one does ("first adopted in 61/222 OP5").
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from resdiff.diff.worddiff import Op

DEFAULT_MIN_SHARE = 0.5


@dataclass(frozen=True)
class Source:
    """An adopted paragraph holding ``share`` of a paragraph's runs; ``ops``: the word diff from it
    to the paragraph (empty when not computed)."""

    symbol: str
    paragraph: str
    adopted: str
    share: float
    series: str | None = None
    ops: tuple[Op, ...] = ()

    @property
    def short(self) -> str:
        """``78/69 OP5``: the resolution as people write it, and the paragraph.

        >>> Source("A/RES/78/69", "OP5", "2023-12-05", 1.0).short
        '78/69 OP5'
        """
        return f"{self.symbol.removeprefix('A/RES/')} {self.paragraph}"


@dataclass(frozen=True)
class ParagraphPrecedent:
    """One paragraph and its sources, best first."""

    id: str
    text: str
    sources: tuple[Source, ...]

    @property
    def new_language(self) -> bool:
        return not self.sources

    @property
    def best(self) -> Source | None:
        return self.sources[0] if self.sources else None

    @property
    def label(self) -> str:
        """``agreed language: 78/152 OP12, 100%`` or ``new language``: the paragraph in a few words."""
        best = self.best
        return f"agreed language: {best.short}, {percent(best.share)}" if best else "new language"

    @property
    def first_adopted(self) -> Source | None:
        """The earliest source holding the wording as fully as the best source does."""
        if not self.sources:
            return None
        top = self.sources[0].share
        return min((s for s in self.sources if s.share >= top), key=lambda s: (s.adopted, s.symbol, s.paragraph))


@dataclass(frozen=True)
class PrecedentReport:
    """The precedents of a version's paragraphs: ``before`` is the date sources were adopted
    before (None: any date), ``min_share`` the threshold."""

    symbol: str
    name: str
    before: str | None
    min_share: float
    paragraphs: tuple[ParagraphPrecedent, ...]
    series: str | None = None  # sources were taken from this series only

    @property
    def new_language(self) -> int:
        return sum(p.new_language for p in self.paragraphs)


def percent(share: float) -> str:
    """A share as people read it, rounded down: never ``100%`` for 0.996.

    >>> percent(1.0), percent(0.996), percent(0.5)
    ('100%', '99%', '50%')
    """
    return f"{int(share * 100 + 1e-9)}%"


def ranked(
    sources: Iterable[Source], series: str | None = None, affinity: Mapping[str, float] | None = None
) -> tuple[Source, ...]:
    """Best first: share, then the most recent adoption; a tie (two resolutions adopted the same
    day holding as much of the wording) goes to one of ``series``, the paragraph's own, then to the
    resolution of higher ``affinity`` (how much of the whole version's wording it holds: the one the
    version continues, when its series is not known, as for a draft), then by symbol and paragraph.

    >>> [s.symbol for s in ranked([Source("A/RES/61/1", "OP1", "2006-12-01", 1.0),
    ...     Source("A/RES/78/1", "OP2", "2023-12-01", 1.0), Source("A/RES/79/1", "OP2", "2024-12-01", 0.8)])]
    ['A/RES/78/1', 'A/RES/61/1', 'A/RES/79/1']
    >>> [s.symbol for s in ranked([Source("A/RES/78/1", "PP1", "2023-12-01", 1.0),
    ...     Source("A/RES/78/2", "PP1", "2023-12-01", 1.0, "oceans")], "oceans")]
    ['A/RES/78/2', 'A/RES/78/1']
    >>> [s.symbol for s in ranked([Source("A/RES/78/1", "PP1", "2023-12-01", 1.0),
    ...     Source("A/RES/78/2", "PP1", "2023-12-01", 1.0)], affinity={"A/RES/78/2": 30.5, "A/RES/78/1": 2.0})]
    ['A/RES/78/2', 'A/RES/78/1']
    """
    held = affinity or {}
    by_name = sorted(
        sources,
        key=lambda s: (s.series is None or s.series != series, -held.get(s.symbol, 0.0), s.symbol, s.paragraph),
    )
    by_date = sorted(by_name, key=lambda s: s.adopted, reverse=True)
    return tuple(sorted(by_date, key=lambda s: s.share, reverse=True))


def affinities(sources: Iterable[Iterable[Source]]) -> dict[str, float]:
    """For each resolution, how much of a version's wording it holds: over the version's paragraphs
    (their sources), the sum of the largest share it holds of each.

    >>> affinities([[Source("A/RES/78/1", "OP1", "d", 0.5), Source("A/RES/78/1", "OP2", "d", 0.75)],
    ...             [Source("A/RES/78/1", "OP3", "d", 1.0), Source("A/RES/77/9", "OP3", "d", 1.0)]])
    {'A/RES/78/1': 1.75, 'A/RES/77/9': 1.0}
    """
    total: dict[str, float] = {}
    for paragraph in sources:
        best: dict[str, float] = {}
        for s in paragraph:
            best[s.symbol] = max(best.get(s.symbol, 0.0), s.share)
        for symbol, share in best.items():
            total[symbol] = total.get(symbol, 0.0) + share
    return total
