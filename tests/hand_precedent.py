"""The hand alignments as a check of precedent: is the hand-aligned predecessor of each 1:1 link
the best source of its successor? Shared by tests/test_precedent.py and bench/precedent.py."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from resdiff.core.symbol import Symbol
from resdiff.formats.docformat import parse_docformat
from resdiff.series.precedent import find_precedents
from resdiff.store.folder import Store
from resdiff.store.precedent import PrecedentIndex

FIXTURES = Path(__file__).resolve().parent / "fixtures"
HAND = FIXTURES / "hand_alignment"


def add_hand_texts(store: Store) -> None:
    """Store the hand-aligned versions the store lacks: the IED series of the fixture store, and the
    other pairs' corpus JSON files."""
    from resdiff.ingest import read_file

    held = {str(Symbol.parse(s)) for s in store.stored_symbols()} if store.root.is_dir() else set()
    for path in sorted((FIXTURES / "store" / "ied").glob("*.txt")):
        if parse_docformat(path.read_text(encoding="utf-8"), str(path)).symbol not in held:
            (store.root / "_pool").mkdir(parents=True, exist_ok=True)
            shutil.copy(path, store.root / "_pool" / path.name)
    for path in sorted((HAND / "texts").glob("*.json")):
        res = read_file(path)[0]
        if res.symbol not in held:
            store.save(res)


def hand_ranking(store: Store, min_share: float) -> tuple[int, int, list[str]]:
    """How many 1:1 links (not marked ambiguous) of the hand alignments have their predecessor as
    the best source, of how many, and the misses ("A/RES/79/53 PP6: 71/72 PP4")."""
    index = PrecedentIndex.open(store)
    first = total = 0
    misses = []
    for path in sorted(HAND.glob("*.json")):
        truth = json.loads(path.read_text())
        report = find_precedents(index, store.load(truth["new"]), min_share=min_share, diffs=False)
        by_id = {p.id: p for p in report.paragraphs}
        for link in truth["links"]:
            if len(link["old"]) == len(link["new"]) == 1 and not link["ambiguous"]:
                total += 1
                best = by_id[link["new"][0]].best
                if best is not None and (best.symbol, best.paragraph) == (truth["old"], link["old"][0]):
                    first += 1
                else:
                    misses.append(f"{truth['new']} {link['new'][0]}: {best.short if best else 'no source'}")
    return first, total, misses
