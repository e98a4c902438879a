"""Import the corpus JSON of the UN Executive Office of the Secretary-General (``A_RES_77_64.json``).

The file is a JSON list of rows in document order, each with a ``type`` (``frontmatter``,
``title``, ``heading``, ``paragraph``, ``backmatter``, ``footer``) and the ``text`` as printed;
operative paragraphs and sub-paragraphs carry their printed number in ``prefix`` and their depth
in ``paragraph_level``. The rows become the blocks of the text format and go through the same
structuring code as every other format (:mod:`resdiff.core.blocks`), so paragraph kinds,
ids and lead phrases are decided in one place.

What the files do not hold stays unknown: they have no footnotes (neither marks nor texts), so
a version read from one says its footnotes are not held; an annex printed after the closing
lines is not imported, and the version says so in its provenance and is not marked complete.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import PurePath

from resdiff.core.blocks import ENACTING_FORMULA, HEADING_NUMBER_RE, SUB_LABEL_RE, heading_block, sub_label
from resdiff.core.errors import ImportFailed
from resdiff.core.model import FootnoteStatus, Heading, ImportReport, Resolution
from resdiff.ingest.document import _DATE_RE, _MEETING_RE, finish, read_masthead

ROW_TYPES = frozenset({"frontmatter", "title", "heading", "paragraph", "backmatter", "footer"})
# Rows the conversion tools left in: page markers and rules, not text of the resolution.
_FURNITURE_RE = re.compile(r"^(?:<!--.*-->|-{3,}|\d{1,4})$")
# The file names of the corpus: A_RES_77_64.json, A_RES_57_283_B.json, A_RES_1514(XV).json, A_RES_118_(II).json,
# A_RES_S-27_2.json (special sessions), A_RES_ES-10_17.json (emergency special sessions).
_CLOSING_RE = re.compile(r"^(.*?plenary meeting),? ?(\d{1,2} [A-Z][a-z]+ \d{4})?\.?$")
_OP_NUMBER_RE = re.compile(r"^\d{1,3}\.$")
_GLUED_NUMBER_RE = re.compile(r"^([IVXL]+\.|[A-Z]\.)(\S.*)$")
_FILE_SYMBOL_RE = re.compile(r"^A_RES_(?:((?:E?S-)?\d{1,3})_(\d{1,4})_?([A-Z])?|(\d{1,4})_?\(([IVXL]+)\))$")


def symbol_from_filename(source: str) -> str | None:
    """The symbol the corpus's file name gives, in the short form people write.

    >>> symbol_from_filename("eosg/A_RES_77_64.json"), symbol_from_filename("A_RES_57_283_B.json")
    ('77/64', '57/283 B')
    >>> symbol_from_filename("A_RES_1514(XV).json"), symbol_from_filename("A_RES_ES-10_17.json")
    ('1514 (XV)', 'ES-10/17')
    >>> symbol_from_filename("notes.json") is None, symbol_from_filename("A_RES_71_101_A-B.json") is None
    (True, True)
    """
    m = _FILE_SYMBOL_RE.match(PurePath(source).stem)
    if m is None:
        return None
    if m.group(1):
        return f"{m.group(1)}/{m.group(2)}" + (f" {m.group(3)}" if m.group(3) else "")
    return f"{m.group(4)} ({m.group(5)})"


def _rows(data: bytes, source: str) -> list[dict]:
    try:
        rows = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise ImportFailed(source, f"not readable JSON: {e}") from None
    if not isinstance(rows, list) or not rows:
        raise ImportFailed(source, "not a corpus file: expected a JSON list of rows")
    for k, row in enumerate(rows):
        if not isinstance(row, dict) or row.get("type") not in ROW_TYPES or not isinstance(row.get("text"), str):
            raise ImportFailed(
                source,
                f"row {k + 1}: expected an object with a 'type' among {', '.join(sorted(ROW_TYPES))} and a 'text'",
            )
    return rows


def _plain(text: str) -> str:
    # No-break spaces, tabs and line breaks inside a row are layout, not text; nor are the invisible
    # format characters (zero-width joiners, left-to-right marks) some rows carry (none is ASCII: most
    # rows need no search for them).
    return " ".join((text if text.isascii() else FORMAT_CHARACTERS_RE.sub("", text)).split())


# Unicode's format characters (category Cf), as of Unicode 14 (Python 3.11); a test checks the list
# against unicodedata, so a newer Python with more of them says so.
FORMAT_CHARACTERS_RE = re.compile(
    r"[\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890-\u0891\u08e2\u180e\u200b-\u200f\u202a-\u202e"
    r"\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U00013438"
    r"\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f]"
)


def _blocks(body: list[dict]) -> list[str]:
    """The rows of the text as blocks of the resdiff text format: headings, paragraphs, sub-paragraphs."""
    headings, joined = _headings(body)
    blocks: list[str] = []
    chain: list[str] = []  # the labels of the current sub-paragraph, outermost first
    for k, row in enumerate(body):
        if k in headings:
            blocks.append(heading_block(headings[k]))
            continue
        if row["type"] == "heading" or k in joined:
            continue
        text = _plain(row["text"])
        prefix = _plain(row.get("prefix") or "")
        level = row.get("paragraph_level")
        if not prefix and text[:1].islower() and blocks and body[k - 1]["type"] == "paragraph" and k - 1 not in joined:
            # A paragraph the conversion cut in two at a page break: no paragraph begins in lower case.
            # (A soft hyphen at the cut joined a word: "Cru-" + "elty".)
            glue = "" if body[k - 1]["text"].rstrip().endswith("\xad") else " "
            blocks[-1] += glue + text
            continue
        label = SUB_LABEL_RE.match(prefix)
        if label and isinstance(level, int) and level >= 2 and row.get("paragraph_type") != "preambular":
            # paragraph_level 2 is a sub-paragraph of an operative paragraph, 3 one inside it, …
            depth = min(level - 1, len(chain) + 1)
            chain = chain[: depth - 1] + [label.group(1)]
            blocks.append(f"{sub_label(tuple(chain))} {text}")
            continue
        if _OP_NUMBER_RE.match(prefix):
            chain = []
        # Anything else keeps its printed prefix, so the text is never changed.
        blocks.append(f"{prefix} {text}" if prefix else text)
    return blocks


def _headings(body: list[dict]) -> tuple[dict[int, Heading], set[int]]:
    """The section headings among the rows, by row index, and the rows joined to the heading before them.

    The corpus often splits a heading in two rows, its number ("I", no text) and then its text;
    they are joined. Levels are the ranks of the corpus's heading levels in the file, never
    skipping one (a heading one deeper than the last at most).
    """
    found: list[tuple[int, int, str | None, str]] = []  # row index, corpus level, number, text
    skip: set[int] = set()
    for k, row in enumerate(body):
        if row["type"] != "heading" or k in skip:
            continue
        prefix = _plain(row.get("prefix") or "")
        text = _plain(row["text"])
        nxt = body[k + 1] if k + 1 < len(body) else None
        if prefix and not text and nxt is not None and _heading_text(nxt):
            text = _plain(nxt["text"])
            skip.add(k + 1)
        if not prefix and (m := _GLUED_NUMBER_RE.match(text)):
            prefix, text = m.group(1), m.group(2)  # "A.Utilization of …": the number lost its space
        number = prefix.rstrip(".").strip() or None
        if number is not None and text.startswith((",", ";", ":")):
            number, text = None, prefix + text  # "Article 9" + ", new paragraph 4:" is one line of text
        elif number is not None and not HEADING_NUMBER_RE.match(f"{number}."):
            number, text = None, f"{prefix} {text}".strip()
        if number is None and not text:
            continue
        level = row.get("heading_level")
        if not isinstance(level, int):
            level = 1
        found.append((k, level, number, text))
    ranks = {lv: r for r, lv in enumerate(sorted({lv for _, lv, _, _ in found}), 1)}
    out: dict[int, Heading] = {}
    last = 0
    for k, level, number, text in found:
        last = min(ranks[level], last + 1)
        out[k] = Heading(last, number, text)
    return out, skip


def _heading_text(row: dict) -> bool:
    """Is ``row`` the text of the numbered heading before it? A heading row without a number, or a
    paragraph row without one that does not end as paragraphs do (the corpus sometimes types a
    heading's text as a paragraph: "XVI" then "Eightieth session of the General Assembly")."""
    text = _plain(row["text"])
    if not text or _plain(row.get("prefix") or ""):
        return False
    return row["type"] == "heading" or not text.endswith((",", ";", ":", "."))


def _closing_line(text: str) -> tuple[str, str | None] | None:
    """(meeting, date or None) for a closing line: "52nd plenary meeting", "52nd plenary meeting, 27 December 2019"."""
    # The substring first: the pattern's lazy start tries every position of every paragraph.
    m = _CLOSING_RE.match(text) if "plenary meeting" in text else None
    if m is None or not _MEETING_RE.match(m.group(1)):
        return None
    return m.group(1), m.group(2)


def parse_corpus_json(data: bytes, source: str, symbol: str | None = None) -> tuple[Resolution, ImportReport]:
    rows = _rows(data, source)
    warnings: list[str] = []
    meta: dict[str, str] = {}
    head: list[str] = []
    body: list[dict] = []  # heading and paragraph rows, in order
    after_closing = 0  # rows after the closing lines: an annex or other matter
    closed = False
    expect_date = False
    for row in rows:
        kind, text = row["type"], _plain(row["text"])
        if (not text and kind != "heading") or _FURNITURE_RE.match(text) or kind == "footer":
            continue
        if expect_date and _DATE_RE.match(text.rstrip(".")):
            meta.setdefault("adopted", text.rstrip("."))
            expect_date = False
            continue
        expect_date = False
        if kind in ("frontmatter", "title") and not body:
            # The title row is "77/64.<tab>Countering …"; read as a masthead line it gives symbol and title.
            head.append(text)
            continue
        closing = _closing_line(text) if kind in ("paragraph", "backmatter") else None
        if closing is not None:
            # A resolution adopted in parts closes each part with its meeting; the first one is kept.
            meta.setdefault("meeting", closing[0])
            if closing[1]:
                meta.setdefault("adopted", closing[1])
            expect_date = closing[1] is None
            closed = kind == "backmatter"
        elif closed or kind == "backmatter":
            after_closing += 1
        elif kind in ("heading", "paragraph"):
            if kind == "paragraph" and text == ENACTING_FORMULA and not body:
                continue
            body.append(row)
    blocks = _blocks(body)
    read_masthead([line for h in head for line in (h, "")], meta)
    sym = symbol or meta.get("symbol") or symbol_from_filename(source)
    named = symbol_from_filename(source)
    if symbol is None and meta.get("symbol") and named not in (None, meta["symbol"]):
        warnings.append(f"the title row says {meta['symbol']}, the file name {named}; the title row is used")
    # The rows give every sub-paragraph's depth, so nesting is never guessed from its label.
    res, report = finish(meta, blocks, [], source, sym, warnings, infer_nesting=False)
    provenance: tuple[str, ...] = (
        "read from the corpus JSON of the UN Executive Office of the Secretary-General, which holds no footnotes",
    )
    if after_closing:
        provenance += (f"{after_closing} rows after the closing lines (an annex) are not imported",)
    res = replace(
        res,
        footnote_gap=True,
        footnote_status=FootnoteStatus.NOT_HELD,
        complete=not after_closing,
        provenance=provenance,
        sources=(PurePath(source).name,),
    )
    return res, report
