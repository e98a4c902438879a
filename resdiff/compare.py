"""Compare two versions: alignment, word diff and change classes in one result.

The vocabulary is closed: every change has one :class:`ChangeKind` and any
number of :class:`Flag`; renderers consume these and fail on anything else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

from .align import Link, LinkKind, align_paragraphs
from .leads import compare_leads
from .model import Paragraph, Resolution
from .worddiff import DELETE, EQUAL, INSERT, Op, tokenize, word_diff, word_tokens


class ChangeKind(StrEnum):
    UNCHANGED = "unchanged"
    EDITORIAL = "editorial"  # only punctuation, case, spacing or footnote references
    TECHNICAL = "technical"  # only symbols, dates, years, session ordinals
    REWORDED = "reworded"
    SPLIT = "split"
    MERGED = "merged"
    NEW = "new"
    DROPPED = "dropped"
    UNKNOWN = "unknown"  # the other version does not hold the text it would be compared with


class Flag(StrEnum):
    MOVED = "moved"
    RENUMBERED = "renumbered"
    PART_CHANGED = "part_changed"
    LEAD_STRENGTHENED = "lead_strengthened"
    LEAD_WEAKENED = "lead_weakened"
    LEAD_CHANGED = "lead_changed"


@dataclass(frozen=True)
class Change:
    kind: ChangeKind
    old: tuple[Paragraph, ...]
    new: tuple[Paragraph, ...]
    similarity: float | None = None
    flags: tuple[Flag, ...] = ()
    ops: tuple[Op, ...] = ()
    # For a paragraph we hold only the beginning of: the rest of the other
    # side's text, which has nothing to be compared with.
    old_tail: str = ""
    new_tail: str = ""
    notes_changed: bool = False

    @property
    def old_ids(self) -> list[str]:
        return [p.id for p in self.old]

    @property
    def new_ids(self) -> list[str]:
        return [p.id for p in self.new]

    @property
    def partial(self) -> bool:
        return any(p.partial for p in self.old + self.new) and bool(self.old and self.new)

    @property
    def anchor(self) -> str:
        """A stable HTML id for the change."""
        ids = self.new_ids or [f"old-{i}" for i in self.old_ids]
        return "c-" + "-".join(re.sub(r"[()]", "", i) for i in ids)


@dataclass(frozen=True)
class Comparison:
    old: Resolution
    new: Resolution
    changes: tuple[Change, ...] = field(default_factory=tuple)

    def summary(self) -> dict[str, int]:
        counts = {k.value: 0 for k in ChangeKind}
        for c in self.changes:
            counts[c.kind.value] += 1
        return counts


_MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december"}
_ORDINALS = set("""first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth
fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth thirtieth fortieth fiftieth sixtieth
seventieth eightieth ninetieth hundredth""".split())
_TENS = {"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"}


def _is_ordinal(word: str) -> bool:
    """Session ordinals: "seventy-sixth", "eightieth".

    >>> _is_ordinal("seventy-sixth"), _is_ordinal("eightieth"), _is_ordinal("seventy")
    (True, True, False)
    """
    tens, _, unit = word.rpartition("-")
    return unit in _ORDINALS and (not tens or tens in _TENS)


# Words that come and go with a routine update ("..., 72/36 of 4 December 2017
# and 73/67 of 5 December 2018"), but are not themselves technical.
_TECHNICAL_FILLERS = {"and", "of", "its", "the", "resolution", "resolutions", "session", "sessions", "on", "in"}


def _is_technical_word(w: str) -> bool:
    return any(c.isdigit() for c in w) or w in _MONTHS or _is_ordinal(w)


def classify_edit(ops: list[Op]) -> ChangeKind:
    """Editorial, technical or reworded, from the words a word diff changed.

    >>> classify_edit(word_diff("and, in this regard, stressing", "and in this regard stressing"))
    <ChangeKind.EDITORIAL: 'editorial'>
    >>> classify_edit(word_diff("agenda of its seventy-sixth session", "agenda of its seventy-eighth session"))
    <ChangeKind.TECHNICAL: 'technical'>
    >>> classify_edit(word_diff("Encourages States", "Urges States"))
    <ChangeKind.REWORDED: 'reworded'>
    """
    old = "".join(t for k, t in ops if k != INSERT)
    new = "".join(t for k, t in ops if k != DELETE)
    if old == new:
        return ChangeKind.UNCHANGED
    if word_tokens(old) == word_tokens(new):
        return ChangeKind.EDITORIAL
    changed = [w.casefold() for k, t in ops if k != EQUAL for w in tokenize(t) if w[0].isalnum()]
    if any(_is_technical_word(w) for w in changed) and all(
        _is_technical_word(w) or w in _TECHNICAL_FILLERS for w in changed
    ):
        return ChangeKind.TECHNICAL
    return ChangeKind.REWORDED


def notes_differ(old: Resolution, olds: tuple[Paragraph, ...], new: Resolution, news: tuple[Paragraph, ...]) -> bool:
    """Do the footnote references differ? Footnotes are renumbered between sessions, so two
    references are the same when their footnotes say the same, or carry the same number where a
    footnote's text is not known."""
    a = [n for p in olds for n in p.note_numbers]
    b = [n for p in news for n in p.note_numbers]
    if len(a) != len(b):
        return True
    for x, y in zip(a, b):
        fx, fy = old.footnote(x), new.footnote(y)
        tx = fx.text if fx is not None else None
        ty = fy.text if fy is not None else None
        if (tx != ty) if (tx is not None and ty is not None) else (x != y):
            return True
    return False


def _known_prefix(known: str, full: str) -> int:
    """Length of the beginning of ``full`` that corresponds to the partial text ``known``."""
    want = len(word_tokens(known))
    if want == 0:
        return 0
    count = 0
    pos = 0
    last_known = word_tokens(known)[-1]
    for tok in tokenize(full):
        pos += len(tok)
        if tok[0].isalnum():
            count += 1
            if count == want:
                folded = tok.casefold()
                if folded != last_known and folded.startswith(last_known):
                    pos -= len(tok) - len(last_known)  # "supp" against "supporting": compare "supp"
                return pos
    return len(full)


def _pair_change(old: Resolution, new: Resolution, link: Link, a: list[Paragraph], b: list[Paragraph]) -> Change:
    olds = tuple(a[i] for i in link.old)
    news = tuple(b[j] for j in link.new)
    old_text = " ".join(p.text for p in olds)
    new_text = " ".join(p.text for p in news)
    old_tail = new_tail = ""
    if link.partial:
        if olds[0].partial:
            cut = _known_prefix(old_text, new_text)
            new_text, new_tail = new_text[:cut], new_text[cut:]
        else:
            cut = _known_prefix(new_text, old_text)
            old_text, old_tail = old_text[:cut], old_text[cut:]
    ops = word_diff(old_text, new_text)
    notes_changed = not link.partial and notes_differ(old, olds, new, news)
    if link.kind is LinkKind.SPLIT:
        kind = ChangeKind.SPLIT
    elif link.kind is LinkKind.MERGED:
        kind = ChangeKind.MERGED
    else:
        kind = classify_edit(ops)
        if kind is ChangeKind.UNCHANGED and notes_changed:
            kind = ChangeKind.EDITORIAL
        if link.partial and kind is ChangeKind.UNCHANGED:
            kind = ChangeKind.UNKNOWN  # the part we hold is the same; the rest cannot be compared
    flags: list[Flag] = []
    if link.moved:
        flags.append(Flag.MOVED)
    o, n = olds[0], news[0]
    if len(olds) == len(news) == 1 and o.number is not None and n.number is not None and o.number != n.number:
        flags.append(Flag.RENUMBERED)
    if o.part is not n.part:
        flags.append(Flag.PART_CHANGED)
    direction = compare_leads(o.lead, n.lead) if o.lead and n.lead else None
    if direction is not None and not (link.partial and len(word_tokens(old_text)) <= len(o.lead.split())):
        flags.append(Flag(direction.value))
    return Change(kind, olds, news, link.similarity, tuple(flags), tuple(ops), old_tail, new_tail, notes_changed)


def compare(old: Resolution, new: Resolution) -> Comparison:
    """Align ``old`` and ``new`` and describe what became of every paragraph."""
    a, b = old.paragraphs, new.paragraphs
    links = align_paragraphs(old.items, new.items)
    changes: list[tuple[tuple[int, int, int], Change]] = []
    last_new_of_old: dict[int, int] = {}
    for lk in links:
        for i in lk.old:
            if lk.new and not lk.moved:  # a moved paragraph's new place says nothing of where it stood
                last_new_of_old[i] = max(lk.new)
    for lk in links:
        if lk.kind in (LinkKind.PAIR, LinkKind.SPLIT, LinkKind.MERGED):
            change = _pair_change(old, new, lk, a, b)
        elif lk.kind is LinkKind.NEW:
            change = Change(ChangeKind.NEW, (), (b[lk.new[0]],), ops=((INSERT, b[lk.new[0]].text),))
        elif lk.kind is LinkKind.DROPPED:
            change = Change(ChangeKind.DROPPED, (a[lk.old[0]],), (), ops=((DELETE, a[lk.old[0]].text),))
        else:
            change = Change(ChangeKind.UNKNOWN, tuple(a[i] for i in lk.old), tuple(b[j] for j in lk.new))
        if lk.new:
            key = (lk.new[0], 0, 0)
        else:
            # A paragraph that is gone stands after the new place of the old paragraph before it.
            i = lk.old[0]
            before = next((last_new_of_old[k] for k in range(i - 1, -1, -1) if k in last_new_of_old), -1)
            key = (before, 1, i)
        changes.append((key, change))
    changes.sort(key=lambda kc: kc[0])
    return Comparison(old, new, tuple(c for _, c in changes))
