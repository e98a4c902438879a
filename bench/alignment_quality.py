"""How often the alignment is exactly right, against a plain paragraph-level difflib diff.

    python bench/alignment_quality.py [PAIRS]

Each pair is 75/59 against a copy with 2–8 random edits of known truth
(tests/pairs.py): insertions, deletions, moves, splits, merges, light and heavy
rewording, technical updates, lead-verb and editorial changes. A pair counts as
right only if every paragraph's link (and moved flag) is right.
"""

from __future__ import annotations

import sys
import time

from _common import base

from tests.pairs import score


def main() -> None:
    pairs = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    start = time.perf_counter()
    result = score(base(), range(pairs))
    print(f"{result['pairs']} generated pairs ({time.perf_counter() - start:.1f}s)")
    print(f"resdiff: {result['resdiff_exact']:.1%} aligned exactly right (target: at least 95%)")
    print(f"difflib (paragraph-level SequenceMatcher): {result['difflib_exact']:.1%} exactly right")
    print(f"unchanged paragraphs reported as changed: {result['unchanged_reported_changed']} (target: 0)")


if __name__ == "__main__":
    main()
