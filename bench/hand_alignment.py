"""Agreement of resdiff with a careful hand alignment of the real successors.

    python -m bench.hand_alignment

The hand alignments (tests/fixtures/hand_alignment/*.json) say, paragraph by paragraph, what a
drafter would say became of each paragraph of 75/59 -> 77/64 and 77/64 -> 79/53, with reasons;
ambiguous links are marked. For every paragraph of both versions this prints whether resdiff gives
it the same partners (the paragraphs it became or came from) and the same kind, and, as a
baseline in the same run, how often difflib's SequenceMatcher over paragraphs agrees.
"""

from __future__ import annotations

import difflib
import json
from pathlib import Path

from resdiff.diff.compare import ChangeKind, compare
from resdiff.store.folder import Store

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
PAIR_KINDS = {"unchanged", "editorial", "technical", "reworded", "split", "merged"}


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
    hand, hand_kinds, ambiguous = hand_partners(FIXTURES / "hand_alignment" / f"{name}.json")
    old_ref, new_ref = name.replace("-", "/", 1).split("_")[0], name.split("_")[1].replace("-", "/")
    old, new = store.load(old_ref), store.load(new_ref)
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
    for name in ("75-59_77-64", "77-64_79-53"):
        r = agreement(name, store)
        print(f"{r['pair']}: {r['paragraphs']} paragraphs, {r['ambiguous']} in ambiguous links (left out)")
        print(
            f"  same partners: resdiff {r['partners']:.1%}, difflib {r['difflib_partners']:.1%}"
            f" (ratio {r['partners'] / max(r['difflib_partners'], 1e-9):.2f}x); same partners and kind: {r['partners_and_kind']:.1%}"
        )
        for d in r["disagreements"]:
            print("   ", d)


if __name__ == "__main__":
    main()
