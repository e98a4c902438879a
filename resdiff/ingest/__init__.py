"""Ingest: files in the formats people have, to a :class:`~resdiff.model.Resolution`.

Every format produces paragraph blocks and ends in
:func:`resdiff.ingest.structure.build_items`, so paragraph kinds, lead phrases,
numbering and footnotes are decided in one place.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ..errors import ImportFailed
from ..model import ImportReport, Resolution
from .decode import decode_text

MAX_FILE_BYTES = 20 * 1024 * 1024


def read_file(path: Path, symbol: str | None = None, revisions: str = "current") -> tuple[Resolution, ImportReport]:
    """Read a resolution from a file in any format resdiff imports.

    ``symbol`` overrides the symbol found in the file (for drafts and texts without one);
    ``revisions`` says how to read a Word file's tracked changes ("current" or "original").
    """
    source = str(path)
    try:
        if path.is_dir():
            raise ImportFailed(source, "is a folder, not a file")
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ImportFailed(source, f"file too large ({size} bytes; the limit is {MAX_FILE_BYTES})")
        data = path.read_bytes()
    except FileNotFoundError:
        raise ImportFailed(source, "no such file") from None
    except PermissionError:
        raise ImportFailed(source, "permission denied") from None
    return read_bytes(data, source, symbol, revisions)


def detect_format(data: bytes) -> str:
    """pdf, docx, akn, html, corpus-json or text, from the content (never from the file name)."""
    head = data[:2048].lstrip().lower()
    if data[:5] == b"%PDF-":
        return "pdf"
    if data[:4] == b"PK\x03\x04":
        return "docx"
    from ..akn import looks_like_akn

    if looks_like_akn(data):
        return "akn"
    from .corpus_json import looks_like_corpus_json

    if looks_like_corpus_json(data):
        return "corpus-json"
    if head.startswith((b"<!doctype html", b"<html")) or b"<body" in head:
        return "html"
    return "text"


def read_bytes(data: bytes, source: str, symbol: str | None = None,
               revisions: str = "current") -> tuple[Resolution, ImportReport]:
    fmt = detect_format(data)
    full = _symbol(symbol, source) if symbol is not None else None
    if fmt == "pdf":
        from .pdf import parse_pdf

        res, report = parse_pdf(data, source, full)
    elif fmt == "docx":
        from .word import parse_docx

        res, report = parse_docx(data, source, full, revisions)
    elif fmt == "akn":
        from ..akn import parse_akn

        res, report = parse_akn(data, source), ImportReport()
    elif fmt == "corpus-json":
        from .corpus_json import parse_corpus_json

        res, report = parse_corpus_json(data, source, full)
    elif fmt == "html":
        from .html import parse_html

        res, report = parse_html(data, source, full)
    else:
        return read_text(decode_text(data, source), source, symbol)
    if full is not None:
        res = replace(res, symbol=full)
    return res, report


def read_text(text: str, source: str, symbol: str | None = None) -> tuple[Resolution, ImportReport]:
    from ..docformat import looks_like_docformat, parse_docformat
    from .published import parse_published

    full = _symbol(symbol, source) if symbol is not None else None
    from .markdown import looks_like_markdown, parse_markdown

    if looks_like_markdown(text):
        res = parse_markdown(text, source)
        report = ImportReport()
    elif looks_like_docformat(text):
        res = parse_docformat(text, source)
        report = ImportReport()
    else:
        res, report = parse_published(text, source, full)
    if full is not None:
        res = replace(res, symbol=full)
    if not res.items:
        raise ImportFailed(source, "no paragraphs found")
    return res, report


def _symbol(symbol: str, source: str) -> str:
    from .document import checked_symbol

    return checked_symbol(symbol, source)
