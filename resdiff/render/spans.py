"""A word diff as spans: pieces of text with their kind, italics for the lead phrase, and footnote marks.

Renderers (HTML, Word) turn spans into their own markup; nothing here knows about either.
"""

from __future__ import annotations

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


def build_spans(ops: list[Op], side: View, old: tuple[Paragraph, ...], new: tuple[Paragraph, ...]) -> list[Span]:
    """Spans of one view of a change (see :class:`View`).

    Kept text takes its lead and footnote positions from NEW, except in the ``old`` view or when
    there is no NEW (a paragraph of OLD compared with nothing).
    """
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
