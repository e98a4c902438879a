"""Render a comparison as JSON, terminal text or Markdown.

Labels come from :func:`change_label`, the one place that words a change for
people, so that every format says the same thing.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from enum import StrEnum

from resdiff.core.model import Heading
from resdiff.core.words import plural
from resdiff.diff.compare import Change, ChangeKind, Comparison, Flag, FootnoteFate, NoteChange, NoteChangeKind
from resdiff.diff.sections import HeadingChangeKind
from resdiff.diff.worddiff import DELETE, EQUAL, INSERT, Op
from resdiff.render.jsontext import indented_json

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


def note_label(note: NoteChange) -> str:
    """Words for what happened to one footnote reference ("footnote 13 text changed (was 12)")."""
    if note.kind is NoteChangeKind.ADDED:
        return f"footnote {note.new} added"
    if note.kind is NoteChangeKind.REMOVED:
        return f"footnote {note.old} removed"
    if note.kind is NoteChangeKind.TEXT_CHANGED:
        return f"footnote {note.new} text changed" + (f" (was {note.old})" if note.old != note.new else "")
    if note.kind is NoteChangeKind.RENUMBERED:
        return f"footnote {note.old} renumbered {note.new}"
    raise ValueError(f"unknown footnote change {note.kind!r}")


def note_comment(comp: Comparison, change: Change) -> str:
    """The footnote changes of a paragraph in one sentence of plain text (Word comments):
    ``footnote 1 text changed: "A/75/175." → "A/77/188."``."""
    parts = []
    for label, ops in note_details(comp, change):
        old = "".join(t for op, t in ops if op != INSERT)
        new = "".join(t for op, t in ops if op != DELETE)
        if old and new:
            parts.append(f"{label}: “{old}” → “{new}”")
        else:
            parts.append(f"{label}: “{old or new}”" if old or new else label)
    return "; ".join(parts)


def note_details(comp: Comparison, change: Change) -> list[tuple[str, tuple[Op, ...]]]:
    """What each footnote change of ``change`` did to the footnote's text: a label and a word diff
    (the text added, removed or reworded; empty where the text is not held). Renumbering alone is routine
    and not shown."""
    out = []
    for n in change.notes:
        if n.kind is NoteChangeKind.RENUMBERED:
            continue
        if n.kind is NoteChangeKind.TEXT_CHANGED:
            ops = next((m.ops for m in comp.footnotes if m.new is not None and m.new.number == n.new), ())
        elif n.kind is NoteChangeKind.ADDED:
            f = comp.new.footnote(n.new) if n.new is not None else None
            ops = ((INSERT, f.text),) if f is not None and f.text is not None else ()
        else:
            f = comp.old.footnote(n.old) if n.old is not None else None
            ops = ((DELETE, f.text),) if f is not None and f.text is not None else ()
        out.append((note_label(n), tuple(ops)))
    return out


def change_label(change: Change) -> str:
    """One line saying what happened to a paragraph.

    The kind first, then the flags, then its footnotes: ``reworded · moved from PP4 · lead strengthened:
    Encourages → Urges · footnote 13 text changed (was 12)``. Renumbered footnotes alone are not named.
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
    notes = [note_label(n) for n in change.notes if n.kind is not NoteChangeKind.RENUMBERED]
    return " · ".join([head] + [flag_label(change, f) for f in change.flags] + notes)


def where(change: Change) -> str:
    """``PP3 → PP5``, ``— → OP4`` (new), ``OP9 → —`` (dropped)."""
    return f"{'+'.join(change.old_ids) or '—'} → {'+'.join(change.new_ids) or '—'}"


def id_ranges(ids: list[str], order: list[str]) -> str:
    """``PP14–PP24, OP1–OP19``: paragraphs that follow each other in a version, as ranges.

    >>> id_ranges(["PP1", "PP2", "PP3", "PP5", "OP1", "OP2"], ["PP1", "PP2", "PP3", "PP4", "PP5", "OP1", "OP2"])
    'PP1–PP3, PP5, OP1, OP2'
    """
    at = {pid: k for k, pid in enumerate(order)}
    groups: list[list[str]] = []
    for pid in ids:
        last = groups[-1][-1] if groups else None
        if last is not None and pid in at and last in at and at[pid] == at[last] + 1 and pid[:2] == last[:2]:
            groups[-1].append(pid)
        else:
            groups.append([pid])
    return ", ".join(g[0] if len(g) == 1 else f"{g[0]}, {g[1]}" if len(g) == 2 else f"{g[0]}–{g[-1]}" for g in groups)


class RunKind(StrEnum):
    UNCHANGED = "unchanged"
    NOT_HELD_IN_OLD = "not held in old"  # paragraphs of NEW where OLD has a gap
    NOT_HELD_IN_NEW = "not held in new"  # paragraphs of OLD where NEW has a gap


@dataclass(frozen=True)
class Run:
    """Consecutive paragraphs said in one line: not compared (the other version has a gap), or unchanged."""

    what: RunKind
    changes: tuple[Change, ...]


def _run_kind(c: Change) -> RunKind | None:
    if not c.is_change:
        return RunKind.UNCHANGED
    if c.kind is ChangeKind.UNKNOWN and not (c.old and c.new):
        return RunKind.NOT_HELD_IN_OLD if c.new else RunKind.NOT_HELD_IN_NEW
    return None


def grouped(comp: Comparison, changed_only: bool = False) -> list[Change | Run]:
    """The changes in order, with runs of unchanged paragraphs and of paragraphs that could not be
    compared each gathered in one :class:`Run` (unchanged ones left out with ``changed_only``)."""
    out: list[Change | Run] = []
    for c in comp.changes:
        what = _run_kind(c)
        if what is RunKind.UNCHANGED and changed_only:
            continue
        if what is None:
            out.append(c)
        elif out and isinstance(out[-1], Run) and out[-1].what == what:
            out[-1] = Run(what, out[-1].changes + (c,))
        else:
            out.append(Run(what, (c,)))
    return out


def run_line(comp: Comparison, run: Run) -> str:
    """``42 paragraphs not compared: not held in 72/36 (PP14–PP24, OP1–OP31 of 75/59)``."""
    n = len(run.changes)
    new_order = [p.id for p in comp.new.all_paragraphs]
    old_order = [p.id for p in comp.old.all_paragraphs]
    new_ids = id_ranges([i for c in run.changes for i in c.new_ids], new_order)
    old_ids = id_ranges([i for c in run.changes for i in c.old_ids], old_order)
    if run.what is RunKind.UNCHANGED:
        return f"{plural(n, 'paragraph')} unchanged: {new_ids} of {comp.new.short} ({old_ids} of {comp.old.short})"
    if run.what is RunKind.NOT_HELD_IN_OLD:
        return f"{plural(n, 'paragraph')} not compared: not held in {comp.old.short} ({new_ids} of {comp.new.short})"
    return f"{plural(n, 'paragraph')} not compared: not held in {comp.new.short} ({old_ids} of {comp.old.short})"


def change_to_dict(change: Change) -> dict[str, object]:
    out: dict[str, object] = {
        "kind": change.kind.value,
        "old": change.old_ids,
        "new": change.new_ids,
        "similarity": change.similarity,
        "flags": [f.value for f in change.flags],
        "ops": [[op, text] for op, text in change.ops],
    }
    # Added fields (the shape above is a public contract; it only grows).
    out["label"] = change_label(change)
    if change.partial:
        out["partial"] = True
        out["old_tail"] = change.old_tail
        out["new_tail"] = change.new_tail
    if change.notes_changed:
        out["notes"] = {
            "old": [n for p in change.old for n in p.note_numbers],
            "new": [n for p in change.new for n in p.note_numbers],
        }
    if change.notes:
        out["note_changes"] = [{"kind": n.kind.value, "old": n.old, "new": n.new} for n in change.notes]
    return out


def _precedent_dict(comp: Comparison, change: Change) -> dict[str, object]:
    """Added field of a change, when the comparison was marked with precedents: the best source
    outside OLD of a new or reworded paragraph, or ``{"new_language": true}``."""
    found = comp.precedent(change)
    if found is None:
        return {}
    best = found.best
    if best is None:
        return {"precedent": {"new_language": True}}
    return {
        "precedent": {
            "new_language": False,
            "symbol": best.symbol,
            "paragraph": best.paragraph,
            "share": round(best.share, 4),
            "adopted": best.adopted,
            "series": best.series,
        }
    }


def comparison_to_dict(comp: Comparison) -> dict[str, object]:
    summary: dict[str, int] = {kind: n for kind, n in comp.summary().items()}  # ChangeKind is a str
    summary["moved"] = comp.moved
    out: dict[str, object] = {
        "old": _version_dict(comp.old),
        "new": _version_dict(comp.new),
        "summary": summary,
        "changes": [change_to_dict(c) | _precedent_dict(comp, c) for c in comp.changes],
        # Added fields.
        "footnotes_compared": comp.footnotes_compared,
        "footnotes": [
            {
                "fate": m.fate.value,
                "old": m.old.number if m.old else None,
                "new": m.new.number if m.new else None,
                "ops": [[op, t] for op, t in m.ops],
            }
            for m in comp.footnotes
            if m.fate is not FootnoteFate.UNCHANGED
        ],
    }
    if comp.exact_only:  # added field: only past the size limits, where only identical paragraphs pair
        out["exact_matches_only"] = True
    if comp.sponsors:  # added field: only for drafts, whose mastheads list sponsors
        out["sponsors"] = {
            "old": list(comp.old.sponsors),
            "new": list(comp.new.sponsors),
            "added": list(comp.sponsors.added),
            "removed": list(comp.sponsors.removed),
            **({"note": comp.new.sponsors_note} if comp.new.sponsors_note else {}),
        }
    if comp.headings:  # added field: only for versions with section headings
        out["headings"] = [
            {
                "kind": h.kind,
                "old": _heading_dict(h.old),
                "new": _heading_dict(h.new),
                "ops": [[op, text] for op, text in h.ops],
            }
            for h in comp.headings
        ]
    if comp.old.annexes or comp.new.annexes:  # added field: the annexes of each side (their changes are in "changes")
        out["annexes"] = {
            "old": [a.label for a in comp.old.annexes],
            "new": [a.label for a in comp.new.annexes],
            "remark": comp.annex_remark,
        }
    return out


def _heading_dict(h: Heading | None) -> dict[str, object] | None:
    return None if h is None else {"level": h.level, "number": h.number, "text": h.text}


def heading_lines(comp: Comparison, changed_only: bool = False) -> list[str]:
    """The section headings' changes: a count by kind, then one line per heading
    (``reworded   XVII. Seventy-ninth session … → XVI. Eightieth session …``); none without headings."""
    if not comp.headings:
        return []
    counts: dict[str, int] = {}
    for h in comp.headings:
        counts[h.kind] = counts.get(h.kind, 0) + 1
    lines = ["Sections: " + ", ".join(f"{n} {k}" for k, n in counts.items())]
    for h in comp.headings:
        if changed_only and h.kind is HeadingChangeKind.UNCHANGED:
            continue
        old, new = h.old.label if h.old else "—", h.new.label if h.new else "—"
        lines.append(f"{h.kind:<11}{new}" if old == new else f"{h.kind:<11}{old} → {new}")
    return lines


def _version_dict(res) -> dict[str, object]:
    # symbol is null for a file compared as it is (no symbol in its text); label names it then.
    return {"symbol": res.symbol or None, "complete": res.complete, "label": res.label}


def render_json(comp: Comparison, changed_only: bool = False) -> str:
    data = comparison_to_dict(comp)
    if changed_only:
        data["changes"] = [change_to_dict(c) for c in comp.changed()]
    return indented_json(data) + "\n"


def summary_line(comp: Comparison) -> str:
    """Counts by kind, the moves among them, the annexes only one version has, and why footnotes were
    not compared if they were not."""
    counts = ", ".join(f"{n} {k}" for k, n in comp.summary().items() if n)
    if comp.moved:
        counts += f" ({comp.moved} of these moved)"
    remarks = " ".join(r for r in (comp.annex_remark, comp.footnote_remark, comp.alignment_remark) if r)
    return f"{counts}. {remarks}" if remarks else counts


def _version_line(res) -> str:
    return f"{res.name} ({res.adopted or res.dated or 'date unknown'}, {res.completeness})"


_COLOURS = {DELETE: "\033[31;9m", INSERT: "\033[32;4m", "label": "\033[1m", "dim": "\033[2m"}
_RESET = "\033[0m"


def use_colour() -> bool:
    import sys

    return "NO_COLOR" not in os.environ and sys.stdout.isatty()


Segment = tuple[str | None, str]  # (style in _COLOURS or None, text)


def wrap_segments(
    segments: list[Segment], width: int | None, first: str = "", rest: str = "", colour: bool = False
) -> list[str]:
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

    def painted(indent: str, pieces: list[Segment]) -> str:
        runs: list[list] = []  # neighbouring pieces of one style painted once
        for style, text in pieces:
            if runs and runs[-1][0] == style:
                runs[-1][1] += text
            else:
                runs.append([style, text])
        return indent + "".join(paint(style, text) for style, text in runs)

    lines: list[str] = []
    line: list[Segment] = []
    indent, used, empty = first, len(first), True
    space: list[Segment] = []
    for is_space, pieces in tokens:
        if is_space:
            space = pieces
            continue
        size = sum(len(t) for _, t in pieces)
        space_size = sum(len(t) for _, t in space)
        if width is not None and not empty and used + space_size + size > width:
            lines.append(painted(indent, line))
            indent, line, used, space, space_size = rest, [], len(rest), [], 0
        line += space + pieces
        used += space_size + size
        space, empty = [], False
    lines.append(painted(indent, line))
    return lines


def _term_ops(ops: tuple[Op, ...], colour: bool) -> list[Segment]:
    """A word diff as segments: coloured, or with [-…-] and {+…+} around the changes."""
    if colour:
        return [(None if op == EQUAL else op, text) for op, text in ops]
    return [(None, text if op == EQUAL else f"[-{text}-]" if op == DELETE else f"{{+{text}+}}") for op, text in ops]


def render_term(
    comp: Comparison, changed_only: bool = False, colour: bool | None = None, width: int | None = None
) -> str:
    """Readable in a terminal: summary first; without colour, deletions as [-…-] and insertions as {+…+}.

    With ``width``, lines are wrapped at spaces to that many columns, with a hanging indent.
    """
    colour = use_colour() if colour is None else colour
    lines = wrap_segments([(None, f"{_version_line(comp.old)} → {_version_line(comp.new)}")], width, "", "    ")
    lines += wrap_segments([(None, summary_line(comp))], width, "Summary: ", "         ")
    if comp.sponsors:
        lines += wrap_segments([(None, comp.sponsors.sentence(comp.new.short))], width, "Sponsors: ", "          ")
    lines.append("")
    sections = heading_lines(comp, changed_only)
    for k, line in enumerate(sections):
        lines += wrap_segments([(None, line)], width, "" if k == 0 else "  ", "             ")
    lines += [""] if sections else []
    for item in grouped(comp, changed_only):
        if isinstance(item, Run) and item.what is not RunKind.UNCHANGED:
            lines += wrap_segments([("dim", run_line(comp, item))], width, "", "    ", colour) + [""]
            continue
        # Unchanged paragraphs are shown whole (the reader asked for the whole text).
        for c in item.changes if isinstance(item, Run) else (item,):
            lines += _term_change(comp, c, colour, width)
    return "\n".join(lines).rstrip() + "\n"


def _term_change(comp: Comparison, c: Change, colour: bool, width: int | None) -> list[str]:
    """One change: its label line, its text with the changed words, and what became of its footnotes."""
    sim = f"  similarity {c.similarity:.2f}" if c.similarity is not None else ""
    lines = wrap_segments([("label", f"{where(c)}  {change_label(c)}"), ("dim", sim)], width, "", "    ", colour)
    if (found := comp.precedent(c)) is not None:
        lines += wrap_segments([("dim", found.label)], width, "    ", "    ", colour)
    if c.kind is ChangeKind.UNKNOWN:
        # Held on one side only, or only its beginning (which is the same): the text we hold whole.
        whole = c.new if c.new and not any(p.partial for p in c.new) else c.old
        body: list[Segment] = [(None, " ".join(p.text for p in whole))]
    else:
        body = _term_ops(c.ops, colour)
        tail = c.new_tail or c.old_tail
        if tail:
            body.append((None, f" [… not held: {tail.strip()}]"))
    lines += wrap_segments(body, width, "    ", "    ", colour)
    for label, ops in note_details(comp, c):
        lines += wrap_segments([(None, f"{label}: ")] + _term_ops(ops, colour), width, "    ", "        ", colour)
    lines.append("")
    return lines
