"""Align the paragraphs of two versions of a resolution.

Paragraph numbers are never identity (operative paragraphs are renumbered
whenever one is inserted; preambular ones are unnumbered): alignment matches
on text, in the manner of wikidiff2.

1. Exact matches on normalised words (case, punctuation, quotes, dashes,
   spacing and footnote markers ignored) are the candidates for the spine.
2. The spine is the longest order-preserving chain of exact matches; the
   spine cuts both versions into *slots* (the stretches between anchors).
3. Remaining paragraphs are paired by word similarity, best first: inside one
   slot from :data:`CHANGE_MIN`, across slots (a move) from :data:`MOVE_MIN`.
   Candidates come from the same slot and from an index of each paragraph's
   rarest words, and pass a cheap bound before the full diff, so long
   resolutions do not cost a comparison of every pair.
4. A paragraph we hold only the beginning of (partial) pairs with a paragraph
   of the same slot whose beginning matches it.
5. Splits (one old paragraph → consecutive new ones) and merges (the reverse)
   are accepted when the joined paragraphs reach :data:`SPLIT_MIN` and each
   piece is mostly contained in the other side.
6. Pairs off the longest order-preserving chain of all pairs are *moved*.
7. A paragraph left without a partner is new or dropped only where both
   versions hold the stretch between its nearest anchors without a gap;
   otherwise *unknown*.

Invariant: every paragraph of OLD and of NEW is in exactly one link.
"""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from dataclasses import dataclass
from enum import StrEnum
from collections.abc import Sequence

from .limits import MAX_ALIGN_PARAGRAPHS, MAX_ALIGN_WORDS
from .model import Gap, Item, Paragraph
from .worddiff import similarity, word_diff, word_tokens

# Thresholds, tuned on the generated test pairs (bench/alignment_quality.py):
# unrelated paragraphs of one resolution reach about 0.2 (99th percentile on
# 75/59), a paragraph reworded in place keeps far more.
CHANGE_MIN = 0.3  # pair two paragraphs in the same slot
MOVE_MIN = 0.5  # pair two paragraphs across slots (a moved paragraph)
SPLIT_MIN = 0.6  # a split or merge: similarity of the joined paragraphs
SPLIT_GAIN = 0.02  # ... and better than the best single partner (a short piece adds little)
CONTAINED_MIN = 0.7  # each piece of a split: share of its words found in the whole
PARTIAL_MIN = 0.6  # a partial paragraph against the same length of a candidate
RARE_WORDS = 8  # index terms per paragraph for finding cross-slot candidates
MAX_SPLIT_PIECES = 4


class LinkKind(StrEnum):
    PAIR = "pair"
    SPLIT = "split"
    MERGED = "merged"
    NEW = "new"
    DROPPED = "dropped"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Link:
    """What became of some paragraphs: indices into the OLD and NEW paragraph lists."""

    kind: LinkKind
    old: tuple[int, ...]
    new: tuple[int, ...]
    similarity: float | None = None
    moved: bool = False
    partial: bool = False


@dataclass
class _Side:
    paragraphs: list[Paragraph]
    item_index: list[int]  # paragraph k is items[item_index[k]]
    gap_items: list[int]  # item indices of gaps
    words: list[list[str]]

    @classmethod
    def of(cls, items: Sequence[Item]) -> _Side:
        paragraphs, index, gaps = [], [], []
        for k, item in enumerate(items):
            if isinstance(item, Gap):
                gaps.append(k)
            else:
                paragraphs.append(item)
                index.append(k)
        return cls(paragraphs, index, gaps, [word_tokens(p.text) for p in paragraphs])

    def gap_between(self, lo: int, hi: int) -> bool:
        """Is there a gap among the items strictly between paragraphs lo and hi (-1 / len: the ends)?"""
        a = self.item_index[lo] if lo >= 0 else -1
        b = self.item_index[hi] if hi < len(self.paragraphs) else 1 << 30
        k = bisect.bisect_right(self.gap_items, a)
        return k < len(self.gap_items) and self.gap_items[k] < b


def longest_chain(pairs: list[tuple[int, int]]) -> set[tuple[int, int]]:
    """The longest chain of pairs increasing in both coordinates (patience LIS, O(n log n)).

    >>> sorted(longest_chain([(0, 0), (2, 1), (1, 2), (3, 3)]))
    [(0, 0), (1, 2), (3, 3)]
    """
    pairs = sorted(pairs, key=lambda p: (p[1], -p[0]))
    tails: list[int] = []  # old index at the tail of the best chain of each length
    tail_at: list[int] = []
    back: list[int] = [-1] * len(pairs)
    for k, (o, _n) in enumerate(pairs):
        pos = bisect.bisect_left(tails, o)
        if pos == len(tails):
            tails.append(o)
            tail_at.append(k)
        else:
            tails[pos] = o
            tail_at[pos] = k
        back[k] = tail_at[pos - 1] if pos else -1
    chain = set()
    k = tail_at[-1] if tail_at else -1
    while k >= 0:
        chain.add(pairs[k])
        k = back[k]
    return chain


class _Aligner:
    def __init__(self, old: Sequence[Item], new: Sequence[Item]):
        self.o = _Side.of(old)
        self.n = _Side.of(new)
        self.old_link: dict[int, int] = {}  # old paragraph -> new paragraph (pairs)
        self.new_link: dict[int, int] = {}
        self.sims: dict[tuple[int, int], float] = {}
        self.groups: list[Link] = []  # splits, merges and partial pairs
        self.grouped_old: set[int] = set()
        self.grouped_new: set[int] = set()

    def free_old(self, i: int) -> bool:
        return i not in self.old_link and i not in self.grouped_old

    def free_new(self, j: int) -> bool:
        return j not in self.new_link and j not in self.grouped_new

    def sim(self, i: int, j: int) -> float:
        key = (i, j)
        if key not in self.sims:
            self.sims[key] = similarity(word_diff(self.o.paragraphs[i].text, self.n.paragraphs[j].text))
        return self.sims[key]

    def pair(self, i: int, j: int) -> None:
        self.old_link[i] = j
        self.new_link[j] = i

    # 1-2: exact matches and the spine
    def exact(self) -> list[tuple[int, int]]:
        by_key: dict[tuple[str, ...], list[int]] = defaultdict(list)
        for i, p in enumerate(self.o.paragraphs):
            if not p.partial:
                by_key[tuple(self.o.words[i])].append(i)
        exact = []
        for j, p in enumerate(self.n.paragraphs):
            bucket = by_key.get(tuple(self.n.words[j]))
            if bucket and not p.partial:
                exact.append((bucket.pop(0), j))
        for i, j in exact:
            self.pair(i, j)
        return sorted(longest_chain(exact))

    def slots(self, spine: list[tuple[int, int]]) -> tuple[list[int], list[int]]:
        olds = [i for i, _ in spine]
        news = [j for _, j in spine]
        return ([bisect.bisect_left(olds, i) for i in range(len(self.o.paragraphs))],
                [bisect.bisect_left(news, j) for j in range(len(self.n.paragraphs))])

    # 3: similar pairs
    def similar(self, old_slot: list[int], new_slot: list[int]) -> None:
        free_o = [i for i in range(len(self.o.paragraphs)) if self.free_old(i) and not self.o.paragraphs[i].partial]
        free_n = [j for j in range(len(self.n.paragraphs)) if self.free_new(j) and not self.n.paragraphs[j].partial]
        candidates: set[tuple[int, int]] = set()
        by_slot: dict[int, list[int]] = defaultdict(list)
        for i in free_o:
            by_slot[old_slot[i]].append(i)
        for j in free_n:
            candidates.update((i, j) for i in by_slot.get(new_slot[j], ()))
        # Cross-slot candidates share one of their rarest words.
        df = Counter(w for k in free_o for w in set(self.o.words[k]))
        df.update(w for k in free_n for w in set(self.n.words[k]))
        index: dict[str, list[int]] = defaultdict(list)
        for i in free_o:
            for w in sorted(set(self.o.words[i]), key=lambda w: (df[w], w))[:RARE_WORDS]:
                index[w].append(i)
        for j in free_n:
            for w in sorted(set(self.n.words[j]), key=lambda w: (df[w], w))[:RARE_WORDS]:
                candidates.update((i, j) for i in index.get(w, ()))
        counts_o = {i: Counter(self.o.words[i]) for i in free_o}
        counts_n = {j: Counter(self.n.words[j]) for j in free_n}
        scored = []
        for i, j in candidates:
            same_slot = old_slot[i] == new_slot[j]
            floor = CHANGE_MIN if same_slot else MOVE_MIN
            a, b = len(self.o.words[i]), len(self.n.words[j])
            if a + b == 0 or 2 * min(a, b) / (a + b) < floor:  # length bound
                continue
            if 2 * sum((counts_o[i] & counts_n[j]).values()) / (a + b) < floor * 0.9:  # word-bag bound
                continue
            s = self.sim(i, j)
            if s >= floor:
                scored.append((-s, i, j))
        for _s, i, j in sorted(scored):
            if self.free_old(i) and self.free_new(j):
                self.pair(i, j)

    # 4: partial paragraphs
    def partial(self, old_slot: list[int], new_slot: list[int]) -> None:
        for side_is_old in (True, False):
            mine, other = (self.o, self.n) if side_is_old else (self.n, self.o)
            my_slot, other_slot = (old_slot, new_slot) if side_is_old else (new_slot, old_slot)
            for i, p in enumerate(mine.paragraphs):
                free_me = self.free_old(i) if side_is_old else self.free_new(i)
                if not (p.partial and free_me):
                    continue
                known = mine.words[i]
                best: tuple[float, int] | None = None
                for j in range(len(other.paragraphs)):
                    free_other = self.free_new(j) if side_is_old else self.free_old(j)
                    if not free_other or other_slot[j] != my_slot[i]:
                        continue
                    prefix = other.words[j][: len(known)]
                    if known and len(prefix) == len(known) and prefix[-1].startswith(known[-1]):
                        prefix[-1] = known[-1]  # the held text may stop inside a word ("in supp")
                    s = _bag_similarity(known, prefix) if known else 0.0
                    if known and prefix and known[0] != prefix[0]:
                        s = 0.0  # a partial paragraph keeps its first word, or its first letters
                    if s >= PARTIAL_MIN and (best is None or s > best[0]):
                        best = (s, j)
                if best is not None:
                    i_old, j_new = (i, best[1]) if side_is_old else (best[1], i)
                    self.groups.append(Link(LinkKind.PAIR, (i_old,), (j_new,), round(best[0], 3), partial=True))
                    self.grouped_old.add(i_old)
                    self.grouped_new.add(j_new)

    # 5: splits and merges
    def splits(self) -> None:
        self._groups(split=True)
        self._groups(split=False)

    def _groups(self, split: bool) -> None:
        whole_side, piece_side = (self.o, self.n) if split else (self.n, self.o)
        link_whole = self.old_link if split else self.new_link
        free_piece = self.free_new if split else self.free_old
        free_whole = self.free_old if split else self.free_new
        for w in range(len(whole_side.paragraphs)):
            if whole_side.paragraphs[w].partial or not (w in link_whole or free_whole(w)):
                continue
            partner = link_whole.get(w)
            best_single = self._pair_sim(w, partner, split) if partner is not None else 0.0
            seeds = [partner] if partner is not None else [
                k for k in range(len(piece_side.paragraphs)) if free_piece(k)
                and _bag_similarity(piece_side.words[k], whole_side.words[w], contained=True) >= CONTAINED_MIN]
            best: tuple[float, tuple[int, ...]] | None = None
            for seed in seeds:
                for lo in range(seed - MAX_SPLIT_PIECES + 1, seed + 1):
                    for hi in range(seed, lo + MAX_SPLIT_PIECES):
                        window = tuple(range(max(lo, 0), min(hi + 1, len(piece_side.paragraphs))))
                        if len(window) < 2 or any(k != partner and not free_piece(k) for k in window):
                            continue
                        if any(piece_side.paragraphs[k].partial for k in window):
                            continue
                        if any(_bag_similarity(piece_side.words[k], whole_side.words[w], contained=True)
                               < CONTAINED_MIN for k in window):
                            continue
                        joined = " ".join(piece_side.paragraphs[k].text for k in window)
                        whole = whole_side.paragraphs[w].text
                        s = similarity(word_diff(whole, joined) if split else word_diff(joined, whole))
                        if s >= SPLIT_MIN and s >= best_single + SPLIT_GAIN and (best is None or s > best[0]):
                            best = (s, window)
            if best is None:
                continue
            s, window = best
            if partner is not None:
                if split:
                    del self.old_link[w], self.new_link[partner]
                else:
                    del self.new_link[w], self.old_link[partner]
            old, new = ((w,), window) if split else (window, (w,))
            self.groups.append(Link(LinkKind.SPLIT if split else LinkKind.MERGED, old, new, round(s, 3)))
            self.grouped_old.update(old)
            self.grouped_new.update(new)

    def _pair_sim(self, w: int, partner: int, split: bool) -> float:
        return self.sim(w, partner) if split else self.sim(partner, w)

    # 6-7: moves, and what is left
    def links(self) -> list[Link]:
        pairs = [Link(LinkKind.PAIR, (i,), (j,), round(self.sim(i, j), 3)) for i, j in self.old_link.items()]
        linked = pairs + self.groups
        chain = longest_chain([(lk.old[0], lk.new[0]) for lk in linked])
        out = [Link(lk.kind, lk.old, lk.new, lk.similarity, moved=(lk.old[0], lk.new[0]) not in chain,
                    partial=lk.partial) for lk in linked]
        anchors = sorted((lk.old, lk.new) for lk in out if not lk.moved)
        anchor_old = [o for o, _ in anchors]
        anchor_new = [n for _, n in anchors]
        # New or dropped only inside a stretch that both versions hold without a gap.
        for i in range(len(self.o.paragraphs)):
            if self.free_old(i):
                (lo, hi), (mlo, mhi) = _bracket(anchor_old, anchor_new, i)
                held = not (self.n.gap_between(lo, hi) or self.o.gap_between(mlo, mhi) or self.o.paragraphs[i].partial)
                out.append(Link(LinkKind.DROPPED if held else LinkKind.UNKNOWN, (i,), ()))
        anchors_by_new = sorted((n, o) for o, n in anchors)
        for j in range(len(self.n.paragraphs)):
            if self.free_new(j):
                (lo, hi), (mlo, mhi) = _bracket([n for n, _ in anchors_by_new], [o for _, o in anchors_by_new], j)
                held = not (self.o.gap_between(lo, hi) or self.n.gap_between(mlo, mhi) or self.n.paragraphs[j].partial)
                out.append(Link(LinkKind.NEW if held else LinkKind.UNKNOWN, (), (j,)))
        return out


def _bracket(mine: list[tuple[int, ...]], theirs: list[tuple[int, ...]],
             k: int) -> tuple[tuple[int, int], tuple[int, int]]:
    """The nearest anchors around paragraph k: as paragraphs of the other side, and of its own."""
    pos = bisect.bisect_left(mine, (k,))
    end = 1 << 30
    other = (max(theirs[pos - 1]) if pos > 0 else -1, min(theirs[pos]) if pos < len(theirs) else end)
    own = (max(mine[pos - 1]) if pos > 0 else -1, min(mine[pos]) if pos < len(mine) else end)
    return other, own


def _bag_similarity(a: list[str], b: list[str], contained: bool = False) -> float:
    """Dice coefficient of two word bags; with ``contained``, the share of ``a`` found in ``b``."""
    if not a or not b:
        return 0.0
    common = sum((Counter(a) & Counter(b)).values())
    return common / len(a) if contained else 2 * common / (len(a) + len(b))


def align_paragraphs(old: Sequence[Item], new: Sequence[Item]) -> list[Link]:
    """Align two versions' items; returns links over their paragraphs (gaps are context only).

    >>> from resdiff.ingest.structure import build_items
    >>> old = build_items(["Recalling A,", "Noting B and C,", "1. Decides D;"])
    >>> new = build_items(["Recalling A,", "Noting B, C and E,", "Welcoming F,", "1. Decides D;"])
    >>> [(lk.kind.value, lk.old, lk.new) for lk in align_paragraphs(old, new)]
    [('pair', (0,), (0,)), ('pair', (1,), (1,)), ('new', (), (2,)), ('pair', (2,), (3,))]
    """
    a = _Aligner(old, new)
    spine = a.exact()
    old_slot, new_slot = a.slots(spine)
    # Bounded work (resdiff.limits): far past any resolution's size, exact matches only.
    if (max(len(a.o.paragraphs), len(a.n.paragraphs)) <= MAX_ALIGN_PARAGRAPHS
            and max(sum(map(len, a.o.words)), sum(map(len, a.n.words))) <= MAX_ALIGN_WORDS):
        a.similar(old_slot, new_slot)
        a.partial(old_slot, new_slot)
        a.splits()
    links = a.links()
    return sorted(links, key=lambda lk: (lk.new[0] if lk.new else -1, lk.old[0] if lk.old else -1))
