"""A word diff as spans: pieces of text with their kind, italics for the lead phrase, and footnote marks.

Renderers (HTML, Word) turn spans into their own markup; nothing here knows about either.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from resdiff.core.model import Paragraph
from resdiff.diff.worddiff import DELETE, EQUAL, INSERT, Op


class SpanKind(StrEnum):
    """What a span is in the redline; the templates test it as a string ("del", "ins")."""

    EQ = "eq"
    DEL = "del"
    INS = "ins"


class Side(StrEnum):
    """One of the two versions of a comparison."""

    OLD = "old"
    NEW = "new"


class View(StrEnum):
    """What a list of spans shows of a change."""

    REDLINE = "redline"  # every op: kept, deleted and inserted
    OLD = "old"  # kept and deleted: OLD's text
    NEW = "new"  # kept and inserted: NEW's text


@dataclass(frozen=True)
class Span:
    """A piece of paragraph text of one kind; ``note`` marks a footnote reference."""

    op: SpanKind
    text: str = ""
    italic: bool = False
    note: int | None = None
    note_side: Side = Side.NEW  # whose footnote numbering ``note`` uses


def _marks(paragraphs: tuple[Paragraph, ...]) -> tuple[int, list[tuple[int, int]]]:
    """Lead length and footnote positions in the paragraphs' texts joined with spaces."""
    lead = len(paragraphs[0].lead) if paragraphs else 0
    notes, base = [], 0
    for p in paragraphs:
        notes += [(base + n.offset, n.number) for n in p.notes]
        base += len(p.text) + 1
    return lead, notes


def build_spans(
    ops: list[Op],
    side: View,
    old: tuple[Paragraph, ...],
    new: tuple[Paragraph, ...],
    same_note: Callable[[int, int], bool] | None = None,
) -> list[Span]:
    """Spans of one view of a change (see :class:`View`).

    Kept text takes its lead and footnote positions from NEW, except in the ``old`` view or when
    there is no NEW (a paragraph of OLD compared with nothing). With ``same_note`` (is OLD's footnote
    N the same as NEW's M?), kept text carries both sides' references: one kept where both have the
    same footnote at the same place, else OLD's deleted and NEW's inserted (a redline that must give
    each side's footnotes back).
    """
    if same_note is not None and old and new:
        return _tracked_notes(ops, old, new, same_note)
    old_lead, old_notes = _marks(old)
    new_lead, new_notes = _marks(new)
    spans: list[Span] = []
    pos_old = pos_new = 0
    for op, text in ops:
        uses_old = op == DELETE or (op == EQUAL and (side is View.OLD or not new))
        if (side is View.OLD and op == INSERT) or (side is View.NEW and op == DELETE):
            continue
        start = pos_old if uses_old else pos_new
        lead, notes = (old_lead, old_notes) if uses_old else (new_lead, new_notes)
        cuts = sorted(
            {0, len(text)}
            | {lead - start} & set(range(1, len(text)))
            | {o - start for o, _ in notes if 0 < o - start < len(text)}
        )
        css = {EQUAL: SpanKind.EQ, DELETE: SpanKind.DEL, INSERT: SpanKind.INS}[op]
        note_side = Side.OLD if uses_old else Side.NEW
        for a, b in zip(cuts, cuts[1:]):
            for o, number in notes:
                if o == start + a and a > 0:
                    spans.append(Span(css, note=number, note_side=note_side))
            spans.append(Span(css, text[a:b], italic=start + a < lead))
        if len(text) == 0:
            continue
        for o, number in notes:
            if o == start + len(text):  # a reference right after this piece
                spans.append(Span(css, note=number, note_side=note_side))
        if op != INSERT:
            pos_old += len(text)
        if op != DELETE:
            pos_new += len(text)
    return spans


def _tracked_notes(
    ops: list[Op], old: tuple[Paragraph, ...], new: tuple[Paragraph, ...], same_note: Callable[[int, int], bool]
) -> list[Span]:
    """The redline view with each side's footnote references (see :func:`build_spans`)."""
    _, old_notes = _marks(old)
    new_lead, new_notes = _marks(new)
    spans: list[Span] = []
    pos_old = pos_new = 0

    def refs(old_at: int | None, new_at: int | None) -> None:
        here_old = [n for o, n in old_notes if o == old_at]
        here_new = [n for o, n in new_notes if o == new_at]
        if len(here_old) == len(here_new) and all(same_note(a, b) for a, b in zip(here_old, here_new)):
            spans.extend(Span(SpanKind.EQ, note=n) for n in here_new)
            return
        spans.extend(Span(SpanKind.DEL, note=n, note_side=Side.OLD) for n in here_old)
        spans.extend(Span(SpanKind.INS, note=n) for n in here_new)

    for op, text in ops:
        if not text:
            continue
        kind = {EQUAL: SpanKind.EQ, DELETE: SpanKind.DEL, INSERT: SpanKind.INS}[op]
        lead_at = pos_old if op == DELETE else pos_new
        mine = [(o - pos_old, None) for o, _ in old_notes if op != INSERT] + [
            (o - pos_new, None) for o, _ in new_notes if op != DELETE
        ]
        cuts = sorted(
            {0, len(text)}
            | {o for o, _ in mine if 0 < o < len(text)}
            | ({new_lead - lead_at} & set(range(1, len(text))) if op != DELETE else set())
        )
        for a, b in zip(cuts, cuts[1:]):
            if a > 0:
                refs(pos_old + a if op != INSERT else None, pos_new + a if op != DELETE else None)
            spans.append(Span(kind, text[a:b], italic=op != DELETE and pos_new + a < new_lead))
        end_old = pos_old + len(text) if op != INSERT else None
        end_new = pos_new + len(text) if op != DELETE else None
        refs(end_old, end_new)
        if op != INSERT:
            pos_old += len(text)
        if op != DELETE:
            pos_new += len(text)
    return spans
