"""Word shingles: the runs of a few consecutive words of a text.

Two paragraphs that share a shingle share a stretch of wording, in whatever order the rest of
them is: the evidence the aligner reads when a sentence is turned round, and what a precedent
index looks up. Words are as :func:`resdiff.diff.worddiff.word_tokens` gives them (normalised,
case-folded, without punctuation).
"""

from __future__ import annotations

from collections.abc import Sequence


def shingles(words: Sequence[str], size: int) -> list[tuple[str, ...]]:
    """The runs of ``size`` consecutive words, one for each word that starts one, in order.

    >>> shingles(["encourages", "states", "to", "share"], 2)
    [('encourages', 'states'), ('states', 'to'), ('to', 'share')]
    >>> shingles(["welcomes"], 2)
    []
    """
    return list(zip(*[words[k:] for k in range(size)]))
