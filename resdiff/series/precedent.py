"""Where a version's wording was adopted before: its paragraphs' sources in the whole store.

:func:`find_precedents` asks the store's precedent index (:mod:`resdiff.store.precedent`) for the
adopted paragraphs holding each paragraph's runs, names their series from the manifests, ranks
them (:mod:`resdiff.diff.precedent`) and diffs each source against the paragraph.
:func:`phrase_history` lists the adopted paragraphs holding a phrase, earliest first.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from resdiff.core.model import Resolution
from resdiff.diff.compare import PRECEDENT_KINDS, Comparison
from resdiff.diff.precedent import (
    DEFAULT_MIN_SHARE,
    ParagraphPrecedent,
    PrecedentReport,
    Source,
    affinities,
    ranked,
)
from resdiff.diff.worddiff import Op, word_diff
from resdiff.store.folder import Store
from resdiff.store.precedent import IndexedParagraph, PrecedentIndex, series_of_symbols


class SourceTexts:
    """The text of stored paragraphs, each version read once."""

    def __init__(self, store: Store):
        self.store = store
        self._versions: dict[str, dict[str, str]] = {}
        self._diffs: dict[tuple[str, str], tuple[Op, ...]] = {}

    def text(self, source: IndexedParagraph) -> str:
        if source.file not in self._versions:
            res = self.store.load_file(self.store.root / source.file)
            self._versions[source.file] = {p.id: p.text for p in res.all_paragraphs}
        return self._versions[source.file][source.paragraph]

    def diff(self, source: str, text: str) -> tuple[Op, ...]:
        key = (source, text)
        if key not in self._diffs:  # the same wording comes back session after session
            self._diffs[key] = tuple(word_diff(source, text))
        return self._diffs[key]


def find_precedents(
    index: PrecedentIndex,
    res: Resolution,
    min_share: float = DEFAULT_MIN_SHARE,
    before: str | None = None,
    series: str | None = None,
    exclude: Iterable[str] = (),
    diffs: bool = True,
    only: Iterable[str] | None = None,
) -> PrecedentReport:
    """The sources of every paragraph of ``res`` adopted before ``before`` (default: the date
    ``res`` was adopted; a draft without a date: any date), holding at least ``min_share`` of its
    runs, in the series ``series`` only when given, never in ``exclude`` (symbols); with
    ``diffs``, each with the word diff from the source to the paragraph; with ``only``, for the
    paragraphs of those ids alone."""
    store = index.store
    if series is not None:
        store.manifest(series)  # an unknown series is one clear error
    before = before or res.adopted
    wanted = None if only is None else set(only)
    paragraphs = [p for p in res.all_paragraphs if wanted is None or p.id in wanted]
    hits = index.hits([p.text for p in paragraphs], min_share, before, exclude)
    named = series_of_symbols(store)
    own = named.get(res.symbol)  # the series a stored version is in: its sources win a tie
    texts = SourceTexts(store)
    per_paragraph = []
    for p, its in zip(paragraphs, hits, strict=True):
        sources = []
        for h in its:
            in_series = named.get(h.source.symbol)
            if series is not None and in_series != series:
                continue
            ops = texts.diff(texts.text(h.source), p.text) if diffs else ()
            sources.append(Source(h.source.symbol, h.source.paragraph, h.source.adopted, h.share, in_series, ops))
        per_paragraph.append(_once(sources))
    held = affinities(per_paragraph)
    found = tuple(
        ParagraphPrecedent(p.id, p.text, ranked(sources, own, held))
        for p, sources in zip(paragraphs, per_paragraph, strict=True)
    )
    return PrecedentReport(res.symbol, res.name, before, min_share, found, series)


def mark_precedents(index: PrecedentIndex, comp: Comparison) -> Comparison:
    """``comp`` with the precedents outside OLD of each new or reworded paragraph of NEW (adopted
    before NEW, holding at least half of its runs)."""
    marked = [c.new[0].id for c in comp.changes if c.kind in PRECEDENT_KINDS and len(c.new) == 1]
    if not marked:
        return comp
    report = find_precedents(index, comp.new, exclude=[comp.old.symbol], diffs=False, only=marked)
    return replace(comp, precedents=report.paragraphs)


def _once(sources: list[Source]) -> list[Source]:
    """Each stored paragraph once (a text stored twice, in a series and in the pool, is one source)."""
    seen: set[tuple[str, str]] = set()
    kept = []
    for s in sources:
        if (s.symbol, s.paragraph) not in seen:
            seen.add((s.symbol, s.paragraph))
            kept.append(s)
    return kept


def phrase_history(
    index: PrecedentIndex, phrase: str, before: str | None = None, series: str | None = None
) -> list[Source]:
    """The adopted paragraphs whose words hold ``phrase``'s in a row, earliest first (then by
    symbol and paragraph); ``share`` is 1.0 and there is no diff."""
    if series is not None:
        index.store.manifest(series)
    named = series_of_symbols(index.store)
    found: dict[tuple[str, str], IndexedParagraph] = {(p.symbol, p.paragraph): p for p in index.phrase(phrase)}
    return [
        Source(p.symbol, p.paragraph, p.adopted, 1.0, named.get(p.symbol))
        for p in sorted(found.values(), key=lambda p: (p.adopted, p.symbol, p.paragraph))
        if (before is None or p.adopted < before) and (series is None or named.get(p.symbol) == series)
    ]
