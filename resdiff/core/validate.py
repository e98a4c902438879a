"""What a version must satisfy to be stored: the rules ``resdiff check`` applies, used by every
writer before it writes, so nothing is stored that ``check`` would then reject.

Also the one decision about control characters (they are removed at import, with a warning:
a NUL, a bell or an escape sequence is never part of a resolution, and no writer — XML, Word,
a terminal — could carry it safely) and the identity checks before a stored text is replaced.
"""

from __future__ import annotations

import re
from dataclasses import fields, is_dataclass, replace
from datetime import date
from typing import TypeVar

from resdiff.core.model import Footnote, FootnoteStatus, Gap, Paragraph, Part, Resolution

# C0 controls but tab, newline and carriage return; DEL; C1 controls; lone surrogates and the
# two non-characters XML forbids; the line and paragraph separators (a line break inside a line).
_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff\u2028\u2029]")
# A stored text with fewer paragraphs than this replaces nothing: an import that found almost
# nothing (a page of navigation, HTML nested past the parser's depth) is a failed import.
MIN_PARAGRAPHS_TO_REPLACE = 3
T = TypeVar("T")


def valid_date(text: str | None) -> bool:
    """True for None or a real calendar date written YYYY-MM-DD.

    >>> valid_date("2020-12-07"), valid_date("2018-13-45"), valid_date(None)
    (True, False, True)
    """
    if text is None:
        return True
    try:
        return re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) is not None and bool(date.fromisoformat(text))
    except ValueError:
        return False


def content_problems(res: Resolution, where: str) -> list[str]:
    """Every rule a stored version must meet, as one line each (empty: it may be stored)."""
    problems = []
    if not valid_date(res.adopted):
        problems.append(f"{where}: adopted {res.adopted!r} is not a real date (YYYY-MM-DD)")
    if (
        res.session is not None
        and res.adopted
        and valid_date(res.adopted)
        and int(res.adopted[:4]) - 1945 not in (res.session, res.session + 1)
    ):
        problems.append(
            f"{where}: adopted {res.adopted} is not during session {res.session} "
            f"({1945 + res.session}-{1946 + res.session})"
        )
    if not res.items:
        problems.append(f"{where}: holds neither a paragraph nor a gap")
    numbers = {f.number for f in res.footnotes}
    for p in res.all_paragraphs:
        for n in p.note_numbers:
            if n not in numbers:
                problems.append(f"{where}: {p.id} refers to footnote {n}, which is not listed")
    if res.complete and res.footnote_status is FootnoteStatus.HELD:
        for n in res.unplaced_notes:
            problems.append(f"{where}: footnote {n} is referenced by no paragraph")
    if res.complete and res.holds_gaps:
        problems.append(f"{where}: marked complete but holds gaps")
    if any(_CONTROL_RE.search(s) for s in strings(res)):
        problems.append(f"{where}: holds control characters")
    return problems


# How an operative part ends: its last paragraph's full stop, perhaps inside closing quotes or brackets.
_ENDS_RE = re.compile(r"""[.!?][\"'\u201d\u2019)\]]*$""")


def stops_short(res: Resolution) -> str | None:
    """Why a text read from a published document stops before its closing, or None when it reaches
    it: its last paragraph ends without a full stop (a text cut after its preamble ends on a comma),
    an adopted resolution lacks its meeting line, or its paragraphs mark footnotes and no footnote
    text was found at all.
    (What stands after the closing lines is another matter: annexes, page furniture.)

    >>> from resdiff.core.model import Part
    >>> op = Paragraph("OP1", Part.OPERATIVE, "Decides to remain seized of the matter.", "Decides", 1)
    >>> stops_short(Resolution("A/RES/75/59", meeting="46th plenary meeting", items=(op,))) is None
    True
    >>> stops_short(Resolution("A/RES/75/59", items=(op,)))
    'the meeting line that closes an adopted resolution is missing'
    >>> stops_short(Resolution("", items=(replace(op, text="Decides to remain"),)))
    'its last paragraph ends without a full stop'
    """
    paragraphs = res.paragraphs
    if not paragraphs or isinstance(res.items[-1], Gap) or paragraphs[-1].partial:
        return None  # already marked where it stops
    if not _ENDS_RE.search(paragraphs[-1].text.rstrip()):
        return "its last paragraph ends without a full stop"
    if res.symbol.startswith("A/RES/") and not res.meeting:
        return "the meeting line that closes an adopted resolution is missing"
    if any(p.notes for p in paragraphs) and not any(f.text for f in res.footnotes):
        return "its paragraphs mark footnotes and none of their texts was found"
    return None


def mark_stop(res: Resolution, why: str) -> Resolution:
    """``res`` marked partial where it stops: its last paragraph ends in a gap when the paragraph is
    cut, else a gap follows it. A gap after an operative paragraph is in the operative part (the
    preamble is behind it), as the stored text reads it back; after a preambular one it may span the
    preamble's end."""
    last = res.items[-1]
    if isinstance(last, Paragraph) and why == "its last paragraph ends without a full stop":
        items = res.items[:-1] + (replace(last, partial=True),)
    else:
        before = next((item.part for item in reversed(res.items) if isinstance(item, Paragraph | Gap)), None)
        items = res.items + (Gap(Part.OPERATIVE if before is Part.OPERATIVE else None),)
    return replace(res, items=items, complete=False)


def repair(res: Resolution) -> tuple[Resolution, list[str]]:
    """Make an imported version meet :func:`content_problems` where that can be done honestly,
    saying what was done: a reference to a footnote whose text was not found gets that footnote
    as a gap; footnotes with a gap or a mark that could not be placed are "partly held", not
    held; a version with a gap or a partial paragraph is not whole (``complete: no``)."""
    said = []
    listed = {f.number for f in res.footnotes}
    missing = sorted({n for p in res.all_paragraphs for n in p.note_numbers} - listed)
    if missing:
        footnotes = tuple(sorted(res.footnotes + tuple(Footnote(n, None) for n in missing), key=lambda f: f.number))
        res = replace(res, footnotes=footnotes)
        said.append(
            f"footnote(s) {', '.join(map(str, missing))} are referenced but their text was not found; kept as gaps"
        )
    if res.footnote_status is FootnoteStatus.HELD:
        why = []
        if res.footnote_gap or any(f.text is None for f in res.footnotes):
            why.append("some footnote texts are gaps")
        if res.complete and res.unplaced_notes:
            why.append(f"the mark of footnote(s) {', '.join(map(str, res.unplaced_notes))} could not be placed")
        if why:
            res = replace(res, footnote_status=FootnoteStatus.PARTLY_HELD)
            said.append(f"footnotes marked partly held: {'; '.join(why)}")
    if res.complete and res.holds_gaps:
        res = replace(res, complete=False)
        said.append("marked partial, not complete: it holds gaps")
    return res, said


def replacement_problems(stored: Resolution, new: Resolution) -> list[str]:
    """Why ``new`` may not replace ``stored`` even with --force: it is another document, or
    (almost) empty."""
    problems = []
    if new.symbol != stored.symbol:
        problems.append(f"the new text is {new.symbol}, the stored one {stored.symbol}")
    if new.adopted and stored.adopted and new.adopted != stored.adopted:
        problems.append(f"the new text was adopted on {new.adopted}, the stored one on {stored.adopted}")
    if len(new.paragraphs) < min(MIN_PARAGRAPHS_TO_REPLACE, len(stored.paragraphs)):
        problems.append(
            f"the new text holds {len(new.paragraphs)} paragraph(s), the stored one "
            f"{len(stored.paragraphs)}: an import that found almost nothing replaces nothing"
        )
    if stored.complete and not new.complete:
        problems.append("the stored text is whole and the new one is not")
    if stored.footnote_status is FootnoteStatus.HELD and new.footnote_status is not FootnoteStatus.HELD:
        problems.append("the stored text holds every footnote and its mark, the new one does not")
    return problems


def replaced_provenance(stored: Resolution, new: Resolution) -> Resolution:
    """``new`` with the stored text's provenance kept and a line saying what it replaced."""
    note = (
        f"replaced a {'whole' if stored.complete else 'partial'} text whose sources were: "
        f"{' ; '.join(stored.sources) or 'none recorded'}"
    )
    kept = tuple(p for p in stored.provenance if p not in new.provenance)
    return replace(new, provenance=kept + (note,) + new.provenance)


def strip_controls(res: Resolution) -> tuple[Resolution, int]:
    """``res`` without control characters, and how many were removed."""
    return clean_controls(res)


def clean_controls(obj: T) -> tuple[T, int]:
    """``obj`` (a version, a manifest, any frozen dataclass) with the control characters of every
    text it holds removed, and how many were removed: every field of text, in every dataclass and
    tuple within it, so that a field added later is cleaned too."""
    removed = sum(len(_CONTROL_RE.findall(s)) for s in strings(obj))
    return (_without_controls(obj) if removed else obj), removed


def _without_controls(value: T) -> T:
    cleaned: object = value
    if isinstance(value, str) and type(value) is str:  # not an enum member, whose value is fixed
        cleaned = _clean(value)
    elif isinstance(value, Paragraph):
        cleaned = _clean_paragraph(value)
    elif isinstance(value, tuple):
        cleaned = tuple(map(_without_controls, value))
    elif is_dataclass(value) and not isinstance(value, type):
        cleaned = replace(value, **{f.name: _without_controls(getattr(value, f.name)) for f in fields(value)})
    return cleaned  # type: ignore[return-value]


def _clean(text: str) -> str:
    return _cleaned(text)[0]


def _cleaned(text: str) -> tuple[str, list[int]]:
    """``text`` without control characters and without the double spaces their removal leaves
    (texts are stored with single spaces), and for each position of ``text`` the position it
    has in the result."""
    out: list[str] = []
    where = []
    for ch in text:
        where.append(len(out))
        if _CONTROL_RE.match(ch) or (ch == " " and (not out or out[-1] == " ")):
            continue
        out.append(ch)
    where.append(len(out))
    while out and out[-1] == " ":
        out.pop()
    return "".join(out), [min(w, len(out)) for w in where]


def _clean_paragraph(p: Paragraph) -> Paragraph:
    """Remove control characters; each footnote mark keeps its place among the other characters."""
    text, where = _cleaned(p.text)
    notes = tuple(replace(n, offset=where[min(n.offset, len(p.text))]) for n in p.notes)
    return replace(p, text=text, lead=_clean(p.lead), notes=notes)


def strings(obj: object) -> list[str]:
    """Every piece of text ``obj`` holds: its fields of text, and those of the dataclasses and
    tuples within it (metadata, headings, sponsors, paragraphs, footnotes).

    >>> from resdiff.core.model import Heading
    >>> strings(Resolution("A/RES/1/1", title="T", items=(Heading(1, "I", "Scope"),)))
    ['A/RES/1/1', 'T', 'I', 'Scope']
    """
    found: list[str] = []
    _gather(obj, found)
    return found


def _gather(obj: object, found: list[str]) -> None:
    # One list filled on the way down, and each class's fields looked up once: a version is walked
    # at every import and store write (tens of thousands of values for a long resolution).
    if type(obj) is str:
        if obj:
            found.append(obj)
    elif isinstance(obj, tuple):
        for v in obj:
            _gather(v, found)
    elif names := _field_names(type(obj)):
        for name in names:
            _gather(getattr(obj, name), found)


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _field_names(cls: type) -> tuple[str, ...]:
    """The fields of instances of ``cls`` if it is a dataclass (a class itself, an instance of a
    metaclass, has none)."""
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = (
            tuple(f.name for f in fields(cls)) if is_dataclass(cls) and not issubclass(cls, type) else ()
        )
    return names
