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

import functools
import json
import re
from dataclasses import replace
from pathlib import PurePath

from resdiff.core.blocks import (
    ENACTING_FORMULA,
    GAP,
    HEADING_NUMBER_RE,
    SUB_LABEL_RE,
    build_items,
    ends_paragraph,
    escape_marks,
    heading_block,
    opens_paragraph,
    parse_annex_head,
    sub_label,
)
from resdiff.core.dates import iso_date
from resdiff.core.errors import ImportFailed, StructureError
from resdiff.core.leads import looks_like_lead
from resdiff.core.model import Footnote, FootnoteStatus, Heading, ImportReport, Resolution
from resdiff.core.symbol import Symbol
from resdiff.ingest.document import (
    _ADOPTED_RE,
    _DATE_RE,
    _MEETING_RE,
    _TITLE_RE,
    ANNEX_LABEL_RE,
    annex_opening,
    annex_title_like,
    finish,
    read_masthead,
)

ROW_TYPES = frozenset({"frontmatter", "title", "heading", "paragraph", "backmatter", "footer"})
# Rows the conversion tools left in: page markers and rules, not text of the resolution.
_FURNITURE_RE = re.compile(r"^(?:<!--.*-->|-{3,}|\d{1,4}|/\.\.\.|\*(?: \*)+)$")
# The running head of an Official Records page ("General Assembly—Forty-sixth Session", after or before its
# page number), which the conversion sometimes glued to the text that follows it on the page.
_RUNNING_HEAD_RE = re.compile(
    r"^(?:\d{1,4} )?General Assembly ?[—–-] ?(?:[A-Z][a-z]+(?:-[a-z]+)? ){1,3}Session(?: \d{1,4})?(?: |$)"
)
# The heading of an Official Records chapter ("VI. Resolutions adopted on the reports of the Third Committee"),
# its words written once for both patterns below.
_CHAPTER_OPENING = r"^(?:[IVX]+\. )?Resolutions adopted "
_ON_REPORTS = r"on (?:the )?reports? of the"
_CHAPTER_HEAD_RE = re.compile(rf"{_CHAPTER_OPENING}(?:{_ON_REPORTS}|without reference to)", re.IGNORECASE)
# The committee such a heading names ("… on reports of the Sixth Committee 77", with its page number), or
# none for a resolution adopted without reference to one ("… without reference to a (Main) Committee").
_CHAPTER_COMMITTEE_RE = re.compile(
    rf"{_CHAPTER_OPENING}(?:{_ON_REPORTS} (First|Second|Third|Fourth|Fifth|Sixth) Committee"
    r"|(without reference to a (?:Main )?Committee))\b",
    re.IGNORECASE,
)
# A footnote body printed among the paragraphs: "43 Official Records …", "5/ A/37/351/Add.1 …".
_FOOTNOTE_BODY_RE = re.compile(r"^(\d{1,3})/? (\S.*)$")
# The file names of the corpus: A_RES_77_64.json, A_RES_57_283_B.json, A_RES_1514(XV).json, A_RES_118_(II).json,
# A_RES_S-27_2.json (special sessions), A_RES_ES-10_17.json (emergency special sessions).
_CLOSING_RE = re.compile(r"^(.*?plenary meeting),? ?(\d{1,2} [A-Z][a-z]+ \d{4})?\.?$")
_OP_NUMBER_RE = re.compile(r"^\d{1,3}\.$")
_GLUED_NUMBER_RE = re.compile(r"^([IVXL]+\.|[A-Z]\.)(\S.*)$")
_FILE_SYMBOL_RE = re.compile(
    r"^A_RES_(?:((?:E?S-)?\d{1,3})_(\d{1,4})(?:_?([A-Z])(?:-[A-Z])*)?|(\d{1,4})_?\(([IVXL]+)\))$"
)


def symbol_from_filename(source: str) -> str | None:
    """The symbol the corpus's file name gives, in the short form people write.

    >>> symbol_from_filename("eosg/A_RES_77_64.json"), symbol_from_filename("A_RES_57_283_B.json")
    ('77/64', '57/283 B')
    >>> symbol_from_filename("A_RES_61_267B.json")
    '61/267 B'
    >>> symbol_from_filename("A_RES_1514(XV).json"), symbol_from_filename("A_RES_ES-10_17.json")
    ('1514 (XV)', 'ES-10/17')
    >>> symbol_from_filename("notes.json") is None, symbol_from_filename("A_RES_71_101_A-B.json")
    (True, '71/101')

    A file holding several parts (``A_RES_71_101_A-B.json``) holds the resolution whole: its symbol has no letter.
    """
    m = _FILE_SYMBOL_RE.match(PurePath(source).stem)
    if m is None:
        return None
    if m.group(1):
        whole = re.search(r"[A-Z]-[A-Z]$", PurePath(source).stem) is not None
        return f"{m.group(1)}/{m.group(2)}" + (f" {m.group(3)}" if m.group(3) and not whole else "")
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


@functools.lru_cache(maxsize=4096)  # the reader looks at each row several times (its text, its neighbours')
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
    typed_level = 0  # the level of the last heading the rows typed as one
    for k, row in enumerate(body):
        if k in headings:
            blocks.append(heading_block(headings[k]))
            typed_level = headings[k].level
            continue
        if row["type"] == "heading" or k in joined:
            continue
        text = _plain(row["text"])
        prefix = _plain(row.get("prefix") or "")
        level = row.get("paragraph_level")
        if (
            not prefix
            and blocks
            and body[k - 1]["type"] == "paragraph"
            and k - 1 not in joined
            and (text[:1].islower() or _cut_short(blocks[-1], text))
        ):
            # A paragraph the conversion cut in two at a page break: no paragraph begins in lower case,
            # nor after a row that does not end as a paragraph ends. (A soft hyphen at the cut joined a
            # word: "Cru-" + "elty".)
            glue = "" if body[k - 1]["text"].rstrip().endswith("\xad") else " "
            blocks[-1] += glue + escape_marks(text)
            continue
        nxt = body[k + 1] if k + 1 < len(body) else None
        continued = (
            nxt is not None
            and nxt["type"] == "paragraph"
            and not _plain(nxt.get("prefix") or "")
            and not opens_paragraph(_plain(nxt["text"]))
        )
        if not prefix and _heading_like(text) and not (continued and opens_paragraph(text)):
            # A heading the conversion typed as a paragraph ("Reporting", "Guiding principles"): no number, no
            # full stop, a few words. It sits one level below the last heading the rows typed as one.
            blocks.append(heading_block(Heading(min(typed_level + 1, 9), None, text)))
            continue
        label = SUB_LABEL_RE.match(prefix)
        if label and isinstance(level, int) and level >= 2 and row.get("paragraph_type") != "preambular":
            # paragraph_level 2 is a sub-paragraph of an operative paragraph, 3 one inside it, …
            depth = min(level - 1, len(chain) + 1)
            chain = chain[: depth - 1] + [label.group(1)]
            blocks.append(f"{sub_label(tuple(chain))} {escape_marks(text)}")
            continue
        if _OP_NUMBER_RE.match(prefix):
            chain = []
        # Anything else keeps its printed prefix, so the text is never changed.
        # The rows' words are text: "[GAP]" or "[^12]" in them is no markup (their marks are glued digits).
        blocks.append(f"{prefix} {escape_marks(text)}" if prefix else escape_marks(text))
    return blocks


_LIST_MARK_RE = re.compile(r"^[•●▪◦*\-–—]\s")


def _heading_like(text: str) -> bool:
    """A short line without a number that does not end as a paragraph ends: a heading's words."""
    return (
        len(text.split()) <= 16
        and not ends_paragraph(text)
        and text[:1].isupper()
        and not _LIST_MARK_RE.match(text)
        and not re.search(r"(?<!\b(?:19|20)\d)\d$", text)  # a footnote mark, but not a year
    )


def _cut_short(before: str, text: str) -> bool:
    """Is ``text`` the rest of the paragraph ``before``, cut by a page break: ``before`` does not end as a
    paragraph ends and ``text`` does not open one (a lead, a number, a list item)?"""
    return not ends_paragraph(before) and not opens_paragraph(text) and not _LIST_MARK_RE.match(text)


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
        if prefix and not text and nxt is not None and not row.get("part") and _heading_text(nxt):
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
    return row["type"] == "heading" or not ends_paragraph(text)


_PART_LETTER_RE = re.compile(r"^[A-Z]\*?$")  # "B", "B*" (with a footnote's asterisk)


def _part_heading(text: str) -> dict:
    """The row of a part's letter ("A" of a resolution adopted in parts A and B) as an outermost heading."""
    return {"type": "heading", "text": "", "prefix": text.rstrip("*"), "heading_level": 0, "part": True}


def _closing_line(text: str) -> tuple[str, str | None] | None:
    """(meeting, date or None) for a closing line: "52nd plenary meeting", "52nd plenary meeting, 27 December 2019"."""
    # The substring first: the pattern's lazy start tries every position of every paragraph.
    m = _CLOSING_RE.match(text) if "plenary meeting" in text else None
    if m is None or not _MEETING_RE.match(m.group(1)):
        return None
    return m.group(1), m.group(2)


def _title_symbol(row: dict, any_type: bool = False) -> Symbol | None:
    """The symbol of a title row ("46/182.<tab>Strengthening …"), wherever the conversion typed it; with
    ``any_type`` (after the closing lines) a paragraph row too, or an old one ("119 (II). Implementation …")."""
    text = _plain(row["text"])
    if not any_type:
        if row["type"] == "paragraph":
            return None
        if m := _TITLE_RE.match(text):
            return Symbol.find(m.group(1))
        return _old_title_symbol(text)
    m = _TITLE_RE.match(text)
    return Symbol.find(f"A/RES/{m.group(1)}") if m else _old_title_symbol(text)


# An old-style title row: "487 (V). Ways and means …", "11(1). TERMS OF APPOINTMENT …" (the first session's
# numeral read as a digit by the scan).
_OLD_TITLE_RE = re.compile(r"^(\d{1,4})\.? ?\(([IVXL1l]{1,6})\)\.\s+(\S.*)$")


def _old_title_symbol(text: str) -> Symbol | None:
    m = _OLD_TITLE_RE.match(text)
    return Symbol.find(f"A/RES/{m.group(1)} ({m.group(2).replace('1', 'I').replace('l', 'I')})") if m else None


def _same_resolution(printed: Symbol, named: Symbol) -> bool:
    """Does a title row's symbol name the resolution the file is named for? Old-style numbers run on across
    sessions (1 (I) … 3541 (XXX)), so the number alone names one: a title row printing "168 (III)" in the
    file of 168 (II) is that resolution with its session misprinted, not another one."""
    if printed.old_style and named.old_style:
        return printed.number == named.number and printed.part in (None, named.part)
    return _whole(printed) == _whole(named)


def _old_title(text: str, following: dict | None) -> tuple[str, int] | None:
    """The title an old-style title row prints and the number of rows it takes: the next row too when the
    title runs on to it (the row breaks after a word no title ends with: "22(1). PRIVILEGES AND IMMUNITIES
    OF THE" + "UNITED NATIONS")."""
    m = _OLD_TITLE_RE.match(text)
    if m is None:
        return None
    title = m.group(3)
    if title.split()[-1].casefold() in _RUNS_ON and following is not None and following["type"] != "paragraph":
        rest = _plain(following["text"])
        if _heading_like(rest) and not _title_symbol(following, any_type=True):
            return f"{title} {rest}", 2
    return title, 1


_RUNS_ON = frozenset({"the", "of", "and", "for", "to", "on", "in", "a", "an", "by", "with"})


def _slash_restored(
    rows: list[dict], named: Symbol, titles: list[tuple[int, Symbol]], warnings: list[str]
) -> tuple[list[dict], list[tuple[int, Symbol]]]:
    """The rows with the file's own title row read where the scan lost its slash ("77280.<tab>Progress …"
    for 77/280): a masthead row that opens with the file name's session digits then number digits is
    that title row. Only the file's own symbol is looked for, so no other number is ever taken for one."""
    if named.session is None or named.old_style or named.special:
        return rows, titles
    glued = re.compile(rf"^{named.session}{named.number}\.\s+(\S.*)$")
    for k, row in enumerate(rows):
        if row["type"] == "paragraph":
            continue
        if m := glued.match(_plain(row["text"])):
            fixed = {**row, "text": f"{named.session}/{named.number}.\t{m.group(1)}"}
            warnings.append(
                f"the title row prints {named.session}{named.number}, read as {named.short} (its slash lost)"
            )
            return rows[:k] + [fixed] + rows[k + 1 :], sorted([*titles, (k, _whole(named))])
    return rows, titles


_MASTHEAD_RE = re.compile(r"resolution adopted by the general assembly", re.IGNORECASE)


def _page_opens_with_a_tail(rows: list[dict]) -> bool:
    """Do the rows before the title hold the end of another text, its closing lines on the page before?

    On a page of the Official Records (its running head or chapter heading printed) a resolution
    begins with its title row: it has no masthead ("Resolution adopted by the General Assembly …").
    Text printed above the title there is the end of the text before it (an annex's articles, a
    treaty's signature lines, a list of reports), whose title and closing lines are on earlier pages."""
    texts = [_plain(row["text"]) for row in rows]
    if not any(_RUNNING_HEAD_RE.match(t) or _CHAPTER_HEAD_RE.match(t) for t in texts):
        return False
    if any(_MASTHEAD_RE.search(t) for t in texts):
        return False
    return any(
        t and not _FURNITURE_RE.match(t) and not _RUNNING_HEAD_RE.match(t) and not _CHAPTER_HEAD_RE.match(t)
        for t in texts
    )


_GLUED_SUB_RE = re.compile(r" (\([a-z]\) [A-Z].*)$")


def _title_unglued(rows: list[dict], k: int, set_aside: list[str]) -> dict:
    """The title row ``rows[k]`` without the other column's words a two-column page glued on.

    A scan read across both columns of a Yearbook page can end the title row with the line printed
    beside it: "43/222. Pattern of conferences (c) Four members from Latin American and Carib". A
    lettered sub-paragraph is never part of a title, and the file prints that same line again as a
    row of its own (where the column's reading reaches it), so the words from its label on are cut."""
    text = _plain(rows[k]["text"])
    m = _GLUED_SUB_RE.search(text)
    if m is None or not any(_plain(row["text"]) == m.group(1) for j, row in enumerate(rows) if j != k):
        return rows[k]
    set_aside.append(
        f"the words {_quote([{'text': m.group(1)}])} after the title are a line of the other column of the "
        "page (printed again where that column reaches it), not part of the title"
    )
    return {**rows[k], "text": text[: m.start()]}


def _whole(sym: Symbol) -> Symbol:
    return replace(sym, part=None)


def _session_adopted(rows: list[dict]) -> int | None:
    """The regular session a masthead's adoption date falls in (a session opens in September)."""
    for row in rows:
        if m := _ADOPTED_RE.search(_plain(row["text"])):
            iso = iso_date(m.group(1))
            if iso:
                year, month = int(iso[:4]), int(iso[5:7])
                return year - 1945 - (month < 9)
    return None


def _own_rows(
    rows: list[dict], source: str, warnings: list[str]
) -> tuple[list[dict], Symbol | None, list[str], str, str | None]:
    """The rows of the resolution the file is named for, its symbol, what was set aside, the text of
    the preceding resolution's tail (where the marks of the footnotes printed below it stand), and the
    committee the last chapter heading or running head above its title names.

    A page of the Official Records holds the end of the resolution before and the beginning of the
    one after: the file's own resolution is the one whose title row carries the file name's
    symbol; the rows of its neighbours are not part of it. The part letter ("75/290 B") is the
    file name's: the title row prints the symbol without it (the letter stands in a row of its
    own, which must then agree). Where the title row names another resolution than the file
    name, the adoption date settles it if it can, else the file is refused naming both.
    """
    named_text = symbol_from_filename(source)
    named = Symbol.find(named_text) if named_text else None
    titles = [(k, sym) for k, row in enumerate(rows) if (sym := _title_symbol(row)) is not None]
    if named is not None and not any(_same_resolution(t, named) for _, t in titles):
        rows, titles = _slash_restored(rows, named, titles, warnings)
    if not titles:
        return rows, named, [], "", None
    if named is None:
        k, own = next(((k, t) for k, t in titles if rows[k]["type"] == "title"), titles[0])
    else:
        match = [(k, t) for k, t in titles if _same_resolution(t, named)]
        if match:
            k, own = match[0][0], named
            if match[0][1].session != named.session:
                warnings.append(
                    f"the title row prints {match[0][1].short}, read as {named.short} (the number names the "
                    "resolution; its session is misprinted)"
                )
        elif named.session is not None and _session_adopted(rows) == named.session != titles[0][1].session:
            k, own = titles[0][0], named
            warnings.append(
                f"the title row says {titles[0][1].short}, the file name {named.short}; the adoption date is "
                f"in session {named.session}, so the file name is used"
            )
        else:
            raise ImportFailed(
                source,
                f"the file name says {named.short}, the text's title row {titles[0][1].short}; "
                "not imported (the text does not settle which resolution this is)",
            )
    letters = {
        _plain(r["text"]).rstrip("*") for r in rows[k + 1 : k + 6] if re.fullmatch(r"[A-Z]\*?", _plain(r["text"]))
    }
    if own.part and letters and own.part not in letters:
        raise ImportFailed(
            source,
            f"the file name says {own.short}, the text's part row {'/'.join(sorted(letters))}; "
            "not imported (the text does not settle which part this is)",
        )
    set_aside: list[str] = []
    start, end = 0, len(rows)
    before = [t for j, t in titles if j < k and not _same_resolution(t, own)]
    # The neighbour's tail ends with its closing lines: ours begins after them (its masthead, if printed, with
    # it). A resolution closes after its own title, so closing lines before the title are a neighbour's even
    # when its title row is on the page before (a Yearbook page opening with the end of the preceding text).
    closings = [j for j in range(k) if _closing_line(_plain(rows[j]["text"])) is not None]
    if before or closings or _page_opens_with_a_tail(rows[:k]):
        start = closings[-1] + 1 if closings else k
        if start < k and _DATE_RE.match(_plain(rows[start]["text"]).rstrip(".")):
            start += 1
        neighbour = f"resolution {before[-1].short}" if before else "the resolution before it"
        set_aside.append(
            f"the rows before the title are the end of {neighbour}, printed on the same page; "
            "they are not part of this one"
        )
    after = [(j, t) for j, t in titles if j > k and not _same_resolution(t, own)]
    if after:
        end = after[0][0]
        set_aside.append(
            f"the rows from the title of resolution {after[0][1].short} on are the next resolution, printed on the "
            "same page; they are not part of this one"
        )
    title_row = _title_unglued(rows, k, set_aside)
    # The title row, however the conversion typed it ("heading" in some files), is the masthead's last line.
    own_rows = rows[start:k] + [{**title_row, "type": "title"}] + rows[k + 1 : end]
    heads = [c for r in rows[:k] if (c := _chapter_committee(_plain(r["text"]))) is not None]
    return own_rows, own, set_aside, " ".join(_plain(r["text"]) for r in rows[:start]), heads[-1] if heads else None


def _chapter_committee(text: str) -> str | None:
    """The committee a chapter heading or running head of the Official Records names ("Resolutions adopted on
    reports of the Sixth Committee" → "Sixth Committee", "… without reference to a Committee" → "plenary").

    >>> _chapter_committee("Resolutions adopted on reports of the Sixth Committee 77")
    'Sixth Committee'
    >>> _chapter_committee("RESOLUTIONS ADOPTED WITHOUT REFERENCE TO A COMMITTEE")
    'plenary'
    >>> _chapter_committee("Resolutions adopted on the reports of the Special Political Committee 39") is None
    True
    """
    m = _CHAPTER_COMMITTEE_RE.match(text)
    if m is None:
        return None
    return f"{m.group(1).capitalize()} Committee" if m.group(1) else "plenary"


def parse_corpus_json(data: bytes, source: str, symbol: str | None = None) -> tuple[Resolution, ImportReport]:
    warnings: list[str] = []
    rows, own, set_aside, neighbour, chapter = _own_rows(_rows(data, source), source, warnings)
    chapters = {chapter} if chapter else set()  # the committees the page heads above the title and in the text name
    meta: dict[str, str] = {}
    head: list[str] = []
    body: list[dict] = []  # heading and paragraph rows, in order
    after: list[dict] = []  # rows after the closing lines: annexes, or other matter
    notes: dict[int, str] = {}  # footnote bodies an Official Records page printed among the paragraphs
    seen = ""  # the text so far, where a footnote body's mark must stand
    furniture = foreign = 0
    closed = expect_date = formula = False  # formula: "The General Assembly," seen
    # An old-style title row ends the masthead (Official Records pages print no other masthead line): the rows
    # after it are the text even where the first sessions' texts have no "The General Assembly,".
    text_from = len(rows)
    for i, row in enumerate(rows):
        kind, text = row["type"], _plain(row["text"])
        if (m := _RUNNING_HEAD_RE.match(text)) or _CHAPTER_HEAD_RE.match(text):
            # The running head of the page (and the text the conversion glued to it), or a chapter's heading.
            furniture += 1
            if not closed and (committee := _chapter_committee(text)) is not None:
                chapters.add(committee)
            text = text[m.end() :] if m else ""
            row = {**row, "text": text}
        if (not text and kind != "heading") or _FURNITURE_RE.match(text) or kind == "footer":
            continue
        if expect_date and _DATE_RE.match(text.rstrip(".")):
            meta.setdefault("adopted", text.rstrip("."))
            expect_date = False
            continue
        expect_date = False
        # "The General Assembly," as printed, its comma lost or read as a full stop.
        if text in (ENACTING_FORMULA, ENACTING_FORMULA[:-1], ENACTING_FORMULA[:-1] + ".") and kind != "heading":
            formula = True
            continue
        if kind in ("frontmatter", "title") and not body and not formula and i < text_from:
            # The title row is "77/64.<tab>Countering …"; read as a masthead line it gives symbol and title.
            # An old-style one ("487 (V). Ways and means …") gives its title here.
            if kind == "title" and (old := _old_title(text, rows[i + 1] if i + 1 < len(rows) else None)):
                meta.setdefault("title", old[0])
                text_from = i + old[1]
            head.append(text)
            seen += f" {text}"
            continue
        if kind in ("frontmatter", "backmatter") and not closed:  # text typed as front or back matter
            kind = "paragraph"
        row = {**row, "type": kind, "text": text}
        if kind == "paragraph" and not row.get("prefix") and (note := _footnote_body(text, seen)):
            notes.setdefault(*note)
            continue
        if kind == "paragraph" and not row.get("prefix") and _footnote_body(text, neighbour):
            foreign += 1  # the body of a footnote whose mark stands in the preceding resolution's tail
            continue
        closing = _closing_line(text) if kind in ("paragraph", "backmatter") else None
        if closing is None and kind == "paragraph" and body and not closed and _DATE_RE.match(text.rstrip(".")):
            closing = ("", text.rstrip("."))  # a closing whose meeting line the conversion lost
        if closing is not None:
            # A resolution adopted in parts closes each part with its meeting; the first one is kept.
            if closing[0]:
                meta.setdefault("meeting", closing[0])
            if closing[1]:
                meta.setdefault("adopted", closing[1])
            expect_date = closing[1] is None
            closed = True
        elif closed and _PART_LETTER_RE.match(text):
            closed = False  # the next part of the resolution ("B"), with its own preamble
            body.append(_part_heading(text))
        elif (
            closed and kind == "paragraph" and _PART_LETTER_RE.match(_plain(row.get("prefix") or "").rstrip(".") or "-")
        ):
            closed = False  # the same, the letter printed as the first paragraph's number
            body += [_part_heading(_plain(row["prefix"]).rstrip(".")), {**row, "prefix": None}]
            seen += f" {text}"
        elif closed and (following := _title_symbol(row, any_type=True)) is not None:
            set_aside.append(
                f"the rows from the title of resolution {following.short} on are the next resolution, printed "
                "on the same page; they are not part of this one"
            )
            break
        elif closed:
            after.append(row)
        elif kind in ("heading", "paragraph"):
            if kind == "paragraph" and _PART_LETTER_RE.match(text):
                row = _part_heading(text)
            elif _GLUED_PREFIX_RE.match(text) and _OP_NUMBER_RE.match(_plain(row.get("prefix") or "") + "."):
                row = {**row, "prefix": _plain(row["prefix"]) + ".", "text": text[1:].lstrip()}  # "232" ".Recognizes"
            body.append(row)
            seen += f" {text}"
    blocks = _blocks(body)
    unread: list[str] = []
    annexes, leftover = _annex_blocks(after, unread)
    if leftover:
        blocks.append(GAP)
    read_masthead([line for h in head for line in (h, "")], meta)
    if "committee" not in meta and len(chapters) == 1:
        # Official Records pages print no committee line: the chapter the page heads name is the committee's
        # (none when they name two, which the page does not settle).
        meta["committee"] = chapters.pop()
    if (title_mark := _TITLE_MARK_RE.search(meta.get("title", ""))) is not None:
        # "Statute of the Joint Inspection Unit69": a footnote mark glued to the title, not a word of it.
        meta["title"] = meta["title"][: title_mark.start()]
        set_aside.append(f"the footnote mark {title_mark.group(0)} after the title is not part of it")
    sym = symbol or (str(own) if own else meta.get("symbol"))
    blocks += annexes
    footnotes = _attach_notes(blocks, notes)
    # The rows give every sub-paragraph's depth, so nesting is never guessed from its label.
    res, report = finish(meta, blocks, footnotes, source, sym, warnings, infer_nesting=False)
    provenance: tuple[str, ...] = (
        "read from the corpus JSON of the UN Executive Office of the Secretary-General, which holds no footnotes"
        if not notes
        else "read from the corpus JSON of the UN Executive Office of the Secretary-General; the footnotes are "
        "those the Official Records page printed among the paragraphs, attached where their marks stand",
    )
    provenance += tuple(set_aside)
    provenance += tuple(unread)
    if foreign:
        provenance += (f"footnotes of the resolution before it, printed on the same page, set aside: {foreign}",)
    if furniture:
        provenance += (f"running heads of the Official Records pages set aside: {furniture}",)
    if leftover:
        provenance += (
            f"{len(leftover)} rows after the closing lines are neither an annex nor a footnote and are not "
            f"imported (a gap at the end of the text): {_quote(leftover)}",
        )
    res = replace(
        res,
        footnote_gap=True,
        footnote_status=FootnoteStatus.PARTLY_HELD if notes else FootnoteStatus.NOT_HELD,
        complete=not leftover and not res.holds_gaps,
        provenance=provenance,
        sources=(PurePath(source).name,),
    )
    return res, report


def _quote(rows: list[dict]) -> str:
    first = rows[0]["text"]
    return repr(first[:60] + ("…" if len(first) > 60 else ""))


_TITLE_MARK_RE = re.compile(r"(?<=[a-z])\^?\d{1,3}$")  # "…Commission48", "…Outer Space^14"
_GLUED_PREFIX_RE = re.compile(r"^\.\s*[A-Z]")


def _annex_blocks(rows: list[dict], unread: list[str]) -> tuple[list[str], list[dict]]:
    """The rows after the closing lines as annexes in the block notation (``=== Annex II`` with its
    title and sub-title, then its paragraphs), and the rows before the first annex, which are not one.
    An annex that cannot be read is one gap, and ``unread`` says why."""
    starts = [k for k, row in enumerate(rows) if ANNEX_LABEL_RE.match(row["text"])]
    if not starts:
        return [], rows
    blocks: list[str] = []
    for k, begin in enumerate(starts):
        own = rows[begin + 1 : starts[k + 1] if k + 1 < len(starts) else len(rows)]
        titles: list[str] = []
        while own and len(titles) < 2 and not _plain(own[0].get("prefix") or "") and annex_title_like(own[0]["text"]):
            titles.append(own.pop(0)["text"])
        opening = annex_opening(rows[begin]["text"], titles)
        annex = parse_annex_head(opening)
        assert annex is not None
        inside = _blocks(own)
        try:
            build_items(inside, "annex", infer_nesting=False)
        except StructureError as e:
            # An annex whose structure the rows do not give: a gap, never a resolution refused for it.
            unread.append(f"{annex.label} is not imported (its rows do not give its structure: {e})")
            inside = [GAP]
        blocks += [opening] + inside
    return blocks, rows[: starts[0]]


def _footnote_body(text: str, seen: str) -> tuple[int, str] | None:
    """(number, text) when the row is a footnote body whose mark stands in the text before it
    ("43 Official Records …" after "… Committee.43"); an operative paragraph that lost its full stop
    ("26 Condemns …") is not one."""
    m = _FOOTNOTE_BODY_RE.match(text)
    if m is None or looks_like_lead(m.group(2)):
        return None
    return (int(m.group(1)), m.group(2)) if _mark_re(int(m.group(1))).search(seen) else None


def _mark_re(number: int) -> re.Pattern[str]:
    # A mark is glued to the word or punctuation before it ("Committee.43", "1976,42", "resolution 5/").
    return re.compile(rf"(?<=[A-Za-z.,;:)\]”’]){number}(?:/)?(?=[\s,.;:]|$)")


def _attach_notes(blocks: list[str], notes: dict[int, str]) -> list[Footnote]:
    """The footnotes, their marks in ``blocks`` made references (``[^43]``) where they first stand."""
    for number in notes:
        mark = _mark_re(number)
        for k, block in enumerate(blocks):
            if not block.startswith(("#", "=== ")) and mark.search(block):
                blocks[k] = mark.sub(f"[^{number}]", block, count=1)
                break
    return [Footnote(n, t) for n, t in sorted(notes.items())]
