"""Proof that a written Word redline says what it claims: accepting every revision gives NEW (the
draft) and rejecting every revision gives OLD (the base), paragraph by paragraph with their numbers
and footnote references, and each footnote's text. ``review --verify`` runs it on the file it wrote.

The file is read back by the Word importer (:func:`resdiff.ingest.word.docx_text`), the way it reads
any draft with tracked changes, so the proof does not trust the writer's own idea of its markup.
The masthead, NEW's section headings, paragraphs shown but not compared (the other side has a gap
there) and the change list are not the text (:data:`resdiff.render.docx.FRAME_STYLES`). Where the
comparison does not compare footnotes (a version does not hold them all), the redline carries NEW's
references only, as every format does, and the proof is of the words and numbers alone.
"""

from __future__ import annotations

import re

from resdiff.core.errors import RedlineMismatch
from resdiff.core.model import Paragraph, Revisions
from resdiff.diff.compare import ChangeKind, Comparison
from resdiff.ingest.word import docx_text
from resdiff.render.docx import FRAME_STYLES

_MARK_RE = re.compile(r"\[\^(\d+)\]")


def verify_redline(docx: bytes, comp: Comparison, source: str = "redline") -> None:
    """Raise :class:`RedlineMismatch` with the first difference, if there is one."""
    for revisions, res, what, side in (
        (Revisions.CURRENT, comp.new, "accepting every change", "new"),
        (Revisions.ORIGINAL, comp.old, "rejecting every change", "old"),
    ):
        shown = {
            pid
            for c in comp.changes
            if c.kind is ChangeKind.UNKNOWN and not (c.old and c.new)
            for pid in (c.new_ids if side == "new" else c.old_ids)
        }
        want = [p for p in res.all_paragraphs if p.id not in shown]
        text = docx_text(docx, source, revisions)
        read = [p for p, style in zip(text.paragraphs, text.styles) if style not in FRAME_STYLES and p.strip()]
        got_lines, got_notes = _numbered_in_order(read, text.footnotes)
        want_lines, want_notes = _numbered_in_order(
            [_printed(p) for p in want], {f.number: f.text for f in res.footnotes}
        )
        if not comp.footnotes_compared:
            got_lines, want_lines = [_MARK_RE.sub("", t) for t in got_lines], [_MARK_RE.sub("", t) for t in want_lines]
            got_notes, want_notes = [], []
        for k, (got, expected) in enumerate(zip(got_lines, want_lines)):
            if got != expected:
                raise RedlineMismatch(
                    f"{source}: {what} does not give {res.name}: paragraph {k + 1} ({want[k].id}) reads "
                    f"{_cut(got, expected)!r} where {res.name} has {_cut(expected, got)!r}"
                )
        if len(got_lines) != len(want_lines):
            raise RedlineMismatch(
                f"{source}: {what} gives {len(got_lines)} paragraphs where {res.name} has {len(want_lines)}"
            )
        for k, (got_note, want_note) in enumerate(zip(got_notes, want_notes)):
            if got_note != (want_note or "[text not available]"):
                raise RedlineMismatch(
                    f"{source}: {what} does not give {res.name}: footnote {k + 1} reads {got_note!r} "
                    f"where {res.name} has {want_note!r}"
                )


def _printed(p: Paragraph) -> str:
    """A paragraph as printed: its number or letter, its text with [^N] where each reference stands."""
    label = f"({p.sub[-1]}) " if p.sub else f"{p.number}. " if p.number is not None else ""
    text, placed = p.text, 0
    for note in sorted(p.notes, key=lambda n: n.offset):
        at = note.offset + placed
        mark = f"[^{note.number}]"
        text = text[:at] + mark + text[at:]
        placed += len(mark)
    return label + text


def _numbered_in_order(lines: list[str], notes: dict[int, str | None]) -> tuple[list[str], list[str | None]]:
    """Lines with whitespace made single and footnote references renumbered in order of first
    reference; the footnotes' texts in that order."""
    order: dict[int, int] = {}

    def renumber(m: re.Match[str]) -> str:
        order.setdefault(int(m[1]), len(order) + 1)
        return f"[^{order[int(m[1])]}]"

    out = [" ".join(_MARK_RE.sub(renumber, line).split()) for line in lines]
    return out, [" ".join((notes.get(n) or "").split()) or None for n in order]


def _cut(text: str, other: str, room: int = 60) -> str:
    """``text`` from a little before where it first differs from ``other``."""
    at = next((k for k, (a, b) in enumerate(zip(text, other)) if a != b), min(len(text), len(other)))
    start = max(0, at - 20)
    return ("…" if start else "") + text[start : start + room] + ("…" if start + room < len(text) else "")
