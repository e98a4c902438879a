"""Markdown: a comparison a monitor can paste.

Both render the same in CommonMark and on GitHub: deletions and insertions are the
inline HTML elements ``<del>`` and ``<ins>`` (CommonMark passes them through, GitHub
keeps them), never GitHub-only ``~~``; every other character that Markdown would read
as markup is escaped with a backslash.

One version as Markdown (the export, which reads back) is :mod:`resdiff.formats.markdown`,
whose escaping this module shares.
"""

from __future__ import annotations

from resdiff.core.model import Part, Resolution
from resdiff.core.sponsors import listed
from resdiff.core.words import plural
from resdiff.diff.compare import Change, ChangeKind, Comparison, Flag, FootnoteFate
from resdiff.diff.worddiff import DELETE, EQUAL, INSERT, Op
from resdiff.formats.markdown import block_safe, md_escape, source_md
from resdiff.render.changes import Run, RunKind, change_label, grouped, heading_lines, note_details, run_line

# -- a comparison ---------------------------------------------------------------------


def _part_of(change: Change) -> Part:
    return (change.new or change.old)[0].part


def summary_sentence(comp: Comparison) -> str:
    """What changed, in one paragraph: "1 new operative paragraph, 1 reworded, 1 moved, 1 lead strengthened …"."""
    changes = comp.changes
    parts: list[str] = []
    for kind in (ChangeKind.NEW, ChangeKind.DROPPED):
        for part in (Part.PREAMBLE, Part.OPERATIVE):
            n = sum(c.kind is kind and _part_of(c) is part for c in changes)
            noun = "preambular paragraph" if part is Part.PREAMBLE else "operative paragraph"
            if n and kind is ChangeKind.NEW:
                parts.append(f"{n} new {noun}{'s' if n != 1 else ''}")
            elif n:
                parts.append(f"{plural(n, noun)} dropped")
    for kind, words in (
        (ChangeKind.REWORDED, "reworded"),
        (ChangeKind.SPLIT, "split"),
        (ChangeKind.MERGED, "merged from several"),
    ):
        n = sum(c.kind is kind for c in changes)
        if n:
            parts.append(f"{n} {words}")
    if comp.moved:
        parts.append(f"{comp.moved} moved")
    for flag, word in (
        (Flag.LEAD_STRENGTHENED, "strengthened"),
        (Flag.LEAD_WEAKENED, "weakened"),
        (Flag.LEAD_CHANGED, "changed"),
    ):
        n = sum(flag in c.flags for c in changes)
        if n:
            parts.append(f"{plural(n, 'lead')} {word}")
    for kind, nouns in (
        (ChangeKind.TECHNICAL, ("technical update", "technical updates")),
        (ChangeKind.EDITORIAL, ("editorial change", "editorial changes")),
    ):
        n = sum(c.kind is kind for c in changes)
        if n:
            parts.append(plural(n, *nouns))
    if comp.footnotes_compared:
        for fate, words in (
            (FootnoteFate.CHANGED, "changed"),
            (FootnoteFate.NEW, "new"),
            (FootnoteFate.DROPPED, "dropped"),
        ):
            n = sum(m.fate is fate for m in comp.footnotes)
            if n:
                parts.append(
                    f"{plural(n, 'footnote')} {words}"
                    if fate is not FootnoteFate.NEW
                    else f"{n} new footnote{'s' if n != 1 else ''}"
                )
    unchanged = sum(not c.is_change for c in changes)
    head = f"From {comp.old.short} to {comp.new.short}: "
    if parts:
        head += ", ".join(parts) + (f"; {unchanged} unchanged." if unchanged else ".")
    elif unchanged:
        head += f"no paragraph changed ({plural(unchanged, 'paragraph')} compared)."
    else:
        head += "no paragraph could be compared."
    not_compared = []
    for side, missing, what in (
        (comp.new, comp.old, RunKind.NOT_HELD_IN_OLD),
        (comp.old, comp.new, RunKind.NOT_HELD_IN_NEW),
    ):
        n = sum(len(r.changes) for r in grouped(comp) if isinstance(r, Run) and r.what == what)
        if n:
            not_compared.append(
                f"{plural(n, 'paragraph')} of {side.short} could not be compared: {missing.short} is not held there"
            )
    partial = sum(c.partial for c in changes)
    if partial:
        not_compared.append(f"{plural(partial, 'paragraph')} compared only in the part both hold")
    tail = "; ".join(not_compared)
    out = head + (f" {tail[0].upper()}{tail[1:]}." if tail else "")
    return out + "".join(f" {r}" for r in (comp.annex_remark, comp.footnote_remark, comp.alignment_remark) if r)


def _heading(comp: Comparison, c: Change) -> str:
    old, new = md_escape(comp.old.short), md_escape(comp.new.short)
    new_ids, old_ids = md_escape("+".join(c.new_ids)), md_escape("+".join(c.old_ids))
    if c.new and c.old:
        place = f"**{new_ids} of {new}** ({old_ids} of {old})"
    elif c.new:
        place = f"**{new_ids} of {new}** (not in {old})"
    else:
        place = f"**{old_ids} of {old}** (not in {new})"
    if c.kind is ChangeKind.UNKNOWN and c.partial:
        held = comp.old.short if c.old[0].partial else comp.new.short
        return f"{place}: only its beginning is held in {md_escape(held)}, and that part is unchanged"
    found = comp.precedent(c)
    return f"{place}: {md_escape(change_label(c))}" + (f" · {md_escape(found.label)}" if found else "")


# How deletions and insertions are marked: HTML elements (most Markdown renderers keep them), or
# Markdown's own ~~strike~~ and **bold**, for tools that show raw HTML as text (many mail and chat tools).
HTML_MARKS = {DELETE: ("<del>", "</del>"), INSERT: ("<ins>", "</ins>")}
PLAIN_MARKS = {DELETE: ("~~", "~~"), INSERT: ("**", "**")}


def _redline(ops: tuple[Op, ...], marks: dict[str, tuple[str, str]] = HTML_MARKS) -> str:
    """A word diff with deletions and insertions marked by ``marks``; spaces stay outside the marks."""
    out: list[str] = []
    for op, text in ops:
        if op == EQUAL:
            out.append(md_escape(text))
            continue
        core = text.strip()
        if not core:
            continue  # a change of spacing alone is not shown
        lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
        opening, closing = marks[op]
        deleted_end = marks[DELETE][1]
        if (
            op == INSERT
            and not lead
            and out
            and out[-1].endswith(deleted_end)
            and core[0].isalnum()
            and out[-1][-len(deleted_end) - 1].isalnum()
        ):
            lead = " "  # "<del>resolution</del> <ins>resolutions</ins>": two words, not one run together
        out.append(f"{lead}{opening}{md_escape(core)}{closing}{trail}")
    return "".join(out)


def _body(comp: Comparison, c: Change, marks: dict[str, tuple[str, str]] = HTML_MARKS) -> list[str]:
    """The paragraphs of the quote under a change's heading: its text, then its footnote changes."""
    if c.kind is ChangeKind.UNKNOWN:
        return []
    if c.kind in (ChangeKind.NEW, ChangeKind.DROPPED):
        text = md_escape(" ".join(p.text for p in (c.new or c.old)))
    elif c.kind is ChangeKind.UNCHANGED:
        text = ""  # moved, or a footnote changed: the heading says so, the words are the same
    else:
        text = _redline(c.ops, marks)
        if c.new_tail:
            text += f" … \\[the rest is not held in {md_escape(comp.old.short)}\\]"
        if c.old_tail:
            text += f" … \\[the rest is not held in {md_escape(comp.new.short)}\\]"
    out = [block_safe(text)] if text else []
    for label, ops in note_details(comp, c):
        out.append(f"*{md_escape(label[0].upper() + label[1:])}*" + (f": {_redline(ops, marks)}" if ops else ""))
    return out


def render_comparison_md(comp: Comparison, changed_only: bool = False, plain: bool = False) -> str:
    """The summary in one paragraph, then each change with its paragraph in both versions, then sources.
    ``plain``: deletions ~~struck~~ and insertions **bold**, no HTML (see :data:`PLAIN_MARKS`)."""
    marks = PLAIN_MARKS if plain else HTML_MARKS
    title = f": {md_escape(comp.new.title)}" if comp.new.title else ""
    lines = [
        f"# {md_escape(comp.old.short)} → {md_escape(comp.new.short)}{title}",
        "",
        md_escape(summary_sentence(comp)),
        "",
        f"Old: {_version_facts(comp.old)}. New: {_version_facts(comp.new)}.",
        "",
    ]
    if comp.sponsors:
        who = f"{listed(comp.new.sponsors)}" if comp.new.sponsors else "none listed"
        note = f" ({comp.new.sponsors_note.rstrip('.')})" if comp.new.sponsors_note else ""
        lines += [
            f"Sponsors of {md_escape(comp.new.short)}: {md_escape(who + note)}. "
            f"{md_escape(comp.sponsors.sentence(comp.new.short))}.",
            "",
        ]
    lines += ["## Changes", ""]
    sections = heading_lines(comp, changed_only)
    if sections:
        lines[-2:-2] = (
            ["## Sections", "", md_escape(sections[0].removeprefix("Sections: ")) + ":", ""]
            + [f"- {md_escape(line)}" for line in sections[1:]]
            + [""]
        )
    shown = 0
    for item in grouped(comp, changed_only):
        if isinstance(item, Run):
            lines += [md_escape(run_line(comp, item)), ""]
            continue
        shown += 1
        lines += [_heading(comp, item), ""]
        body = _body(comp, item, marks)
        if body:
            lines += ["\n>\n".join(f"> {b}" for b in body), ""]
    if not shown:
        lines += ["No paragraph held in both versions changed.", ""]
    lines += ["## Sources", ""]
    for res in (comp.old, comp.new):
        sources = "; ".join(source_md(s) for s in res.sources) or "not recorded"
        lines.append(f"- {md_escape(res.short)}: {sources}")
    return "\n".join(lines).rstrip() + "\n"


def _version_facts(res: Resolution) -> str:
    facts = [
        res.dated or "date not known",
        "complete text" if res.complete else "partial text",
    ]
    return f"{md_escape(res.name)} ({', '.join(facts)})"
