"""Import Word (.docx) files: paragraphs, real footnotes, and tracked changes.

A draft with tracked changes is read as its current text (every change accepted) by default,
or as it was before the changes with ``revisions="original"``. Word numbers footnotes by
arbitrary ids; here they are numbered in order of first reference, as printed.
"""

from __future__ import annotations

from dataclasses import dataclass

from resdiff.core.blocks import marks_from_placeholders
from resdiff.core.errors import ImportFailed
from resdiff.core.model import ImportReport, Resolution, Revisions
from resdiff.formats.ooxml import CHANGE_LIST_STYLES, read_parts, w
from resdiff.formats.xmlsafe import parse_xml
from resdiff.ingest.document import resolution_from_paragraphs

TYPE_CHECKING = False
if TYPE_CHECKING:  # for annotations only
    from collections.abc import Callable


@dataclass(frozen=True)
class WordText:
    """What a .docx holds as text: its paragraphs (references as ``[^N]``), footnotes by number, each
    paragraph's style, the footnotes with a custom mark ("*" → its text, as the UN marks the note on a
    sponsors line), and the paragraphs of its page headers (where UN Word files print the symbol)."""

    paragraphs: list[str]
    footnotes: dict[int, str | None]
    styles: list[str]
    marked_notes: dict[str, str]
    headers: list[str]


_HEADER_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/header"
_RELS_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def docx_paragraphs(
    data: bytes, source: str, revisions: Revisions = Revisions.CURRENT
) -> tuple[list[str], dict[int, str | None], list[str]]:
    """Paragraph texts (references as ``[^N]``), footnotes by number, and each paragraph's style."""
    text = docx_text(data, source, revisions)
    return text.paragraphs, text.footnotes, text.styles


def docx_text(data: bytes, source: str, revisions: Revisions = Revisions.CURRENT) -> WordText:
    """The text of a .docx (see :class:`WordText`), its tracked changes read as ``revisions`` says."""
    if revisions not in set(Revisions):
        raise ImportFailed(source, f"revisions must be one of {', '.join(Revisions)}, not {revisions!r}")
    rels = "word/_rels/document.xml.rels"
    parts = read_parts(
        data, source, ("word/document.xml", "word/footnotes.xml", "word/numbering.xml", "word/styles.xml", rels)
    )
    header_names = []
    if rels in parts:
        for rel in parse_xml(parts[rels], source).iter(f"{_RELS_NS}Relationship"):
            if rel.get("Type") == _HEADER_REL and rel.get("TargetMode") != "External":
                header_names.append("word/" + (rel.get("Target") or "").removeprefix("/word/").lstrip("/"))
    headers_xml = read_parts(data, source, tuple(header_names)) if header_names else {}
    body = parse_xml(parts["word/document.xml"], source).find(w("body"))
    notes_root = parse_xml(parts["word/footnotes.xml"], source) if "word/footnotes.xml" in parts else None
    skip = {w("del"), w("moveFrom")} if revisions == Revisions.CURRENT else {w("ins"), w("moveTo")}
    word_notes = {}
    if notes_root is not None:
        for note in notes_root.iter(w("footnote")):
            if note.get(w("type")) in (None, "normal"):
                word_notes[note.get(w("id"))] = " ".join(_text(note, skip, {}).split())
    numbers: dict[str, int] = {}
    marks: dict[str, str] = {}
    lists = ListNumbering(parts, source)
    paragraphs: list[str] = []
    styles: list[str] = []
    carry = ""
    gone = {w("del"), w("moveFrom")} if revisions == Revisions.CURRENT else {w("ins"), w("moveTo")}
    for p in body.iter(w("p")) if body is not None else ():
        if _unread(p):
            continue
        style = p.find(f"{w('pPr')}/{w('pStyle')}")
        if style is not None and style.get(w("val")) in CHANGE_LIST_STYLES:
            continue
        text = _text(p, skip, numbers, marks)
        # A paragraph mark that is a removed revision (or moved away) joins the paragraph with the next,
        # whose mark, and so whose properties (its list number), the joined paragraph has.
        mark = p.find(f"{w('pPr')}/{w('rPr')}")
        if mark is not None and any(child.tag in gone for child in mark):
            carry += text
            continue
        # Marks are placeholders until the words are escaped: "[^12]" typed in the document is text.
        text = marks_from_placeholders(carry + text)
        if text.strip():
            text = lists.label(p, revisions) + text
        paragraphs.append(text)
        styles.append(style.get(w("val")) if style is not None else "")
        carry = ""
    if carry:
        paragraphs.append(carry)
        styles.append("")
    footnotes = {n: (word_notes.get(wid) or None) for wid, n in numbers.items()}
    marked = {mark: (word_notes.get(wid) or "").lstrip(mark + " ").strip() for wid, mark in marks.items()}
    headers = [
        _text(p, skip, {}, {})
        for name in header_names
        if name in headers_xml
        for p in parse_xml(headers_xml[name], source).iter(w("p"))
    ]
    return WordText(paragraphs, footnotes, styles, marked, [h for h in headers if h.strip()])


def tracked_changes(data: bytes) -> int:
    """How many tracked changes (insertions, deletions, moves) a Word file's text carries; 0 for a file
    that is not a .docx (the reader says what is wrong with it)."""
    from resdiff.core.errors import ResdiffError

    try:
        parts = read_parts(data, "draft", ("word/document.xml",))
        root = parse_xml(parts["word/document.xml"], "draft")
    except (ResdiffError, KeyError):
        return 0
    return sum(1 for _ in root.iter(w("ins"), w("del"), w("moveFrom"), w("moveTo")))


# Markup compatibility: an mc:AlternateContent holds one thing twice, as an mc:Choice for Word and an
# mc:Fallback for older readers (a text box is both a DrawingML shape and a VML one).
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_FALLBACK = f"{{{MC_NS}}}Fallback"


def _unread(p) -> bool:
    """A paragraph that is another copy of one read elsewhere: inside an mc:Fallback."""
    return any(a.tag == _FALLBACK for a in p.iterancestors())


def _hidden(node) -> bool:
    """Text in a run formatted hidden (w:vanish): not printed, so not part of the resolution."""
    run = node.getparent()
    vanish = run.find(f"{w('rPr')}/{w('vanish')}") if run is not None else None
    return vanish is not None and vanish.get(w("val"), "true") not in ("0", "false", "off")


# Read elsewhere or not at all: a text box's paragraphs (each read as a paragraph), a fallback copy.
_OWN_PARAGRAPH = {w("txbxContent"), _FALLBACK}


def _within(node, top) -> list:
    """The elements between ``node`` and ``top`` (both excluded)."""
    out = []
    parent = node.getparent() if node is not top else None
    while parent is not None and parent is not top:
        out.append(parent)
        parent = parent.getparent()
    return out


def _text(el, skip: set[str], numbers: dict[str, int], marks: dict[str, str] | None = None) -> str:
    """The text of an element, with footnote references as [^N] numbered in order of first reference.
    A reference with a custom mark ("*", printed by the run that follows it) is no numbered footnote:
    its id goes into ``marks`` with the mark, which stays in the text. The paragraphs of a text box
    inside it are paragraphs of their own, read once (not from its fallback copy); hidden text is
    left out."""
    out: list[str] = []
    custom: str | None = None  # the id of a custom-mark reference whose mark is still to come
    for node in el.iter():
        if node.tag in skip or any(a.tag in skip or a.tag in _OWN_PARAGRAPH for a in _within(node, el)):
            continue
        if node.tag in (w("t"), w("delText")) and _hidden(node):
            continue
        if node.tag in (w("t"), w("delText")) and node.text:  # delText only survives outside skipped w:del
            out.append(node.text)
            if custom is not None and marks is not None:
                marks[custom] = node.text.strip()
                custom = None
        elif node.tag == w("tab"):
            out.append("\t")
        elif node.tag in (w("br"), w("cr")):
            out.append(" ")
        elif node.tag == w("footnoteReference"):
            wid = node.get(w("id"))
            if node.get(w("customMarkFollows")) in ("1", "true", "on"):
                custom = wid
                continue
            numbers.setdefault(wid, len(numbers) + 1)
            out.append(f"\0{numbers[wid]}\0")  # made [^N] by docx_text once the words are escaped
    return "".join(out)


_FORMATS: dict[str, Callable[[int], str]] = {
    "decimal": str,
    "decimalZero": lambda n: f"{n:02d}",
    "lowerLetter": lambda n: _letters(n),
    "upperLetter": lambda n: _letters(n).upper(),
    "lowerRoman": lambda n: _roman(n),
    "upperRoman": lambda n: _roman(n).upper(),
}


def _letters(n: int) -> str:
    # Word's letter numbering runs a..z, then aa..zz, then aaa..
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _roman(n: int) -> str:
    from resdiff.core.symbol import to_roman

    return to_roman(n).lower() if n < 90 else str(n)


class ListNumbering:
    """Word's automatic numbering, which has no text in the document: the number a paragraph shows is
    computed from numbering.xml (each level's format, text such as "%1." or "(%2)", start value) and
    the paragraph's list and level, given on the paragraph or by its style (styles.xml, through basedOn).
    :meth:`label` returns what Word prints, as the text importers read it: "12. " for an operative
    number, "(b) " for a sub-paragraph; nothing for bullets and unnumbered paragraphs."""

    def __init__(self, parts: dict[str, bytes], source: str):
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}  # numId -> level -> (format, text, start)
        self.style_numbering: dict[str | None, tuple[str | None, int | None]] = {}  # styleId -> (numId, ilvl)
        self.counters: dict[str, dict[int, int]] = {}
        self.counted_as: dict[str, str] = {}  # numId -> the counters it shares with the other instances
        if "word/numbering.xml" in parts:
            root = parse_xml(parts["word/numbering.xml"], source)
            abstract = {a.get(w("abstractNumId")): self._read_levels(a) for a in root.iter(w("abstractNum"))}
            for num in root.iter(w("num")):
                ref = num.find(w("abstractNumId"))
                list_id = ref.get(w("val")) if ref is not None else None
                levels = dict(abstract.get(list_id, {}))
                restarts = False
                for override in num.iter(w("lvlOverride")):
                    ilvl, start = int(override.get(w("ilvl"), "0")), override.find(w("startOverride"))
                    if start is not None and ilvl in levels:
                        levels[ilvl] = levels[ilvl][:2] + (int(start.get(w("val"), "1")),)
                        restarts = True
                self.levels[num.get(w("numId"))] = levels
                # Two instances of one list count on together (Word's own numbering continues from
                # one to the other) unless an instance restarts it with a start override.
                if list_id is not None and not restarts:
                    self.counted_as[num.get(w("numId"))] = f"list {list_id}"
        if "word/styles.xml" in parts:
            self._read_styles(parse_xml(parts["word/styles.xml"], source))

    @staticmethod
    def _read_levels(abstract) -> dict[int, tuple[str, str, int]]:
        levels = {}
        for lvl in abstract.iter(w("lvl")):
            fmt, text, start = lvl.find(w("numFmt")), lvl.find(w("lvlText")), lvl.find(w("start"))
            levels[int(lvl.get(w("ilvl"), "0"))] = (
                fmt.get(w("val"), "decimal") if fmt is not None else "decimal",
                text.get(w("val"), "") if text is not None else "",
                int(start.get(w("val"), "1")) if start is not None else 1,
            )
        return levels

    def _read_styles(self, root) -> None:
        direct: dict[str | None, tuple[str | None, int | None, str | None]] = {}
        for style in root.iter(w("style")):
            num = style.find(f"{w('pPr')}/{w('numPr')}")
            based = style.find(w("basedOn"))
            num_id = num.find(w("numId")) if num is not None else None
            ilvl = num.find(w("ilvl")) if num is not None else None
            direct[style.get(w("styleId"))] = (
                num_id.get(w("val")) if num_id is not None else None,
                int(ilvl.get(w("val"))) if ilvl is not None else None,
                based.get(w("val")) if based is not None else None,
            )
        for sid in direct:
            num_id, ilvl, seen = None, None, set()
            cur: str | None = sid
            while cur in direct and cur not in seen:  # basedOn chains, guarded against loops
                seen.add(cur)
                n, lvl, cur = direct[cur]
                num_id = num_id if num_id is not None else n
                ilvl = ilvl if ilvl is not None else lvl
            self.style_numbering[sid] = (num_id, ilvl)

    def label(self, p, revisions: Revisions = Revisions.CURRENT) -> str:
        ppr = p.find(w("pPr"))
        changed = ppr.find(f"{w('pPrChange')}/{w('pPr')}") if ppr is not None else None
        if changed is not None and revisions == Revisions.ORIGINAL:  # a tracked change of the properties
            ppr = changed
        style = ppr.find(w("pStyle")) if ppr is not None else None
        num_id, ilvl = self.style_numbering.get(style.get(w("val")) if style is not None else "", (None, None))
        num = ppr.find(w("numPr")) if ppr is not None else None
        if num is not None:
            if (el := num.find(w("numId"))) is not None:
                num_id = el.get(w("val"))
            if (el := num.find(w("ilvl"))) is not None:
                ilvl = int(el.get(w("val"), "0"))
        if num_id is None or num_id == "0":  # numId 0 switches numbering off
            return ""
        ilvl = ilvl or 0
        levels = self.levels.get(num_id, {})
        counters = self.counters.setdefault(self.counted_as.get(num_id, num_id), {})
        fmt, text, start = levels.get(ilvl) or _default_level(ilvl)
        counters[ilvl] = counters.get(ilvl, start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]  # a level restarts after a higher one
        if fmt not in _FORMATS:  # bullets, "none": no number printed
            return ""
        printed = text
        for k in range(ilvl + 1):
            level_fmt, _, level_start = levels.get(k) or _default_level(k)
            printed = printed.replace(f"%{k + 1}", _FORMATS.get(level_fmt, str)(counters.get(k, level_start)))
        return _as_read(printed, ilvl, fmt, counters[ilvl])


def _default_level(ilvl: int) -> tuple[str, str, int]:
    # A list without its definition: numbered "1." at the top level, "(a)" below, as resolutions are.
    return ("decimal", "%1.", 1) if ilvl == 0 else ("lowerLetter", f"(%{ilvl + 1})", 1)


def _as_read(printed: str, ilvl: int, fmt: str, n: int) -> str:
    """A printed list label as a paragraph's text begins: "1." stays, "1)" and "1" read "1.", "a)" "(a)"."""
    printed = printed.strip()
    if fmt in ("decimal", "decimalZero") and ilvl == 0:
        return f"{n}. "
    core = printed.strip("().")
    return f"({core}) " if core else ""


def parse_docx(
    data: bytes, source: str, symbol: str | None = None, revisions: Revisions = Revisions.CURRENT
) -> tuple[Resolution, ImportReport]:
    text = docx_text(data, source, revisions)
    return resolution_from_paragraphs(
        text.paragraphs, text.footnotes, source, symbol, marked_notes=text.marked_notes, headers=text.headers
    )
