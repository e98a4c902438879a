"""Markdown, one version as a readable text: written by :func:`to_markdown`, read back by :func:`parse_markdown`.

The export renders the same in CommonMark and on GitHub: every character that Markdown would
read as markup is escaped with a backslash, the lead phrase is in italics, and the facts about the
text (everything a version holds) are in a list at its end. It is also an interchange format:
:func:`parse_markdown` turns it into the resdiff text format, paragraph block by paragraph block,
and reads that with the one parser of that format, so a version exported and imported again is
the same version.
"""

from __future__ import annotations

import re

from resdiff.core.blocks import (
    ENACTING_FORMULA,
    GAP,
    NOTE_REF_RE,
    escape_marks,
    heading_block,
    join_notes,
    sub_label,
)
from resdiff.core.errors import ImportFailed
from resdiff.core.model import Annex, Gap, Heading, Item, NoteRef, Paragraph, Resolution
from resdiff.formats.docformat import parse_docformat

_MD_SPECIAL = re.compile(r"([\\`*_~\[\]<>#|])|&(?=#?\w+;)")
# A line that CommonMark would read as a list item, a heading, a rule or a block quote.
_BLOCK_START = re.compile(r"^(\s*)(\d{1,9})([.)])(?=\s|$)|^(\s*)([-+=])")

NOT_AVAILABLE = "\\[text not available\\]"
REST_NOT_AVAILABLE = " \\[rest not available\\]"
MORE_FOOTNOTES = "\\[further footnotes not available\\]"


def md_escape(text: str) -> str:
    """Text shown as itself in Markdown, not read as markup.

    >>> md_escape("the *report* [^1] of R&amp;D")
    'the \\\\*report\\\\* \\\\[^1\\\\] of R\\\\&amp;D'
    """
    return _MD_SPECIAL.sub(lambda m: "\\" + m.group(0), text)


def block_safe(line: str) -> str:
    """Escape what would start a list, heading or rule at the start of a paragraph ("2030. …", "- …")."""
    return _BLOCK_START.sub(
        lambda m: (m.group(1) + m.group(2) + "\\" + m.group(3)) if m.group(2) else (m.group(4) + "\\" + m.group(5)),
        line,
        count=1,
    )


def source_md(text: str) -> str:
    """A URL as an autolink (escapes would break it); anything else escaped."""
    if re.fullmatch(r"https?://[^\s<>]+", text):
        return f"<{text}>"
    return md_escape(text)


# -- writing --------------------------------------------------------------------------

# The facts about a version, in a list at the end of its export: label and order of the keys.
FACTS = (
    ("symbol", "Symbol"),
    ("label", "Label"),
    ("title", "Title"),
    ("adopted", "Adopted"),
    ("meeting", "Meeting"),
    ("agenda_item", "Agenda item"),
    ("committee_report", "Committee report"),
    ("committee", "Committee"),
)
FACTS_HEADING = "## About this text"


def heading_md(item: Heading) -> str:
    """A section heading one Markdown level below the title: ``## I\\. Capacity\\-building`` is level 1.
    The words after the marks are those of the text format's heading block, escaped."""
    marks, _, rest = heading_block(item).partition(" ")
    return f"#{marks} {md_escape(rest)}"


def _paragraph_md(item: Paragraph) -> str:
    # Escape piece by piece, so footnote marks and the italic lead land at the right places.
    notes: dict[int, list[int]] = {}
    for n in item.notes:
        notes.setdefault(n.offset, []).append(n.number)
    cuts = sorted({0, len(item.text), len(item.lead)} | set(notes))
    text = "".join(f"[^{n}]" for n in notes.get(0, []))
    for a, b in zip(cuts, cuts[1:]):
        piece = md_escape(item.text[a:b])
        text += f"*{piece}*" if b <= len(item.lead) and piece.strip() else piece
        text += "".join(f"[^{n}]" for n in notes.get(b, []))
    if item.partial:
        text += REST_NOT_AVAILABLE
    if item.sub:
        return f"{sub_label(item.sub)} {text}"
    if item.number is not None:
        return f"{item.number}. {text}"
    return block_safe(text)


def _items_md(items: tuple[Item, ...]) -> list[str]:
    lines: list[str] = []
    for item in items:
        if isinstance(item, Heading):
            lines += [heading_md(item), ""]
        elif isinstance(item, Gap):
            lines += [f"{item.number}. {NOT_AVAILABLE}" if item.number is not None else NOT_AVAILABLE, ""]
        else:
            lines += [_paragraph_md(item), ""]
    return lines


def annex_md(annex: Annex) -> str:
    """An annex's opening: its label and title in bold, its sub-title in italics, one per line.

    >>> print(annex_md(Annex("II", "Political declaration", "Our world")))
    **Annex II**\\
    **Political declaration**\\
    *Our world*
    """
    lines = [f"**{annex.label}**"]
    if annex.title is not None:
        lines.append(f"**{md_escape(annex.title)}**")
    if annex.subtitle is not None:
        lines.append(f"*{md_escape(annex.subtitle)}*")
    return "\\\n".join(lines)


def to_markdown(res: Resolution) -> str:
    """A readable Markdown text: title, the enacting formula, paragraphs with leads in italics, footnotes,
    and the facts about the text. ``resdiff import`` reads it back unchanged."""
    lines = [f"# {md_escape(res.short)}. {md_escape(res.title or '')}".rstrip(), ""]
    facts = [
        f"adopted {res.adopted}" if res.adopted else None,
        res.meeting,
        f"agenda item {res.agenda_item}" if res.agenda_item else None,
        "complete" if res.complete else "partial text: gaps are marked",
    ]
    lines += [md_escape(" · ".join(f for f in facts if f)), "", f"*{ENACTING_FORMULA[:-1]}*,", ""]
    lines += _items_md(res.items)
    for annex in res.annexes:
        lines += [annex_md(annex), ""] + _items_md(annex.items)
    for f in res.footnotes:
        lines += [f"[^{f.number}]: {md_escape(f.text) if f.text is not None else NOT_AVAILABLE}", ""]
    if res.footnote_gap:
        lines += [MORE_FOOTNOTES, ""]
    lines += [FACTS_HEADING, ""]
    for key, label in FACTS:
        value = getattr(res, key)
        if value:
            lines.append(f"- {label}: {md_escape(value)}")
    lines.append(f"- Text: {res.completeness}")
    lines.append(f"- Footnotes: {res.footnote_status.value}")
    lines += [f"- Source: {source_md(s)}" for s in res.sources]
    lines += [f"- Provenance: {md_escape(p)}" for p in res.provenance]
    return "\n".join(lines) + "\n"


# -- reading --------------------------------------------------------------------------

_FORMULA_MD = f"*{ENACTING_FORMULA[:-1]}*,"
_FOOTNOTE_RE = re.compile(r"^\[\^(\d{1,3})\]: (.*)$", re.S)
_FACT_RE = re.compile(r"^- ([A-Za-z ]+): (.*)$")


def looks_like_markdown(text: str) -> bool:
    """A resdiff Markdown export: a title line, the enacting formula in italics and the facts at the end."""
    text = text.lstrip("\ufeff")
    return text.startswith("# ") and f"\n{_FORMULA_MD}\n" in text and f"\n{FACTS_HEADING}\n" in text


def _plain(md: str, drop_emphasis: bool = True, marks: bool = False, partial: bool = False) -> str:
    """Markdown inline text to plain text: escapes undone, the emphasis of the lead phrase removed.

    With ``marks`` (a paragraph) the result is a block of the text format: the unescaped references
    ``[^N]`` stay references, the words are escaped as that format escapes them (an escaped ``\\[^12]``
    of the export is text, not a mark) and ``partial`` ends it with ``[GAP]``.
    """
    out: list[str] = []
    notes: list[NoteRef] = []
    length = 0
    k = 0
    while k < len(md):
        ch = md[k]
        if ch == "\\" and k + 1 < len(md) and not md[k + 1].isalnum() and not md[k + 1].isspace():
            out.append(md[k + 1])
            length += 1
            k += 2
            continue
        if marks and (note := NOTE_REF_RE.match(md, k)):
            notes.append(NoteRef(int(note.group(1)), length))
            k = note.end()
            continue
        if not (ch == "*" and drop_emphasis):
            out.append(ch)
            length += 1
        k += 1
    text = "".join(out)
    return join_notes(text, tuple(notes), partial) if marks else text


def _source(md: str) -> str:
    return md[1:-1] if md.startswith("<") and md.endswith(">") else _plain(md)


def markdown_to_docformat(text: str, source: str) -> str:
    """The resdiff text format of a Markdown export."""
    text = text.replace("\r\n", "\n").lstrip("\ufeff")
    body, sep, facts_md = text.rpartition(f"\n{FACTS_HEADING}\n")
    if not sep or f"\n{_FORMULA_MD}\n" not in body:
        raise ImportFailed(
            source,
            f"not a resdiff Markdown export: expected the line {_FORMULA_MD!r} and a final section {FACTS_HEADING!r}",
        )
    labels = {label: key for key, label in FACTS}
    header: list[str] = []
    complete = "no"
    for line in facts_md.strip().splitlines():
        m = _FACT_RE.match(line)
        if not m:
            raise ImportFailed(source, f"{FACTS_HEADING[3:]}: expected '- Name: value', found {line[:60]!r}")
        label, value = m.groups()
        if label in labels:
            header.append(f"{labels[label]}: {_plain(value, drop_emphasis=False)}")
        elif label == "Text":
            complete = "yes" if value == "complete" else "no"
        elif label == "Footnotes":
            header.append(f"footnotes: {value}")
        elif label == "Source":
            header.append(f"sources: {_source(value)}")
        elif label == "Provenance":
            header.append(f"provenance: {_plain(value, drop_emphasis=False)}")
        else:
            raise ImportFailed(source, f"{FACTS_HEADING[3:]}: unknown item {label!r}")
    sources = [h.removeprefix("sources: ") for h in header if h.startswith("sources: ")]
    header = [h for h in header if not h.startswith("sources: ")]
    header += [f"sources: {' ; '.join(sources)}", f"complete: {complete}"]

    paragraphs: list[str] = []
    footnotes: list[str] = []
    for block in body.split(f"\n{_FORMULA_MD}\n", 1)[1].split("\n\n"):
        block = block.strip()
        if not block:
            continue
        note = _FOOTNOTE_RE.match(block)
        if note:
            number, note_text = note.groups()
            footnotes.append(
                f"{number} {GAP if note_text == NOT_AVAILABLE else escape_marks(_plain(note_text, False))}"
            )
        elif block == MORE_FOOTNOTES:
            footnotes.append(GAP)
        elif footnotes:
            raise ImportFailed(source, f"a paragraph after the footnotes: {block[:60]!r}")
        else:
            paragraphs.append(_paragraph(block))
    lines = header + ["---", ENACTING_FORMULA, ""]
    for p in paragraphs:
        lines += [p, ""]
    if footnotes:
        lines += ["Footnotes:", *footnotes]
    return "\n".join(lines) + "\n"


def _paragraph(block: str) -> str:
    block = " ".join(block.split())
    if block.startswith("**Annex"):  # an annex's opening: label, title and sub-title
        label, *titles = [line.rstrip("\\") for line in block.split("\\ ")]
        return "\n".join([f"=== {label.strip('*')}"] + [_plain(t.strip("*"), drop_emphasis=False) for t in titles])
    if block.startswith("##"):  # a section heading, one level below the title
        marks, _, rest = block.partition(" ")
        return f"{marks[1:]} {_plain(rest, drop_emphasis=False)}"
    if block == NOT_AVAILABLE:
        return GAP
    number, dot, rest = block.partition(". ")
    if dot and number.isdigit() and rest == NOT_AVAILABLE:
        return f"{number}. {GAP}"
    partial = block.endswith(REST_NOT_AVAILABLE)
    if partial:
        block = block[: -len(REST_NOT_AVAILABLE)]
    return _plain(block, marks=True, partial=partial)


def parse_markdown(text: str, source: str) -> Resolution:
    return parse_docformat(markdown_to_docformat(text, source), source)
