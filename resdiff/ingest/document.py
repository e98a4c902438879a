"""The anatomy of a published resolution, shared by every importer.

Masthead (symbol, agenda item, adoption date, committee report), the title line
("75/59. Countering the threat …"), "The General Assembly,", the paragraphs, and the
closing (meeting and date). :func:`resolution_from_paragraphs` takes a document's
paragraphs in reading order, with footnote references inline as ``[^N]``, and returns the
Resolution; the format-specific importers (Word, HTML, PDF) only find paragraphs and
footnotes. The text importer repairs lines first and ends in :func:`finish`.
"""

from __future__ import annotations

import re
from dataclasses import replace

from resdiff.core.blocks import ENACTING_FORMULA, GAP, annex_block, build_document, ends_paragraph, opens_paragraph
from resdiff.core.dates import iso_date
from resdiff.core.errors import ImportFailed, InvalidSymbol, StructureError
from resdiff.core.model import Annex, Footnote, ImportReport, Resolution
from resdiff.core.sponsors import read_sponsors_line, sponsors_mark
from resdiff.core.symbol import Symbol, find_in_line

_TITLE_RE = re.compile(r"^\s*(\d{1,3}/\d{1,4}(?: [A-Z])?)\.\s+(\S.*)$")
# "37th plenary meeting", "54th (resumed) plenary meeting", "54th resumed plenary meeting", and in the first
# sessions' words: "Hundred and second plenary meeting".
_MEETING_RE = re.compile(
    r"^\s*((?:\d+(?:st|nd|rd|th)|[A-Z][a-z]+(?:[- ](?:and )?[a-z]+)*) (?:\(resumed\) |resumed )?plenary meeting)\s*$"
)
_DATE_RE = re.compile(r"^\s*(\d{1,2} [A-Z][a-z]+ \d{4})\s*$")
_ADOPTED_RE = re.compile(r"Resolution adopted by the General Assembly on (\d{1,2} [A-Z][a-z]+ \d{4})")
_REPORT_RE = re.compile(
    r"^\s*\[(?:on the report of the .*?\((.*)\)|without reference to a Main Committee \((.*)\))\]\s*$"
)
_AGENDA_RE = re.compile(r"^\s*Agenda item (.+?)\s*$")
_PART_RE = re.compile(r"^\s*[A-H]\s*$")
_OP_START_RE = re.compile(r"^\s*\d{1,3}\.\s+\S")
# The line an annex opens with, after the closing lines: "Annex", "ANNEX", "Annex II" (a footnote's asterisk).
ANNEX_LABEL_RE = re.compile(r"^\s*(?:ANNEX|Annex)(?: ([IVXL]+|\d{1,2}|[A-Z]))?\*?\s*$")


_PAGE_NUMBER = r"\d{1,3}/\d{1,3}"
_JOB_NUMBER = r"\d{2}-\d{5}(?: \(E\))?(?: \d{6})?"
_FURNITURE_RE = re.compile(
    rf"^(?:{_PAGE_NUMBER}|{_JOB_NUMBER}|{_JOB_NUMBER} {_PAGE_NUMBER}|{_PAGE_NUMBER} {_JOB_NUMBER}|\*\d{{7}}\*)$"
)


def is_page_furniture(line: str, symbol: str | None = None, title: str | None = None) -> bool:
    """A page number ("3/7"), job number ("20-16437", "20-16437 (E) 141220"), both on one line,
    a bar code ("*2016437*"), or a running head: the symbol, the title, or both.

    >>> [is_page_furniture(s, "75/59", "Countering IEDs") for s in
    ...  ("20-16437   3/7", "3/7", "*2016437*", "A/RES/75/59  Countering IEDs", "Countering IEDs", "on 3 May")]
    [True, True, True, True, True, False]
    """
    s = " ".join(line.split())
    if _FURNITURE_RE.match(s):
        return True
    sym = Symbol.find(symbol) if symbol else None
    heads = {str(sym)} if sym else set()
    if title:
        heads |= {title} | {f"{h} {title}" for h in heads} | {f"{title} {h}" for h in heads}
    return s in heads


def annex_title_like(text: str) -> bool:
    """Can ``text`` be an annex's title or sub-title: no number, not a paragraph's opening or ending?

    >>> annex_title_like("Political declaration"), annex_title_like("1. We, the Heads of State,")
    (True, False)
    """
    s = text.strip()
    return bool(s) and not opens_paragraph(s) and not ends_paragraph(s) and not ANNEX_LABEL_RE.match(s)


def annex_opening(label: str, titles: list[str]) -> str:
    """The block that opens an annex (``=== Annex II`` with its title and sub-title), from its label line."""
    m = ANNEX_LABEL_RE.match(label)
    assert m is not None
    title, subtitle = ([" ".join(t.split()) for t in titles] + [None, None])[:2]
    return annex_block(Annex(m.group(1), title, subtitle))


def split_columns(line: str) -> list[str]:
    """A line laid out in columns (pdftotext -layout: "United Nations      A/RES/75/59"; a masthead table
    pasted as text: "United Nations<TAB>A/C.3/80/L.41") as its pieces."""
    return [piece for piece in re.split(r"\s*\t\s*|\s{3,}", line.strip()) if piece] if line.strip() else [line]


_COMMITTEE_LINE_RE = re.compile(
    r"^\s*(?:(First|Second|Third|Fourth|Fifth|Sixth) Committee"
    r"|Special Political and Decolonization Committee(?: \(Fourth Committee\))?)\s*$"
)


def read_masthead(head: list[str], meta: dict[str, str]) -> None:
    """Read the symbol, title, agenda item, adoption date and committee report from the lines before
    "The General Assembly,"; a title continues on the following lines up to a blank one. A draft's
    masthead has its date of issue ("28 October 2026"), its committee ("Third Committee"), its agenda
    item and the item's title, its sponsors line ("Australia, France and Nigeria: draft resolution",
    perhaps with a footnote mark: "Iraq:* draft resolution", noted as ``sponsors_mark``) and then the title."""
    agenda_at: int | None = None
    for k, line in enumerate(head):
        if (names := read_sponsors_line(line)) is not None:
            meta["sponsors"] = "\n".join(names)
            if mark := sponsors_mark(line):
                meta["sponsors_mark"] = mark
            if agenda_at is not None:
                between = [s.strip() for s in head[agenda_at + 1 : k] if s.strip()]
                if between:
                    meta["agenda_title"] = " ".join(between)
            title: list[str] = []
            for cont in head[k + 1 :]:
                if not cont.strip():
                    if title:
                        break
                    continue
                title.append(cont.strip())
            if title:
                meta["title"] = " ".join(title)
            break
        if m := _TITLE_RE.match(line):
            meta["symbol"] = m.group(1)
            title = [m.group(2).strip()]
            for cont in head[k + 1 :]:
                if not cont.strip():
                    break
                title.append(cont.strip())
            meta["title"] = " ".join(title)
            break
        if sym := find_in_line(line):
            meta["symbol"] = str(sym)
        elif m := _AGENDA_RE.match(line):
            meta["agenda_item"] = m.group(1)
            agenda_at = k
        elif m := _ADOPTED_RE.search(line):
            meta["adopted"] = m.group(1)
        elif m := _REPORT_RE.match(line):
            report = (m.group(1) or m.group(2) or "").strip()
            if report:
                meta["committee_report"] = report
            meta["committee"] = committee_name(line)
        elif m := _COMMITTEE_LINE_RE.match(line):
            meta["committee"] = f"{m.group(1) or 'Fourth'} Committee"
        elif agenda_at is None and _DATE_RE.match(line):
            meta.setdefault("issued", line.strip())
    else:  # no sponsors line and no "75/59. Title": a draft without sponsors ends on its item's title and its own
        if agenda_at is not None and "adopted" not in meta:
            after = _blocks(head[agenda_at + 1 :])
            if len(after) == 2 and not any(_masthead_line(line) for block in after for line in block):
                meta["agenda_title"], meta["title"] = (" ".join(block) for block in after)


def _blocks(lines: list[str]) -> list[list[str]]:
    """Lines in runs separated by blank ones, stripped."""
    out: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            out[-1].append(line.strip())
        elif out[-1]:
            out.append([])
    return [b for b in out if b]


def _masthead_line(line: str) -> bool:
    """Does ``line`` say something read_masthead reads (a symbol, a date, an adoption, a report, a committee)?"""
    return bool(
        find_in_line(line)
        or _DATE_RE.match(line)
        or _ADOPTED_RE.search(line)
        or _REPORT_RE.match(line)
        or _COMMITTEE_LINE_RE.match(line)
        or _AGENDA_RE.match(line)
    )


_ORDINAL_COMMITTEE_RE = re.compile(r"\b(First|Second|Third|Fourth|Fifth|Sixth) Committee\b")


def committee_name(line: str) -> str:
    """The committee of a "[on the report of the … Committee (…)]" line: "First Committee" …
    "Sixth Committee" (the Special Political and Decolonization Committee is the Fourth), or
    "plenary" for one adopted without reference to a Main Committee.

    >>> committee_name("[on the report of the Special Political and Decolonization Committee (Fourth Committee) (A/61/409)]")
    'Fourth Committee'
    >>> committee_name("[without reference to a Main Committee (A/75/L.101)]")
    'plenary'
    """
    if "without reference to a Main Committee" in line:
        return "plenary"
    m = _ORDINAL_COMMITTEE_RE.search(line)
    return m.group(0) if m else " ".join(line.split("on the report of the", 1)[-1].split("(")[0].split())


def body_start(lines: list[str]) -> int | None:
    """Where the paragraphs begin in a text without "The General Assembly,": the first line that opens a
    paragraph (a lead phrase, an operative number) after the masthead, whose sponsors line or
    "75/59. Title" line is followed by the title (a title such as "Countering the threat …" opens like
    a paragraph, so it is skipped: its first line and the lines continuing it)."""
    start = 0
    for k, line in enumerate(lines):
        if read_sponsors_line(line) is not None or _TITLE_RE.match(line):
            start = k + 1
            if not _TITLE_RE.match(line):  # the title follows the sponsors line
                while start < len(lines) and not lines[start].strip():
                    start += 1
                start += 1
            while start < len(lines) and lines[start].strip() and not opens_paragraph(lines[start]):
                start += 1
            break
    return next((k for k in range(start, len(lines)) if lines[k].strip() and opens_paragraph(lines[k])), None)


def join_lines(lines: list[str]) -> str:
    """Join wrapped lines; a line-end hyphen is a real hyphen (UN texts do not break words)."""
    out = ""
    for line in lines:
        s = line.strip()
        if not s:
            continue
        if not out:
            out = s
        elif out.endswith("-") and not out.endswith(" -"):
            out += s
        else:
            out += " " + s
    return out


def finish(
    meta: dict[str, str],
    blocks: list[str],
    footnotes: list[Footnote],
    source: str,
    symbol: str | None,
    warnings: list[str],
    infer_nesting: bool = True,
) -> tuple[Resolution, ImportReport]:
    """The Resolution from what an importer found: metadata, paragraph blocks, footnotes.

    ``infer_nesting``: see :func:`~resdiff.core.blocks.build_items`."""
    sym = symbol or meta.get("symbol")
    # A text without a symbol can still be compared (named by its file); storing it needs one.
    full = checked_symbol(sym, source) if sym else ""
    # A part's letter alone ("B" of a resolution adopted in parts A and B) heads the part's own preamble.
    blocks = [f"# {b.strip()}." if _PART_RE.match(b) else b for b in blocks]
    try:
        items, annexes = build_document(blocks, source, infer_nesting)
    except StructureError as e:
        raise ImportFailed(source, str(e).removeprefix(f"{source}: ")) from None
    res = Resolution(
        symbol=full,
        title=meta.get("title"),
        adopted=iso_date(meta.get("adopted")),
        meeting=meta.get("meeting"),
        agenda_item=meta.get("agenda_item"),
        committee_report=meta.get("committee_report"),
        sponsors=tuple(meta["sponsors"].split("\n")) if meta.get("sponsors") else (),
        committee=meta.get("committee"),
        issued=iso_date(meta.get("issued")),
        agenda_title=meta.get("agenda_title"),
        sponsors_note=meta.get("sponsors_note"),
        complete=True,
        items=items,
        annexes=annexes,
        footnotes=tuple(footnotes),
    )
    if res.holds_gaps:  # a text that says where it lacks something is not whole
        res = replace(res, complete=False)
    for number in res.unplaced_notes:
        warnings.append(
            f"footnote {number}: its reference mark was lost in the text; "
            "the footnote is kept but its reference could not be placed"
        )
    return res, ImportReport(tuple(warnings))


def checked_symbol(symbol: str, source: str) -> str:
    """The canonical form of a symbol read from ``source``; ImportFailed naming the file if it is not one."""
    try:
        return str(Symbol.parse(symbol))
    except InvalidSymbol as e:
        raise ImportFailed(source, str(e)) from None


def _closed_body(body: list[str], meta: dict[str, str], warnings: list[str]) -> list[str]:
    """The paragraphs of the text and of its annexes, as blocks, without the closing lines (read into
    ``meta``). The closing is the last meeting line before the first "Annex" after one (a resolution
    adopted in parts closes each part), else the first. What follows the closing lines is an annex
    or nothing: anything else is not imported, and a gap at the end of the text says so."""
    meetings = [k for k, p in enumerate(body) if _MEETING_RE.match(p)]
    if not meetings:
        return body
    annex_at = next((k for k in range(meetings[0], len(body)) if ANNEX_LABEL_RE.match(body[k])), None)
    closing = max(k for k in meetings if k < annex_at) if annex_at is not None else meetings[0]
    meta["meeting"] = _MEETING_RE.match(body[closing]).group(1)  # type: ignore[union-attr]
    dated = closing + 1 < len(body) and _DATE_RE.match(body[closing + 1]) is not None
    if dated:
        meta.setdefault("adopted", body[closing + 1])
    # A part's closing lines (meeting and date) are not paragraphs.
    parts_closing = {k for k in meetings if k < closing} | {
        k + 1 for k in meetings if k + 1 < len(body) and _DATE_RE.match(body[k + 1])
    }
    text = [p for k, p in enumerate(body[:closing]) if k not in parts_closing]
    left = body[closing + 1 + dated : annex_at if annex_at is not None else len(body)]
    if left:
        warnings.append(
            f"{len(left)} paragraphs after the closing lines are not an annex and are not imported "
            f"(a gap at the end of the text): {left[0][:60]!r}"
        )
        text.append(GAP)
    if annex_at is None:
        return text
    rest = body[annex_at:]
    k = 0
    while k < len(rest):
        if not ANNEX_LABEL_RE.match(rest[k]):
            text.append(rest[k])
            k += 1
            continue
        label, k = rest[k], k + 1
        titles: list[str] = []
        while k < len(rest) and len(titles) < 2 and annex_title_like(rest[k]):
            titles.append(rest[k])
            k += 1
        text.append(annex_opening(label, titles))
    return text


def resolution_from_paragraphs(
    paragraphs: list[str],
    footnotes: dict[int, str | None],
    source: str,
    symbol: str | None = None,
    warnings: list[str] | None = None,
    marked_notes: dict[str, str] | None = None,
    headers: list[str] | None = None,
) -> tuple[Resolution, ImportReport]:
    """A Resolution from a document's paragraphs (references inline as ``[^N]``) and its footnotes.

    ``marked_notes``: footnotes with a custom mark ("*" → text); the one on the sponsors line is the
    sponsors' note. ``headers``: the page headers' lines, where a Word file may print its symbol (and
    its first page's masthead); the symbol in the body's masthead comes first."""
    warnings = list(warnings or [])
    raw = [p for p in paragraphs if p.strip()]  # with their tabs, which part a masthead table's cells
    paragraphs = [" ".join(p.split()) for p in raw]
    formula = next((k for k, p in enumerate(paragraphs) if p == ENACTING_FORMULA), None)
    if formula is None:
        formula_end = body_start(paragraphs)
        if formula_end is None:
            raise ImportFailed(
                source, f"not a resolution: no paragraph '{ENACTING_FORMULA}' and no numbered paragraphs"
            )
        head, start = paragraphs[:formula_end], formula_end
    else:
        head, start = paragraphs[:formula], formula + 1
    meta: dict[str, str] = {}
    read_masthead([line for p in raw[: len(head)] for piece in split_columns(p) for line in (piece, "")], meta)
    if headers:  # what the body's masthead does not say, from the page headers
        in_headers: dict[str, str] = {}
        read_masthead([line for h in headers for piece in split_columns(h) for line in (piece, "")], in_headers)
        for key in ("symbol", "issued"):
            if key in in_headers:
                meta.setdefault(key, in_headers[key])
    if (mark := meta.get("sponsors_mark")) and (marked_notes or {}).get(mark):
        meta["sponsors_note"] = (marked_notes or {})[mark]
    body = _closed_body(paragraphs[start:], meta, warnings)
    notes = [Footnote(n, t) for n, t in sorted(footnotes.items())]
    return finish(meta, body, notes, source, symbol, warnings)
