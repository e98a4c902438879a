"""Import Word (.docx) files: paragraphs, real footnotes, and tracked changes.

A draft with tracked changes is read as its current text (every change accepted) by default,
or as it was before the changes with ``revisions="original"``. Word numbers footnotes by
arbitrary ids; here they are numbered in order of first reference, as printed.
"""

from __future__ import annotations

import io
import zipfile

from ..errors import ImportFailed
from ..model import ImportReport, Resolution
from .document import resolution_from_paragraphs
from .xmlsafe import parse_xml

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MAX_PART_BYTES = 50 * 1024 * 1024  # one decompressed part
MAX_TOTAL_BYTES = 200 * 1024 * 1024  # all parts together
MAX_RATIO = 200  # decompressed / compressed: beyond this, a zip bomb rather than a document
REVISIONS = ("current", "original")


def w(name: str) -> str:
    return f"{{{W_NS}}}{name}"


def read_parts(data: bytes, source: str, names: tuple[str, ...]) -> dict[str, bytes]:
    """The named parts of a .docx, refusing archives that would decompress without bound."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise ImportFailed(source, "not a valid .docx (a damaged zip archive)") from None
    with archive:
        infos = archive.infolist()
        total = sum(i.file_size for i in infos)
        for info in infos:
            ratio = info.file_size / max(info.compress_size, 1)
            if info.file_size > MAX_PART_BYTES or ratio > MAX_RATIO or total > MAX_TOTAL_BYTES:
                raise ImportFailed(source, f"refused: part {info.filename} would decompress to {info.file_size} bytes "
                                   f"(ratio {ratio:.0f}); this looks like a zip bomb, not a document")
        present = {i.filename for i in infos}
        if "word/document.xml" not in present:
            raise ImportFailed(source, "not a Word document (no word/document.xml)")
        return {name: archive.read(name) for name in names if name in present}


def docx_paragraphs(data: bytes, source: str, revisions: str = "current"
                    ) -> tuple[list[str], dict[int, str | None], list[str]]:
    """Paragraph texts (references as ``[^N]``), footnotes by number, and each paragraph's style."""
    if revisions not in REVISIONS:
        raise ImportFailed(source, f"revisions must be one of {', '.join(REVISIONS)}, not {revisions!r}")
    parts = read_parts(data, source, ("word/document.xml", "word/footnotes.xml"))
    body = parse_xml(parts["word/document.xml"], source).find(w("body"))
    notes_root = parse_xml(parts["word/footnotes.xml"], source) if "word/footnotes.xml" in parts else None
    skip = {w("del"), w("moveFrom")} if revisions == "current" else {w("ins"), w("moveTo")}
    word_notes = {}
    if notes_root is not None:
        for note in notes_root.iter(w("footnote")):
            if note.get(w("type")) in (None, "normal"):
                word_notes[note.get(w("id"))] = " ".join(_text(note, skip, {}).split())
    numbers: dict[str, int] = {}
    counters: dict[tuple[str, str], int] = {}
    paragraphs: list[str] = []
    styles: list[str] = []
    carry = ""
    for p in body.iter(w("p")) if body is not None else ():
        text = _text(p, skip, numbers)
        style = p.find(f"{w('pPr')}/{w('pStyle')}")
        num = p.find(f"{w('pPr')}/{w('numPr')}")
        if num is not None and text.strip():
            text = _automatic_number(num, counters) + text
        # A paragraph mark that is a removed revision joins the paragraph with the next.
        if p.find(f"{w('pPr')}/{w('rPr')}/{w('del') if revisions == 'current' else w('ins')}") is not None:
            carry += text
            continue
        paragraphs.append(carry + text)
        styles.append(style.get(w("val")) if style is not None else "")
        carry = ""
    if carry:
        paragraphs.append(carry)
        styles.append("")
    footnotes = {n: (word_notes.get(wid) or None) for wid, n in numbers.items()}
    return paragraphs, footnotes, styles


def _text(el, skip: set[str], numbers: dict[str, int]) -> str:
    """The text of an element, with footnote references as [^N] numbered in order of first reference."""
    out: list[str] = []
    for node in el.iter():
        if any(a.tag in skip for a in node.iterancestors()) or node.tag in skip:
            continue
        if node.tag in (w("t"), w("delText")) and node.text:  # delText only survives outside skipped w:del
            out.append(node.text)
        elif node.tag == w("tab"):
            out.append("\t")
        elif node.tag in (w("br"), w("cr")):
            out.append(" ")
        elif node.tag == w("footnoteReference"):
            wid = node.get(w("id"))
            numbers.setdefault(wid, len(numbers) + 1)
            out.append(f"[^{numbers[wid]}]")
    return "".join(out)


def _automatic_number(num, counters: dict[tuple[str, str], int]) -> str:
    """Word's automatic numbering, which has no text in the document: "1. " at level 0, "(a) " below."""
    ilvl = num.find(w("ilvl"))
    num_id = num.find(w("numId"))
    key = (num_id.get(w("val")) if num_id is not None else "0", ilvl.get(w("val")) if ilvl is not None else "0")
    counters[key] = counters.get(key, 0) + 1
    for deeper in [k for k in counters if k[0] == key[0] and k[1] > key[1]]:
        del counters[deeper]
    n = counters[key]
    return f"{n}. " if key[1] == "0" else f"({chr(ord('a') + n - 1)}) "


def parse_docx(data: bytes, source: str, symbol: str | None = None,
               revisions: str = "current") -> tuple[Resolution, ImportReport]:
    paragraphs, footnotes, _styles = docx_paragraphs(data, source, revisions)
    return resolution_from_paragraphs(paragraphs, footnotes, source, symbol)
