"""Test pairs with known truth: a real resolution and an edited copy of it.

:func:`make_pair` takes a resolution (75/59, 77/64 or 79/53 in the tests and benchmarks),
applies random edits of the kinds that happen between sessions and returns both versions
with the links an aligner must find. Used by the tests and by ``bench/``.

The edits (:data:`ALL_KINDS`):

- ``insert``, ``delete``, ``move`` (same part, three places or more), ``split`` and ``merge``
  (adjacent paragraphs), ``light`` and ``heavy`` rewording, ``technical`` update (years, symbols,
  session ordinals), ``lead`` (the lead verb swapped), ``editorial`` (a comma);
- ``split_far``: one paragraph becomes two pieces with other paragraphs between them, one piece
  moved in its part or, carrying the lead, into the other part;
- ``merge_far``: two paragraphs two to four places apart become one, the paragraphs between them
  kept, or one of them deleted or moved away (the merge then spans a paragraph NEW does not show);
- ``part_move``: a paragraph moves between preamble and operative part, its lead turned into the
  participle or finite form and its end punctuation changed ("Takes note of the report …;" →
  "Taking note of the report …,", and the reverse);
- ``part_merge``: two operative paragraphs become one preambular paragraph;
- ``boilerplate``: a new paragraph on another subject sharing a formula of these texts
  (:data:`OPENERS`, :data:`CLOSERS`), inserted, or replacing an old paragraph that opens with the
  same formula. The truth is new (and dropped), never a pair: a formula is not a subject.

:data:`EDIT_KINDS` (the first group) with uniform choice is what older tests ask for; the mixed
pairs of the benchmark use :data:`ALL_KINDS` with :data:`RATES`.

The truth (:class:`Truth`) puts every paragraph of OLD and of NEW in exactly one link. A link is
*moved* when its first old and first new paragraph are off the longest order-preserving chain of
all links; an edit that would make that chain ambiguous (two equally long chains) is undone, so
"moved" always has one answer. Each link also records the edits that shaped it (``Truth.ops``),
so a benchmark can say which kinds of edit an aligner gets wrong.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from resdiff.core.blocks import build_items
from resdiff.core.model import Paragraph, Part, Resolution

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
NEW_KINDS = ("split_far", "merge_far", "part_move", "part_merge", "boilerplate")
ALL_KINDS = EDIT_KINDS + NEW_KINDS

# How often each edit is drawn in a mixed pair (relative weights), from reading the real successors:
# 75/59 -> 77/64 is mostly insertions and light rewording; 77/64 -> 79/53 a heavy rewrite (about 30
# reworded, several new and dropped, a few moves between the parts, one far split, two merges in some
# 60 paragraphs). Rewording dominates, insertions and deletions follow; structural edits are about a
# fifth of all edits (somewhat above the real pairs, so that each has a few hundred cases in the bench).
RATES = {
    "insert": 10,
    "delete": 6,
    "move": 4,
    "split": 2,
    "merge": 2,
    "light": 18,
    "heavy": 7,
    "technical": 3,
    "lead": 5,
    "editorial": 4,
    "split_far": 2,
    "merge_far": 2,
    "part_move": 3,
    "part_merge": 1,
    "boilerplate": 6,
}
MIXED_EDITS = (3, 12)  # edits per mixed pair, inclusive

LEAD_SWAPS = {
    "Encourages": "Urges",
    "Urges": "Encourages",
    "Takes note of": "Welcomes",
    "Notes": "Recognizes",
    "Recognizes": "Reaffirms",
    "Strongly encourages": "Calls upon",
    "Welcomes": "Takes note of",
}

# Operative lead -> preambular lead, as UN usage writes them; read both ways. Longest first when matching.
PART_LEADS = {
    "Takes note of": "Taking note of",
    "Takes into account": "Taking into account",
    "Notes": "Noting",
    "Also notes": "Noting also",
    "Further notes": "Noting further",
    "Recognizes": "Recognizing",
    "Also recognizes": "Recognizing also",
    "Welcomes": "Welcoming",
    "Recalls": "Recalling",
    "Also recalls": "Recalling also",
    "Reaffirms": "Reaffirming",
    "Stresses": "Stressing",
    "Also stresses": "Stressing also",
    "Underlines": "Underlining",
    "Urges": "Urging",
    "Encourages": "Encouraging",
    "Expresses": "Expressing",
    "Emphasizes": "Emphasizing",
    "Acknowledges": "Acknowledging",
}

# Formulas shared by many paragraphs of 75/59, 77/64 and 79/53 (each in at least two: a test checks).
OPENERS = {
    Part.OPERATIVE: (
        "Encourages States to",
        "Strongly encourages States to",
        "Urges States in a position to do so to",
        "Encourages States and relevant international and regional organizations to",
        "Encourages States to continue to",
        "Urges Member States to",
        "Notes the",
        "Takes note of the report of",
        "Welcomes the",
        "Requests the Secretary-General to",
    ),
    Part.PREAMBLE: (
        "Recognizing the importance of",
        "Stressing the importance of",
        "Underlining the importance of",
        "Noting also",
        "Recalling also relevant resolutions on",
        "Expressing concern",
        "Recognizing that",
        "Noting the",
    ),
}
CLOSERS = (
    "in countering the threat posed by improvised explosive devices",
    "related to countering the threat posed by improvised explosive devices",
    "to counter improvised explosive devices",
    "as appropriate",
    "on a voluntary basis",
    "in this regard",
)

# Session ordinals a technical update moves on by two sessions.
ORDINALS = {
    "seventy-sixth": "seventy-eighth",
    "seventy-seventh": "seventy-ninth",
    "seventy-eighth": "eightieth",
    "seventy-ninth": "eighty-first",
    "eightieth": "eighty-second",
    "eighty-first": "eighty-third",
}
_TECHNICAL_RE = re.compile(r"\b(19|20)\d\d\b|\b(?:seventy|eighty)-\w+|\beightieth\b|\b\d+/\d+\b")
_NOT_A_PARAGRAPH_START = re.compile(r"^(\d{1,3}\.\s|\(|#)")  # would read as a number, a sub-paragraph, a heading


@dataclass(frozen=True)
class Piece:
    part: Part
    text: str
    origin: tuple[str, ...]  # ids of the OLD paragraphs it comes from
    edited: bool = False
    touched: bool = False  # an edit already chose it: later edits leave it alone
    ops: frozenset[str] = frozenset()  # the edits that shaped it ("kind" or "kind:variant")


@dataclass(frozen=True)
class Truth:
    links: frozenset[tuple[tuple[str, ...], tuple[str, ...], bool]]  # (old ids, new ids, moved)
    unchanged: frozenset[str]  # NEW ids whose paragraph is identical and in place
    # Each link's edits ("kind" or "kind:variant"; empty for a paragraph no edit chose).
    ops: dict[tuple[tuple[str, ...], tuple[str, ...], bool], frozenset[str]] = field(
        default_factory=dict, compare=False
    )


@dataclass
class _State:
    pieces: list[Piece]
    dropped: dict[str, frozenset[str]]  # OLD id -> the edits that dropped it

    def copy(self) -> _State:
        return _State(list(self.pieces), dict(self.dropped))


def _sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(VOCABULARY) for _ in range(n))


def _replace_words(text: str, rng: random.Random, share: float) -> str:
    words = text.split(" ")
    for k in rng.sample(range(1, len(words)), max(1, int(share * (len(words) - 1)))):
        words[k] = rng.choice(VOCABULARY)
    return " ".join(words)


def _part_range(pieces: list[Piece], part: Part) -> tuple[int, int]:
    """Where a piece of ``part`` may be inserted: positions lo..hi inclusive (the parts stay in order)."""
    n_pre = sum(p.part is Part.PREAMBLE for p in pieces)
    return (0, n_pre) if part is Part.PREAMBLE else (n_pre, len(pieces))


def _switch_lead(text: str, to: Part) -> str | None:
    """The text with its lead in the form of the other part and that part's end punctuation, or None."""
    table = PART_LEADS if to is Part.PREAMBLE else {v: k for k, v in PART_LEADS.items()}
    lead = next((a for a in sorted(table, key=len, reverse=True) if text.startswith(a + " ")), None)
    if lead is None:
        return None
    return _end(table[lead] + text[len(lead) :], to)


def _end(text: str, part: Part) -> str:
    return text.rstrip(",;. ") + ("," if part is Part.PREAMBLE else ";")


def _lower_first(text: str) -> str:
    return text[0].lower() + text[1:]


def _editable(s: _State, k: int) -> bool:
    """Free for a structural edit: not chosen before, and not the closing paragraph (its full stop ends the text)."""
    return not s.pieces[k].touched and k != len(s.pieces) - 1


def _place(s: _State, piece: Piece, rng: random.Random, near: int | None = None, border: float = 0.0) -> int:
    """Insert ``piece`` in its part, at least one paragraph away from index ``near``; returns its index."""
    lo, hi = _part_range(s.pieces, piece.part)
    if border and rng.random() < border:  # where drafters put a paragraph that changes part: at the border
        choices = [hi if piece.part is Part.PREAMBLE else lo]
    else:
        choices = list(range(lo, hi + 1))
    if near is not None:
        choices = [j for j in choices if j <= near - 1 or j >= near + 2]
    if not choices:
        return -1
    j = rng.choice(choices)
    s.pieces.insert(j, piece)
    return j


def _split_text(text: str, rng: random.Random) -> tuple[str, str] | None:
    commas = [m.start() for m in re.finditer(r", ", text)]
    mid = [c for c in commas if len(text) * 0.3 < c < len(text) * 0.7]
    if not mid:
        return None
    c = rng.choice(mid)
    first, second = text[: c + 1], text[c + 2 :]
    second = second[0].upper() + second[1:]
    if _NOT_A_PARAGRAPH_START.match(second):
        return None
    return first, second


def _apply(s: _State, kind: str, rng: random.Random) -> bool:
    """Apply one edit to ``s``; False if no suitable paragraph was found (``s`` may then be half-edited)."""
    pieces = s.pieces
    free = [k for k in range(len(pieces)) if not pieces[k].touched]
    if not free:
        return False
    k = rng.choice(free)
    p = pieces[k]
    op = frozenset({kind})
    if kind == "insert":
        lead = "Noting" if p.part is Part.PREAMBLE else "Encourages"
        pieces.insert(k, Piece(p.part, f"{lead} {_sentence(rng, rng.randint(12, 40))},", (), True, True, op))
    elif kind == "delete":
        del pieces[k]
        s.dropped[p.origin[0]] = op
    elif kind == "move":
        same_part = [j for j in range(len(pieces)) if pieces[j].part is p.part and abs(j - k) >= 3]
        if not same_part:
            return False
        j = rng.choice(same_part)
        del pieces[k]
        j = j if j < k else j - 1
        pieces.insert(j, replace(p, touched=True, ops=p.ops | op))
    elif kind == "split":
        cut = _split_text(p.text, rng)
        if cut is None:
            return False
        pieces[k : k + 1] = [
            Piece(p.part, cut[0], p.origin, True, True, op),
            Piece(p.part, cut[1], p.origin, True, True, op),
        ]
    elif kind == "merge":
        if k + 1 >= len(pieces) or pieces[k + 1].touched or pieces[k + 1].part is not p.part:
            return False
        q = pieces[k + 1]
        pieces[k : k + 2] = [
            Piece(p.part, p.text.rstrip(",;.") + ", and " + _lower_first(q.text), p.origin + q.origin, True, True, op)
        ]
    elif kind in NEW_KINDS:
        return _apply_new(s, kind, k, rng)
    else:
        text = _reword(p.text, kind, rng)
        if text is None or text == p.text:
            return False
        pieces[k] = replace(p, text=text, edited=True, touched=True, ops=p.ops | op)
    return True


def _reword(text: str, kind: str, rng: random.Random) -> str | None:
    if kind == "light":
        return _replace_words(text, rng, 0.04)
    if kind == "heavy":
        return _replace_words(text, rng, 0.3)
    if kind == "technical":
        numbers = list(_TECHNICAL_RE.finditer(text))
        if not numbers:
            return None
        m = rng.choice(numbers)
        new = ORDINALS.get(m.group(0))
        if new is None:
            if not m.group(0)[-1].isdigit():
                return None
            new = re.sub(r"\d+$", lambda d: str(int(d.group(0)) + 2), m.group(0))
        return text[: m.start()] + new + text[m.end() :]
    if kind == "lead":
        lead = next((a for a in LEAD_SWAPS if text.startswith(a + " ")), None)
        return None if lead is None else LEAD_SWAPS[lead] + text[len(lead) :]
    if kind == "editorial":
        return text.replace(", ", " ", 1) if ", " in text else None
    raise ValueError(kind)


def _apply_new(s: _State, kind: str, k: int, rng: random.Random) -> bool:
    pieces = s.pieces
    p = pieces[k]
    if kind == "boilerplate":
        return _boilerplate(s, k, rng)
    if not _editable(s, k):
        return False
    other = Part.OPERATIVE if p.part is Part.PREAMBLE else Part.PREAMBLE
    if kind == "part_move":
        text = _switch_lead(p.text, other)
        if text is None:
            return False
        op = frozenset({"part_move:to_" + other.value})
        del pieces[k]
        return _place(s, Piece(other, text, p.origin, True, True, p.ops | op), rng, border=0.5) >= 0
    if kind == "split_far":
        cut = _split_text(p.text, rng)
        if cut is None:
            return False
        first, second = cut
        crossing = _switch_lead(first, other)
        if crossing is not None and rng.random() < 0.4:
            # The piece with the lead goes to the other part; the rest stays where the paragraph stood.
            op = frozenset({"split_far:other_part"})
            pieces[k] = Piece(p.part, second, p.origin, True, True, op)
            return _place(s, Piece(other, crossing, p.origin, True, True, op), rng, near=k, border=0.3) >= 0
        op = frozenset({"split_far:same_part"})
        stay, go = (first, second) if rng.random() < 0.5 else (second, first)
        pieces[k] = Piece(p.part, stay, p.origin, True, True, op)
        return _place(s, Piece(p.part, go, p.origin, True, True, op), rng, near=k) >= 0
    if kind == "merge_far":
        variant = rng.choice(("kept", "deleted", "moved"))
        d = rng.randint(2, 4)
        m = k + d
        if m >= len(pieces) - 1 or pieces[m].part is not p.part or not _editable(s, m):
            return False
        between = [j for j in range(k + 1, m) if not pieces[j].touched]
        if variant != "kept" and not between:
            return False
        op = frozenset({"merge_far:" + variant})
        q = pieces[m]
        merged = Piece(
            p.part, p.text.rstrip(",;.") + ", and " + _lower_first(q.text), p.origin + q.origin, True, True, op
        )
        del pieces[m]
        pieces[k] = merged
        if variant == "deleted":
            j = rng.choice(between)
            gone = pieces.pop(j)
            s.dropped[gone.origin[0]] = op
        elif variant == "moved":
            j = rng.choice(between)
            gone = pieces.pop(j)
            return _place(s, replace(gone, touched=True, ops=op), rng, near=k) >= 0
        return True
    if kind == "part_merge":
        if p.part is not Part.OPERATIVE:
            return False
        m = k + rng.randint(1, 3)
        if m >= len(pieces) - 1 or not _editable(s, m):
            return False
        q = pieces[m]
        a, b = _switch_lead(p.text, Part.PREAMBLE), _switch_lead(q.text, Part.PREAMBLE)
        if a is None or b is None:
            return False
        # "Recalling X, and recalling Y," or "Recalling X, and Y," (the second lead dropped)
        b = _lower_first(b) if rng.random() < 0.5 else b[len(_preamble_lead(b)) + 1 :]
        op = frozenset({"part_merge"})
        del pieces[m]
        del pieces[k]
        text = a.rstrip(",") + ", and " + b
        return (
            _place(
                s, Piece(Part.PREAMBLE, _end(text, Part.PREAMBLE), p.origin + q.origin, True, True, op), rng, border=0.5
            )
            >= 0
        )
    raise ValueError(kind)


def _preamble_lead(text: str) -> str:
    return next(a for a in sorted(PART_LEADS.values(), key=len, reverse=True) if text.startswith(a + " "))


def _boilerplate(s: _State, k: int, rng: random.Random) -> bool:
    """A paragraph on another subject in a formula of these texts: inserted, or replacing one of that formula."""
    p = s.pieces[k]
    opener = next((o for o in OPENERS[p.part] if p.text.startswith(o + " ")), None)
    replacing = opener is not None and _editable(s, k) and rng.random() < 0.5
    if not replacing:
        opener = rng.choice(OPENERS[p.part])
    body = _sentence(rng, rng.randint(6, 20))
    closer = next((c for c in CLOSERS if c in p.text), None) if replacing else None
    if closer is None and rng.random() < 0.6:
        closer = rng.choice(CLOSERS)
    text = _end(f"{opener} {body}" + (f" {closer}" if closer else ""), p.part)
    if replacing:
        op = frozenset({"boilerplate:replace"})
        s.pieces[k] = Piece(p.part, text, (), True, True, op)
        s.dropped[p.origin[0]] = op
    else:
        s.pieces.insert(k, Piece(p.part, text, (), True, True, frozenset({"boilerplate:insert"})))
    return True


def _build(symbol: str, pieces: list[Piece]) -> tuple[Resolution, list[str]]:
    assert [p.part for p in pieces] == sorted((p.part for p in pieces), key=lambda part: part is Part.OPERATIVE)
    blocks, n = [], 0
    for p in pieces:
        if p.part is Part.OPERATIVE:
            n += 1
            blocks.append(f"{n}. {p.text}")
        else:
            blocks.append(p.text)
    res = Resolution(symbol=symbol, complete=True, items=build_items(blocks))
    assert len(res.paragraphs) == len(pieces)
    return res, [p.id for p in res.paragraphs]


def strip_notes(res: Resolution) -> Resolution:
    """The same resolution without footnotes (the generator edits text only)."""
    items = tuple(Paragraph(p.id, p.part, p.text, p.lead, p.number, p.sub) for p in res.paragraphs)
    return Resolution(symbol=res.symbol, title=res.title, complete=True, items=items)


def _groups(pieces: list[Piece], order: dict[str, int]) -> list[tuple[tuple[str, ...], list[int]]]:
    """(OLD ids, NEW indices) of each kept paragraph or group, OLD ids in OLD order."""
    by_origin: dict[tuple[str, ...], list[int]] = {}
    for j, p in enumerate(pieces):
        if p.origin:
            by_origin.setdefault(tuple(sorted(p.origin, key=order.__getitem__)), []).append(j)
    return list(by_origin.items())


def _chain_counts(points: list[tuple[int, int]]) -> tuple[set[tuple[int, int]], int]:
    """A longest chain increasing in both coordinates, and how many longest chains there are."""
    points = sorted(points)
    length = [1] * len(points)
    count = [1] * len(points)
    back = [-1] * len(points)
    for b, (ob, nb) in enumerate(points):
        for a in range(b):
            if points[a][1] < nb and points[a][0] < ob:
                if length[a] + 1 > length[b]:
                    length[b], count[b], back[b] = length[a] + 1, count[a], a
                elif length[a] + 1 == length[b]:
                    count[b] += count[a]
    if not points:
        return set(), 1
    best = max(length)
    ways = sum(c for L, c in zip(length, count) if L == best)
    k = length.index(best)
    chain = set()
    while k >= 0:
        chain.add(points[k])
        k = back[k]
    return chain, ways


def _anchors(pieces: list[Piece], order: dict[str, int]) -> list[tuple[int, int]]:
    return [(order[ids[0]], js[0]) for ids, js in _groups(pieces, order)]


def make_pair(
    base: Resolution,
    seed: int,
    edits: int | None = None,
    kinds: tuple[str, ...] = EDIT_KINDS,
    rates: dict[str, float] | None = None,
) -> tuple[Resolution, Resolution, Truth]:
    """OLD (``base`` without footnotes), NEW (OLD after ``edits`` edits drawn from ``kinds``) and the truth.

    Without ``rates`` the kinds are drawn uniformly and 2-8 edits are made; with ``rates`` (weights, as
    :data:`RATES`) the edits number :data:`MIXED_EDITS`.
    """
    rng = random.Random(seed)
    old = strip_notes(base)
    order = {p.id: k for k, p in enumerate(old.paragraphs)}
    state = _State([Piece(p.part, p.text, (p.id,)) for p in old.paragraphs], {})
    if edits is not None:
        wanted = edits
    else:
        wanted = rng.randint(2, 8) if rates is None else rng.randint(*MIXED_EDITS)
    weights = None if rates is None else [rates[k] for k in kinds]
    done = tries = 0
    while done < wanted and tries < 50:
        tries += 1
        kind = rng.choice(kinds) if weights is None else rng.choices(kinds, weights)[0]
        trial = state.copy()
        # An edit that leaves two readings of what moved is undone: the truth must be one.
        if _apply(trial, kind, rng) and _chain_counts(_anchors(trial.pieces, order))[1] == 1:
            state = trial
            done += 1
    pieces = state.pieces
    new, new_ids = _build("A/RES/99/1", pieces)
    groups = _groups(pieces, order)
    chain, _ = _chain_counts([(order[ids[0]], js[0]) for ids, js in groups])
    ops: dict = {}
    unchanged = set()
    for ids, js in groups:
        moved = (order[ids[0]], js[0]) not in chain
        link = (ids, tuple(new_ids[j] for j in js), moved)
        ops[link] = frozenset().union(*(pieces[j].ops for j in js))
        if len(js) == 1 and not pieces[js[0]].edited and not moved:
            unchanged.add(new_ids[js[0]])
    for j, p in enumerate(pieces):
        if not p.origin:
            ops[((), (new_ids[j],), False)] = p.ops
    kept = {i for ids, _ in groups for i in ids}
    for p in old.paragraphs:
        if p.id not in kept:
            ops[((p.id,), (), False)] = state.dropped.get(p.id, frozenset())
    return old, new, Truth(frozenset(ops), frozenset(unchanged), ops)


def make_mixed_pair(bases: Sequence[Resolution], seed: int) -> tuple[Resolution, Resolution, Truth]:
    """A pair as the benchmark draws them: base by seed, every kind of edit, at :data:`RATES`."""
    return make_pair(bases[seed % len(bases)], seed, kinds=ALL_KINDS, rates=RATES)


def found_links(old: Resolution, new: Resolution) -> tuple[frozenset, frozenset[str]]:
    """resdiff's links, in the shape of :class:`Truth`, and the NEW ids it calls unchanged."""
    from resdiff.diff.compare import ChangeKind, Flag, compare

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


def blame(truth: Truth, found: frozenset) -> Counter[str]:
    """The edits behind each wrong link: missed true links and found links that touch a true link's paragraphs.

    A wrong link around paragraphs no edit chose counts as ``untouched``.
    """
    owner: dict[tuple[str, str], tuple] = {}
    for link in truth.links:
        owner.update((("old", i), link) for i in link[0])
        owner.update((("new", j), link) for j in link[1])
    blamed: Counter[str] = Counter()
    for link in truth.links - found:
        blamed.update(truth.ops[link] or {"untouched"})
    for link in found - truth.links:
        near = {owner[("old", i)] for i in link[0]} | {owner[("new", j)] for j in link[1]}
        kinds = frozenset().union(*(truth.ops[t] for t in near))
        blamed.update(kinds or {"untouched"})
    return blamed


def score(bases: Resolution | Sequence[Resolution], seeds: Sequence[int], mixed: bool = False) -> dict:
    """Share of pairs aligned exactly right by resdiff and by difflib, unchanged-as-changed errors, and blame.

    ``mixed`` draws pairs as :func:`make_mixed_pair` (every kind of edit, base by seed); otherwise
    :func:`make_pair` on the first base with the original edit kinds. ``edits`` counts, per edit
    kind, the pairs holding it; ``failed`` the pairs it took part in getting wrong; ``wrong_links``
    the wrong links it is behind (both from :func:`blame`); ``examples`` the seeds it failed on.
    """
    if isinstance(bases, Resolution):
        bases = [bases]
    right = baseline = false_changes = 0
    edits: Counter[str] = Counter()
    failed: Counter[str] = Counter()
    wrong_links: Counter[str] = Counter()
    examples: dict[str, list[int]] = {}
    for seed in seeds:
        old, new, truth = make_mixed_pair(bases, seed) if mixed else make_pair(bases[0], seed)
        links, unchanged = found_links(old, new)
        right += links == truth.links
        baseline += difflib_links(old, new) == truth.links
        false_changes += len(truth.unchanged - unchanged)
        edits.update(frozenset().union(*truth.ops.values()))
        if links != truth.links:
            blamed = blame(truth, links)
            failed.update(blamed.keys())
            wrong_links.update(blamed)
            for kind in blamed:
                examples.setdefault(kind, []).append(seed)
    n = len(seeds)
    return {
        "pairs": n,
        "resdiff_exact": right / n,
        "difflib_exact": baseline / n,
        "unchanged_reported_changed": false_changes,
        "edits": edits,
        "failed": failed,
        "wrong_links": wrong_links,
        "examples": examples,
    }
