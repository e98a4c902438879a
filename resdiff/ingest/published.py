"""Import the text of a resolution as extracted from its published PDF.

Text extraction (or OCR) of a UN resolution gives page breaks that cut
paragraphs in two, footnote bodies printed between the halves, footnote
markers read as ``!``, ``?``, ``®``, ``*``, ``'`` or lost, and page furniture.
The repairs follow the structure of UN documents rather than any one file:

* a page foot is a run of footnote bodies: it starts with a numbered line, a
  lone number, a misread marker and text, or (when the page's text ended a
  paragraph) with a line that does not open a paragraph; it ends where the
  next page starts (an indented line);
* a line after a page foot continues the paragraph unless that paragraph had
  ended and the line opens a new one (a lead phrase or an OP number);
* footnotes are numbered in order of first reference, so a foot's bodies are
  numbered in sequence whatever digits the extraction read, and the markers on
  a page belong to the footnotes at its foot, in order;
* when a page has fewer markers than footnotes, a marker whose glyph is a
  known misreading of a digit anchors it; footnotes left over are kept but
  reported as unplaced: the importer never guesses where a reference stood.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..errors import ImportFailed
from ..model import Footnote, ImportReport, Resolution
from ..symbol import Symbol
from .document import _DATE_RE, _MEETING_RE, _OP_START_RE, body_start, finish, join_lines, read_masthead
from .structure import ENACTING_FORMULA, ends_paragraph, opens_paragraph, paragraph_blocks, starts_paragraph

_FURNITURE_RES = (
    re.compile(r"^\s*\d{1,2}/\d{1,2}\s*$"),  # page number "3/8"
    re.compile(r"^\s*\d{2}-\d{5} \(E\)"),  # job number "20-16437 (E) 141220"
    re.compile(r"^\s*\*\d{7}\*\s*$"),  # bar code "*2016437*"
)
_NUMBERED_NOTE_RE = re.compile(r"^\s*(\d{1,3}) (\S.*)$")
_LONE_NUMBER_RE = re.compile(r"^\s*(\d{1,3})\s*$")
MARKER_GLYPHS = "!?®*'’%"
_GLYPH_NOTE_RE = re.compile(rf"^\s*([{MARKER_GLYPHS}]+) (\S.*)$")
# A marker stands right after a word or punctuation and before a space or the
# end; a digit run counts only after punctuation, where a number cannot be.
_MARKER_RE = re.compile(
    rf"(?<=[^\s\d])([{MARKER_GLYPHS}]+)(?=\s|$)|(?<=[,;:)”’])(\d{{1,2}})(?=\s|$)|(?<=[^\d][.])(\d{{1,2}})(?=\s|$)"
)
# Glyphs that extraction commonly reads for a superscript digit.
_GLYPH_DIGIT = {"!": "1", "?": "2"}


@dataclass
class _Marker:
    glyph: str
    note: int | None = None


@dataclass
class _Page:
    lines: list[str] = field(default_factory=list)
    foot: list[str] = field(default_factory=list)


def parse_published(text: str, source: str, symbol: str | None = None) -> tuple[Resolution, ImportReport]:
    """Read a resolution from the text of its published PDF."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff").split("\n")]
    meta: dict[str, str] = {}
    warnings: list[str] = []

    formula = next((k for k, line in enumerate(lines) if line.strip() == ENACTING_FORMULA), None)
    has_numbered = any(_OP_START_RE.match(line) for line in lines)
    head_end = formula if formula is not None else body_start(lines) if has_numbered else None
    if head_end is None:
        raise ImportFailed(source, f"not a resolution: no line '{ENACTING_FORMULA}' and no numbered paragraphs")
    read_masthead(lines[:head_end], meta)

    closing = next((k for k in range(head_end, len(lines)) if _MEETING_RE.match(lines[k])), None)
    body_end = closing if closing is not None else len(lines)
    trailing: list[str] = []
    if closing is not None:
        meta["meeting"] = _MEETING_RE.match(lines[closing]).group(1)
        rest = [line for line in lines[closing + 1 :] if line.strip()]
        if rest and _DATE_RE.match(rest[0]):
            meta.setdefault("adopted", rest[0].strip())
            rest = rest[1:]
        trailing = rest  # the last page's foot, if any
    body = [line for line in lines[head_end + 1 if formula is not None else head_end : body_end]
            if not any(r.match(line) for r in _FURNITURE_RES) and not _is_running_head(line, meta)]

    pages = _split_pages(body)
    if trailing:
        pages[-1].foot += trailing
    blocks, footnotes = _assemble(pages, warnings)

    return finish(meta, blocks, footnotes, source, symbol, warnings)


def _is_running_head(line: str, meta: dict[str, str]) -> bool:
    # A running head repeats the symbol, alone or before the title.
    s = line.strip()
    sym = Symbol.find(meta.get("symbol", ""))
    head = str(sym) if sym else "\0"
    return s == head or (s.startswith(head + " ") and s.endswith(meta.get("title", "\0")))


def _split_pages(body: list[str]) -> list[_Page]:
    """Separate page text from page feet (footnote bodies)."""
    pages = [_Page()]
    in_foot = False
    last_text = ""
    previous_blank = True
    for line in body:
        blank = not line.strip()
        if in_foot:
            if not blank and line.startswith(" "):
                in_foot = False
                pages.append(_Page())
            else:
                pages[-1].foot.append(line)
                previous_blank = blank
                continue
        if not blank and _starts_foot(line, previous_blank, last_text):
            in_foot = True
            pages[-1].foot.append(line)
        else:
            pages[-1].lines.append(line)
            if not blank:
                last_text = line
        previous_blank = blank
    return pages


def _starts_foot(line: str, previous_blank: bool, last_text: str) -> bool:
    if previous_blank and (
        _LONE_NUMBER_RE.match(line) or _GLYPH_NOTE_RE.match(line)
        or (_NUMBERED_NOTE_RE.match(line) and not _OP_START_RE.match(line))
    ):
        return True
    # An unnumbered footnote body right under a paragraph that had ended.
    s = line.strip()
    return (line.startswith(" ") and ends_paragraph(last_text) and not opens_paragraph(s)
            and s[:1].isupper())


def _assemble(pages: list[_Page], warnings: list[str]) -> tuple[list[str], list[Footnote]]:
    """Paragraph blocks with ``[^N]`` references, and the footnotes, from the pages."""
    markers: list[_Marker] = []
    markers_by_page: list[list[_Marker]] = []
    blocks: list[list[str]] = []
    for page_no, page in enumerate(pages):
        page_markers: list[_Marker] = []

        def take(m: re.Match[str], line: str, page_markers: list[_Marker] = page_markers) -> str:
            glyph = m.group(0)
            if glyph in ("'", "’") and line[m.start() - 1] == "s":
                return glyph  # a plural possessive ("States’"), not a marker
            marker = _Marker(glyph)
            markers.append(marker)
            page_markers.append(marker)
            return f"\0{len(markers) - 1}\0"

        marked = [_MARKER_RE.sub(lambda m, t=line.strip(): take(m, t), line.strip()) for line in page.lines]
        for k, group in enumerate(paragraph_blocks(marked)):
            if k == 0 and page_no > 0 and blocks and not starts_paragraph(blocks[-1][-1], group[0]):
                blocks[-1].extend(group)  # a paragraph continued across a page break
            else:
                blocks.append(group)
        markers_by_page.append(page_markers)

    footnotes: list[Footnote] = []
    next_number = 1
    for page, page_markers in zip(pages, markers_by_page):
        numbers = []
        for read, body in _foot_bodies(page.foot):
            if read is not None and read != next_number:
                warnings.append(f"footnote {next_number}: its number was read as {read}; footnotes are "
                                f"numbered in order, so it is footnote {next_number}")
            footnotes.append(Footnote(next_number, body))
            numbers.append(next_number)
            next_number += 1
        _assign(page_markers, numbers, warnings)

    def replace_marker(m: re.Match[str]) -> str:
        marker = markers[int(m.group(1))]
        return f"[^{marker.note}]" if marker.note is not None else ""

    joined = (re.sub(r"\0(\d+)\0", replace_marker, join_lines(b)) for b in blocks)
    return [re.sub(r" {2,}", " ", b) for b in joined], footnotes


def _foot_bodies(foot: list[str]) -> list[tuple[int | None, str]]:
    """Split a page foot into (number as read, text) pairs."""
    bodies: list[tuple[int | None, list[str]]] = []
    awaiting_body = False
    for line in foot:
        s = line.strip()
        if not s:
            continue
        if m := _LONE_NUMBER_RE.match(s):
            bodies.append((int(m.group(1)), []))
            awaiting_body = True
            continue
        m = _NUMBERED_NOTE_RE.match(s)
        g = _GLYPH_NOTE_RE.match(s)
        if awaiting_body:
            bodies[-1][1].append(s)
            awaiting_body = False
        elif m and not _continues_number(bodies, s):
            bodies.append((int(m.group(1)), [m.group(2)]))
        elif g:
            bodies.append((None, [g.group(2)]))
        elif not bodies or (join_lines(bodies[-1][1]).endswith(".") and s[:1].isupper()):
            bodies.append((None, [s]))
        else:
            bodies[-1][1].append(s)
    return [(n, join_lines(b)) for n, b in bodies]


def _continues_number(bodies: list[tuple[int | None, list[str]]], line: str) -> bool:
    # "2370 (2017)." on the second line of a footnote is not footnote 2370.
    return bool(bodies) and not join_lines(bodies[-1][1]).endswith(".") and bool(re.match(r"^\d{4}\b", line))


def _assign(markers: list[_Marker], numbers: list[int], warnings: list[str]) -> None:
    """Give the markers of one page the numbers of the footnotes at its foot."""
    if len(markers) == len(numbers):
        for marker, number in zip(markers, numbers):
            marker.note = number
        return
    if len(markers) > len(numbers):
        warnings.append(f"{len(markers)} footnote marks on a page with {len(numbers)} footnote bodies; "
                        "the marks were removed and not attached")
        return
    # Fewer markers than footnotes: anchor markers whose glyph reads as a digit,
    # then pair the rest in order only where the counts between anchors agree.
    anchors: list[tuple[int, int]] = [(-1, -1)]
    for i, marker in enumerate(markers):
        digit = _GLYPH_DIGIT.get(marker.glyph, marker.glyph if marker.glyph.isdigit() else None)
        if digit is None:
            continue
        fits = [j for j, n in enumerate(numbers) if str(n).endswith(digit) and j > anchors[-1][1]]
        if len(fits) == 1:
            anchors.append((i, fits[0]))
    anchors.append((len(markers), len(numbers)))
    for (i0, j0), (i1, j1) in zip(anchors, anchors[1:]):
        if 0 <= i0:
            markers[i0].note = numbers[j0]
        between_m, between_n = markers[i0 + 1 : i1], numbers[j0 + 1 : j1]
        if len(between_m) == len(between_n):
            for marker, number in zip(between_m, between_n):
                marker.note = number
        elif between_m:  # footnotes left without any mark are reported as unplaced by the caller
            warnings.append(f"footnotes {', '.join(map(str, between_n))}: {len(between_m)} marks for "
                            f"{len(between_n)} footnotes; none of these marks was attached")
