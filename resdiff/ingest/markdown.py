"""Read back the Markdown that ``resdiff export --format md`` writes.

The export is a readable text (see :func:`resdiff.render.markdown.render_resolution_md`);
this module turns it into the resdiff text format, paragraph block by paragraph block,
and reads that with the one parser of that format, so a version exported and imported
again is the same version.
"""

from __future__ import annotations

import re

from ..docformat import parse_docformat
from ..errors import ImportFailed
from ..model import Resolution
from ..render.markdown import FACTS, FACTS_HEADING, MORE_FOOTNOTES, NOT_AVAILABLE, REST_NOT_AVAILABLE
from .structure import ENACTING_FORMULA, GAP

_FORMULA_MD = f"*{ENACTING_FORMULA[:-1]}*,"
_FOOTNOTE_RE = re.compile(r"^\[\^(\d{1,3})\]: (.*)$", re.S)
_FACT_RE = re.compile(r"^- ([A-Za-z ]+): (.*)$")


def looks_like_markdown(text: str) -> bool:
    """A resdiff Markdown export: a title line, the enacting formula in italics and the facts at the end."""
    text = text.lstrip("\ufeff")
    return text.startswith("# ") and f"\n{_FORMULA_MD}\n" in text and f"\n{FACTS_HEADING}\n" in text


def _plain(md: str, drop_emphasis: bool = True) -> str:
    """Markdown inline text to plain text: escapes undone, the emphasis of the lead phrase removed."""
    out: list[str] = []
    k = 0
    while k < len(md):
        ch = md[k]
        if ch == "\\" and k + 1 < len(md) and not md[k + 1].isalnum() and not md[k + 1].isspace():
            out.append(md[k + 1])
            k += 2
            continue
        if not (ch == "*" and drop_emphasis):
            out.append(ch)
        k += 1
    return "".join(out)


def _source(md: str) -> str:
    return md[1:-1] if md.startswith("<") and md.endswith(">") else _plain(md)


def markdown_to_docformat(text: str, source: str) -> str:
    """The resdiff text format of a Markdown export."""
    text = text.replace("\r\n", "\n").lstrip("\ufeff")
    body, sep, facts_md = text.rpartition(f"\n{FACTS_HEADING}\n")
    if not sep or f"\n{_FORMULA_MD}\n" not in body:
        raise ImportFailed(source, f"not a resdiff Markdown export: expected the line {_FORMULA_MD!r} "
                           f"and a final section {FACTS_HEADING!r}")
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
            footnotes.append(f"{number} {GAP if note_text == NOT_AVAILABLE else _plain(note_text, False)}")
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
    return _plain(block) + (GAP if partial else "")


def parse_markdown(text: str, source: str) -> Resolution:
    return parse_docformat(markdown_to_docformat(text, source), source)
