"""Align the paragraphs of two versions of a resolution.

Paragraph numbers are never identity (operative paragraphs are renumbered
whenever one is inserted; preambular ones are unnumbered): alignment matches
on text, in the manner of wikidiff2.

1. Exact matches on normalised words (case, punctuation, quotes, dashes,
   spacing and footnote markers ignored) are the candidates for the spine.
2. The spine is the longest order-preserving chain of exact matches; the
   spine cuts both versions into *slots* (the stretches between anchors).
3. Remaining paragraphs are paired in one pass over all candidate pairs, best
   score first. The score is word similarity that discounts the boilerplate of
   the two texts (each word weighs by how few paragraphs use it, so a shared
   formula like "Encourages States to" or "the threat posed by improvised
   explosive devices" alone never makes a link), plus small preferences for
   the reading that keeps order (same slot), part and lead phrase, so a
   paragraph does not lose its successor by a hair. A pair needs
   :data:`CHANGE_MIN` inside one slot, :data:`MOVE_MIN` across slots (a move).
   Candidates come from the same slot and from an index of each paragraph's
   rarest words, and pass a cheap bound before the full diff, so long
   resolutions do not cost a comparison of every pair.
4. A paragraph we hold only the beginning of (partial) pairs with a paragraph
   of the same slot whose beginning matches it.
5. Splits (one old paragraph → several new ones) and merges (the reverse) are
   accepted when the pieces, joined in their order, reach :data:`SPLIT_MIN`
   and do better than the best single partner, and each piece is mostly
   contained in the whole. The pieces need not be adjacent, nor in the same
   part: a split's second piece may land far away, two operative paragraphs
   may merge into one preambular paragraph.
6. Pairs off the longest order-preserving chain of all pairs are *moved*.
7. A paragraph left without a partner is new or dropped only where both
   versions hold the stretch between its nearest anchors without a gap;
   otherwise *unknown*.

Invariant: every paragraph of OLD and of NEW is in exactly one link.
"""

from __future__ import annotations

import bisect
import heapq
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from itertools import chain, combinations

from resdiff.core.leads import lead_key
from resdiff.core.limits import MAX_ALIGN_PARAGRAPHS, MAX_ALIGN_WORDS
from resdiff.core.model import Gap, Paragraph
from resdiff.diff.worddiff import EQUAL, Op, has_digit, similarity, weigh, word_diff, word_tokens

# Thresholds, tuned on the generated test pairs (bench/alignment_quality.py):
# unrelated paragraphs of one resolution reach about 0.2 (99th percentile on
# 75/59), a paragraph reworded in place keeps far more.
CHANGE_MIN = 0.3  # pair two paragraphs in the same slot (boilerplate-discounted similarity)
MOVE_MIN = 0.5  # pair two paragraphs across slots (a moved paragraph)
# Preferences added to the similarity when choosing among candidates: enough to break near-ties in
# favour of the reading a drafter sees, never enough to make a link on their own.
SAME_SLOT_BONUS = 0.1
SAME_PART_BONUS = 0.05
SAME_LEAD_BONUS = 0.05
TECHNICAL_WEIGHT = 0.25  # most a symbol, date or year weighs in the similarity
SPLIT_MIN = 0.6  # a split or merge: similarity of the joined paragraphs
CONTAINED_MIN = 0.6  # each piece of a split: share of its words found in the whole (boilerplate discounted)
PARTIAL_MIN = 0.6  # a partial paragraph against the same length of a candidate
RARE_WORDS = 8  # index terms per paragraph for finding cross-slot candidates
MAX_SPLIT_PIECES = 4
MAX_PIECE_CANDIDATES = 6  # pieces considered for one split or merge, most contained first
PIECE_NEW_SHARE = 0.4  # of what a piece shares with the whole, the part no other piece has ...
PIECE_MIN_GAIN = 0.06  # ... and at least this share of the whole (boilerplate discounted)


# The stages of a candidate pair's score in the aligner's queue: bounded by the lengths, bounded
# by the shared words, measured by the word diff.
_BY_LENGTH, _BY_WORDS, _MEASURED = 0, 1, 2


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
    similarity: float | None = None  # share of words kept (plain, as shown to users)
    moved: bool = False
    partial: bool = False
    ops: tuple[Op, ...] = ()  # the word diff of a pair, made once here and reused by compare


@dataclass
class _Side:
    paragraphs: list[Paragraph]
    item_index: list[int]  # paragraph k is items[item_index[k]]
    gap_items: list[int]  # item indices of gaps
    words: list[list[str]]
    weight: dict[str, float] = field(default_factory=dict)  # of the words of both versions (set by the aligner)
    # Each paragraph's words as a bag, and their weight, made when first needed: most paragraphs of
    # a long resolution come back unchanged and never need them.
    _bags: dict[int, Counter[str]] = field(default_factory=dict)
    _masses: dict[int, float] = field(default_factory=dict)

    @classmethod
    def of(cls, items: Sequence[Paragraph | Gap]) -> _Side:
        paragraphs, index, gaps = [], [], []
        for k, item in enumerate(items):
            if isinstance(item, Gap):
                gaps.append(k)
            else:
                paragraphs.append(item)
                index.append(k)
        return cls(paragraphs, index, gaps, [word_tokens(p.text) for p in paragraphs])

    def bag(self, k: int) -> Counter[str]:
        bag = self._bags.get(k)
        if bag is None:
            bag = self._bags[k] = Counter(self.words[k])
        return bag

    def mass(self, k: int) -> float:
        """The weight of paragraph k's words."""
        mass = self._masses.get(k)
        if mass is None:
            mass = self._masses[k] = weigh(self.words[k], self.weight)
        return mass

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
    def __init__(self, old: Sequence[Paragraph | Gap], new: Sequence[Paragraph | Gap]):
        self.o = _Side.of(old)
        self.n = _Side.of(new)
        self.weight = self.o.weight = self.n.weight = _boilerplate_weights(self.o.words + self.n.words)
        self.old_link: dict[int, int] = {}  # old paragraph -> new paragraph (pairs)
        self.new_link: dict[int, int] = {}
        self.sims: dict[tuple[int, int], float] = {}
        self.diffs: dict[tuple[int, int], list[Op]] = {}
        self.groups: list[Link] = []  # splits, merges and partial pairs
        self.grouped_old: set[int] = set()
        self.grouped_new: set[int] = set()

    def free_old(self, i: int) -> bool:
        return i not in self.old_link and i not in self.grouped_old

    def free_new(self, j: int) -> bool:
        return j not in self.new_link and j not in self.grouped_new

    def sim(self, i: int, j: int) -> float:
        """Similarity of old i and new j, each word weighed by how rare it is in the two texts."""
        key = (i, j)
        if key not in self.sims:
            self.sims[key] = similarity(self.diff(i, j), self.weight, (self.o.mass(i), self.n.mass(j)))
        return self.sims[key]

    def diff(self, i: int, j: int) -> list[Op]:
        key = (i, j)
        if key not in self.diffs:
            a, b = self.o.paragraphs[i].text, self.n.paragraphs[j].text
            self.diffs[key] = [(EQUAL, a)] if a == b else word_diff(a, b)
        return self.diffs[key]

    def _overlap(self, a: Counter[str], b: Counter[str]) -> float:
        """The weight of the words two bags share (boilerplate discounted): what no diff can beat."""
        small, large = (a, b) if len(a) <= len(b) else (b, a)
        weight = self.weight  # every word of both versions (the hottest loop of the aligner: no min(), no get())
        return sum([(n if n <= large[w] else large[w]) * weight[w] for w, n in small.items() if w in large])

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
        return (
            [bisect.bisect_left(olds, i) for i in range(len(self.o.paragraphs))],
            [bisect.bisect_left(news, j) for j in range(len(self.n.paragraphs))],
        )

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
        # Cross-slot candidates share one of the rarest words the two sides have in common (a
        # paragraph's own rarest words may all be new, as when a paragraph is extended).
        index: dict[str, list[int]] = defaultdict(list)
        for i in free_o:
            for w in set(self.o.words[i]):
                index[w].append(i)
        for j in free_n:
            shared = sorted((len(index[w]), w) for w in set(self.n.words[j]) if w in index)
            for _n, w in shared[:RARE_WORDS]:
                candidates.update((i, j) for i in index[w])
        # Best score first, lazily: a candidate enters the queue with an upper bound of its score,
        # first from the lengths of the two paragraphs, then from their word bags' overlap (what no
        # diff can beat), and is measured further only when it reaches the top with both its
        # paragraphs still free; on a tie the cruder bound goes first. The result is that of diffing
        # every candidate and sorting, without the work on candidates whose paragraphs were taken.
        leads_o = {i: lead_key(self.o.paragraphs[i].lead) for i in free_o}
        leads_n = {j: lead_key(self.n.paragraphs[j].lead) for j in free_n}
        queue = []
        for i, j in candidates:
            same_slot = old_slot[i] == new_slot[j]
            floor = CHANGE_MIN if same_slot else MOVE_MIN
            a, b = self.o.mass(i), self.n.mass(j)
            if a + b == 0 or 2 * min(a, b) / (a + b) < floor:  # length bound
                continue
            po, pn = self.o.paragraphs[i], self.n.paragraphs[j]
            bonus = (
                SAME_SLOT_BONUS * same_slot
                + SAME_PART_BONUS * (po.part is pn.part)
                + SAME_LEAD_BONUS * (leads_o[i] == leads_n[j])
            )
            queue.append((-(2 * min(a, b) / (a + b) + bonus), _BY_LENGTH, i, j, floor, bonus))
        heapq.heapify(queue)
        while queue:
            _score, stage, i, j, floor, bonus = heapq.heappop(queue)
            if not (self.free_old(i) and self.free_new(j)):
                continue
            if stage == _BY_LENGTH:
                bound = 2 * self._overlap(self.o.bag(i), self.n.bag(j)) / (self.o.mass(i) + self.n.mass(j))
                if bound >= floor:  # word-bag bound: the diff keeps no more than the bags share
                    heapq.heappush(queue, (-(bound + bonus), _BY_WORDS, i, j, floor, bonus))
            elif stage == _BY_WORDS:
                s = self.sim(i, j)
                if s >= floor:
                    heapq.heappush(queue, (-(s + bonus), _MEASURED, i, j, floor, bonus))
            else:
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
        # The wholes that could be split: free, or paired with a partner that leaves enough of them
        # for another piece to bring (the partner must be one of the pieces). Links are only ever
        # taken below, so what is ruled out here stays ruled out.
        wholes = []
        for w in range(len(whole_side.paragraphs)):
            if whole_side.paragraphs[w].partial or not (w in link_whole or free_whole(w)):
                continue
            partner = link_whole.get(w)
            if partner is None or (
                whole_side.words[w] != piece_side.words[partner]  # an exact pair: covered
                and self._cover(whole_side.bag(w), whole_side.mass(w), piece_side.bag(partner)) <= 1 - PIECE_MIN_GAIN
            ):
                wholes.append(w)
        if not wholes:
            return
        # Pieces are found anywhere: each piece is a candidate of the wholes that hold its rarest words
        # (a piece mostly contained in a whole holds most of its words, the rare ones included).
        # Rarity is counted over all the paragraphs of the whole's side.
        holding = Counter(chain.from_iterable(map(set, whole_side.words)))
        wholes_with: dict[str, list[int]] = defaultdict(list)
        for w in wholes:
            for word in whole_side.bag(w):
                wholes_with[word].append(w)
        near_of: dict[int, set[int]] = defaultdict(set)
        partners = {link_whole[w] for w in wholes if w in link_whole}
        for k, paragraph in enumerate(piece_side.paragraphs):
            if not paragraph.partial and (free_piece(k) or k in partners):
                for _n, word in sorted((holding[x], x) for x in piece_side.bag(k))[:RARE_WORDS]:
                    for w in wholes_with.get(word, ()):
                        near_of[w].add(k)
        for w in wholes:
            if not (w in link_whole or free_whole(w)):
                continue
            partner = link_whole.get(w)
            whole_counts, whole_mass = whole_side.bag(w), whole_side.mass(w)
            near = near_of[w] | ({partner} if partner is not None else set())
            contained = sorted(
                (c, k)
                for k in near
                if (k == partner or free_piece(k))
                for c in [
                    -(
                        self._overlap(piece_side.bag(k), whole_counts) / piece_side.mass(k)
                        if piece_side.mass(k)
                        else 0.0
                    )
                ]
                if -c >= CONTAINED_MIN
            )
            pieces = [k for _c, k in contained[:MAX_PIECE_CANDIDATES]]
            best = self._best_group(
                whole_side.paragraphs[w].text, whole_counts, whole_mass, pieces, piece_side, partner, split
            )
            if best is None:
                continue
            s, group = best
            if partner is not None:
                if split:
                    del self.old_link[w], self.new_link[partner]
                else:
                    del self.new_link[w], self.old_link[partner]
            old, new = ((w,), group) if split else (group, (w,))
            self.groups.append(Link(LinkKind.SPLIT if split else LinkKind.MERGED, old, new, round(s, 3)))
            self.grouped_old.update(old)
            self.grouped_new.update(new)

    def _best_group(
        self,
        whole: str,
        whole_counts: Counter[str],
        whole_mass: float,
        pieces: list[int],
        piece_side: _Side,
        partner: int | None,
        split: bool,
    ) -> tuple[float, tuple[int, ...]] | None:
        """The best set of pieces for one whole: joined (in the order that reads best), they must
        reach SPLIT_MIN, and each piece must explain a share of the whole that the others do not."""
        best: tuple[float, tuple[int, ...]] | None = None
        for size in range(2, min(MAX_SPLIT_PIECES, len(pieces)) + 1):
            for group in combinations(sorted(pieces), size):
                if partner is not None and partner not in group:
                    continue  # the pair it has is one of its pieces, or it stays a pair
                bags = [piece_side.bag(k) for k in group]

                def cover(of: list[Counter[str]]) -> float:
                    return self._cover(whole_counts, whole_mass, sum(of, Counter()))

                together = cover(bags)
                if any(
                    together - cover(bags[:n] + bags[n + 1 :]) < max(PIECE_NEW_SHARE * cover([bags[n]]), PIECE_MIN_GAIN)
                    for n in range(size)
                ):
                    continue  # each piece brings words of the whole that the other pieces do not
                joined = sum(bags, Counter())
                shared = sum((whole_counts & joined).values())  # the diff keeps no more words than this
                bound = 2 * shared / (whole_counts.total() + joined.total())
                if bound < SPLIT_MIN or (best is not None and bound <= best[0]):
                    continue
                s = max(
                    self._joined_similarity(whole, [piece_side.paragraphs[k].text for k in order], split)
                    for order in ([group, group[::-1]] if size == 2 else [group])
                )
                if s >= SPLIT_MIN and (best is None or s > best[0]):
                    best = (s, group)
        return best

    def _cover(self, whole: Counter[str], whole_mass: float, pieces: Counter[str]) -> float:
        """Share of the whole's words found among the pieces' words, boilerplate discounted."""
        return self._overlap(whole, pieces) / whole_mass if whole_mass else 0.0

    @staticmethod
    def _joined_similarity(whole: str, pieces: list[str], split: bool) -> float:
        joined = " ".join(pieces)
        return similarity(word_diff(whole, joined) if split else word_diff(joined, whole))

    # 6-7: moves, and what is left
    def links(self) -> list[Link]:
        pairs = [
            Link(LinkKind.PAIR, (i,), (j,), round(similarity(self.diff(i, j)), 3), ops=tuple(self.diff(i, j)))
            for i, j in self.old_link.items()
        ]
        linked = pairs + self.groups
        chain = longest_chain([(lk.old[0], lk.new[0]) for lk in linked])
        out = [
            Link(
                lk.kind,
                lk.old,
                lk.new,
                lk.similarity,
                moved=(lk.old[0], lk.new[0]) not in chain,
                partial=lk.partial,
                ops=lk.ops,
            )
            for lk in linked
        ]
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


def _bracket(
    mine: list[tuple[int, ...]], theirs: list[tuple[int, ...]], k: int
) -> tuple[tuple[int, int], tuple[int, int]]:
    """The nearest anchors around paragraph k: as paragraphs of the other side, and of its own."""
    pos = bisect.bisect_left(mine, (k,))
    end = 1 << 30
    other = (max(theirs[pos - 1]) if pos > 0 else -1, min(theirs[pos]) if pos < len(theirs) else end)
    own = (max(mine[pos - 1]) if pos > 0 else -1, min(mine[pos]) if pos < len(mine) else end)
    return other, own


def _boilerplate_weights(paragraphs: Sequence[Iterable[str]]) -> dict[str, float]:
    """How much each word says about which paragraph it is in: 1 for a word of one paragraph,
    falling to near 0 for words most paragraphs share ("the", "States", "improvised").

    >>> w = _boilerplate_weights([["encourages", "states", "to", "share"], ["encourages", "states", "to", "mark"]])
    >>> w["share"] > 0.5 > w["states"]
    True
    """
    df = Counter(chain.from_iterable(map(set, paragraphs)))
    n = len(paragraphs)
    weights = {
        word: max(0.05, math.log((n + 1) / (d + 0.5)) / math.log((n + 1) / 1.5)) if n > 1 else 1.0
        for word, d in df.items()
    }
    # Symbols, dates and years are what routine updates change ("70/46 of 7 December 2015" grows
    # into a list of eight resolutions): they say little about which paragraph is which.
    return {word: min(w, TECHNICAL_WEIGHT) if has_digit(word) else w for word, w in weights.items()}


def _bag_similarity(a: list[str], b: list[str]) -> float:
    """Dice coefficient of two word bags."""
    if not a or not b:
        return 0.0
    return 2 * sum((Counter(a) & Counter(b)).values()) / (len(a) + len(b))


def align_paragraphs(old: Sequence[Paragraph | Gap], new: Sequence[Paragraph | Gap]) -> list[Link]:
    """Align two versions' items; returns links over their paragraphs (gaps are context only).

    >>> from resdiff.core.blocks import build_items
    >>> old = build_items(["Recalling A,", "Noting B and C,", "1. Decides D;"])
    >>> new = build_items(["Recalling A,", "Noting B, C and E,", "Welcoming F,", "1. Decides D;"])
    >>> [(lk.kind.value, lk.old, lk.new) for lk in align_paragraphs(old, new)]
    [('pair', (0,), (0,)), ('pair', (1,), (1,)), ('new', (), (2,)), ('pair', (2,), (3,))]
    """
    return align(old, new)[0]


def align(old: Sequence[Paragraph | Gap], new: Sequence[Paragraph | Gap]) -> tuple[list[Link], bool]:
    """:func:`align_paragraphs`, and whether the versions were past the limits of
    :mod:`resdiff.core.limits`, so that only identical paragraphs were paired (a comparison says so:
    the others then show as new and dropped)."""
    a = _Aligner(old, new)
    spine = a.exact()
    old_slot, new_slot = a.slots(spine)
    # Bounded work (resdiff.system.bounded): far past any resolution's size, exact matches only.
    exact_only = not (
        max(len(a.o.paragraphs), len(a.n.paragraphs)) <= MAX_ALIGN_PARAGRAPHS
        and max(sum(map(len, a.o.words)), sum(map(len, a.n.words))) <= MAX_ALIGN_WORDS
    )
    if not exact_only:
        a.similar(old_slot, new_slot)
        a.partial(old_slot, new_slot)
        a.splits()
    links = a.links()
    return sorted(links, key=lambda lk: (lk.new[0] if lk.new else -1, lk.old[0] if lk.old else -1)), exact_only
