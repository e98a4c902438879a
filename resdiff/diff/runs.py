"""Runs of five words, the unit of agreed language, hashed for an index.

A paragraph's *runs* are its distinct 5-word shingles (:func:`resdiff.diff.shingles.shingles` of
its words as :func:`~resdiff.diff.worddiff.word_tokens` reads them: case-folded, typographic
marks made plain, punctuation and footnote marks left out). A paragraph of fewer than five words
is one run of all its words, which only a paragraph of exactly those words holds. The *share* of
a source in a paragraph is the fraction of the paragraph's distinct runs that the source also
has: 1.0 when the paragraph's wording stands whole in the source (however much longer the source
is), 0.0 when they share no five words in a row. Five words is long enough that a shared run is
wording carried over ("the threat posed by improvised explosive") rather than a common phrase
("the General Assembly,"), and short enough that an inserted word breaks only a few runs.

Each run is hashed to 64 bits (a polynomial over per-word BLAKE2b hashes: the same in every
process and on every machine), so an index can hold runs as sorted integers; two different runs
share a hash with a probability of about 2⁻⁶⁴. :func:`shingle_table` hashes many paragraphs at
once, with numpy (kept apart from :mod:`resdiff.diff.shingles`, which the aligner imports on
every comparison; the tests hold these hashes to those shingles, and an index built on them to a
brute-force scan).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from itertools import chain

import numpy as np
import numpy.typing as npt

from resdiff.diff.worddiff import word_tuple

RUN = 5  # words in a run
# An odd 64-bit multiplier for the polynomial that joins the word hashes of a run.
_K = np.uint64(0x9E3779B97F4A7C15)


class _WordHashes(dict[str, int]):
    """Each word's 64-bit hash (BLAKE2b), made the first time the word is met: a lookup of a known
    word is a plain dict lookup, in C, with no set of a batch's new words built first."""

    def __missing__(self, word: str) -> int:
        h = self[word] = int.from_bytes(hashlib.blake2b(word.encode(), digest_size=8).digest(), "little")
        return h


_WORD_HASH = _WordHashes()

Hashes = npt.NDArray[np.uint64]
Owners = npt.NDArray[np.int64]


def _combine(words: Hashes) -> int:
    """The hash of one short paragraph's words (its length folded in, so it is no 5-word run's)."""
    h = np.uint64(len(words))
    with np.errstate(over="ignore"):
        for w in words:
            h = h * _K + w
    return int(h)


def shingle_table(texts: Sequence[str]) -> tuple[Hashes, Owners, npt.NDArray[np.int64]]:
    """The hashed runs of many paragraphs: ``(hashes, owners, counts)`` (:func:`run_table` of their words).

    ``hashes[i]`` is a run of paragraph ``owners[i]`` (an index into ``texts``); each paragraph's
    distinct runs appear once, sorted by hash and then by owner (the order an index searches);
    ``counts[j]`` is how many distinct runs paragraph ``j`` has.

    >>> h, o, n = shingle_table(["Urges all States to act now;", "", "Decides to continue;"])
    >>> sorted(o.tolist()), n.tolist()
    ([0, 0, 2], [2, 0, 1])
    >>> len(set(shingle_table(["Urges all States to act", "urges all states, to act"])[0].tolist()))
    1
    """
    return run_table([word_tuple(t) for t in texts])


def run_table(words: Sequence[Sequence[str]]) -> tuple[Hashes, Owners, npt.NDArray[np.int64]]:
    """:func:`shingle_table` of paragraphs already read into words (a build that also keeps the
    words reads each paragraph once)."""
    lengths = np.fromiter(map(len, words), dtype=np.int64, count=len(words))
    every = chain.from_iterable(words)
    flat = np.fromiter(map(_WORD_HASH.__getitem__, every), dtype=np.uint64, count=int(lengths.sum()))
    ends = np.cumsum(lengths)
    starts = ends - lengths
    parts_h: list[Hashes] = []
    parts_o: list[Owners] = []
    if len(flat) >= RUN:
        with np.errstate(over="ignore"):
            runs = flat[: len(flat) - RUN + 1].copy()
            for j in range(1, RUN):
                runs = runs * _K + flat[j : len(flat) - RUN + 1 + j]
        per_text = np.maximum(lengths - RUN + 1, 0)
        owner = np.repeat(np.arange(len(words), dtype=np.int64), per_text)
        # The position of each kept run: its text's start plus its place in the text.
        offsets = np.arange(len(owner), dtype=np.int64) - np.repeat(np.cumsum(per_text) - per_text, per_text)
        parts_h.append(runs[np.repeat(starts, per_text) + offsets])
        parts_o.append(owner)
    short = np.nonzero((lengths > 0) & (lengths < RUN))[0]
    if len(short):
        parts_h.append(np.array([_combine(flat[starts[j] : ends[j]]) for j in short], dtype=np.uint64))
        parts_o.append(short.astype(np.int64))
    if not parts_h:
        return np.zeros(0, np.uint64), np.zeros(0, np.int64), np.zeros(len(words), np.int64)
    hashes = np.concatenate(parts_h)
    owners = np.concatenate(parts_o)
    # Stable: the owners of one hash stay in ascending order (each part lists them so), so a run a
    # paragraph repeats stands next to itself and is kept once.
    order = np.argsort(hashes, kind="stable")
    hashes, owners = hashes[order], owners[order]
    keep = np.ones(len(hashes), dtype=bool)
    keep[1:] = (hashes[1:] != hashes[:-1]) | (owners[1:] != owners[:-1])
    hashes, owners = hashes[keep], owners[keep]
    return hashes, owners, np.bincount(owners, minlength=len(words)).astype(np.int64)
