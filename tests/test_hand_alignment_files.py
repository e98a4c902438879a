"""The hand alignments are well formed: every paragraph of both texts in exactly one link, of a known kind.

A truth with a paragraph left out or counted twice would measure the aligner against a gap. The texts
of the IED pairs are in the fixture store; the others are corpus files under hand_alignment/texts/,
named after their symbols. Nothing here compares the texts: the alignments must stay independent
of the aligner they measure.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from resdiff.store.folder import Store
from resdiff.store.refs import load_ref

from .conftest import FIXTURE_STORE

HAND = Path(__file__).resolve().parent / "fixtures" / "hand_alignment"
ONE_TO_ONE = {"unchanged", "editorial", "technical", "reworded"}
KINDS = ONE_TO_ONE | {"split", "merged", "new", "dropped"}


def _load(symbol: str):
    text = HAND / "texts" / (symbol.replace("/", "_") + ".json")  # A/RES/78/112 -> A_RES_78_112.json
    if text.is_file():
        return load_ref(str(text), None, lambda message: None)
    return Store(FIXTURE_STORE).load(symbol)


@pytest.mark.parametrize("path", sorted(HAND.glob("*.json")), ids=lambda p: p.stem)
def test_every_paragraph_is_in_exactly_one_link(path: Path):
    data = json.loads(path.read_text(encoding="utf-8"))
    old, new = _load(data["old"]), _load(data["new"])
    assert data["by"] == "hand" and data["method"]
    assert (old.symbol, new.symbol) == (data["old"], data["new"])
    assert path.stem == "_".join(s.removeprefix("A/RES/").replace("/", "-") for s in (old.symbol, new.symbol))
    texts = {"old": {p.id: p.text for p in old.paragraphs}, "new": {p.id: p.text for p in new.paragraphs}}
    seen: dict[str, list[str]] = {"old": [], "new": []}
    for link in data["links"]:
        kind, o, n = link["kind"], link["old"], link["new"]
        assert kind in KINDS, link
        assert link["reason"], link
        assert not link["ambiguous"] or link["alternative"], link
        if kind == "new":
            assert not o and len(n) == 1, link
        elif kind == "dropped":
            assert not n and len(o) == 1, link
        else:
            assert o and n and isinstance(link["moved"], bool), link
        if kind in ONE_TO_ONE:
            assert len(o) == len(n) == 1, link
        if kind == "unchanged":
            assert texts["old"][o[0]] == texts["new"][n[0]], link
        if "edges" in link:
            assert {a for a, _ in link["edges"]} == set(o) and {b for _, b in link["edges"]} == set(n), link
        seen["old"] += o
        seen["new"] += n
    for side in ("old", "new"):
        assert sorted(seen[side]) == sorted(texts[side]), side
