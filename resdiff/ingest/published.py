"""Import the text of a resolution as extracted from its published PDF.

pdftotext (with or without ``-layout``), a PDF viewer's copy or OCR give the words of a
resolution in the order of the page, with what the page adds around them: running heads,
page feet (job number, page number "3/7", bar code), form feeds, footnote bodies printed
between the halves of a paragraph cut by a page break, and footnote marks as superscript
digits, digits glued to the word or set off by spaces, or misread as ``!``, ``?``, ``®``,
``*``, ``'``, ``’``, ``%``, ``°`` (alone or before a digit). The repairs follow the structure of
UN documents rather than any one file:

* page boundaries come from whichever signal the text has: a form feed, a line of page
  furniture, a line indented past the text's margin right after a page foot, or none;
* a page foot (footnote bodies) starts, after the page's text, with the footnote expected next
  ("4 See …", a lone "4", "⁴ See …", a misread glyph, or a rule of underscores) or, in OCR with a
  number lost, with a line that does not open a paragraph right under one that ended; it ends at
  the next page boundary or, where the text shows none, where the text plainly resumes;
* a footnote that does not end a sentence at the foot of a page runs on: its continuation is the
  block set apart at the foot of the next page, before that page's own footnotes;
* footnotes are numbered in order of first reference, so a foot's bodies are numbered in
  sequence whatever digits the extraction read, and the marks on a page belong to the footnotes
  at its foot, in order; a mark in digits counts only where it is the number expected next, so
  "on 3 May 1996" is never a mark;
* a line opens a paragraph only when the text before it ended one (",", ";", ".", ":", then
  perhaps a mark) and the line opens one (a lead phrase, an operative number, a sub-paragraph
  label, an indent, or a capital after a blank line): "…Use of Mines," then "Booby Traps …"
  stays one paragraph, and a paragraph ending in a mark at a page foot is not glued to the next;
* when a page has fewer marks than footnotes, a mark whose glyph is a known misreading of a
  digit anchors it; footnotes left over are kept but reported as unplaced: the importer never
  guesses where a reference stood.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from resdiff.core.blocks import (
    ENACTING_FORMULA,
    ends_paragraph,
    marks_from_placeholders,
    opens_paragraph,
    paragraph_blocks,
)
from resdiff.core.dates import MONTHS
from resdiff.core.errors import ImportFailed
from resdiff.core.model import Footnote, ImportReport, Resolution
from resdiff.ingest.document import (
    _DATE_RE,
    _MEETING_RE,
    _OP_START_RE,
    ANNEX_LABEL_RE,
    annex_opening,
    annex_title_like,
    body_start,
    finish,
    is_page_furniture,
    join_lines,
    read_masthead,
    split_columns,
)

MARKER_GLYPHS = "!?®*'’%°"
SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_FROM_SUPERSCRIPT = str.maketrans(SUPERSCRIPT_DIGITS, "0123456789")
_NUMBERED_NOTE_RE = re.compile(r"^(\d{1,3}) (\S.*)$")
_LONE_NUMBER_RE = re.compile(r"^(\d{1,3})$")
_GLYPH_NOTE_RE = re.compile(rf"^([{MARKER_GLYPHS}]+\d{{0,2}}) (\S.*)$")
_SUPERSCRIPT_NOTE_RE = re.compile(rf"^([{SUPERSCRIPT_DIGITS}]+) ?(\S.*)?$")
_RULE_RE = re.compile(r"^[_\-–—]{5,}$")
_MONTH_RE = re.compile(rf"^(?:{'|'.join(MONTHS)})\b")
# A mark stands right after a word or punctuation and before a space, punctuation or the end:
# superscript digits; misread glyphs (perhaps with a digit read right: "!3"); digits glued to a
# word or to punctuation ("Bombings10", "73/67,13"); digits set off by a space ("recipients, 1
# which"). Digits count only where they are the number expected next (see _Marks).
_MARK_RE = re.compile(
    rf"(?P<sup>[{SUPERSCRIPT_DIGITS}]+)"
    rf"|(?<=[^\s\d])(?P<glyph>[{MARKER_GLYPHS}]+\d{{0,2}})(?=[\s,;:]|$)"
    r"|(?:(?<=[A-Za-z,;:)\]”’])|(?<=[^\d\s][.]))(?P<glued>\d{1,3})(?=[\s,;:.]|$)"
    r"|(?:(?<=\S )|^)(?P<spaced>\d{1,3})(?=\s|[,;:.]?$)"
)
# Words after which a number is part of the text ("paragraph 5", "on 3 May"), not a mark.
_NUMBER_TAKERS = {
    "paragraph",
    "paragraphs",
    "article",
    "articles",
    "resolution",
    "resolutions",
    "item",
    "items",
    "no.",
    "vol.",
    "target",
    "goal",
    "goals",
    "annex",
    "chapter",
    "section",
    "rule",
    "rules",
    "principle",
    "protocol",
    "on",
    "of",
    "and",
    "to",
    "from",
    "by",
    "the",
    "last",
    "first",
    "part",
    "decision",
    "session",
    "sessions",
    "p.",
    "pp.",
    "para.",
    "at",
    "in",
    "for",
    "than",
    "over",
}
# Glyphs that extraction commonly reads for a superscript digit.
_GLYPH_DIGIT = {"!": "1", "?": "2"}
_FUNCTION_WORDS = {
    "and",
    "or",
    "which",
    "to",
    "in",
    "of",
    "on",
    "with",
    "for",
    "as",
    "including",
    "that",
    "the",
    "while",
    "by",
    "at",
    "is",
    "are",
    "was",
    "were",
    "has",
    "have",
    "where",
    "from",
}
_SUB_LABEL_RE = re.compile(r"^\((?:[a-z]{1,2}|[ivxl]{1,6})\)\s")
_FOOTNOTE_END_RE = re.compile(r'\.[”’")]?$')
_TAB = 4


@dataclass
class _Marker:
    glyph: str
    number: int | None = None  # the number the mark reads as, when it is printed in digits
    spaced: bool = False
    note: int | None = None  # the footnote it is attached to


@dataclass
class _Line:
    raw: str  # as extracted, without its indentation
    indent: int
    after_blank: bool = False
    after_break: bool = False  # first line after a page boundary or a page foot
    marked: str = ""  # the text with marks replaced by "\0k\0" (index into the markers)
    marks: list[int] = field(default_factory=list)


@dataclass
class _Page:
    lines: list[_Line] = field(default_factory=list)
    foot: list[str] = field(default_factory=list)
    continues: bool = False  # the foot opens with the rest of the previous page's last footnote
    numbers: list[int] = field(default_factory=list)  # the footnotes whose bodies start at this foot


def parse_published(text: str, source: str, symbol: str | None = None) -> tuple[Resolution, ImportReport]:
    """Read a resolution from the text of its published PDF."""
    raw_lines = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff").split("\n")
    lines: list[str] = []
    tabbed: list[str] = []  # the lines with their tabs, which part a masthead table's cells when pasted
    breaks: set[int] = set()  # indexes of lines a form feed stands before
    for line in raw_lines:
        if "\f" in line:
            breaks.add(len(lines))
            line = line.replace("\f", "")
        tabbed.append(line)
        lines.append(line.expandtabs(_TAB).rstrip())
    meta: dict[str, str] = {}
    warnings: list[str] = []

    formula = next((k for k, line in enumerate(lines) if line.strip() == ENACTING_FORMULA), None)
    has_numbered = any(_OP_START_RE.match(line) for line in lines)
    head_end = formula if formula is not None else body_start(lines) if has_numbered else None
    if head_end is None:
        raise ImportFailed(source, f"not a resolution: no line '{ENACTING_FORMULA}' and no numbered paragraphs")
    read_masthead([piece for line in tabbed[:head_end] for piece in split_columns(line)], meta)

    first = head_end + 1 if formula is not None else head_end
    if mark := meta.get("sponsors_mark"):
        _take_sponsors_note(lines, first, mark, meta)
    meetings = [k for k in range(first, len(lines)) if _MEETING_RE.match(lines[k])]
    # An annex opens after the closing lines ("Annex", then its title): the closing is the last meeting
    # line before it (a resolution adopted in parts closes each part); without an annex, the first.
    annex_at = (
        next((k for k in range(meetings[0], len(lines)) if ANNEX_LABEL_RE.match(lines[k])), None) if meetings else None
    )
    closing: int | None = (
        max(k for k in meetings if k < annex_at) if annex_at is not None else next(iter(meetings), None)
    )
    end = annex_at if annex_at is not None else len(lines)
    for k in meetings:
        if closing is not None and k < closing:  # a part's closing lines are not text of the resolution
            lines[k] = ""
            if k + 1 < len(lines) and _DATE_RE.match(lines[k + 1]):
                lines[k + 1] = ""
    if closing is not None:
        meta["meeting"] = _MEETING_RE.match(lines[closing]).group(1)  # type: ignore[union-attr]
    trailing: list[str] = []
    body_end = len(lines)
    if closing is not None:
        body_end = closing
        after = [
            k
            for k in range(closing + 1, end)
            if lines[k].strip() and not is_page_furniture(lines[k], meta.get("symbol"), meta.get("title"))
        ]
        # The date may follow the last page's foot, when the page broke after the meeting line.
        date = next((k for k in after if _DATE_RE.match(lines[k])), None)
        if date is not None:
            meta.setdefault("adopted", lines[date].strip())
            after.remove(date)
        trailing = [lines[k] for k in after]  # the last page's foot, if any

    symbol_seen = meta.get("symbol")
    body = lines[first:body_end]
    page_breaks = {k - first for k in breaks if k < body_end}
    openings: list[str] = []
    if annex_at is not None:
        annex_lines, annex_breaks = _annex_lines(lines, annex_at, breaks, openings)
        page_breaks |= {len(body) + k for k in annex_breaks}
        body += annex_lines
    margin = min((len(line) - len(line.lstrip()) for line in body if line.strip()), default=0)
    if closing is not None and len(lines[closing]) - len(lines[closing].lstrip()) > margin:
        breaks.add(body_end)  # the closing, indented, starts a page (OCR)
    pages, markers, note_open = _split_pages(
        body, page_breaks, lambda s: is_page_furniture(s, symbol_seen, meta.get("title"))
    )
    trailing = [line.strip() for line in trailing]
    if trailing:
        if pages[-1].foot:  # the last page's foot ran on past the closing
            pages.append(_Page())
        pages[-1].continues = note_open
        pages[-1].foot += trailing
    blocks, footnotes = _assemble(pages, markers, warnings)
    blocks = [openings[ord(b[-1]) - ord("a")] if b.startswith(_ANNEX_PLACE) else b for b in blocks]
    return finish(meta, blocks, footnotes, source, symbol, warnings)


_ANNEX_PLACE = "=== annex-"  # where an annex opens, among the lines: no text reads so, and it holds no digit


def _annex_lines(lines: list[str], start: int, breaks: set[int], openings: list[str]) -> tuple[list[str], set[int]]:
    """The lines of the annexes from ``start`` (an "Annex" line), each annex's label and title lines replaced
    by a line of its own that the paragraphs will not join; ``openings`` receives each annex's opening
    block, in order. Also the page breaks among the lines returned."""
    out: list[str] = []
    out_breaks: set[int] = set()
    k = start
    while k < len(lines):
        if k in breaks:
            out_breaks.add(len(out))
        if not ANNEX_LABEL_RE.match(lines[k]):
            out.append(lines[k])
            k += 1
            continue
        label, k = lines[k], k + 1
        titles: list[str] = []
        while len(titles) < 2:  # the title, then a sub-title: each a run of lines up to a blank one
            while k < len(lines) and not lines[k].strip():
                k += 1
            run: list[str] = []
            while k < len(lines) and lines[k].strip() and annex_title_like(lines[k]):
                run.append(lines[k].strip())
                k += 1
            if not run:
                break
            titles.append(" ".join(run))
        openings.append(annex_opening(label, titles))
        out += ["", _ANNEX_PLACE + chr(ord("a") + len(openings) - 1), ""]
    return out, out_breaks


class _Marks:
    """Finds the footnote marks of body lines in reading order, keeping the count that digits must follow."""

    def __init__(self) -> None:
        self.markers: list[_Marker] = []
        self.last = 0  # the number of the last mark (glyph marks count one each)

    def mark(self, line: _Line) -> None:
        text = " ".join(line.raw.split())
        line.marks = []

        def take(m: re.Match[str]) -> str:
            kind = m.lastgroup
            assert kind is not None  # every alternative of _MARK_RE is a named group
            value = m.group(kind)
            marker: _Marker | None = None
            if kind == "sup":
                number = int(value.strip().translate(_FROM_SUPERSCRIPT))
                marker = _Marker(value, number, spaced=text[m.start() - 1 : m.start()] == " ")
            elif kind == "glyph":
                if not self._possessive(value, text, m.start()):
                    marker = _Marker(value)
            else:
                number = int(value)
                if self._expected(number, spaced=kind == "spaced", text=text, at=m.start(kind), end=m.end()):
                    marker = _Marker(value, number, spaced=kind == "spaced")
            if marker is None:
                return m.group(0)
            self.last = marker.number if marker.number is not None else self.last + 1
            self.markers.append(marker)
            line.marks.append(len(self.markers) - 1)
            return f"\0{len(self.markers) - 1}\0"

        line.marked = _MARK_RE.sub(take, text)

    def forget(self, line: _Line) -> None:
        """The line turned out to be a footnote's continuation, not text: its marks were not marks."""
        for index in reversed(line.marks):
            if index == len(self.markers) - 1:
                self.markers.pop()
        self.last = next((m.number for m in reversed(self.markers) if m.number is not None), len(self.markers))

    def _expected(self, number: int, spaced: bool, text: str, at: int, end: int) -> bool:
        if spaced:
            before = text[:at].split()
            word = before[-1].lower() if before else ""
            after = text[end:].lstrip()
            return (
                number == self.last + 1
                and word not in _NUMBER_TAKERS
                and not _MONTH_RE.match(after)
                and not after.startswith(("per cent", "%", "("))
                and not after[:1].isupper()
            )
        return self.last < number <= self.last + 2  # one mark may have been lost before it

    @staticmethod
    def _possessive(glyph: str, text: str, at: int) -> bool:
        # "States’ experts": an apostrophe after an "s" and before a word is a plural possessive.
        if glyph not in ("'", "’") or text[at - 1] != "s":
            return False
        following = text[at + 1 :].split(" ", 2)
        word = following[1] if len(following) > 1 and following[0] == "" else ""
        return bool(word) and word[:1].isalpha() and word.rstrip(",;:.").lower() not in _FUNCTION_WORDS


def _take_sponsors_note(lines: list[str], first: int, mark: str, meta: dict[str, str]) -> None:
    """The note the sponsors line's mark refers to ("* On behalf of … the Group of 77 and China"),
    printed at the first page's foot or pasted after the text: taken into ``meta`` and blanked out of
    ``lines``, so that it is glued to no paragraph. Its wrapped lines run on up to a blank line or a
    line that opens a paragraph."""
    for k in range(first, len(lines)):
        s = lines[k].strip()
        if s.startswith(mark) and s[len(mark) : len(mark) + 1].isspace() and s[len(mark) :].strip()[:1].isupper():
            note = [s[len(mark) :].strip()]
            lines[k] = ""
            for j in range(k + 1, len(lines)):
                if not lines[j].strip() or opens_paragraph(lines[j]) or is_page_furniture(lines[j]):
                    break
                note.append(lines[j].strip())
                lines[j] = ""
            meta["sponsors_note"] = " ".join(note)
            return


def _note_start(s: str) -> tuple[str, int | None, str] | None:
    """(kind, number as read, the text after the label) if ``s`` can open a footnote body, else None."""
    if _OP_START_RE.match(s) or _SUB_LABEL_RE.match(s):
        return None
    if m := _SUPERSCRIPT_NOTE_RE.match(s):
        return "superscript", int(m.group(1).translate(_FROM_SUPERSCRIPT)), m.group(2) or ""
    if m := _LONE_NUMBER_RE.match(s):
        return "lone", int(m.group(1)), ""
    # A footnote opens with a capital or a symbol ("See", "A/75/175"), never with a lower-case word.
    if (m := _NUMBERED_NOTE_RE.match(s)) and not _MONTH_RE.match(m.group(2)) and not m.group(2)[:1].islower():
        return "numbered", int(m.group(1)), m.group(2)
    if m := _GLYPH_NOTE_RE.match(s):
        return "glyph", None, m.group(2)
    return None


def _split_pages(body: list[str], breaks: set[int], furniture) -> tuple[list[_Page], list[_Marker], bool]:
    """Separate page text from page feet (footnote bodies), finding the marks in the text.

    ``breaks`` are the lines a form feed stands before; ``furniture`` tells a line of page
    furniture. Returns the pages, the marks in reading order, and whether the last footnote was
    left open (it may run on to the text after the closing)."""
    entries: list[tuple[str, bool]] = []  # (line, a page boundary stands before it)
    pending_break = False
    for k, line in enumerate(body):
        if k in breaks:
            pending_break = True
        if line.strip() and furniture(line):
            pending_break = True
            continue
        entries.append((line, pending_break))
        if line.strip():
            pending_break = False
    signals = bool(breaks) or any(b for _, b in entries) or len(entries) < len(body)
    margin = min((len(line) - len(line.lstrip()) for line, _ in entries if line.strip()), default=0)

    # Paragraphs separated by blank lines: most operative paragraphs follow a blank line.
    openers = [k for k, (line, _) in enumerate(entries) if k and _OP_START_RE.match(line)]
    blank_between = bool(openers) and sum(not entries[k - 1][0].strip() for k in openers) * 2 > len(openers)
    # Paragraphs marked by a first-line indent: most operative paragraphs are indented.
    first_line_indent = bool(openers) and sum(
        len(entries[k][0]) - len(entries[k][0].lstrip()) > margin for k in openers
    ) * 2 > len(openers)

    marks = _Marks()
    pages = [_Page()]
    in_foot = False
    note_open = False  # the last footnote so far does not end a sentence: it may run on
    previous_blank = True
    at_break = False
    interrupted = ""  # the page text's last line when its foot began

    closed = [0]  # footnote bodies started on the pages before the current one (counted once)
    on_page: list[int] = []  # the marks of the current page's text

    def new_page() -> None:
        closed[0] += sum(body[2] for body in _foot_bodies(pages[-1].foot, pages[-1].continues))
        pages.append(_Page())
        on_page.clear()

    def bodies() -> int:  # footnote bodies started so far
        return closed[0] + sum(body[2] for body in _foot_bodies(pages[-1].foot, pages[-1].continues))

    def pending() -> int:
        return len(on_page)

    def expected_here(number: int | None) -> bool:
        # Where the page's marks are printed in digits, its foot opens with one of their numbers:
        # a lone "15" under "…“dark web”;" is then the mark of footnote 15 wrapped, not its body.
        read = {marks.markers[k].number for k in on_page}
        return not read or None in read or number in read

    def take_run_on() -> None:
        # The last block of the page (after a blank line) continues the open footnote.
        nonlocal note_open
        if not note_open:
            return
        note_open = False
        lines = pages[-1].lines
        start = max((k for k, line in enumerate(lines) if line.after_blank or line.after_break), default=0)
        if start > 0 and lines[start].after_blank and _FOOTNOTE_END_RE.search(lines[-1].raw):
            for line in reversed(lines[start:]):
                marks.forget(line)
                del on_page[len(on_page) - len(line.marks) :]
            pages[-1].foot[:0] = [line.raw for line in lines[start:]]
            pages[-1].continues = True
            del lines[start:]

    for line, page_break in entries:
        s = line.strip()
        if not s:
            previous_blank = True
            continue
        indent = len(line) - len(line.lstrip())
        if page_break:
            if in_foot:
                in_foot, note_open = False, not _FOOTNOTE_END_RE.search(pages[-1].foot[-1]) if pages[-1].foot else False
                new_page()
            else:
                take_run_on()
            at_break = True
        if in_foot:
            foot = pages[-1].foot
            start = _note_start(s)
            # Without page signals, the text resumes after a complete footnote at a line without a
            # label that starts in lower case, continues a paragraph left open, opens a paragraph, or
            # follows a labelled footnote (only OCR loses a label, and then the whole foot's).
            ends = (indent > margin and not (start and start[0] == "superscript")) or (
                not signals
                and foot
                and _FOOTNOTE_END_RE.search(foot[-1])
                and start is None
                and (
                    s[:1].islower()
                    or not ends_paragraph(interrupted)
                    or opens_paragraph(s)
                    or _foot_bodies(foot, False)[-1][3]
                )
            )
            if not ends:
                foot.append(s)
                previous_blank = False
                continue
            in_foot = False
            note_open = not _FOOTNOTE_END_RE.search(foot[-1])
            new_page()
            at_break = True
        start = None if at_break and indent > margin else _note_start(s)
        waiting = pending()
        last_text = pages[-1].lines[-1].marked if pages[-1].lines else ""
        opens_foot = bool(_RULE_RE.match(s)) or (
            start is not None
            and (
                start[0] == "superscript"
                or (start[0] == "glyph" and (previous_blank or waiting))
                or (start[1] == bodies() + 1 and (previous_blank or waiting) and expected_here(start[1]))
                or (start[1] is not None and previous_blank and waiting and expected_here(start[1]))
            )
        )
        if (
            not opens_foot
            and waiting
            and not at_break
            and pages[-1].lines
            and s.endswith(".")
            and (indent > margin or (blank_between and not previous_blank))
            and re.search(r"[,;](?: ?\0\d+\0)*$", last_text)
        ):
            # OCR's unnumbered footnote body right under a paragraph that had ended: a sentence
            # ("Resolution 70/1.") set apart by an indent or, where paragraphs are separated by blank
            # lines, by having none above it, under a paragraph ended by "," or ";" — never a wrapped
            # line like "Booby Traps and Other Devices as amended on 3 May 1996 (Amended".
            opens_foot = ends_paragraph(last_text) and not opens_paragraph(s) and s[:1].isupper()
        if opens_foot:
            if not _RULE_RE.match(s):  # under a rule, the continuation follows the rule
                take_run_on()
            interrupted = pages[-1].lines[-1].marked if pages[-1].lines else ""
            in_foot = True
            if not _RULE_RE.match(s):
                pages[-1].foot.append(s)
            elif note_open:  # the lines under the rule continue the open footnote
                pages[-1].continues, note_open = True, False
            previous_blank = False
            at_break = False
            continue
        if indent > margin and not first_line_indent and pages[-1].lines and not at_break:
            take_run_on()
            at_break = True  # where paragraphs are not indented, an indented line starts a page (OCR)
        entry = _Line(
            line.strip(), indent - margin if first_line_indent else 0, after_blank=previous_blank, after_break=at_break
        )
        marks.mark(entry)
        pages[-1].lines.append(entry)
        on_page.extend(entry.marks)
        previous_blank = False
        at_break = False
    if in_foot and pages[-1].foot:
        note_open = not _FOOTNOTE_END_RE.search(pages[-1].foot[-1])
    elif pending_break or any(k >= len(body) for k in breaks):
        take_run_on()  # the page before the closing's page ended with a footnote's continuation
    return pages, marks.markers, note_open


def _assemble(pages: list[_Page], markers: list[_Marker], warnings: list[str]) -> tuple[list[str], list[Footnote]]:
    """Paragraph blocks with ``[^N]`` references, and the footnotes, from the pages."""
    # The pages' lines in the notation of paragraph_blocks: a blank line where the extraction shows a
    # paragraph break (a blank line that is not a page's, or an indent where paragraphs are indented);
    # a line holding only a mark set off by a space belongs to the line before it.
    lines: list[str] = []
    for page in pages:
        for line in page.lines:
            text = line.marked
            if lines and re.fullmatch(r"(?:\0\d+\0)+", text):
                lines[-1] += " " + text
                continue
            if (
                lines
                and lines[-1]
                and (
                    (line.after_blank and not line.after_break)
                    or (line.indent > 0 and (text[:1].isupper() or text[:1] in '“"(') and ends_paragraph(lines[-1]))
                )
            ):
                lines.append("")
            lines.append(text)
    blocks = paragraph_blocks(lines)

    footnotes: list[Footnote] = []
    bodies: list[list] = []  # [number as read, lines]
    for page in pages:
        first_new = len(bodies)
        for read, lines, new, _ in _foot_bodies(page.foot, page.continues and bool(bodies)):
            if new:
                bodies.append([read, lines])
            else:
                bodies[-1][1] += lines
        page.numbers = list(range(first_new + 1, len(bodies) + 1))
    for number, (read, lines) in enumerate(bodies, 1):
        if read is not None and read != number:
            warnings.append(
                f"footnote {number}: its number was read as {read}; footnotes are "
                f"numbered in order, so it is footnote {number}"
            )
        footnotes.append(Footnote(number, join_lines(lines)))
    for page in pages:
        _assign([markers[k] for line in page.lines for k in line.marks], page.numbers, warnings)

    def replace_marker(m: re.Match[str]) -> str:
        marker = markers[int(m.group(2))]
        space = "" if marker.spaced else m.group(1)  # a mark set off by a space stands after the word
        return space + (f"\0{marker.note}\0" if marker.note is not None else "")

    # Placeholders of markers become placeholders of notes, then [^N] once the words are escaped: "[GAP]"
    # or "[^12]" in a pasted text is text (its marks are superscripts or glued digits).
    joined = (marks_from_placeholders(re.sub(r"( ?)\0(\d+)\0", replace_marker, join_lines(b))) for b in blocks)
    return [re.sub(r" {2,}", " ", b) for b in joined], footnotes


def _foot_bodies(foot: list[str], continues: bool) -> list[tuple[int | None, list[str], bool, bool]]:
    """Split a page foot into (number as read, lines, whether it is a new footnote, whether it has a label)."""
    bodies: list[tuple[int | None, list[str], bool, bool]] = []
    awaiting_body = False
    for s in foot:
        if _RULE_RE.match(s):
            continue
        start = _note_start(s)
        previous = join_lines(bodies[-1][1]) if bodies else ""
        if awaiting_body:
            bodies[-1][1].append(s)
            awaiting_body = False
        elif start is not None and start[0] == "lone":
            bodies.append((start[1], [], True, True))
            awaiting_body = True
        elif start is not None and start[0] == "superscript":
            text = start[2]
            bodies.append((start[1], [text] if text else [], True, True))
            awaiting_body = not text
        elif start is not None and start[0] == "numbered" and not _continues_number(previous, s):
            bodies.append((start[1], [start[2]], True, True))
        elif start is not None and start[0] == "glyph":
            bodies.append((None, [start[2]], True, True))
        elif not bodies:
            bodies.append((None, [s], not continues, False))
        elif previous.endswith(".") and s[:1].isupper():
            bodies.append((None, [s], True, False))  # a footnote whose number was lost
        else:
            bodies[-1][1].append(s)
    return bodies


def _continues_number(previous: str, line: str) -> bool:
    # "2370 (2017)." on the second line of a footnote is not footnote 2370.
    return bool(previous) and not previous.endswith(".") and bool(re.match(r"^\d{4}\b", line))


def _assign(markers: list[_Marker], numbers: list[int], warnings: list[str]) -> None:
    """Give the markers of one page the numbers of the footnotes at its foot."""
    if len(markers) == len(numbers):
        for marker, number in zip(markers, numbers):
            marker.note = number
        return
    if len(markers) > len(numbers):
        warnings.append(
            f"{len(markers)} footnote marks on a page with {len(numbers)} footnote bodies; "
            "the marks were removed and not attached"
        )
        return
    # Fewer markers than footnotes: anchor markers whose glyph reads as a digit,
    # then pair the rest in order only where the counts between anchors agree.
    anchors: list[tuple[int, int]] = [(-1, -1)]
    for i, marker in enumerate(markers):
        digit = (
            str(marker.number)
            if marker.number is not None
            else _GLYPH_DIGIT.get(marker.glyph, marker.glyph[-1] if marker.glyph[-1:].isdigit() else None)
        )
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
            warnings.append(
                f"footnotes {', '.join(map(str, between_n))}: {len(between_m)} marks for "
                f"{len(between_n)} footnotes; none of these marks was attached"
            )
