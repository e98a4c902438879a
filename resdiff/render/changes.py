"""Render a comparison as JSON, terminal text or Markdown.

Labels come from :func:`change_label`, the one place that words a change for
people, so that every format says the same thing.
"""

from __future__ import annotations

import json
import os
import re

from ..compare import Change, ChangeKind, Comparison, FootnoteFate, Flag
from ..worddiff import DELETE, EQUAL, INSERT

KIND_DESCRIPTIONS: dict[ChangeKind, str] = {
    ChangeKind.UNCHANGED: "unchanged",
    ChangeKind.EDITORIAL: "editorial (punctuation, case, spacing or footnotes only)",
    ChangeKind.TECHNICAL: "technical update (symbols, dates, session numbers only)",
    ChangeKind.REWORDED: "reworded",
    ChangeKind.SPLIT: "split into several paragraphs",
    ChangeKind.MERGED: "merged from several paragraphs",
    ChangeKind.NEW: "new",
    ChangeKind.DROPPED: "dropped",
    ChangeKind.UNKNOWN: "unknown: the other version has a gap here",
}

FLAG_LABELS: dict[Flag, str] = {
    Flag.MOVED: "moved",
    Flag.RENUMBERED: "renumbered",
    Flag.PART_CHANGED: "changed part",
    Flag.LEAD_STRENGTHENED: "lead strengthened",
    Flag.LEAD_WEAKENED: "lead weakened",
    Flag.LEAD_CHANGED: "lead changed",
}


def kind_label(kind: ChangeKind) -> str:
    if kind not in KIND_DESCRIPTIONS:
        raise ValueError(f"unknown change kind {kind!r}")
    return kind.value


def flag_label(change: Change, flag: Flag) -> str:
    """Words for one flag, with what it is about ("moved from PP4", "lead strengthened: Encourages → Urges")."""
    if flag not in FLAG_LABELS:
        raise ValueError(f"unknown flag {flag!r}")
    if flag is Flag.MOVED:
        return f"moved from {'+'.join(change.old_ids)}"
    if flag is Flag.RENUMBERED:
        return f"renumbered {change.old[0].number} → {change.new[0].number}"
    if flag is Flag.PART_CHANGED:
        return f"{change.old[0].part.value} → {change.new[0].part.value}"
    return f"{FLAG_LABELS[flag]}: {change.old[0].lead} → {change.new[0].lead}"


def change_label(change: Change) -> str:
    """One line saying what happened to a paragraph.

    The kind first, then the flags: ``reworded · moved from PP4 · lead strengthened: Encourages → Urges``.
    """
    kind = kind_label(change.kind)
    if change.kind is ChangeKind.SPLIT:
        head = f"split from {change.old_ids[0]}"
    elif change.kind is ChangeKind.MERGED:
        head = f"merged from {' + '.join(change.old_ids)}"
    elif change.kind is ChangeKind.UNKNOWN:
        head = "unknown: only the beginning is held" if change.partial else "unknown: in a gap of the other version"
    else:
        head = kind
    if change.partial and change.kind is not ChangeKind.UNKNOWN:
        head += " (in the part held)"
    return " · ".join([head] + [flag_label(change, f) for f in change.flags])


def where(change: Change) -> str:
    """``PP3 → PP5``, ``— → OP4`` (new), ``OP9 → —`` (dropped)."""
    return f"{'+'.join(change.old_ids) or '—'} → {'+'.join(change.new_ids) or '—'}"


def change_to_dict(change: Change) -> dict[str, object]:
    out: dict[str, object] = {
        "kind": change.kind.value, "old": change.old_ids, "new": change.new_ids,
        "similarity": change.similarity, "flags": [f.value for f in change.flags],
        "ops": [[op, text] for op, text in change.ops],
    }
    # Added fields (the shape above is a public contract; it only grows).
    out["label"] = change_label(change)
    if change.partial:
        out["partial"] = True
        out["old_tail"] = change.old_tail
        out["new_tail"] = change.new_tail
    if change.notes_changed:
        out["notes"] = {"old": [n for p in change.old for n in p.note_numbers],
                        "new": [n for p in change.new for n in p.note_numbers]}
    if change.notes:
        out["note_changes"] = [{"kind": n.kind.value, "old": n.old, "new": n.new} for n in change.notes]
    return out


def comparison_to_dict(comp: Comparison) -> dict[str, object]:
    return {
        "old": {"symbol": comp.old.symbol, "complete": comp.old.complete},
        "new": {"symbol": comp.new.symbol, "complete": comp.new.complete},
        "summary": {**comp.summary(), "moved": comp.moved},
        "changes": [change_to_dict(c) for c in comp.changes],
        # Added fields.
        "footnotes_compared": comp.footnotes_compared,
        "footnotes": [{"fate": m.fate.value, "old": m.old.number if m.old else None,
                       "new": m.new.number if m.new else None, "ops": [[op, t] for op, t in m.ops]}
                      for m in comp.footnotes if m.fate is not FootnoteFate.UNCHANGED],
    }


def render_json(comp: Comparison, changed_only: bool = False) -> str:
    data = comparison_to_dict(comp)
    if changed_only:
        data["changes"] = [change_to_dict(c) for c in comp.changed()]
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def _summary_line(comp: Comparison) -> str:
    counts = [f"{n} {k}" for k, n in comp.summary().items() if n]
    if comp.moved:
        counts.append(f"of which {comp.moved} moved")
    return ", ".join(counts) + (f". {comp.footnote_remark}" if comp.footnote_remark else "")


def _version_line(res) -> str:
    return f"{res.symbol} ({res.adopted or 'date unknown'}, {'complete' if res.complete else 'partial'})"


_COLOURS = {DELETE: "\033[31;9m", INSERT: "\033[32;4m", "label": "\033[1m", "dim": "\033[2m"}
_RESET = "\033[0m"


def use_colour() -> bool:
    import sys

    return "NO_COLOR" not in os.environ and sys.stdout.isatty()


Segment = tuple[str | None, str]  # (style in _COLOURS or None, text)


def wrap_segments(segments: list[Segment], width: int | None, first: str = "", rest: str = "",
                  colour: bool = False) -> list[str]:
    """Lines of at most ``width`` visible characters, broken only at spaces: ``first`` starts the first
    line and ``rest`` the others (a hanging indent). A word longer than a line stands alone on one.
    Styles are painted per piece, so a line break inside an insertion keeps both halves coloured.

    >>> wrap_segments([(None, "Recalling its resolution "), ("ins", "75/1 and 76/1,")], 20, "", "    ")
    ['Recalling its', '    resolution 75/1', '    and 76/1,']
    """
    def paint(style: str | None, text: str) -> str:
        return f"{_COLOURS[style]}{text}{_RESET}" if colour and style else text

    # Words (text between spaces, perhaps of several styles: "resolution" + inserted "s") and spaces.
    tokens: list[tuple[bool, list[Segment]]] = []  # (is_space, pieces)
    for style, text in segments:
        for piece in re.findall(r"\s+|\S+", text):
            is_space = piece.isspace()
            if tokens and tokens[-1][0] == is_space:
                tokens[-1][1].append((style, piece))
            else:
                tokens.append((is_space, [(style, piece)]))
    lines: list[str] = []
    line, used, empty = first, len(first), True
    space: list[Segment] = []
    for is_space, pieces in tokens:
        if is_space:
            space = pieces
            continue
        size = sum(len(t) for _, t in pieces)
        space_size = sum(len(t) for _, t in space)
        if width is not None and not empty and used + space_size + size > width:
            lines.append(line)
            line, used, space, space_size = rest, len(rest), [], 0
        line += "".join(paint(s, t) for s, t in space + pieces)
        used += space_size + size
        space, empty = [], False
    lines.append(line)
    return lines


def render_term(comp: Comparison, changed_only: bool = False, colour: bool | None = None,
                width: int | None = None) -> str:
    """Readable in a terminal: summary first; without colour, deletions as [-…-] and insertions as {+…+}.

    With ``width``, lines are wrapped at spaces to that many columns, with a hanging indent.
    """
    colour = use_colour() if colour is None else colour
    lines = wrap_segments([(None, f"{_version_line(comp.old)} → {_version_line(comp.new)}")], width, "", "    ")
    lines += wrap_segments([(None, _summary_line(comp))], width, "Summary: ", "         ")
    lines.append("")
    for c in comp.changes:
        if changed_only and not c.is_change:
            continue
        sim = f"  similarity {c.similarity:.2f}" if c.similarity is not None else ""
        lines += wrap_segments([("label", f"{where(c)}  {change_label(c)}"), ("dim", sim)], width, "", "    ",
                               colour)
        if c.kind is ChangeKind.UNKNOWN and not c.partial:
            body: list[Segment] = [(None, " ".join(p.text for p in (c.new or c.old)))]
        else:
            body = []
            for op, text in c.ops:
                if op == EQUAL or colour:
                    body.append((None if op == EQUAL else op, text))
                else:
                    body.append((None, f"[-{text}-]" if op == DELETE else f"{{+{text}+}}"))
            tail = c.new_tail or c.old_tail
            if tail:
                body.append((None, f" [… not held: {tail.strip()}]"))
        lines += wrap_segments(body, width, "    ", "    ", colour)
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
