"""How often the alignment is exactly right, against a plain paragraph-level difflib diff.

    python -m bench.alignment_quality [PAIRS] [--classic]

Each pair is a real text (75/59, 77/64 or 79/53 from the fixture store, in turn) against a copy
with 3–12 random edits of known truth (tests/pairs.py, ``make_mixed_pair``), drawn at realistic
rates from every kind the generator knows: insertions, deletions, moves, adjacent and far splits
and merges (a merge across a deleted or moved paragraph), moves and merges between preamble and
operative part, new paragraphs that share only a formula with old ones, light and heavy rewording,
technical updates, lead-verb and editorial changes. A pair counts as right only if every
paragraph's link (and moved flag) is right. Default 600 pairs, seeds 0..PAIRS-1 (deterministic).

The table names the edits behind the wrong links: for each kind (and variant), the pairs that hold
it, the pairs it took part in getting wrong, and the wrong links (missed or spurious) around the
paragraphs it shaped, and the first seeds it failed on (``make_mixed_pair(bases, seed)`` in
tests/pairs.py makes that pair again); ``untouched`` is a wrong link around paragraphs no edit chose.

``--classic`` runs the original generator instead (75/59 only, the first ten kinds, 2–8 edits).
"""

from __future__ import annotations

import sys
import time

from bench._common import ROOT
from resdiff.store.folder import Store
from tests.pairs import score

FIXTURE_STORE = ROOT / "tests" / "fixtures" / "store"
BASES = ("75/59", "77/64", "79/53")


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    classic = "--classic" in sys.argv[1:]
    pairs = int(args[0]) if args else 600
    store = Store(FIXTURE_STORE)
    bases = [store.load(s) for s in (BASES[:1] if classic else BASES)]
    start = time.perf_counter()
    r = score(bases, range(pairs), mixed=not classic)
    print(
        f"{r['pairs']} generated pairs from {', '.join(b.symbol for b in bases)} "
        f"({'classic' if classic else 'mixed'} edits; {time.perf_counter() - start:.1f}s)"
    )
    print(f"resdiff: {r['resdiff_exact']:.1%} aligned exactly right (target: at least 98%)")
    print(f"difflib (paragraph-level SequenceMatcher): {r['difflib_exact']:.1%} exactly right")
    print(f"unchanged paragraphs reported as changed: {r['unchanged_reported_changed']} (target: 0)")
    print()
    print("failures by edit (sorted by share of its pairs wrong):")
    print(f"  {'edit':26} {'pairs':>6} {'wrong':>6} {'share':>7} {'wrong links':>12}  seeds")
    kinds = set(r["edits"]) | set(r["failed"])
    rows = sorted(kinds, key=lambda k: (-r["failed"][k] / max(r["edits"][k], 1), k))
    for k in rows:
        held = r["edits"][k]
        share = f"{r['failed'][k] / held:.1%}" if held else "-"
        seeds = " ".join(map(str, r["examples"].get(k, [])[:4]))
        print(f"  {k:26} {held:>6} {r['failed'][k]:>6} {share:>7} {r['wrong_links'][k]:>12}  {seeds}".rstrip())


if __name__ == "__main__":
    main()
