"""Turn paragraph blocks into the items of a Resolution.

Every importer ends here: it produces blocks of text, one per paragraph, with
footnote references inline as ``[^13]`` and missing text as ``[GAP]``, and
this module decides what each block is (preambular, operative, sub-paragraph,
section heading, gap), gives it its id and finds its lead phrase. One path for every format.

Notation of the blocks (the resdiff text format is made of them):

- ``7. Decides …`` an operative paragraph with its printed number;
- ``(a) …`` a sub-paragraph of the operative paragraph before it; ``(a)(i) …`` a nested one,
  written with its whole chain of labels (id ``OP7(a)(i)``). Importers of printed text may give
  ``(i)`` alone after ``(a)`` and let :func:`build_items` infer the nesting;
- ``# I. Implementation of the Convention`` a section heading: one ``#`` per level, the printed
  number with its full stop, then the heading's text (``## A. …`` a section inside it,
  ``# Article 1.`` a number alone, ``# Annex`` no number; ``# \\I. …`` is an unnumbered
  heading whose text begins like a number);
- ``=== Annex`` (or ``=== Annex II``) the start of an annex, with its title and sub-title, if printed,
  on the next lines of the same block; every block after it belongs to the annex (see
  :func:`build_document`);
- ``[GAP]`` text we do not have; anything else a preambular paragraph, or, after the operative part
  began, a block of the operative paragraph before it (a list item, a quoted text, a table row: id
  ``OP7-1`` for the first such block after OP7 or after its sub-paragraph OP7(a), ``OP7(a)-1``).

A paragraph's (or a footnote's) own text may hold the characters of the markup: a ``[`` that would open
``[GAP`` or ``[^`` is written ``\\[`` when it is text, and the backslashes right before such a bracket are
doubled (:func:`escape_marks`), so every string reads back as itself; any other backslash is itself.
"""

from __future__ import annotations

import re
from dataclasses import replace

from resdiff.core.errors import StructureError
from resdiff.core.leads import lead_phrase, looks_like_lead
from resdiff.core.model import Annex, Gap, Heading, Item, NoteRef, Paragraph, Part

GAP = "[GAP]"
ENACTING_FORMULA = "The General Assembly,"
NOTE_REF_RE = re.compile(r"\[\^(\d+)\]")
# A bracket that opens markup ([GAP], [^N]) or would be read as its start, with the backslashes before it.
_MARKUP_OPEN_RE = re.compile(r"(\\*)\[(?=GAP|\^)")
_PLACEHOLDER_RE = re.compile(r"\x00(\d+)\x00")  # an importer's footnote mark before it is made [^N]
_OP_RE = re.compile(r"^(\d{1,3})\.\s+")
_LABEL = r"\((?:[a-z]{1,2}|[ivxl]{1,6})\)"
_SUB_RE = re.compile(rf"^((?:{_LABEL})+)\s+")
_LABEL_RE = re.compile(_LABEL)
SUB_LABEL_RE = re.compile(r"^\(([a-z]{1,2}|[ivxl]{1,6})\)$")  # one printed label, "(a)", "(iv)"
_HEADING_RE = re.compile(r"^(#{1,9}) (.*)$")
# A heading's printed number: I, XVI, A, 3, 1.2, optionally after a word (Article 1, Part II, Action 3).
HEADING_NUMBER_RE = re.compile(r"^((?:[A-Z][a-z]+ )?(?:[IVXLCDM]+|[A-Z]|\d{1,3}(?:\.\d{1,3})*))\.(?: (.*))?$")
_ROMAN = set("ivxl")
UNWRAPPED = 200  # characters: no printed or extracted page has lines this long
# A paragraph ends with , ; . or : and perhaps a footnote mark: [^N], a superscript digit read as one
# or two digits or as a misread glyph, or an importer's placeholder for a mark (\0N\0).
# Several marks may follow one another, and an importer's placeholder may be set off by a space.
_PARAGRAPH_END_RE = re.compile(r"[,;.:](?:(?:\[\^\d+\]| ?\x00\d+\x00)+|[!?®*'’%°]+|\d{1,2}|[⁰¹²³⁴⁵⁶⁷⁸⁹]+)?$")


_ANNEX_HEAD_RE = re.compile(r"^=== Annex(?: ([IVXL]+|\d{1,2}|[A-Z]))?$")


def annex_block(annex: Annex) -> str:
    """An annex's opening block: ``=== Annex II``, then its title and sub-title on lines of their own.

    >>> annex_block(Annex("II", "Political declaration", "Our world"))
    '=== Annex II\\nPolitical declaration\\nOur world'
    """
    return "\n".join([f"=== {annex.label}"] + [t for t in (annex.title, annex.subtitle or None) if t])


def parse_annex_head(block: str) -> Annex | None:
    """The annex (without its items) a block opens, or None: the inverse of :func:`annex_block`."""
    lines = [" ".join(line.split()) for line in block.strip().splitlines()]
    m = _ANNEX_HEAD_RE.match(lines[0]) if lines else None
    if m is None or len(lines) > 3:
        return None
    return Annex(m.group(1), lines[1] if len(lines) > 1 else None, lines[2] if len(lines) > 2 else None)


def build_document(
    blocks: list[str], source: str = "text", infer_nesting: bool = True
) -> tuple[tuple[Item, ...], tuple[Annex, ...]]:
    """The items of a resolution and its annexes, from blocks in which ``=== Annex …`` opens each annex.

    An annex's paragraphs are numbered on their own: each annex's blocks go through
    :func:`build_items` apart, and their ids take the annex's key (``A.OP1``, ``AII.PP3``; ``A-2.OP1`` in
    the second annex printed as "Annex").
    """
    parts: list[tuple[Annex | None, list[str]]] = [(None, [])]
    for block in blocks:
        head = parse_annex_head(block) if block.startswith("=== ") else None
        if head is not None:
            parts.append((head, []))
        elif block.startswith("=== Annex"):
            raise StructureError(f"{source}: an annex opens with '=== Annex' or '=== Annex II' and at most two lines")
        else:
            parts[-1][1].append(block)
    items = build_items(parts[0][1], source, infer_nesting)
    annexes: list[Annex] = []
    bases: list[str] = []
    for head, own in parts[1:]:
        assert head is not None
        base = f"A{head.number or ''}"
        # A second annex under the same label (the annex of the convention an annex holds) is told by its order.
        key = base if base not in bases else f"{base}-{bases.count(base) + 1}"
        bases.append(base)
        annex_items = tuple(
            replace(i, id=f"{key}.{i.id}") if isinstance(i, Paragraph) else i
            for i in build_items(own, source, infer_nesting)
        )
        annexes.append(replace(head, items=annex_items))
    return items, tuple(annexes)


def escape_marks(text: str, markup_follows: bool = False) -> str:
    """Text as it is written in a block: each ``[`` that would open markup becomes ``\\[``, the backslashes
    right before it doubled, and those at its end too when markup follows it (the inverse of
    :func:`split_notes` on text without references).

    >>> print(escape_marks("see [GAP] and [^12], a\\\\[^1]; [a]"))
    see \\[GAP] and \\[^12], a\\\\\\[^1]; [a]
    """
    # Most paragraphs hold no bracket at all: nothing to escape, and no regex run to say so.
    escaped = _MARKUP_OPEN_RE.sub(lambda m: m.group(1) * 2 + "\\[", text) if "[" in text else text
    if markup_follows:
        return escaped + "\\" * (len(escaped) - len(escaped.rstrip("\\")))
    return escaped


def marks_from_placeholders(text: str, partial: bool = False) -> str:
    """A block from text an importer read with its footnote marks as ``\\0N\\0`` (a character no read text
    holds): the words escaped (:func:`escape_marks`), so markup-like words of the source stay words,
    the marks made ``[^N]``, and ``[GAP]`` at its end if ``partial``.

    >>> print(marks_from_placeholders("the words [^12] stay,\\x0012\\x00 here"))
    the words \\[^12] stay,[^12] here
    """
    pieces = _PLACEHOLDER_RE.split(text)
    block = "".join(
        f"[^{piece}]" if k % 2 else escape_marks(piece, markup_follows=k + 1 < len(pieces) or partial)
        for k, piece in enumerate(pieces)
    )
    return block + (GAP if partial else "")


def unescape_marks(text: str) -> str:
    """The inverse of :func:`escape_marks` for text that holds no markup (a footnote's body).

    >>> unescape_marks(escape_marks("a\\\\[GAP] [^3]")) == "a\\\\[GAP] [^3]"
    True
    """
    return _MARKUP_OPEN_RE.sub(lambda m: "\\" * (len(m.group(1)) // 2) + "[", text)


def split_notes(marked: str) -> tuple[str, tuple[NoteRef, ...], bool]:
    """Read a paragraph block's text: inline ``[^N]`` references removed (with their positions), a final
    ``[GAP]`` (the rest is missing) removed, escaped brackets (:func:`escape_marks`) made text again.
    Raises StructureError for markup anywhere else (``[GAP]`` inside, a malformed ``[^``).

    >>> split_notes("recipients,[^1] which")
    ('recipients, which', (NoteRef(number=1, offset=11),), False)
    >>> split_notes("the words \\\\[GAP] and \\\\[^2],[^2] cut[GAP]")
    ('the words [GAP] and [^2], cut', (NoteRef(number=2, offset=25),), True)
    """
    if "[" not in marked:  # no reference, no gap, nothing escaped (most paragraphs)
        return marked, (), False
    notes: list[NoteRef] = []
    out: list[str] = []
    length = 0
    pos = 0
    partial = False
    for m in _MARKUP_OPEN_RE.finditer(marked):
        if m.start() < pos:
            continue  # inside a reference already read
        slashes = len(m.group(1))
        piece = marked[pos : m.start()] + "\\" * (slashes // 2)
        out.append(piece)
        length += len(piece)
        pos = m.end()
        if slashes % 2:
            out.append("[")
            length += 1
            continue
        bracket = m.end() - 1
        if note := NOTE_REF_RE.match(marked, bracket):
            notes.append(NoteRef(int(note.group(1)), length))
            pos = note.end()
        elif marked.startswith(GAP, bracket) and not marked[bracket + len(GAP) :].strip():
            partial = True
            pos = len(marked)
            out[-1] = out[-1].rstrip()
        elif marked.startswith(GAP, bracket):
            raise StructureError(f"[GAP] may stand alone or at the end of a paragraph, found inside: {marked[:60]!r}")
        else:
            raise StructureError(f"malformed footnote reference in {marked[:60]!r}")
    out.append(marked[pos:])
    return "".join(out), tuple(notes), partial


def join_notes(text: str, notes: tuple[NoteRef, ...], partial: bool = False, escape: bool = True) -> str:
    """The inverse of :func:`split_notes`; ``escape=False`` for display only (text shown as it is).

    >>> join_notes("recipients, which", (NoteRef(1, 11),))
    'recipients,[^1] which'
    """
    out: list[str] = []
    pos = 0
    for n in notes:
        piece = text[pos : n.offset]
        out += [escape_marks(piece, markup_follows=True) if escape else piece, f"[^{n.number}]"]
        pos = n.offset
    rest = text[pos:]
    out.append(escape_marks(rest, markup_follows=partial) if escape else rest)
    return "".join(out) + (GAP if partial else "")


def heading_block(heading: Heading) -> str:
    """A heading in the block notation (the inverse of :func:`parse_heading`).

    >>> heading_block(Heading(1, "I", "Capacity-building")), heading_block(Heading(2, None, "I. Odd"))
    ('# I. Capacity-building', '## \\\\I. Odd')
    """
    marks = "#" * heading.level
    if heading.number is not None:
        return f"{marks} {heading.number}." + (f" {heading.text}" if heading.text else "")
    if HEADING_NUMBER_RE.match(heading.text) or heading.text.startswith("\\"):
        return f"{marks} \\{heading.text}"
    return f"{marks} {heading.text}"


def parse_heading(block: str) -> Heading | None:
    """The heading a block is in the block notation, or None.

    >>> parse_heading("# XVI. Budget"), parse_heading("## Article 1.")
    (Heading(level=1, number='XVI', text='Budget'), Heading(level=2, number='Article 1', text=''))
    >>> parse_heading("#hashtag") is None
    True
    """
    m = _HEADING_RE.match(block)
    if m is None:
        return None
    level, rest = len(m.group(1)), m.group(2)
    if rest.startswith("\\"):
        return Heading(level, None, rest[1:])
    if n := HEADING_NUMBER_RE.match(rest):
        return Heading(level, n.group(1), n.group(2) or "")
    return Heading(level, None, rest)


def sub_label(sub: tuple[str, ...]) -> str:
    """The written chain of a sub-paragraph's labels: ``(a)(i)``."""
    return "".join(f"({s})" for s in sub)


def ends_paragraph(text: str) -> bool:
    """Does ``text`` end as a paragraph of a resolution ends (with , ; . or :, perhaps a footnote mark)?

    >>> ends_paragraph("in all its forms,[^1]"), ends_paragraph("the annual")
    (True, False)
    """
    return bool(_PARAGRAPH_END_RE.search(text.rstrip()))


def opens_paragraph(line: str) -> bool:
    """Does ``line`` open a paragraph: an operative number, a sub-paragraph label or a lead phrase?

    >>> opens_paragraph("12. Encourages States"), opens_paragraph("(b) to share"), opens_paragraph("Noting")
    (True, True, True)
    >>> opens_paragraph("Protocol II to the Convention"), opens_paragraph("Stockpiling, Production and Transfer")
    (False, False)
    """
    s = line.strip()
    # A word, a comma and a capital is a name wrapped after a comma ("…the Use, / Stockpiling,
    # Production and Transfer of …"), never a lead: a lead is followed by its words or ", in …".
    return bool(_OP_RE.match(s) or _SUB_RE.match(s)) or (looks_like_lead(s) and not re.match(r"^\w+, [A-Z]", s))


def starts_paragraph(previous: str, line: str) -> bool:
    """Is ``line`` the first line of a new paragraph, given the line before it?"""
    return ends_paragraph(previous) and opens_paragraph(line)


def paragraph_blocks(lines: list[str]) -> list[list[str]]:
    """Group the lines of a text into paragraphs, whether or not blank lines separate them.

    A new paragraph begins where the text so far ends as a paragraph ends and the
    line opens one (operative number, sub-paragraph label, lead phrase), so text
    pasted one paragraph per line, or wrapped at any width, is read the same. The next
    operative number in sequence opens a paragraph even after a paragraph that lost its
    final punctuation. A blank line ends a paragraph unless the next line begins in lower
    case: no paragraph does, so that blank is a page break or a stray line inside a sentence.
    A text with a line longer than any page is wide (``UNWRAPPED``) was not wrapped: each of its
    lines is a paragraph, as pasted from a word processor.

    >>> paragraph_blocks(["Recalling its resolution 70/46,", "Noting the report", "of the Secretary-General,",
    ...                   "1. Decides to", "", "remain seized;", "2. Requests"])
    [['Recalling its resolution 70/46,'], ['Noting the report', 'of the Secretary-General,'], ['1. Decides to', 'remain seized;'], ['2. Requests']]
    """
    blocks: list[list[str]] = []
    blank = True
    last_number = 0
    if any(len(line.strip()) > UNWRAPPED for line in lines):
        return [[line.strip()] for line in lines if line.strip()]
    for line in lines:
        text = line.strip()
        if not text:
            blank = True
            continue
        m = _OP_RE.match(text)
        next_number = m is not None and int(m.group(1)) == last_number + 1
        if (
            blocks
            and not next_number
            and (not starts_paragraph(blocks[-1][-1], text) if not blank else text[:1].islower())
        ):
            blocks[-1].append(text)
        else:
            blocks.append([text])
            last_number = int(m.group(1)) if m else last_number
        blank = False
    return blocks


def _numbers_a_list(items: list[Item], number: int, last_number: int | None) -> bool:
    """Is ``number`` the number of an item of a list the operative paragraph before it introduces (its
    own numbering from 1: an agenda, a quoted text), not an operative paragraph? It goes back from
    ``last_number``, and it is 1 after a paragraph that ends with a colon or the next after the list's
    last item."""
    if last_number is None or number > last_number or not items or not isinstance(items[-1], Paragraph):
        return False
    previous = items[-1]
    if previous.part is not Part.OPERATIVE:
        return False
    if number == 1:
        return previous.text.rstrip().endswith(":")
    return previous.number is None and not previous.sub and previous.text.startswith(f"{number - 1}. ")


def _preambular(text: str) -> bool:
    """Does ``text`` open as a preambular paragraph does ("Recalling …", "Having considered …")? Such a
    paragraph after the operative part began is out of place, never a block of an operative paragraph."""
    first = text.split(" ", 1)[0]
    return first.endswith("ing") and first[:1].isupper() and looks_like_lead(text)


def _is_roman(label: str, previous: str | None) -> bool:
    # "(i)" after "(h)" is the ninth letter, otherwise the first roman numeral.
    return (
        set(label) <= _ROMAN
        and not (label == "i" and previous == "h")
        and not (label in ("v", "x", "l") and previous in ("u", "w", "k"))
    )


def build_items(blocks: list[str], source: str = "text", infer_nesting: bool = True) -> tuple[Item, ...]:
    """Classify paragraph blocks and give them ids.

    With ``infer_nesting`` a lone ``(i)`` after ``(a)`` is read as ``(a)(i)`` (printed text gives
    only the last label); without it a lone label is always a first-level sub-paragraph, and a
    nested one must be written with its chain, as the resdiff text format does.

    >>> items = build_items(["Recalling its resolution 70/46,", "[GAP]", "1. Decides to remain seized;"])
    >>> [getattr(i, "id", "gap") for i in items]
    ['PP1', 'gap', 'OP1']
    >>> items[1].part
    <Part.PREAMBLE: 'preamble'>
    """
    items: list[Item] = []
    sections: list[str] = []  # the section each item stands in ("" before the first heading)
    pp_count = 0
    position_known = True
    in_operative = False
    last_number: int | None = None  # the number of the last operative paragraph
    last_sub: list[str] = []
    path: list[str] = []  # the keys of the headings the next item stands under, outermost first
    heading_count = 0
    section_began = False  # a heading came and no paragraph yet: a section may open with its own preamble
    for raw in blocks:
        block = " ".join(raw.split())
        if not block:
            continue
        heading = parse_heading(block)
        if heading is not None:
            if heading.level > len(path) + 1:
                raise StructureError(
                    f"{source}: a level-{heading.level} heading without a level-"
                    f"{heading.level - 1} heading before it: {block[:60]!r}"
                )
            heading_count += 1
            path = path[: heading.level - 1] + [heading.number or f"S{heading_count}"]
            items.append(heading)
            sections.append(".".join(path))
            section_began = True
            continue
        sections.append(".".join(path))
        if section_began and in_operative and not _OP_RE.match(block) and not _SUB_RE.match(block) and block != GAP:
            # A section with a preamble of its own ("Recalling …" after "II. …"): its paragraphs are preambular.
            in_operative = False
            last_number, last_sub = None, []
        section_began = False
        if block == GAP:
            items.append(Gap(part=Part.OPERATIVE if in_operative else None))
            if not in_operative:
                position_known = False
            continue
        number: int | None = None
        sub: tuple[str, ...] = ()
        m = _OP_RE.match(block)
        if m and _numbers_a_list(items, int(m.group(1)), last_number):
            m = None  # "1. Opening of the Congress." after "11. Approves the following agenda:": a block of OP11
        if m:
            number = last_number = int(m.group(1))
            block = block[m.end() :]
            in_operative = True
            last_sub = []
        else:
            m = _SUB_RE.match(block)
            if m and in_operative and last_number is not None:
                labels = _LABEL_RE.findall(m.group(1))
                label = labels[-1][1:-1]
                if len(labels) > 1:
                    last_sub = [lb[1:-1] for lb in labels]
                elif (
                    infer_nesting and last_sub and _is_roman(label, last_sub[0] if len(last_sub) == 1 else last_sub[-2])
                ):
                    last_sub = [last_sub[0], label]
                else:
                    last_sub = [label]
                sub = tuple(last_sub)
                number = last_number
                block = block[m.end() :]
        if block == GAP:
            if sub:
                raise StructureError(
                    f"{source}: a missing sub-paragraph is written as [GAP] alone, without its label ({sub[-1]})"
                )
            items.append(Gap(part=Part.OPERATIVE, number=number))
            continue
        try:
            text, notes, partial = split_notes(block)
        except StructureError as e:
            raise StructureError(f"{source}: {e}") from None
        if number is not None:
            pid = f"OP{number}" + sub_label(sub)
            para = Paragraph(
                id=pid,
                part=Part.OPERATIVE,
                text=text,
                lead=lead_phrase(text),
                number=number if not sub else None,
                sub=sub,
                notes=notes,
                partial=partial,
            )
        elif in_operative:
            previous = next((i for i in reversed(items) if not isinstance(i, Heading)), None)
            if not isinstance(previous, Paragraph) or previous.part is not Part.OPERATIVE or _preambular(text):
                raise StructureError(f"{source}: unnumbered paragraph after the operative part began: {text[:60]!r}")
            # A block of the operative paragraph before it: a list item ("• …", "– …"), a quoted text, the
            # words after a list. It keeps its place: OP7-1 is the first such block after OP7 (or OP7(a)).
            owner, _, k = previous.id.partition("-")
            para = Paragraph(
                id=f"{owner}-{int(k or 0) + 1}",
                part=Part.OPERATIVE,
                text=text,
                lead=lead_phrase(text),
                notes=notes,
                partial=partial,
            )
        else:
            pp_count += 1
            para = Paragraph(
                id=f"PP{pp_count}",
                part=Part.PREAMBLE,
                text=text,
                lead=lead_phrase(text),
                notes=notes,
                partial=partial,
                position_known=position_known,
            )
        items.append(para)
    return tuple(_resolve_gap_parts(_qualify_ids(items, sections, source)))


def _qualify_ids(items: list[Item], sections: list[str], source: str) -> list[Item]:
    """Ids stay OP7 and PP3 unless paragraph numbers repeat (sections numbered from 1 each, or with
    preambles of their own): then every paragraph under a heading takes its section's key, ``II.OP1``,
    ``II.PP1`` (preambular paragraphs counted per section), ``III.S4.OP4`` under an unnumbered heading."""
    ids = [i.id for i in items if isinstance(i, Paragraph)]
    if len(ids) == len(set(ids)):
        return items
    out: list[Item] = []
    pp: dict[str, int] = {}
    seen: set[str] = set()
    for item, section in zip(items, sections):
        if isinstance(item, Paragraph) and section:
            if item.part is Part.PREAMBLE:
                pp[section] = pp.get(section, 0) + 1
                item = replace(item, id=f"{section}.PP{pp[section]}")
            else:
                item = replace(item, id=f"{section}.{item.id}")
        if isinstance(item, Paragraph):
            if item.id in seen:
                raise StructureError(f"{source}: paragraph {item.id} appears twice: {item.text[:60]!r}")
            seen.add(item.id)
        out.append(item)
    return out


def _resolve_gap_parts(items: list[Item]) -> list[Item]:
    """A gap before the first operative item is preambular; one after it, operative; else unknown."""
    # (A gap in a section's own preamble, after the first operative item, is read as operative.)
    first_op = next((k for k, i in enumerate(items) if getattr(i, "part", None) is Part.OPERATIVE), None)
    out: list[Item] = []
    for k, item in enumerate(items):
        if isinstance(item, Gap) and item.part is None and first_op is not None and k < first_op:
            item = Gap(part=Part.PREAMBLE)
        out.append(item)
    return out
