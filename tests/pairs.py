"""Test pairs with known truth: a real resolution and an edited copy of it.

:func:`make_pair` takes a resolution (75/59 in the tests and benchmarks),
applies random edits of the kinds that happen between sessions (insertion,
deletion, move, split, merge, light and heavy rewording, technical update,
lead-verb change, editorial change) and returns both versions with the links
an aligner must find. Used by the tests and by ``bench/``.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from resdiff.ingest.structure import build_items
from resdiff.model import Paragraph, Part, Resolution

# Words for inserted paragraphs and heavy rewording: UN-style, but about another subject.
VOCABULARY = (
    "maritime fisheries coastal ocean acidification biodiversity beyond national jurisdiction marine "
    "scientific capacity transfer technology small island developing sustainable livelihoods seabed "
    "continental shelf submission commission limits delimitation navigation piracy armed robbery vessels "
    "flag registry port inspection stocks straddling highly migratory conservation management "
    "regional arrangements observer coverage bycatch discards subsidies aquaculture mangroves corals "
    "reefs plastic debris microplastics pollution land-based sources dumping ballast water invasive "
    "species noise shipping decarbonization seafarers welfare training certification watchkeeping"
).split()

EDIT_KINDS = ("insert", "delete", "move", "split", "merge", "light", "heavy", "technical", "lead", "editorial")

LEAD_SWAPS = {"Encourages": "Urges", "Urges": "Encourages", "Takes note of": "Welcomes", "Notes": "Recognizes",
              "Recognizes": "Reaffirms", "Strongly encourages": "Calls upon", "Welcomes": "Takes note of"}


@dataclass
class Piece:
    part: Part
    text: str
    origin: tuple[str, ...]  # ids of the OLD paragraphs it comes from
    edited: bool = False
    moved: bool = False


@dataclass(frozen=True)
class Truth:
    links: frozenset[tuple[tuple[str, ...], tuple[str, ...], bool]]  # (old ids, new ids, moved)
    unchanged: frozenset[str]  # NEW ids whose paragraph is identical and in place


def _sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(VOCABULARY) for _ in range(n))


def _replace_words(text: str, rng: random.Random, share: float) -> str:
    words = text.split(" ")
    for k in rng.sample(range(1, len(words)), max(1, int(share * (len(words) - 1)))):
        words[k] = rng.choice(VOCABULARY)
    return " ".join(words)


def _apply(pieces: list[Piece], kind: str, rng: random.Random, touched: set[int]) -> bool:
    """Apply one edit; False if no suitable paragraph was found."""
    free = [k for k in range(len(pieces)) if k not in touched]
    if not free:
        return False
    k = rng.choice(free)
    p = pieces[k]
    if kind == "insert":
        part = p.part
        lead = "Noting" if part is Part.PREAMBLE else "Encourages"
        pieces.insert(k, Piece(part, f"{lead} {_sentence(rng, rng.randint(12, 40))},", (), edited=True))
        _shift(touched, k)
        touched.add(k)
    elif kind == "delete":
        del pieces[k]
        _shift(touched, k, -1)
    elif kind == "move":
        same_part = [j for j in range(len(pieces)) if pieces[j].part is p.part and abs(j - k) >= 3]
        if not same_part:
            return False
        j = rng.choice(same_part)
        del pieces[k]
        _shift(touched, k, -1)
        j = j if j < k else j - 1
        pieces.insert(j, Piece(p.part, p.text, p.origin, p.edited, moved=True))
        _shift(touched, j)
        touched.add(j)
    elif kind == "split":
        commas = [m.start() for m in re.finditer(r", ", p.text)]
        mid = [c for c in commas if len(p.text) * 0.3 < c < len(p.text) * 0.7]
        if not mid:
            return False
        c = rng.choice(mid)
        first, second = p.text[: c + 1], p.text[c + 2 :]
        second = second[0].upper() + second[1:]
        pieces[k : k + 1] = [Piece(p.part, first, p.origin, True), Piece(p.part, second, p.origin, True)]
        _shift(touched, k)
        touched.update({k, k + 1})
    elif kind == "merge":
        if k + 1 >= len(pieces) or k + 1 in touched or pieces[k + 1].part is not p.part:
            return False
        q = pieces[k + 1]
        pieces[k : k + 2] = [Piece(p.part, p.text.rstrip(",;.") + ", and " + q.text[0].lower() + q.text[1:],
                                   p.origin + q.origin, True)]
        _shift(touched, k + 1, -1)
        touched.add(k)
    else:
        text = p.text
        if kind == "light":
            text = _replace_words(text, rng, 0.04)
        elif kind == "heavy":
            text = _replace_words(text, rng, 0.3)
        elif kind == "technical":
            numbers = list(re.finditer(r"\b(19|20)\d\d\b|seventy-\w+|\b\d+/\d+\b", text))
            if not numbers:
                return False
            m = rng.choice(numbers)
            new = {"seventy-sixth": "seventy-eighth"}.get(m.group(0), None)
            if new is None:
                new = re.sub(r"\d+$", lambda d: str(int(d.group(0)) + 2), m.group(0))
            text = text[: m.start()] + new + text[m.end() :]
        elif kind == "lead":
            lead = next((a for a in LEAD_SWAPS if text.startswith(a + " ")), None)
            if lead is None:
                return False
            text = LEAD_SWAPS[lead] + text[len(lead) :]
        elif kind == "editorial":
            if ", " not in text:
                return False
            text = text.replace(", ", " ", 1)
        if text == p.text:
            return False
        pieces[k] = Piece(p.part, text, p.origin, True, p.moved)
        touched.add(k)
    return True


def _shift(touched: set[int], at: int, by: int = 1) -> None:
    moved = {t + by if t >= at else t for t in touched}
    touched.clear()
    touched.update(moved)


def _build(symbol: str, pieces: list[Piece]) -> tuple[Resolution, list[str]]:
    blocks, n = [], 0
    for p in pieces:
        if p.part is Part.OPERATIVE:
            n += 1
            blocks.append(f"{n}. {p.text}")
        else:
            blocks.append(p.text)
    res = Resolution(symbol=symbol, complete=True, items=build_items(blocks))
    return res, [p.id for p in res.paragraphs]


def strip_notes(res: Resolution) -> Resolution:
    """The same resolution without footnotes (the generator edits text only)."""
    items = tuple(Paragraph(p.id, p.part, p.text, p.lead, p.number, p.sub) for p in res.paragraphs)
    return Resolution(symbol=res.symbol, title=res.title, complete=True, items=items)


def make_pair(base: Resolution, seed: int, edits: int | None = None,
              kinds: tuple[str, ...] = EDIT_KINDS) -> tuple[Resolution, Resolution, Truth]:
    rng = random.Random(seed)
    old = strip_notes(base)
    pieces = [Piece(p.part, p.text, (p.id,)) for p in old.paragraphs]
    touched: set[int] = set()
    wanted = edits if edits is not None else rng.randint(2, 8)
    done = tries = 0
    while done < wanted and tries < 50:
        tries += 1
        done += _apply(pieces, rng.choice(kinds), rng, touched)
    new, new_ids = _build("A/RES/99/1", pieces)
    by_origin: dict[tuple[str, ...], list[str]] = {}
    links = set()
    unchanged = set()
    for p, nid in zip(pieces, new_ids):
        if p.origin:
            by_origin.setdefault(p.origin, []).append(nid)
        else:
            links.add(((), (nid,), False))
        if not p.edited and not p.moved:
            unchanged.add(nid)
    moved_of = {p.origin: p.moved for p in pieces if p.origin}
    for origin, nids in by_origin.items():
        links.add((origin, tuple(nids), moved_of[origin]))
    kept = {o for origin in by_origin for o in origin}
    for p in old.paragraphs:
        if p.id not in kept:
            links.add(((p.id,), (), False))
    return old, new, Truth(frozenset(links), frozenset(unchanged))


def found_links(old: Resolution, new: Resolution) -> tuple[frozenset, frozenset[str]]:
    """resdiff's links, in the shape of :class:`Truth`, and the NEW ids it calls unchanged."""
    from resdiff.compare import ChangeKind, Flag, compare

    comp = compare(old, new)
    links = frozenset((tuple(c.old_ids), tuple(c.new_ids), Flag.MOVED in c.flags) for c in comp.changes)
    unchanged = frozenset(i for c in comp.changes if c.kind is ChangeKind.UNCHANGED for i in c.new_ids)
    return links, unchanged


def difflib_links(old: Resolution, new: Resolution) -> frozenset:
    """The baseline: a plain paragraph-level difflib diff (replace blocks paired in order)."""
    import difflib

    a, b = old.paragraphs, new.paragraphs
    sm = difflib.SequenceMatcher(None, [p.text for p in a], [p.text for p in b], autojunk=False)
    links = set()
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        pairs = min(i2 - i1, j2 - j1) if tag in ("equal", "replace") else 0
        for k in range(pairs):
            links.add(((a[i1 + k].id,), (b[j1 + k].id,), False))
        links.update(((a[i].id,), (), False) for i in range(i1 + pairs, i2))
        links.update(((), (b[j].id,), False) for j in range(j1 + pairs, j2))
    return frozenset(links)


def score(base: Resolution, seeds: range) -> dict[str, float]:
    """Share of pairs aligned exactly right by resdiff and by difflib, and unchanged-as-changed errors."""
    right = baseline = false_changes = 0
    for seed in seeds:
        old, new, truth = make_pair(base, seed)
        links, unchanged = found_links(old, new)
        right += links == truth.links
        baseline += difflib_links(old, new) == truth.links
        false_changes += len(truth.unchanged - unchanged)
    n = len(seeds)
    return {"pairs": n, "resdiff_exact": right / n, "difflib_exact": baseline / n,
            "unchanged_reported_changed": false_changes}
