"""The resdiff text format: how a version is stored in versions/ and typed in by hand.

::

    symbol: A/RES/75/59
    title: Countering the threat posed by improvised explosive devices
    adopted: 2020-12-07
    meeting: 37th plenary meeting
    agenda_item: [GAP]
    committee_report: [GAP]
    sources: https://... ; https://...
    complete: yes
    footnotes: held
    provenance: footnote 3 placed from the 72/36 source notes
    ---
    The General Assembly,

    Recalling its resolutions ...,

    Expressing grave concern ... recipients,[^1] which ...

    [GAP]

    1. Takes note of the report ... resolution 73/67,[^13] including ...

    Footnotes:
    1 See resolution 69/51, ...
    13 [GAP]

One paragraph per block, blank lines between; operative paragraphs keep their
printed number; a nested sub-paragraph is written with its chain of labels
(``(a)(i)``); a section heading is a block beginning with one ``#`` per level
(``# I. Capacity-building``, see :mod:`resdiff.core.blocks`); ``=== Annex`` opens an annex
(its title and sub-title on the lines after it; its paragraphs, numbered from 1, follow); ``[^N]``
marks a footnote reference where it stands; ``[GAP]`` alone is text we do not
have, ``[GAP]`` at the end of a paragraph means the rest of it is missing. A paragraph or footnote
whose own words hold ``[GAP`` or ``[^`` writes that bracket ``\\[`` (``\\[^12]``), and doubles the
backslashes right before such a bracket (see :func:`~resdiff.core.blocks.escape_marks`). ``footnotes:`` says whether the version holds its footnotes
(``held``), some of them (``partly held``: a paragraph without a mark may still
carry one) or none (``not held``); without it, the footnote section decides.
``provenance:`` may repeat. Header values ``[GAP]`` are
unknown. This is also the format of the files in ``shared/corpus``.
"""

from __future__ import annotations

import re

from resdiff.core.blocks import (
    ENACTING_FORMULA,
    GAP,
    annex_block,
    build_document,
    escape_marks,
    heading_block,
    join_notes,
    sub_label,
    unescape_marks,
)
from resdiff.core.errors import ImportFailed, StructureError
from resdiff.core.model import Footnote, FootnoteStatus, Gap, Heading, Item, Resolution
from resdiff.core.symbol import Symbol
from resdiff.core.validate import valid_date

HEADER_KEYS = (
    "symbol",
    "label",
    "title",
    "adopted",
    "meeting",
    "agenda_item",
    "committee_report",
    "committee",
    "sponsors",
    "sponsors_note",
    "issued",
    "agenda_title",
    "sources",
    "complete",
    "footnotes",
    "provenance",
)
_FOOTNOTE_RE = re.compile(r"^(\d{1,6})\s+(.*)$")  # footnote numbers run into the thousands in long texts


def looks_like_docformat(text: str) -> bool:
    head = text.lstrip("\ufeff").split("\n---\n", 1)[0]
    return "\n---\n" in text and any(line.startswith("symbol:") for line in head.splitlines())


def parse_docformat(text: str, source: str = "text") -> Resolution:
    """Read a version in the resdiff text format."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    if "\n---\n" not in text:
        raise ImportFailed(source, "no '---' line between the header and the text")
    head, body = text.split("\n---\n", 1)
    fields: dict[str, str] = {}
    provenance: list[str] = []
    for n, line in enumerate(head.splitlines(), 1):
        if not line.strip():
            continue
        key, sep, value = line.partition(":")
        key = key.strip()
        if not sep or key not in HEADER_KEYS:
            raise ImportFailed(
                source,
                f"header line {n}: expected 'key: value' with a key among {', '.join(HEADER_KEYS)}, "
                f"found {line[:60]!r}",
            )
        value = value.strip()
        if key == "provenance":
            provenance.append(value)
        elif key in fields:
            raise ImportFailed(source, f"header line {n}: '{key}' given twice")
        else:
            fields[key] = value

    def get(key: str) -> str | None:
        value = fields.get(key)
        return None if value in (None, "", GAP) else value

    symbol = Symbol.find(fields.get("symbol", ""))
    if symbol is None:
        raise ImportFailed(
            source,
            f"header: 'symbol' must look like A/RES/75/59 or A/C.1/77/L.37 "
            f"(a UN document symbol), found {fields.get('symbol')!r}",
        )
    adopted = get("adopted")
    if adopted is not None and not valid_date(adopted):  # a real date: 2018-13-45 would reach every writer
        raise ImportFailed(source, f"header: 'adopted' must be a date like 2020-12-07 (a real one), found {adopted!r}")
    if (issued := get("issued")) is not None and not valid_date(issued):
        raise ImportFailed(source, f"header: 'issued' must be a date like 2022-10-12 (a real one), found {issued!r}")
    complete = fields.get("complete", "no").lower()
    if complete not in ("yes", "no"):
        raise ImportFailed(source, f"header: 'complete' must be yes or no, found {complete!r}")

    blocks = [b.strip() for b in re.split(r"\n\s*\n", body) if b.strip()]
    footnotes: list[Footnote] = []
    footnote_gap = False
    for k, block in enumerate(blocks):
        if block.startswith("Footnotes:"):
            section = "\n".join(blocks[k:]).removeprefix("Footnotes:")
            footnotes, footnote_gap = _parse_footnotes(section, source)
            blocks = blocks[:k]
            break
    status_text = fields.get("footnotes")
    if status_text is None:
        status = derive_footnote_status(footnotes, footnote_gap)
    else:
        try:
            status = FootnoteStatus(status_text.lower())
        except ValueError:
            raise ImportFailed(
                source,
                "header: 'footnotes' must be one of "
                f"{', '.join(s.value for s in FootnoteStatus)}, found {status_text!r}",
            ) from None
    if blocks and " ".join(blocks[0].split()) == ENACTING_FORMULA:
        blocks = blocks[1:]
    try:
        items, annexes = build_document(blocks, source, infer_nesting=False)
    except StructureError as e:
        raise ImportFailed(source, str(e).removeprefix(f"{source}: ")) from None
    sources = _list(get("sources"))
    return Resolution(
        symbol=str(symbol),
        label=get("label"),
        title=get("title"),
        adopted=adopted,
        meeting=get("meeting"),
        agenda_item=get("agenda_item"),
        committee_report=get("committee_report"),
        committee=get("committee"),
        sources=sources,
        sponsors=_list(get("sponsors")),
        sponsors_note=get("sponsors_note"),
        issued=get("issued"),
        agenda_title=get("agenda_title"),
        complete=complete == "yes",
        provenance=tuple(provenance),
        items=items,
        annexes=annexes,
        footnotes=tuple(footnotes),
        footnote_gap=footnote_gap,
        footnote_status=status,
    )


def derive_footnote_status(footnotes: list[Footnote], footnote_gap: bool) -> FootnoteStatus:
    """What a file without a ``footnotes:`` line holds, from its footnote section.

    >>> derive_footnote_status([], True).value
    'not held'
    >>> derive_footnote_status([Footnote(1, None)], False).value
    'partly held'
    >>> derive_footnote_status([Footnote(1, "See A/75/175.")], False).value
    'held'
    """
    if footnote_gap and not footnotes:
        return FootnoteStatus.NOT_HELD
    if footnote_gap or any(f.text is None for f in footnotes):
        return FootnoteStatus.PARTLY_HELD
    return FootnoteStatus.HELD


def _list(value: str | None) -> tuple[str, ...]:
    # Header lists are separated by " ; " (a sponsor's or a URL's own commas stay).
    return tuple(s.strip() for s in (value or "").split(" ; ") if s.strip())


def _parse_footnotes(block: str, source: str) -> tuple[list[Footnote], bool]:
    notes: list[tuple[int, list[str]]] = []
    gap = False
    for line in block.splitlines():
        line = line.strip()
        if not line:
            continue
        m = _FOOTNOTE_RE.match(line)
        if line == GAP:
            gap = True
        elif m:
            notes.append((int(m.group(1)), [m.group(2)]))
        elif notes:
            notes[-1][1].append(line)
        else:
            raise ImportFailed(source, f"footnotes: expected 'N text', found {line[:60]!r}")
    out = []
    for number, lines in notes:
        text = " ".join(lines)
        out.append(Footnote(number, None if text == GAP else unescape_marks(text)))
    return out, gap


def format_docformat(res: Resolution) -> str:
    """Write a version in the resdiff text format (the inverse of :func:`parse_docformat`)."""
    lines = [f"symbol: {res.symbol}"]
    if res.label:
        lines.append(f"label: {res.label}")
    for key in ("title", "adopted", "meeting", "agenda_item", "committee_report"):
        lines.append(f"{key}: {getattr(res, key) or GAP}")
    if res.committee:  # written only when known, so older files keep their canonical form
        lines.append(f"committee: {res.committee}")
    if res.sponsors:  # drafts only: a resolution's header stays as it was
        lines.append(f"sponsors: {' ; '.join(res.sponsors)}")
    for key in ("sponsors_note", "issued", "agenda_title"):  # a draft's masthead, when read
        if getattr(res, key):
            lines.append(f"{key}: {getattr(res, key)}")
    lines.append(f"sources: {' ; '.join(res.sources)}".rstrip())
    lines.append(f"complete: {'yes' if res.complete else 'no'}")
    lines.append(f"footnotes: {res.footnote_status.value}")
    lines += [f"provenance: {p}" for p in res.provenance]
    lines += ["---", ENACTING_FORMULA, ""]
    for item in res.items:
        lines += [_format_item(item), ""]
    for annex in res.annexes:
        lines += [annex_block(annex), ""]
        lines += [line for item in annex.items for line in (_format_item(item), "")]
    if res.footnotes or res.footnote_gap:
        lines.append("Footnotes:")
        lines += [f"{f.number} {escape_marks(f.text) if f.text is not None else GAP}" for f in res.footnotes]
        if res.footnote_gap:
            lines.append(GAP)
    else:
        lines.pop()
    return "\n".join(lines) + "\n"


def _format_item(item: Item) -> str:
    if isinstance(item, Gap):
        return f"{item.number}. {GAP}" if item.number is not None else GAP
    if isinstance(item, Heading):
        return heading_block(item)
    body = join_notes(item.text, item.notes, item.partial)
    if item.sub:
        return f"{sub_label(item.sub)} {body}"
    if item.number is not None:
        return f"{item.number}. {body}"
    return body
