"""Align the paragraphs of two versions of a resolution.

Paragraph numbers are never identity (operative paragraphs are renumbered
whenever one is inserted; preambular ones are unnumbered): alignment matches
on text, in the manner of wikidiff2.

1. Exact matches on normalised words (case, punctuation, quotes, dashes,
   spacing and footnote markers ignored) are the candidates for the spine.
2. The spine is the longest order-preserving chain of exact matches; the
   spine cuts both versions into *slots* (the stretches between anchors).
3. Remaining paragraphs are paired on the evidence a drafter reads (:meth:`_Aligner.evidence`):
   the words of each that lie in word runs the other also has (word pairs, found anywhere in the
   other paragraph, so a sentence turned round keeps its runs; scattered common words do not
   count), each word weighing by how few paragraphs use it, so a shared formula like "Encourages
   States to" or "the threat posed by improvised explosive devices" alone never makes a link.
   *kept* is the share of both paragraphs so shared, *held* the larger share of one found in the
   other (a paragraph cut to a third is held whole in its old text), *specific* the weight of the
   rare words in the shared runs. A paragraph alone between the same unchanged neighbours on both
   sides that keeps :data:`MOVE_MIN` keeps its place at once. The others are paired in one pass
   over the candidate pairs, a paragraph held whole (:data:`HELD_MIN`) in the other first, then
   most kept first, with small preferences for the reading that keeps order (same slot), part and
   lead phrase. A pair needs :data:`MOVE_MIN` kept, or specific shared
   wording and either :data:`CHANGE_MIN` kept inside one slot or :data:`HELD_MIN` held. Candidates
   are the pairs of a small slot and, for each new paragraph, the old ones that share the most of
   its rare words (all of those in its slot, the few best elsewhere), so long resolutions do not
   cost a comparison of every pair. The display diff is made once, for the pairs found.
4. A paragraph we hold only the beginning of (partial) pairs with a paragraph
   of the same slot whose beginning matches it.
5. Splits (one old paragraph → several new ones) and merges (the reverse) are
   accepted when the whole and its pieces keep :data:`SPLIT_MIN` of their words in shared
   runs, and each piece is mostly contained in the whole (or holds a third of it: a piece
   that grew) and brings words of it the other pieces do not. The pieces need not be adjacent, nor in the same part, nor in the whole's
   order: a split's second piece may land far away, two operative paragraphs may merge into
   one preambular paragraph.
6. Paragraphs still alone on both sides compete (:meth:`_Aligner.compete`): two that are each
   other's best candidate among those left, with specific shared runs, pair one step below the
   bars of 3 (nothing else wants either).
7. A paragraph still alone that carries a clause of a linked paragraph, keeps a third of its own
   words in runs of it or opens as it opens (one clause taken over while the rest went is no piece)
   and brings words of it its partners do not, joins that link as one more piece of a split or
   merge (:meth:`_Aligner.join`).
8. Pairs off the longest order-preserving chain of all pairs are *moved*.
9. A paragraph left without a partner is new or dropped only where both
   versions hold the stretch between its nearest anchors without a gap;
   otherwise *unknown*.

Invariant: every paragraph of OLD and of NEW is in exactly one link.
"""

from __future__ import annotations

import bisect
import math
import operator
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from itertools import chain, combinations, compress, filterfalse, repeat
from operator import itemgetter

from resdiff.core.leads import lead_key
from resdiff.core.limits import MAX_ALIGN_PARAGRAPHS, MAX_ALIGN_WORDS
from resdiff.core.model import Gap, Paragraph
from resdiff.diff.shingles import shingles
from resdiff.diff.worddiff import EQUAL, Op, has_digit, similarity, word_diff, word_tuple

# Thresholds on the share of words kept in shared runs (boilerplate discounted), set on the generated
# test pairs (bench/alignment_quality.py) and held on the hand alignments (bench/hand_alignment.py): a
# paragraph replaced by one sharing only its formulas keeps up to about 0.36, one reworded heavily
# (a third of its words replaced) from about 0.4.
CHANGE_MIN = 0.3  # pair two paragraphs in the same slot, with specific shared wording
MOVE_MIN = 0.5  # pair two paragraphs anywhere (a moved paragraph)
# Preferences added to the similarity when choosing among candidates: enough to break near-ties in
# favour of the reading a drafter sees, never enough to make a link on their own.
SAME_SLOT_BONUS = 0.1
SAME_PART_BONUS = 0.05
SAME_LEAD_BONUS = 0.05
TECHNICAL_WEIGHT = 0.25  # most a symbol, date or year weighs
HELD_MIN = 0.8  # below MOVE_MIN: one paragraph mostly held in the other (cut down or extended a lot) ...
SPECIFIC_MIN = 1.5  # ... or CHANGE_MIN in its slot, and shared runs this specific (the weight of their rare words)
RARE_MIN = 0.5  # a rare word: in so few paragraphs that it weighs this much
SPLIT_MIN = 0.6  # a split or merge: share of the words of the whole and its pieces in shared runs
CONTAINED_MIN = 0.6  # each piece of a split: share of its words found in the whole (boilerplate discounted)
COMPETE_MIN = 0.2  # two paragraphs left alone, between the same neighbours, that open alike
CLAUSE_WORDS = 8  # a piece left over joins a split or merge by a clause of this many words in a row
PIECE_KEPT_MIN = 1 / 3  # ... and keeps this share of its own words in runs of the whole
OPENING_WORDS = 3  # ... on this many words (the lead and the start of the subject)
PARTIAL_MIN = 0.6  # a partial paragraph against the same length of a candidate
RARE_WORDS = 8  # index terms per paragraph for finding the pieces of a split or merge
SMALL_SLOT = 16  # a slot with at most this many pairs of free paragraphs: every pair is a candidate
SLOT_CANDIDATES = 8  # old paragraphs of its slot considered for each new one, in a long stretch of changes
MAX_HOLDERS = 12  # a word in more of the unpaired old paragraphs than this finds no candidates
MOVE_CANDIDATES = 4  # old paragraphs outside its slot considered for each new one (those sharing most rare words)
MAX_SPLIT_PIECES = 4
PIECE_HITS = 2  # ... holding this many of its RARE_WORDS rarest words
PIECE_SCREEN = 0.8  # a piece whose distinct words the whole holds less than this share of CONTAINED_MIN is not measured
MAX_PIECE_CANDIDATES = 6  # pieces considered for one split or merge, most contained first
PIECE_COVER_MIN = 1 / 3  # ... or holds this share of the whole (a piece that grew)
PIECE_NEW_SHARE = 0.4  # of what a piece shares with the whole, the part no other piece has ...
PIECE_MIN_GAIN = 0.06  # ... and at least this share of the whole (boilerplate discounted)


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
    ops: tuple[Op, ...] = ()  # the word diff of a pair, split or merge, made once here and reused by compare


TYPE_CHECKING = False  # typing is not imported at run time: `resdiff compare` loads this module on every call
if TYPE_CHECKING:
    from typing import TypeVar

    T = TypeVar("T")


def _memo(cache: dict[int, T], k: int, make: Callable[[], T]) -> T:
    """``cache[k]``, made by ``make`` the first time."""
    value = cache.get(k)
    if value is None:
        value = cache[k] = make()
    return value


@dataclass
class _Side:
    paragraphs: list[Paragraph]
    item_index: list[int]  # paragraph k is items[item_index[k]]
    gap_items: list[int]  # item indices of gaps
    # Each paragraph's words (word_tuple: one object for paragraphs of the same wording, the key of
    # exact matches; never copied, most paragraphs need nothing else).
    words: list[tuple[str, ...]]
    weight: dict[str, float] = field(default_factory=dict)  # of the words of both versions (set by the aligner)
    rare_words: frozenset[str] = frozenset()  # those of them that weigh RARE_MIN (set by the aligner)
    # Caches of the accessors below.
    _bags: dict[int, Counter[str]] = field(default_factory=dict)
    _masses: dict[int, float] = field(default_factory=dict)
    _vocabs: dict[int, frozenset[str]] = field(default_factory=dict)  # every paragraph's (set by the aligner)
    _distinct: dict[int, float] = field(default_factory=dict)
    _leads: dict[int, str] = field(default_factory=dict)
    _pairs: dict[int, tuple[list[tuple[str, ...]], set[tuple[str, ...]]]] = field(default_factory=dict)
    _rares: dict[int, list[str]] = field(default_factory=dict)

    @classmethod
    def of(cls, items: Sequence[Paragraph | Gap]) -> _Side:
        paragraphs, index, gaps = [], [], []
        for k, item in enumerate(items):
            if isinstance(item, Gap):
                gaps.append(k)
            else:
                paragraphs.append(item)
                index.append(k)
        return cls(paragraphs, index, gaps, [word_tuple(p.text) for p in paragraphs])

    # Each paragraph's facts, made when first needed: most paragraphs of a long resolution come back
    # unchanged and never need them.
    def bag(self, k: int) -> Counter[str]:
        return _memo(self._bags, k, lambda: Counter(self.words[k]))

    def mass(self, k: int) -> float:
        """The weight of paragraph k's words."""
        return _memo(self._masses, k, lambda: math.fsum(map(self.weight.__getitem__, self.words[k])))

    def vocab(self, k: int) -> frozenset[str]:
        """Paragraph k's distinct words."""
        return self._vocabs[k]

    def rare(self, k: int) -> list[str]:
        """Paragraph k's rare words (RARE_MIN), in order: the terms it is looked for and indexed by."""
        return _memo(self._rares, k, lambda: sorted(self.vocab(k) & self.rare_words))

    def distinct_mass(self, k: int) -> float:
        """The weight of paragraph k's distinct words (each once; fsum: the same sum in any order)."""
        return _memo(self._distinct, k, lambda: math.fsum(map(self.weight.__getitem__, self.vocab(k))))

    def lead(self, k: int) -> str:
        """Paragraph k's lead as a drafter compares it (:func:`lead_key`)."""
        return _memo(self._leads, k, lambda: lead_key(self.paragraphs[k].lead))

    def pairs(self, k: int) -> tuple[list[tuple[str, ...]], set[tuple[str, ...]]]:
        """Paragraph k's word pairs, in order and as a set."""

        def make() -> tuple[list[tuple[str, ...]], set[tuple[str, ...]]]:
            shingled = shingles(self.words[k], 2)
            return shingled, set(shingled)

        return _memo(self._pairs, k, make)

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
        # Each wording's distinct words, made once: an unchanged paragraph's are its partner's.
        vocabs: dict[tuple[str, ...], frozenset[str]] = {}
        for side in (self.o, self.n):
            for k, key in enumerate(side.words):
                vocab = vocabs.get(key)
                side._vocabs[k] = vocabs[key] = frozenset(key) if vocab is None else vocab
        self.weight = self.o.weight = self.n.weight = _boilerplate_weights(
            [*self.o._vocabs.values(), *self.n._vocabs.values()]
        )
        self.o.rare_words = self.n.rare_words = frozenset(
            compress(self.weight, map(RARE_MIN.__le__, self.weight.values()))
        )
        self.old_link: dict[int, int] = {}  # old paragraph -> new paragraph (pairs)
        self.new_link: dict[int, int] = {}
        self.evidences: dict[tuple[int, int], tuple[float, float, float]] = {}
        self.shares: dict[tuple[int, int], tuple[float, float]] = {}  # of old and of new in shared runs
        self.diffs: dict[tuple[int, int], list[Op]] = {}
        self.groups: list[Link] = []  # splits, merges and partial pairs
        self.grouped_old: set[int] = set()
        self.grouped_new: set[int] = set()

    def free_old(self, i: int) -> bool:
        return i not in self.old_link and i not in self.grouped_old

    def free_new(self, j: int) -> bool:
        return j not in self.new_link and j not in self.grouped_new

    def left(self, old: bool) -> list[int]:
        """The whole paragraphs of one side still alone, in order (one pass over the side: the links
        are looked up inline, a text of a thousand paragraphs asks this at every step)."""
        side, link, grouped = (
            (self.o, self.old_link, self.grouped_old) if old else (self.n, self.new_link, self.grouped_new)
        )
        return [k for k, p in enumerate(side.paragraphs) if not p.partial and k not in link and k not in grouped]

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

    def _shared_with(self, rare: list[str], index: dict[str, list[int]], indexed: set[str]) -> list[tuple[int, float]]:
        """The paragraphs of ``index`` (rare word -> paragraphs holding it) sharing rare words of
        ``rare`` (a paragraph's rare words, in order), with the weight they share (words held by many are not ``indexed``): a
        paragraph is looked for where its rare words are, at a cost that grows with the text, not
        with its square."""
        shared_with: dict[int, float] = defaultdict(float)
        weight = self.weight
        for w in rare:  # in order: the same sums whatever order the sets hold
            if w in indexed:
                x = weight[w]
                for i in index[w]:
                    shared_with[i] += x
        return sorted(shared_with.items())

    # 1-2: exact matches and the spine
    def exact(self) -> list[tuple[int, int]]:
        by_key: dict[tuple[str, ...], list[int]] = defaultdict(list)
        for i, p in enumerate(self.o.paragraphs):
            if not p.partial:
                by_key[self.o.words[i]].append(i)
        exact = []
        for j, p in enumerate(self.n.paragraphs):
            bucket = by_key.get(self.n.words[j])
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
    def evidence(self, i: int, j: int) -> tuple[float, float, float]:
        """What old i and new j share, as a drafter reads it: ``(kept, held, specific)``.

        Only words in runs both paragraphs have count (two words or more, anywhere in the other
        paragraph: a sentence turned round keeps its runs, scattered common words are not kept),
        each weighing by how rare it is. ``kept``: the share of both paragraphs' words so shared;
        ``held``: the larger of the shares of each paragraph found in the other (a paragraph cut to
        a third of its length is held whole in its old text); ``specific``: the weight of the rare
        words (RARE_MIN) in the shared runs, the smaller of the two paragraphs' counts: how specific
        the shared wording is.
        """
        key = (i, j)
        ev = self.evidences.get(key)
        if ev is None:
            pairs_o, set_o = self.o.pairs(i)
            pairs_n, set_n = self.n.pairs(j)
            shared = set_o & set_n
            ev = (0.0, 0.0, 0.0)
            a, b = self.o.mass(i), self.n.mass(j)
            if shared and a and b:
                ko, ro = _covered(self.o.words[i], pairs_o, shared, self.weight)
                kn, rn = _covered(self.n.words[j], pairs_n, shared, self.weight)
                ev = ((ko + kn) / (a + b), max(ko / a, kn / b), min(ro, rn))
                self.shares[key] = (ko / a, kn / b)
            self.evidences[key] = ev
        return ev

    def in_place(self, old_slot: list[int], new_slot: list[int]) -> None:
        """A paragraph alone between two unchanged neighbours on both sides, and reworded there, keeps
        its place: the most common change of all, decided without a search."""
        olds: dict[int, list[int]] = defaultdict(list)
        news: dict[int, list[int]] = defaultdict(list)
        for i, p in enumerate(self.o.paragraphs):
            if self.free_old(i) and not p.partial:
                olds[old_slot[i]].append(i)
        for j, p in enumerate(self.n.paragraphs):
            if self.free_new(j) and not p.partial:
                news[new_slot[j]].append(j)
        for slot, (i, *more_o) in olds.items():
            if more_o or len(news.get(slot, ())) != 1:
                continue
            j = news[slot][0]
            if self.evidence(i, j)[0] >= MOVE_MIN:
                self.pair(i, j)

    def similar(self, old_slot: list[int], new_slot: list[int]) -> None:
        free_o, free_n = self.left(old=True), self.left(old=False)
        candidates: set[tuple[int, int]] = set()
        by_slot: dict[int, list[int]] = defaultdict(list)
        for i in free_o:
            by_slot[old_slot[i]].append(i)
        # Candidates in the same slot: all of a small slot; in a long stretch of changed paragraphs,
        # the several that share most of its rare words (see below). Across slots: for each new
        # paragraph, the few old ones that share the most of its rare words (each word weighed by its rarity; a paragraph's
        # own rarest words may all be new, as when a paragraph is extended). Rare words are in few
        # paragraphs, so this is near-linear.
        in_slot: dict[int, int] = Counter(new_slot[j] for j in free_n)
        for j in free_n:
            mine = by_slot.get(new_slot[j], ())
            if len(mine) * in_slot[new_slot[j]] <= SMALL_SLOT:
                candidates.update((i, j) for i in mine)
        index: dict[str, list[int]] = defaultdict(list)
        weight = self.weight
        for i in free_o:
            for w in self.o.rare(i):
                index[w].append(i)
        # A word in many of the paragraphs left says little about which is which, and would make
        # the work grow faster than the text.
        indexed = {w for w, holders in index.items() if len(holders) <= MAX_HOLDERS}
        for j in free_n:
            # Most shared first, then in order.
            shared = self._shared_with(self.n.rare(j), index, indexed)
            candidates.update((i, j) for i, _w in _most(shared, MOVE_CANDIDATES))
            in_slot_shared = [(i, x) for i, x in shared if old_slot[i] == new_slot[j]]
            candidates.update((i, j) for i, _w in _most(in_slot_shared, SLOT_CANDIDATES))
        scored = []
        vocab_o = {i: (self.o.vocab(i), self.o.distinct_mass(i)) for i in free_o}
        vocab_n = {j: (self.n.vocab(j), self.n.distinct_mass(j)) for j in free_n}
        for i, j in sorted(candidates):
            same_slot = old_slot[i] == new_slot[j]
            floor = CHANGE_MIN if same_slot else MOVE_MIN
            # The words the two share (each once) bound what their runs can share: most candidates
            # stop here, on one intersection of two sets.
            (words_o, a), (words_n, b) = vocab_o[i], vocab_n[j]
            both = math.fsum(map(weight.__getitem__, words_o & words_n))
            if not both or (2 * both / (a + b) < floor and both / min(a, b) < HELD_MIN):
                continue
            kept, held, specific = self.evidence(i, j)
            # A short paragraph cannot share many rare words: half of its weight will do.
            enough = min(SPECIFIC_MIN, min(self.o.mass(i), self.n.mass(j)) / 2)
            if not (kept >= MOVE_MIN or (specific >= enough and (kept >= floor or held >= HELD_MIN))):
                continue
            po, pn = self.o.paragraphs[i], self.n.paragraphs[j]
            bonus = (
                SAME_SLOT_BONUS * same_slot
                + SAME_PART_BONUS * (po.part is pn.part)
                + SAME_LEAD_BONUS * (self.o.lead(i) == self.n.lead(j))
            )
            scored.append((held < HELD_MIN, -(kept + bonus), i, j))
        # A paragraph held whole in another goes to it before any that holds only part of it (old
        # "Recognizes the timeliness ... of strengthening international tax cooperation to make it
        # fully inclusive ..." lives on whole in a longer preambular paragraph, not in the new one that
        # shares its closing words in its old place). Then best score first: a paragraph goes to the
        # partner it shares most with, unless that partner was taken by one it shares still more with.
        for _whole, _score, i, j in sorted(scored):
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
                    prefix = list(other.words[j][: len(known)])
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
        weight = self.weight
        wholes = []
        for w in range(len(whole_side.paragraphs)):
            if whole_side.paragraphs[w].partial or not (w in link_whole or free_whole(w)):
                continue
            partner = link_whole.get(w)
            if partner is not None:
                if whole_side.words[w] == piece_side.words[partner]:
                    continue  # an exact pair: covered
                shares = self.shares.get((w, partner) if split else (partner, w))
                if shares is not None and shares[0 if split else 1] > 1 - PIECE_MIN_GAIN:
                    continue  # its partner's runs cover it (most pairs: a few words changed)
                if self._cover(whole_side.bag(w), whole_side.mass(w), piece_side.bag(partner)) > 1 - PIECE_MIN_GAIN:
                    continue
            wholes.append(w)
        if not wholes:
            return
        # Pieces are found anywhere: each free piece is a candidate of the wholes that hold its rarest
        # words (a piece mostly contained in a whole holds most of its words, the rare ones included);
        # a whole's own partner is always one (a partner of another whole never is: it is never freed).
        # (The rare words outweigh all others: a paragraph with RARE_WORDS of them needs no other sorted.)
        rarest = {
            k: sorted(
                rare if len(rare := piece_side.rare(k)) >= RARE_WORDS else sorted(piece_side.vocab(k)),
                key=weight.__getitem__,
                reverse=True,
            )[:RARE_WORDS]
            for k in self.left(old=not split)
        }
        wanted = set(chain.from_iterable(rarest.values()))
        wholes_with: dict[str, list[int]] = defaultdict(list)
        for w in wholes:
            for word in whole_side.vocab(w) & wanted:
                wholes_with[word].append(w)
        near_of: dict[int, set[int]] = defaultdict(set)
        for k, words in rarest.items():
            # the wholes holding each of its rarest words, counted in C (a common one is in many)
            hits = Counter(chain.from_iterable(map(wholes_with.get, words, repeat(()))))
            for w, n in hits.items():
                if n >= min(PIECE_HITS, len(words)):  # holds a few of them: one alone may be chance
                    near_of[w].add(k)
        for w in wholes:
            if not (w in link_whole or free_whole(w)):
                continue
            partner = link_whole.get(w)
            near = near_of[w] | ({partner} if partner is not None else set())
            if len(near) < 2:
                continue  # a split or merge has two pieces at least (most wholes: nothing near but the partner)
            whole_counts, whole_mass = whole_side.bag(w), whole_side.mass(w)
            vocab = whole_side.vocab(w)
            contained = []
            for k in near:
                if not (k == partner or free_piece(k)):
                    continue
                # its distinct words first (one set intersection): most near pieces stop here
                both = math.fsum(map(weight.__getitem__, piece_side.vocab(k) & vocab))
                if both < PIECE_SCREEN * min(
                    CONTAINED_MIN * piece_side.distinct_mass(k), PIECE_COVER_MIN * whole_side.distinct_mass(w)
                ):
                    continue
                shared = self._overlap(piece_side.bag(k), whole_counts)
                c = shared / piece_side.mass(k) if piece_side.mass(k) else 0.0
                if c >= CONTAINED_MIN or shared >= PIECE_COVER_MIN * whole_mass:
                    contained.append((-c, k))
            contained.sort()
            pieces = [k for _c, k in contained[:MAX_PIECE_CANDIDATES]]
            best = self._best_group(whole_side.words[w], whole_counts, whole_mass, pieces, piece_side, partner, split)
            if best is None:
                continue
            if partner is not None:
                if split:
                    del self.old_link[w], self.new_link[partner]
                else:
                    del self.new_link[w], self.old_link[partner]
            self._group(w, best[1], split)

    def _group(self, w: int, group: tuple[int, ...], split: bool) -> None:
        """Record whole w (old for a split, new for a merge) as made of the pieces ``group``."""
        whole_side, piece_side = (self.o, self.n) if split else (self.n, self.o)
        whole_text, texts = whole_side.paragraphs[w].text, [piece_side.paragraphs[k].text for k in group]
        # As shown: the display diff of the whole and its pieces joined in the order that reads best.
        # The diff of the pieces in their own order is the one compare shows: it is kept for it.
        diffs = [
            self._joined_diff(whole_text, order, split)
            for order in ([texts, texts[::-1]] if len(texts) == 2 else [texts])
        ]
        s = max(map(similarity, diffs))
        old, new = ((w,), group) if split else (group, (w,))
        kind = LinkKind.SPLIT if split else LinkKind.MERGED
        self.groups.append(Link(kind, old, new, round(s, 3), ops=tuple(diffs[0])))
        self.grouped_old.update(old)
        self.grouped_new.update(new)

    def _best_group(
        self,
        whole_side_words: Sequence[str],
        whole_counts: Counter[str],
        whole_mass: float,
        pieces: list[int],
        piece_side: _Side,
        partner: int | None,
        split: bool,
    ) -> tuple[float, tuple[int, ...]] | None:
        """The best set of pieces for one whole: together they must keep SPLIT_MIN of the words of the
        whole and of the pieces in shared runs (in any order: pieces land in either part, in either
        order), and each piece must explain a share of the whole that the others do not."""
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
                s = self._joined_runs(whole_side_words, group, piece_side)
                if s >= SPLIT_MIN and (best is None or s > best[0]):
                    best = (s, group)
        return best

    def _cover(self, whole: Counter[str], whole_mass: float, pieces: Counter[str]) -> float:
        """Share of the whole's words found among the pieces' words, boilerplate discounted."""
        return self._overlap(whole, pieces) / whole_mass if whole_mass else 0.0

    @staticmethod
    def _joined_runs(whole: Sequence[str], group: tuple[int, ...], piece_side: _Side) -> float:
        """Share of the words of a whole and its pieces that lie in runs the other side has."""
        whole_pairs = shingles(whole, 2)
        whole_set = set(whole_pairs)
        pieces_set = set().union(*(piece_side.pairs(k)[1] for k in group))
        kept = _covered_count(whole_pairs, pieces_set) + sum(
            _covered_count(piece_side.pairs(k)[0], whole_set) for k in group
        )
        total = len(whole) + sum(len(piece_side.words[k]) for k in group)
        return kept / total if total else 0.0

    @staticmethod
    def _joined_diff(whole: str, pieces: list[str], split: bool) -> list[Op]:
        """The display diff of a whole and its pieces joined (old text first)."""
        joined = " ".join(pieces)
        return word_diff(whole, joined) if split else word_diff(joined, whole)

    # 6: competition among the paragraphs left
    def compete(self) -> None:
        """Paragraphs still alone on both sides after every other step pair when each is the other's
        best candidate among those left and their shared runs are specific: nothing else wants either,
        so the bar comes down one step, to CHANGE_MIN anywhere (a moved paragraph rewritten heavily);
        and to COMPETE_MIN between the same linked neighbours on both sides for two paragraphs that
        open alike (lead and subject kept, the rest rewritten)."""
        free_o, free_n = self.left(old=True), self.left(old=False)
        if not free_o or not free_n:
            return
        weight = self.weight
        index: dict[str, list[int]] = defaultdict(list)  # the rare words of the old paragraphs left
        for i in free_o:
            for w in self.o.rare(i):
                index[w].append(i)
        best_o: dict[int, tuple[float, int]] = {}
        best_n: dict[int, tuple[float, int]] = {}
        indexed = {w for w, holders in index.items() if len(holders) <= MAX_HOLDERS}  # as in similar()
        for j in free_n:
            words_n, b = self.n.vocab(j), self.n.distinct_mass(j)
            for i, _x in _most(self._shared_with(self.n.rare(j), index, indexed), MOVE_CANDIDATES):
                # the words the two share bound what their runs can share (as in similar())
                if 2 * math.fsum(map(weight.__getitem__, self.o.vocab(i) & words_n)) < COMPETE_MIN * (
                    self.o.distinct_mass(i) + b
                ):
                    continue
                kept, _held, specific = self.evidence(i, j)
                if kept < COMPETE_MIN or specific < min(SPECIFIC_MIN, min(self.o.mass(i), self.n.mass(j)) / 2):
                    continue
                if kept > best_o.get(i, (0.0, -1))[0]:
                    best_o[i] = (kept, j)
                if kept > best_n.get(j, (0.0, -1))[0]:
                    best_n[j] = (kept, i)
        chain: list[tuple[int, int]] = []
        chosen = []
        for j, (kept, i) in sorted(best_n.items()):
            if best_o[i][1] != j:
                continue
            if kept < CHANGE_MIN:
                if self.o.words[i][:OPENING_WORDS] != self.n.words[j][:OPENING_WORDS]:
                    continue
                if not chain:  # the paragraphs linked so far, in the order both versions keep
                    chain = sorted(
                        longest_chain(
                            [*self.old_link.items(), *((a, b) for g in self.groups for a in g.old for b in g.new)]
                        )
                    )
                k = bisect.bisect_left(chain, (i, -1))  # the two linked paragraphs it lies between
                if not (chain[k - 1][1] if k else -1) < j < (chain[k][1] if k < len(chain) else 1 << 30):
                    continue
            chosen.append((i, j))
        for i, j in chosen:
            self.pair(i, j)

    # 7: pieces left over
    def join(self) -> None:
        """A paragraph still alone after the competition becomes one more piece (of a split or a
        merge) of the linked paragraph it shares a clause with (CLAUSE_WORDS in a row, word for word,
        one of them rare: "Notes that the Committee on Fisheries, at its" is a formula) and the most
        kept runs (specific), when it brings words of that paragraph its present partners do not (as
        each piece of a split must):
        the part of a paragraph cut in two that was rewritten most ("calls for voluntary contributions
        ... to support the full operationalization of all components of the Mechanism" became a
        paragraph of its own), or a paragraph cut down to a clause of the one it merged into. A list
        of country groups or "combating illicit financial flows" shared with a paragraph that has its
        own successor is no clause; nor is a paragraph of which only one clause lives on (a
        request "to provide an update on the actions taken in the context of his next report" taken
        over by another paragraph, or the name of a body): it keeps PIECE_KEPT_MIN of its own words
        in runs of the whole, as the pieces a drafter calls pieces do (0.38 and more on the hand
        pairs; a clause taken over, 0.19 to 0.27), or it opens with the whole's first CLAUSE_WORDS
        words (where the whole began: "Recalls its resolution 77/205 and the recommendations
        contained therein ..." merged into the paragraph that opens so, its tenure clause dropped).
        What of the piece lives on is the measure, not what of both: the last clause of a long
        paragraph cut in five ("takes note of the recent statement on a two-pillar solution to
        address the tax challenges ...") is a small share of the whole however much of it is kept."""
        for split in (True, False):
            whole_side, piece_side = (self.o, self.n) if split else (self.n, self.o)
            link_whole = self.old_link if split else self.new_link
            free_piece = self.free_new if split else self.free_old
            kind = LinkKind.SPLIT if split else LinkKind.MERGED
            groups = {(lk.old if split else lk.new)[0]: lk for lk in self.groups if lk.kind is kind}
            left = self.left(old=not split)
            weight, in_a_row = self.weight, b"\x01" * (CLAUSE_WORDS - 1)
            whole_clauses: dict[int, set[tuple[str, ...]]] = {}  # made when first needed
            # Each paragraph left is looked for among the linked paragraphs that share the most of its
            # rare words; a whole its partner's runs cover (most pairs) has nothing left for another
            # piece to bring.
            wanted = set().union(*map(piece_side.rare, left))
            index: dict[str, list[int]] = defaultdict(list)
            for w in sorted(link_whole.keys() | groups.keys()):
                if whole_side.paragraphs[w].partial:
                    continue
                if w in link_whole:
                    shares = self.shares.get((w, link_whole[w]) if split else (link_whole[w], w))
                    if shares is None or shares[0 if split else 1] > 1 - PIECE_MIN_GAIN:
                        continue  # the same words (no runs measured: an exact pair) or covered
                for word in whole_side.vocab(w) & wanted:
                    index[word].append(w)
            indexed = {word for word, holders in index.items() if len(holders) <= MAX_HOLDERS}
            for k in left:
                if not free_piece(k):
                    continue
                best: tuple[float, int] | None = None
                shared = self._shared_with(piece_side.rare(k), index, indexed)
                mine: list[tuple[str, ...]] | None = None  # its clauses, made when first needed
                for w, _x in _most(shared, MOVE_CANDIDATES):
                    # the piece's words the whole has bound what of the piece their runs can share
                    opens_alike = piece_side.words[k][:CLAUSE_WORDS] == whole_side.words[w][:CLAUSE_WORDS]
                    if not opens_alike and math.fsum(
                        map(weight.__getitem__, filter(whole_side.vocab(w).__contains__, piece_side.words[k]))
                    ) < PIECE_KEPT_MIN * piece_side.mass(k):
                        continue
                    # a clause of the whole carried word for word (CLAUSE_WORDS in a row): first, in C,
                    # as many of its word pairs in a row found in the piece (most candidates stop here)
                    if in_a_row not in bytes(map(piece_side.pairs(k)[1].__contains__, whole_side.pairs(w)[0])):
                        continue
                    if w not in whole_clauses:
                        whole_clauses[w] = set(shingles(whole_side.words[w], CLAUSE_WORDS))
                    if mine is None:
                        mine = shingles(piece_side.words[k], CLAUSE_WORDS)
                    if not any(
                        weight[word] >= RARE_MIN for clause in whole_clauses[w].intersection(mine) for word in clause
                    ):
                        continue  # none, or only a formula ("Takes note of the report of the Secretary-General entitled")
                    kept, _held, specific = self.evidence(w, k) if split else self.evidence(k, w)
                    enough = min(SPECIFIC_MIN, min(whole_side.mass(w), piece_side.mass(k)) / 2)
                    if not (specific >= enough and (best is None or kept > best[0])):
                        continue
                    if opens_alike or self.shares[(w, k) if split else (k, w)][1 if split else 0] >= PIECE_KEPT_MIN:
                        best = (kept, w)  # (else a clause of it taken over, the rest dropped: no piece)
                if best is None:
                    continue
                w = best[1]
                group = groups.get(w)
                pieces = (group.new if split else group.old) if group else (link_whole[w],)
                if len(pieces) >= MAX_SPLIT_PIECES:
                    continue
                counts, mass = whole_side.bag(w), whole_side.mass(w)
                before = self._cover(counts, mass, sum((piece_side.bag(p) for p in pieces), Counter()))
                after = self._cover(counts, mass, sum((piece_side.bag(p) for p in (*pieces, k)), Counter()))
                if after - before < max(PIECE_NEW_SHARE * self._cover(counts, mass, piece_side.bag(k)), PIECE_MIN_GAIN):
                    continue
                if group is not None:
                    self.groups.remove(group)
                elif split:
                    del self.old_link[w], self.new_link[pieces[0]]
                else:
                    del self.new_link[w], self.old_link[pieces[0]]
                self._group(w, tuple(sorted((*pieces, k))), split)
                groups[w] = self.groups[-1]

    # 8-9: moves, and what is left
    def links(self) -> list[Link]:
        # Each link is made once, knowing whether it moved (a frozen link costs a call per field).
        chain = longest_chain([*self.old_link.items(), *((lk.old[0], lk.new[0]) for lk in self.groups)])
        out = []
        for i, j in self.old_link.items():
            text = self.o.paragraphs[i].text
            if text == self.n.paragraphs[j].text:  # most pairs of a long resolution: nothing to diff or count
                out.append(Link(LinkKind.PAIR, (i,), (j,), 1.0, moved=(i, j) not in chain, ops=((EQUAL, text),)))
                continue
            ops = self.diff(i, j)
            s = round(similarity(ops, (len(self.o.words[i]), len(self.n.words[j]))), 3)
            out.append(Link(LinkKind.PAIR, (i,), (j,), s, moved=(i, j) not in chain, ops=tuple(ops)))
        out += [
            Link(
                lk.kind,
                lk.old,
                lk.new,
                lk.similarity,
                moved=(lk.old[0], lk.new[0]) not in chain,
                partial=lk.partial,
                ops=lk.ops,
            )
            for lk in self.groups
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
        by_new_new, by_new_old = (
            [n for n, _ in anchors_by_new],
            [o for _, o in anchors_by_new],
        )  # made once, not per paragraph
        for j in range(len(self.n.paragraphs)):
            if self.free_new(j):
                (lo, hi), (mlo, mhi) = _bracket(by_new_new, by_new_old, j)
                held = not (self.o.gap_between(lo, hi) or self.n.gap_between(mlo, mhi) or self.n.paragraphs[j].partial)
                out.append(Link(LinkKind.NEW if held else LinkKind.UNKNOWN, (), (j,)))
        return out


def _covered(
    words: Sequence[str], pairs: list[tuple[str, ...]], shared: set[tuple[str, ...]], weight: dict[str, float]
) -> tuple[float, float]:
    """The weight of the words of a paragraph that lie in a shared word pair, and of the rare ones among them."""
    at = list(map(shared.__contains__, pairs))  # the pair starting at each word is shared
    covered = list(map(operator.or_, [False, *at], [*at, False]))  # ... or the pair ending at it
    kept = list(compress(map(weight.__getitem__, words), covered))
    return math.fsum(kept), math.fsum([x for x in kept if x >= RARE_MIN])


def _covered_count(pairs: list[tuple[str, ...]], shared: set[tuple[str, ...]]) -> int:
    """How many words of a paragraph (given as its word pairs) lie in a shared word pair."""
    at = list(map(shared.__contains__, pairs))
    return sum(map(operator.or_, [False, *at], [*at, False])) if pairs else 0


def _bracket(
    mine: list[tuple[int, ...]], theirs: list[tuple[int, ...]], k: int
) -> tuple[tuple[int, int], tuple[int, int]]:
    """The nearest anchors around paragraph k: as paragraphs of the other side, and of its own."""
    pos = bisect.bisect_left(mine, (k,))
    end = 1 << 30
    other = (max(theirs[pos - 1]) if pos > 0 else -1, min(theirs[pos]) if pos < len(theirs) else end)
    own = (max(mine[pos - 1]) if pos > 0 else -1, min(mine[pos]) if pos < len(mine) else end)
    return other, own


def _boilerplate_weights(vocabs: Sequence[Collection[str]]) -> dict[str, float]:
    """How much each word says about which paragraph it is in, from each paragraph's distinct words:
    1 for a word of one paragraph, falling to near 0 for words most paragraphs share ("the",
    "States", "improvised").

    >>> w = _boilerplate_weights([{"encourages", "states", "to", "share"}, {"encourages", "states", "to", "mark"}])
    >>> w["share"] > 0.5 > w["states"]
    True
    """
    df = Counter(chain.from_iterable(vocabs))
    n = len(vocabs)
    # One logarithm for each count of paragraphs (there are few), not for each word.
    by_count = {
        d: max(0.05, math.log((n + 1) / (d + 0.5)) / math.log((n + 1) / 1.5)) if n > 1 else 1.0
        for d in set(df.values())
    }
    weights = dict(zip(df, map(by_count.__getitem__, df.values())))  # in C: every word of both versions
    # Symbols, dates and years are what routine updates change ("70/46 of 7 December 2015" grows
    # into a list of eight resolutions): they say little about which paragraph is which.
    for word in list(filter(has_digit, filterfalse(str.isalpha, df))):
        weights[word] = min(weights[word], TECHNICAL_WEIGHT)
    return weights


def _most(shared: list[tuple[int, float]], n: int) -> list[tuple[int, float]]:
    """The n that share most, the first on a tie (as heapq.nlargest, sorting in C: the lists are short)."""
    return sorted(shared, key=itemgetter(1), reverse=True)[:n]


def _bag_similarity(a: Sequence[str], b: Sequence[str]) -> float:
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
        a.in_place(old_slot, new_slot)
        a.similar(old_slot, new_slot)
        a.partial(old_slot, new_slot)
        a.splits()
        a.compete()
        a.join()
    links = a.links()
    return sorted(links, key=lambda lk: (lk.new[0] if lk.new else -1, lk.old[0] if lk.old else -1)), exact_only
