"""What kind of document a file holds, told from its bytes (never from its name)."""

from __future__ import annotations

from enum import StrEnum

from resdiff.formats import looks_like_akn


class InputFormat(StrEnum):
    PDF = "pdf"
    DOCX = "docx"
    DOC = "doc"  # Word 97-2003: converted by LibreOffice, then read as .docx
    RTF = "rtf"  # as .doc
    AKN = "akn"
    CORPUS_JSON = "corpus-json"
    HTML = "html"
    TEXT = "text"  # extracted text, the text format, Markdown, or a draft pasted as text

    @property
    def what(self) -> str:
        """The document as an error message names it ("reading the PDF took longer than …")."""
        return _WHAT[self]


_WHAT = {
    InputFormat.PDF: "PDF",
    InputFormat.DOCX: "Word file",
    InputFormat.DOC: "Word 97-2003 (.doc) file",
    InputFormat.RTF: "RTF file",
    InputFormat.AKN: "Akoma Ntoso file",
    InputFormat.CORPUS_JSON: "JSON file",
    InputFormat.HTML: "HTML page",
    InputFormat.TEXT: "text",
}

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word 97-2003 (and other OLE2 compound files)
RTF_MAGIC = b"{\\rtf"


def looks_like_corpus_json(data: bytes) -> bool:
    """A JSON list of rows with a ``type`` (the rows are checked when the file is read)."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"[") and b'"type"' in head


def _text_head(data: bytes) -> bytes:
    """The first 2 KB, as ASCII-compatible bytes even where the file is UTF-16 (a page saved by
    Windows tools: its tags are then every other byte)."""
    head = data[:4096]
    for bom, codec in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if head.startswith(bom):
            return head[2:].decode(codec, errors="ignore").encode("utf-8")[:2048]
    if len(head) >= 4 and head[1::2].count(0) > 0.8 * len(head[1::2]):  # UTF-16-LE without a BOM
        return head.decode("utf-16-le", errors="ignore").encode("utf-8")[:2048]
    return data[:2048]


def detect_format(data: bytes) -> InputFormat:
    """The kind of document ``data`` holds, from the content (never from the file name)."""
    head = _text_head(data).lstrip().lower()
    if data[:5] == b"%PDF-":
        return InputFormat.PDF
    if data[:4] == b"PK\x03\x04":
        return InputFormat.DOCX
    if data[:8] == OLE2_MAGIC:
        return InputFormat.DOC
    if data[:5] == RTF_MAGIC:
        return InputFormat.RTF
    if looks_like_akn(data):
        return InputFormat.AKN
    if looks_like_corpus_json(data):
        return InputFormat.CORPUS_JSON
    if head.startswith((b"<!doctype html", b"<html")) or b"<body" in head:
        return InputFormat.HTML
    return InputFormat.TEXT
