"""Import the English PDF of a resolution as published by the UN, from its text layer (pdfminer.six).

The layout tells what the text cannot. Body text is in the most common font size. A page's
footnote zone is what stands below the short rule that word processors draw above footnotes,
or, on a page without one, the smaller type below the last line of body text; so footnotes set
at nearly the body's size (93% and more) are still footnotes. A footnote opens with the number
expected next, raised or not, glued to its text ("1See …", LibreOffice's default), set off by a
space, or by a tab with a hanging indent (the number then stands apart, a little higher); a foot
that opens with text continues the previous page's last footnote. Footnote marks in the body are
small raised digits, attached where they stand (far more reliable than guessing from misread
glyphs); a paragraph's first line is indented, so a page's first line continues the previous
paragraph unless it is indented. Running heads (text repeated at the same height on several
pages), page numbers ("3/8"), job numbers ("20-16437 (E)", or "20-16437 2/6" on one line) and
bar codes are dropped. The masthead becomes metadata (see :mod:`resdiff.ingest.document`).
"""

from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass

from resdiff.core.blocks import ends_paragraph, marks_from_placeholders, opens_paragraph, unescape_marks
from resdiff.core.errors import ImportFailed
from resdiff.core.model import ImportReport, Resolution
from resdiff.ingest.document import _DATE_RE, _MEETING_RE, is_page_furniture, join_lines, resolution_from_paragraphs

SMALL = 0.93  # below this share of the body size: footnote text (on a page without a footnote rule)
RAISED = 0.75  # below this share: a superscript (footnote mark)
INDENT = 12.0  # points of first-line indent that start a paragraph
RULE_HEIGHT = 2.0  # points: a footnote separator is a thin horizontal line …
RULE_WIDTH = (20.0, 0.5)  # … at least this long, and shorter than this share of the page's width


@dataclass
class _Line:
    page: int
    y: float
    x: float
    size: float
    text: str  # with footnote marks as [^N] (body) or a leading "N " (footnote bodies)
    height: float


def _lines(data: bytes, source: str) -> tuple[list[_Line], dict[int, list[float]]]:
    """The text lines of every page, and the height of each footnote rule (short thin line) by page."""
    try:
        from pdfminer.high_level import extract_pages
        from pdfminer.layout import LAParams, LTChar, LTCurve, LTTextContainer, LTTextLine
        from pdfminer.pdfparser import PDFSyntaxError
    except ImportError:  # pragma: no cover - a declared dependency
        raise ImportFailed(source, "reading PDF needs pdfminer.six (pip install pdfminer.six)") from None
    raw: list[tuple[int, float, float, list]] = []
    sizes: Counter[float] = Counter()
    rules: dict[int, list[float]] = {}
    try:
        for page_no, page in enumerate(extract_pages(io.BytesIO(data), laparams=LAParams())):
            for box in page:
                if (
                    isinstance(box, LTCurve)
                    and box.height <= RULE_HEIGHT
                    and (RULE_WIDTH[0] <= box.width < page.width * RULE_WIDTH[1])
                ):
                    rules.setdefault(page_no, []).append(box.y0)
                if not isinstance(box, LTTextContainer):
                    continue
                for line in box:
                    if isinstance(line, LTTextLine):
                        items = list(line)
                        sizes.update(round(c.size, 1) for c in items if isinstance(c, LTChar) and c.get_text().strip())
                        raw.append((page_no, line.y0, line.x0, items))
    except (PDFSyntaxError, ValueError, TypeError, KeyError, AttributeError) as e:
        raise ImportFailed(source, f"the PDF could not be read ({type(e).__name__}: {e})") from None
    except Exception as e:  # pdfminer raises many kinds of its own on damaged files
        if type(e).__module__.startswith("pdfminer"):
            raise ImportFailed(source, f"the PDF could not be read ({type(e).__name__}: {e})") from None
        raise
    if not sizes:
        raise ImportFailed(source, "the PDF has no text layer (a scan?); run OCR first and import the text")
    body = sizes.most_common(1)[0][0]
    out = []
    for page_no, y, x, items in raw:
        chars = [c for c in items if isinstance(c, LTChar)]
        if not chars:
            continue
        main = [c for c in chars if c.size >= body * RAISED] or chars
        size = Counter(round(c.size, 1) for c in main).most_common(1)[0][0]
        text: list[str] = []
        marks: list[str] = []
        for c in items:
            ch = c.get_text()
            if isinstance(c, LTChar) and c.size < size * RAISED and ch.isdigit():
                marks.append(ch)
                continue
            if marks:
                text.append(_mark(marks, text, leading=not "".join(text).strip()))
                marks = []
            text.append(ch)
        if marks:
            text.append(_mark(marks, text, leading=not "".join(text).strip()))
        # Marks are placeholders until the words are escaped: "[^12]" printed in the page is text.
        line_text = marks_from_placeholders("".join(text).replace("\n", "").rstrip())
        out.append(_Line(page_no, round(y, 1), round(x, 1), size, line_text, max(c.height for c in main)))
    return out, rules


def _mark(digits: list[str], before: list[str], leading: bool) -> str:
    number = "".join(digits)
    if leading:  # a footnote body's own number
        return f"{number} "
    while before and before[-1] == " ":  # the mark belongs to the word before it
        before.pop()
    return f"\0{number}\0"


def parse_pdf(data: bytes, source: str, symbol: str | None = None) -> tuple[Resolution, ImportReport]:
    lines, rules = _lines(data, source)
    body_size = Counter(line.size for line in lines).most_common(1)[0][0]
    # Running heads: the same text at the same height on more than one page.
    pages_of: dict[tuple[str, float], set[int]] = {}
    for line in lines:
        pages_of.setdefault((line.text, line.y), set()).add(line.page)
    lines = [line for line in lines if len(pages_of[(line.text, line.y)]) < 2]
    lines = [line for line in lines if not is_page_furniture(line.text)]
    left = min((line.x for line in lines if line.size == body_size), default=0.0)
    paragraphs: list[list[str]] = []
    notes: list[list[str]] = []
    warnings: list[str] = []
    pages = sorted({line.page for line in lines})
    for page in pages:
        on_page = [line for line in lines if line.page == page]
        foot, text = _foot_zone(on_page, rules.get(page, []), body_size)
        _read_foot(foot, notes, warnings)
        last_y: float | None = None
        for line in _merge_same_height(text):
            gap = last_y - line.y if last_y is not None else None
            indented = line.x > left + INDENT
            opens = (
                not paragraphs
                or indented
                or (gap is not None and gap > line.height * 1.9)
                or (last_y is None and page == pages[0])
                # a page's first line after a paragraph that ended: a new paragraph or the closing
                or (
                    last_y is None
                    and ends_paragraph(paragraphs[-1][-1])
                    and (opens_paragraph(line.text) or bool(_MEETING_RE.match(line.text)))
                )
            )
            if line.size != body_size and last_y is not None and gap is not None and gap > line.height * 1.2:
                opens = True  # masthead lines of other sizes, spaced apart
            if paragraphs and _MEETING_RE.match(paragraphs[-1][-1]) and _DATE_RE.match(line.text):
                opens = True  # the closing: meeting, then date
            if opens:
                paragraphs.append([line.text])
            else:
                paragraphs[-1].append(line.text)
            last_y = line.y
    joined = [join_lines(p) for p in paragraphs]
    footnotes = {n: unescape_marks(join_lines(t)) or None for n, t in enumerate(notes, 1)}  # text, not a block
    marks = [int(n) for p in joined for n in re.findall(r"\[\^(\d+)\]", p)]
    if marks and sorted(set(marks)) != sorted(footnotes):
        warnings.append(f"footnote marks {sorted(set(marks))} and footnote bodies {sorted(footnotes)} do not match")
    return resolution_from_paragraphs(joined, footnotes, source, symbol, warnings)


def _foot_zone(on_page: list[_Line], rules: list[float], body_size: float) -> tuple[list[_Line], list[_Line]]:
    """A page's footnote lines (top to bottom) and its other lines.

    Below the lowest footnote rule that has text above it; on a page without one, the lines in
    smaller type below the last line in body type."""
    above = [y for y in rules if any(line.y > y for line in on_page)]
    if above:
        rule = min(above)
        foot = [line for line in on_page if line.y + line.height / 2 < rule]
    else:
        body = [line for line in on_page if line.size >= body_size * SMALL]
        lowest = min((line.y for line in body), default=0.0)
        foot = [line for line in on_page if line.size < body_size * SMALL and line.y < lowest]
    text = [line for line in on_page if line not in foot]
    return sorted(foot, key=lambda ln: (-ln.y, ln.x)), text


def _read_foot(foot: list[_Line], notes: list[list[str]], warnings: list[str]) -> None:
    """Add a page's footnotes to ``notes`` (numbered in order from 1), continuing the last one where
    the foot opens with text: that footnote ran on from the page before."""
    rows: list[list[_Line]] = []
    for line in foot:
        # A number set apart (tab, hanging indent) stands a little higher than its text's baseline.
        row = next(
            (
                r
                for r in rows
                if r[0].y - 1.0 <= line.y <= r[0].y + r[0].height or line.y - 1.0 <= r[0].y <= line.y + line.height
            ),
            None,
        )
        if row is None:
            rows.append([line])
        else:
            row.append(line)
    for row in sorted(rows, key=lambda r: -max(ln.y for ln in r)):
        text = " ".join(ln.text.strip() for ln in sorted(row, key=lambda ln: ln.x)).strip()
        m = re.match(r"^(\d{1,3})\s*(\S.*)$", text)
        if m and int(m.group(1)) == len(notes) + 1:
            notes.append([m.group(2)])
        elif notes:
            notes[-1].append(text)
        else:
            warnings.append(f"text at a page foot before any footnote was left out: {text[:60]!r}")


def _merge_same_height(lines: list[_Line]) -> list[_Line]:
    """Pieces of one printed line (an OP number and its text, split at the tab) become one line."""
    out: list[_Line] = []
    for line in sorted(lines, key=lambda ln: (ln.page, -ln.y, ln.x)):  # one page's lines
        prev = out[-1] if out else None
        if prev is not None and prev.page == line.page and abs(prev.y - line.y) < 1.0 and prev.size == line.size:
            prev.text = f"{prev.text} {line.text}"
        else:
            out.append(line)
    return out
