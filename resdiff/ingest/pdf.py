"""Import the English PDF of a resolution as published by the UN, from its text layer (pdfminer.six).

The layout tells what the text cannot: body text is in the most common font size; footnote
bodies are smaller and stand below the last body line of a page; footnote marks are small
raised digits, attached where they stand (far more reliable than guessing from misread
glyphs); a paragraph's first line is indented, so a page's first line continues the previous
paragraph unless it is indented. Running heads (text repeated at the same height on several
pages), page numbers ("3/8"), job numbers ("20-16437 (E)") and bar codes are dropped. The
masthead becomes metadata (see :mod:`resdiff.ingest.document`).
"""

from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass

from ..errors import ImportFailed
from ..model import ImportReport, Resolution
from .document import join_lines, resolution_from_paragraphs

_FURNITURE = (
    re.compile(r"^\d{1,3}/\d{1,3}$"),  # page number "3/8"
    re.compile(r"^\d{2}-\d{5} \(E\)"),  # job number
    re.compile(r"^\*\d{7}\*$"),  # bar code
)
SMALL = 0.93  # below this share of the body size: footnote text
RAISED = 0.75  # below this share: a superscript (footnote mark)
INDENT = 12.0  # points of first-line indent that start a paragraph


@dataclass
class _Line:
    page: int
    y: float
    x: float
    size: float
    text: str  # with footnote marks as [^N] (body) or a leading "N " (footnote bodies)
    height: float


def _lines(data: bytes, source: str) -> list[_Line]:
    try:
        from pdfminer.high_level import extract_pages
        from pdfminer.layout import LAParams, LTChar, LTTextContainer, LTTextLine
        from pdfminer.pdfparser import PDFSyntaxError
    except ImportError:  # pragma: no cover - a declared dependency
        raise ImportFailed(source, "reading PDF needs pdfminer.six (pip install pdfminer.six)") from None
    raw: list[tuple[int, float, float, list]] = []
    sizes: Counter[float] = Counter()
    try:
        for page_no, page in enumerate(extract_pages(io.BytesIO(data), laparams=LAParams())):
            for box in page:
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
        text, marks = [], []
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
        line_text = "".join(text).replace("\n", "").rstrip()
        out.append(_Line(page_no, round(y, 1), round(x, 1), size, line_text, max(c.height for c in main)))
    return out


def _mark(digits: list[str], before: list[str], leading: bool) -> str:
    number = "".join(digits)
    if leading:  # a footnote body's own number
        return f"{number} "
    while before and before[-1] == " ":  # the mark belongs to the word before it
        before.pop()
    return f"[^{number}]"


def parse_pdf(data: bytes, source: str, symbol: str | None = None) -> tuple[Resolution, ImportReport]:
    lines = _lines(data, source)
    body_size = Counter(line.size for line in lines).most_common(1)[0][0]
    # Running heads: the same text at the same height on more than one page.
    pages_of: dict[tuple[str, float], set[int]] = {}
    for line in lines:
        pages_of.setdefault((line.text, line.y), set()).add(line.page)
    lines = [line for line in lines if len(pages_of[(line.text, line.y)]) < 2]
    lines = [line for line in lines if not any(r.match(line.text.strip()) for r in _FURNITURE)]
    lines = _merge_same_height(lines)
    left = min((line.x for line in lines if line.size == body_size), default=0.0)
    paragraphs: list[list[str]] = []
    footnotes: dict[int, list[str]] = {}
    warnings: list[str] = []
    pages = sorted({line.page for line in lines})
    last_y: float | None = None
    for page in pages:
        on_page = sorted((line for line in lines if line.page == page), key=lambda ln: -ln.y)
        body = [line for line in on_page if line.size >= body_size * SMALL]
        lowest = min((line.y for line in body), default=0.0)
        last_y = None
        current_note: int | None = None
        for line in on_page:
            if line.size < body_size * SMALL and line.y < lowest:
                m = re.match(r"^(\d{1,3}) (.*)$", line.text.strip())
                if m:
                    current_note = int(m.group(1))
                    footnotes[current_note] = [m.group(2)]
                elif current_note is not None:
                    footnotes[current_note].append(line.text.strip())
                continue
            gap = last_y - line.y if last_y is not None else None
            indented = line.x > left + INDENT
            opens = (not paragraphs or indented or (gap is not None and gap > line.height * 1.9)
                     or (last_y is None and page == pages[0]))
            if line.size != body_size and last_y is not None and gap is not None and gap > line.height * 1.2:
                opens = True  # masthead lines of other sizes, spaced apart
            if opens:
                paragraphs.append([line.text])
            else:
                paragraphs[-1].append(line.text)
            last_y = line.y
    joined = [join_lines(p) for p in paragraphs]
    notes = {n: join_lines(t) or None for n, t in footnotes.items()}
    marks = [int(n) for p in joined for n in re.findall(r"\[\^(\d+)\]", p)]
    if marks and sorted(set(marks)) != sorted(notes):
        warnings.append(f"footnote marks {sorted(set(marks))} and footnote bodies {sorted(notes)} do not match")
    return resolution_from_paragraphs(joined, notes, source, symbol, warnings)


def _merge_same_height(lines: list[_Line]) -> list[_Line]:
    """Pieces of one printed line (an OP number and its text, split at the tab) become one line."""
    out: list[_Line] = []
    for line in sorted(lines, key=lambda ln: (ln.page, -ln.y, ln.x)):
        prev = out[-1] if out else None
        if prev is not None and prev.page == line.page and abs(prev.y - line.y) < 1.0 and prev.size == line.size:
            prev.text = f"{prev.text} {line.text}"
        else:
            out.append(line)
    return out
