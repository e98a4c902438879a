"""Agreement of resdiff with careful hand alignments of real successors.

    python -m bench.hand_alignment

The hand alignments (tests/fixtures/hand_alignment/*.json) say, paragraph by paragraph, what a
drafter would say became of each paragraph of a real pair, with reasons; ambiguous links are
marked. The IED pairs (75/59 -> 77/64, 77/64 -> 79/53) are read from the fixture store, the others
from their corpus JSON files in tests/fixtures/hand_alignment/texts/ (through the corpus JSON
ingest). For every paragraph of both versions this prints whether resdiff gives it the same
partners (the paragraphs it became or came from) and the same kind, how many paragraphs it wrongly
calls new or dropped, and, as a baseline in the same run, how often difflib's SequenceMatcher over
paragraphs agrees; then the total over all pairs.
"""

from __future__ import annotations

import difflib
import json
from pathlib import Path

from resdiff.core.model import Resolution
from resdiff.diff.compare import ChangeKind, compare
from resdiff.ingest import read_file
from resdiff.store.folder import Store

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
HAND = FIXTURES / "hand_alignment"
PAIR_KINDS = {"unchanged", "editorial", "technical", "reworded", "split", "merged"}


def names() -> list[str]:
    """Every hand-aligned pair, as its file's stem ("75-59_77-64")."""
    return sorted(p.stem for p in HAND.glob("*.json"))


def versions(name: str, store: Store) -> tuple[Resolution, Resolution]:
    """The two texts of a hand-aligned pair: its corpus JSON files where it has them, else the store's."""
    data = json.loads((HAND / f"{name}.json").read_text(encoding="utf-8"))
    files = [HAND / "texts" / (data[side].replace("/", "_") + ".json") for side in ("old", "new")]
    if all(f.is_file() for f in files):
        return read_file(files[0])[0], read_file(files[1])[0]
    return store.load(data["old"]), store.load(data["new"])


def hand_partners(path: Path) -> tuple[dict, dict, set]:
    """({("old"|"new", id): frozenset of partner ids}, {(side, id): kind}, ids in ambiguous links)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    partners: dict = {}
    kinds: dict = {}
    ambiguous: set = set()
    for link in data["links"]:
        edges = link.get("edges") or [[o, n] for o in link["old"] for n in link["new"]]
        for o in link["old"]:
            partners[("old", o)] = frozenset(n for a, n in edges if a == o)
            kinds[("old", o)] = link["kind"]
        for n in link["new"]:
            partners[("new", n)] = frozenset(o for o, b in edges if b == n)
            kinds[("new", n)] = link["kind"]
        if link.get("ambiguous"):
            ambiguous.update([("old", o) for o in link["old"]] + [("new", n) for n in link["new"]])
    return partners, kinds, ambiguous


def resdiff_partners(old, new) -> tuple[dict, dict]:
    partners, kinds = {}, {}
    for c in compare(old, new).changes:
        kind = c.kind.value if c.kind is not ChangeKind.UNKNOWN else "unknown"
        for p in c.old:
            partners[("old", p.id)] = frozenset(q.id for q in c.new)
            kinds[("old", p.id)] = kind
        for q in c.new:
            partners[("new", q.id)] = frozenset(p.id for p in c.old)
            kinds[("new", q.id)] = kind
    return partners, kinds


def difflib_partners(old, new) -> dict:
    a = [p.text for p in old.paragraphs]
    b = [p.text for p in new.paragraphs]
    partners = {("old", p.id): frozenset() for p in old.paragraphs}
    partners.update({("new", p.id): frozenset() for p in new.paragraphs})
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag in ("equal", "replace"):
            for i, j in zip(range(i1, i2), range(j1, j2)):
                partners[("old", old.paragraphs[i].id)] = frozenset([new.paragraphs[j].id])
                partners[("new", new.paragraphs[j].id)] = frozenset([old.paragraphs[i].id])
    return partners


def agreement(name: str, store: Store) -> dict:
    hand, hand_kinds, ambiguous = hand_partners(HAND / f"{name}.json")
    old, new = versions(name, store)
    old_ref, new_ref = old.short, new.short
    got, got_kinds = resdiff_partners(old, new)
    base = difflib_partners(old, new)
    clear = [k for k in hand if k not in ambiguous]
    same = [k for k in clear if got[k] == hand[k]]
    kinds = [k for k in same if got_kinds[k] == hand_kinds[k]]
    return {
        "pair": f"{old_ref} -> {new_ref}",
        "paragraphs": len(hand),
        "ambiguous": len(ambiguous),
        "partners": len(same) / len(clear),
        "partners_and_kind": len(kinds) / len(clear),
        "same": len(same),
        "same_kind": len(kinds),
        "clear": len(clear),
        # paragraphs a drafter links that resdiff calls new or dropped
        "wrongly_alone": sum(1 for k in clear if hand[k] and not got[k]),
        "difflib_partners": sum(base[k] == hand[k] for k in clear) / len(clear),
        "disagreements": sorted(
            f"{s} {i}: hand {sorted(hand[(s, i)]) or '-'} {hand_kinds[(s, i)]}, "
            f"resdiff {sorted(got[(s, i)]) or '-'} {got_kinds[(s, i)]}"
            for s, i in clear
            if (got[(s, i)], got_kinds[(s, i)]) != (hand[(s, i)], hand_kinds[(s, i)])
        ),
    }


def main() -> None:
    store = Store(FIXTURES / "store")
    results = [agreement(name, store) for name in names()]
    for r in results:
        print(f"{r['pair']}: {r['paragraphs']} paragraphs, {r['ambiguous']} in ambiguous links (left out)")
        print(
            f"  same partners: resdiff {r['partners']:.1%}, difflib {r['difflib_partners']:.1%}"
            f" (ratio {r['partners'] / max(r['difflib_partners'], 1e-9):.2f}x); same partners and kind:"
            f" {r['partners_and_kind']:.1%}; wrongly new or dropped: {r['wrongly_alone']}"
        )
        for d in r["disagreements"]:
            print("   ", d)
    clear = sum(r["clear"] for r in results)
    print(
        f"all {len(results)} pairs, {sum(r['paragraphs'] for r in results)} paragraphs ({clear} in clear links):"
        f" same partners {sum(r['same'] for r in results) / clear:.1%} (target: at least 99%), same partners and"
        f" kind {sum(r['same_kind'] for r in results) / clear:.1%} (target: at least 98%), wrongly new or dropped"
        f" at most {max(r['wrongly_alone'] for r in results)} in a pair (target: at most 1)"
    )


if __name__ == "__main__":
    main()
