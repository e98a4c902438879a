"""Turn paragraph blocks into the items of a Resolution.

Every importer ends here: it produces blocks of text, one per paragraph, with
footnote references inline as ``[^13]`` and missing text as ``[GAP]``, and
this module decides what each block is (preambular, operative, sub-paragraph,
gap), gives it its id and finds its lead phrase. One path for every format.
"""

from __future__ import annotations

import re

from ..leads import lead_phrase
from ..model import Gap, Item, NoteRef, Paragraph, Part

GAP = "[GAP]"
ENACTING_FORMULA = "The General Assembly,"
NOTE_REF_RE = re.compile(r"\[\^(\d+)\]")
_OP_RE = re.compile(r"^(\d{1,3})\.\s+")
_SUB_RE = re.compile(r"^\(([a-z]{1,2}|[ivxl]{1,6})\)\s+")
_ROMAN = set("ivxl")


class StructureError(ValueError):
    """A block cannot be read (the message says which and why)."""


def split_notes(marked: str) -> tuple[str, tuple[NoteRef, ...]]:
    """Remove inline ``[^N]`` references, returning the text and their positions.

    >>> split_notes("recipients,[^1] which")
    ('recipients, which', (NoteRef(number=1, offset=11),))
    """
    notes: list[NoteRef] = []
    out: list[str] = []
    length = 0
    pos = 0
    for m in NOTE_REF_RE.finditer(marked):
        piece = marked[pos : m.start()]
        out.append(piece)
        length += len(piece)
        notes.append(NoteRef(int(m.group(1)), length))
        pos = m.end()
    out.append(marked[pos:])
    return "".join(out), tuple(notes)


def join_notes(text: str, notes: tuple[NoteRef, ...]) -> str:
    """The inverse of :func:`split_notes`.

    >>> join_notes("recipients, which", (NoteRef(1, 11),))
    'recipients,[^1] which'
    """
    out: list[str] = []
    pos = 0
    for n in notes:
        out.append(text[pos : n.offset])
        out.append(f"[^{n.number}]")
        pos = n.offset
    out.append(text[pos:])
    return "".join(out)


def _is_roman(label: str, previous: str | None) -> bool:
    # "(i)" after "(h)" is the ninth letter, otherwise the first roman numeral.
    return set(label) <= _ROMAN and not (label == "i" and previous == "h") and not (
        label in ("v", "x", "l") and previous in ("u", "w", "k")
    )


def build_items(blocks: list[str], source: str = "text") -> tuple[Item, ...]:
    """Classify paragraph blocks and give them ids.

    >>> items = build_items(["Recalling its resolution 70/46,", "[GAP]", "1. Decides to remain seized;"])
    >>> [getattr(i, "id", "gap") for i in items]
    ['PP1', 'gap', 'OP1']
    >>> items[1].part
    <Part.PREAMBLE: 'preamble'>
    """
    items: list[Item] = []
    pp_count = 0
    position_known = True
    in_operative = False
    last_number: int | None = None  # the number of the last operative paragraph
    last_sub: list[str] = []
    for raw in blocks:
        block = " ".join(raw.split())
        if not block:
            continue
        if block == GAP:
            items.append(Gap(part=Part.OPERATIVE if in_operative else None))
            if not in_operative:
                position_known = False
            continue
        number: int | None = None
        sub: tuple[str, ...] = ()
        m = _OP_RE.match(block)
        if m:
            number = last_number = int(m.group(1))
            block = block[m.end() :]
            in_operative = True
            last_sub = []
        else:
            m = _SUB_RE.match(block)
            if m and in_operative and last_number is not None:
                label = m.group(1)
                if last_sub and _is_roman(label, last_sub[0] if len(last_sub) == 1 else last_sub[-2]):
                    last_sub = [last_sub[0], label]
                else:
                    last_sub = [label]
                sub = tuple(last_sub)
                number = last_number
                block = block[m.end() :]
        if block == GAP:
            if sub:
                raise StructureError(f"{source}: a missing sub-paragraph is written as [GAP] alone, "
                                     f"without its label ({sub[-1]})")
            items.append(Gap(part=Part.OPERATIVE, number=number))
            continue
        partial = block.endswith(GAP)
        if partial:
            block = block[: -len(GAP)].rstrip()
        if GAP in block:
            raise StructureError(
                f"{source}: [GAP] may stand alone or at the end of a paragraph, found inside: "
                f"{block[:60]!r}"
            )
        text, notes = split_notes(block)
        if "[^" in text:
            raise StructureError(f"{source}: malformed footnote reference in {block[:60]!r}")
        if number is not None:
            pid = f"OP{number}" + "".join(f"({s})" for s in sub)
            para = Paragraph(
                id=pid, part=Part.OPERATIVE, text=text, lead=lead_phrase(text), number=number if not sub else None,
                sub=sub, notes=notes, partial=partial,
            )
        else:
            if in_operative:
                raise StructureError(
                    f"{source}: unnumbered paragraph after the operative part began: {text[:60]!r}"
                )
            pp_count += 1
            para = Paragraph(
                id=f"PP{pp_count}", part=Part.PREAMBLE, text=text, lead=lead_phrase(text), notes=notes,
                partial=partial, position_known=position_known,
            )
        items.append(para)
    return tuple(_resolve_gap_parts(items))


def _resolve_gap_parts(items: list[Item]) -> list[Item]:
    """A gap before the first operative item is preambular; one after it, operative; else unknown."""
    first_op = next((k for k, i in enumerate(items) if i.part is Part.OPERATIVE), None)
    out: list[Item] = []
    for k, item in enumerate(items):
        if isinstance(item, Gap) and item.part is None and first_op is not None and k < first_op:
            item = Gap(part=Part.PREAMBLE)
        out.append(item)
    return out
