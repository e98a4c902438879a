"""Ingest: files in the formats people have, to a :class:`~resdiff.core.model.Resolution`.

Every format produces paragraph blocks and ends in
:func:`resdiff.core.blocks.build_items`, so paragraph kinds, lead phrases,
numbering and footnotes are decided in one place.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from resdiff.core.errors import ImportFailed
from resdiff.core.model import ImportReport, Resolution, Revisions
from resdiff.ingest.decode import decode_text
from resdiff.ingest.detect import InputFormat, detect_format

TYPE_CHECKING = False
if TYPE_CHECKING:
    from resdiff.ingest import cached

# A file being read: call it for the outcome (see begin_read).
Reading = Callable[[], tuple[Resolution, ImportReport]]


def read_file(
    path: Path, symbol: str | None = None, revisions: Revisions = Revisions.CURRENT
) -> tuple[Resolution, ImportReport]:
    """Read a resolution from a file in any format resdiff imports.

    ``symbol`` overrides the symbol found in the file (for drafts and texts without one);
    ``revisions`` says how to read a Word file's tracked changes (see :class:`~resdiff.core.model.Revisions`).
    Only regular files up to :data:`resdiff.system.bounded.MAX_INPUT_BYTES` are read.
    """
    return begin_file(path, symbol, revisions)()


def begin_file(path: Path, symbol: str | None = None, revisions: Revisions = Revisions.CURRENT) -> Reading:
    """:func:`read_file` begun (see :func:`begin_read`)."""
    from resdiff.system.bounded import read_input

    return begin_read(read_input(path), str(path), symbol, revisions)


def read_bytes(
    data: bytes, source: str, symbol: str | None = None, revisions: Revisions = Revisions.CURRENT
) -> tuple[Resolution, ImportReport]:
    """Read a resolution from bytes in any format; structured formats are parsed within the time
    and memory limits of :func:`resdiff.system.bounded.run_bounded`. Control characters are removed
    (with a warning), and a result without a single paragraph is refused."""
    return begin_read(data, source, symbol, revisions)()


def begin_read(
    data: bytes, source: str, symbol: str | None = None, revisions: Revisions = Revisions.CURRENT
) -> Reading:
    """:func:`read_bytes` begun: a structured format starts parsing in its bounded child, and
    calling the result waits for it, so that two files begun together are read at the same time.
    Give every result to :func:`resdiff.system.bounded.wait_all`. What a structured file was read
    as is kept in the cache (:mod:`resdiff.ingest.cached`): the same file read again is not parsed."""
    from resdiff.system.bounded import start_bounded

    fmt = detect_format(data)
    full = _symbol(symbol, source) if symbol is not None else None
    if fmt is InputFormat.TEXT:
        from resdiff.core import limits

        if len(data) <= limits.TEXT_IN_PROCESS_BYTES:  # a resolution's size: read at once, no child to start
            done = _read_text_bytes(data, source, symbol)
            return lambda: done
        return start_bounded(_read_text_bytes, data, source, symbol, source=source, what=fmt.what)
    if fmt in (InputFormat.DOC, InputFormat.RTF):  # converted by LibreOffice, then read as the Word file it makes
        from resdiff.ingest.convert import to_docx

        data, fmt = to_docx(data, fmt, source), InputFormat.DOCX
    from resdiff.ingest import cached

    entry = cached.entry_for(fmt, data, source, full, revisions)
    if entry is not None and (kept := cached.load(entry)) is not None:
        return lambda: kept
    if fmt is InputFormat.CORPUS_JSON:
        # Loaded here once (a few milliseconds), not in each of a comparison's two parsing children.
        import resdiff.ingest.corpus_json  # noqa: F401
    return start_bounded(_read_structured, fmt, data, source, full, revisions, entry, source=source, what=fmt.what)


def _read_structured(
    fmt: InputFormat, data: bytes, source: str, full: str | None, revisions: Revisions, entry: cached.Entry | None
) -> tuple[Resolution, ImportReport]:
    """Parse and finish a structured file (in its bounded child), and keep the outcome in ``entry``."""
    res, report = _parse_structured(fmt, data, source, full, revisions)
    if full is not None:
        res = replace(res, symbol=full)
    outcome = _finish(res, report, source, gaps_only=fmt is InputFormat.AKN)
    if entry is not None:
        from resdiff.ingest import cached

        cached.save(entry, outcome)
    return outcome


def _parse_structured(
    fmt: InputFormat, data: bytes, source: str, full: str | None, revisions: Revisions
) -> tuple[Resolution, ImportReport]:
    if fmt is InputFormat.PDF:
        import logging

        from resdiff.ingest.pdf import parse_pdf

        # pdfminer logs what it makes of damaged files ("Execute called on non-indirect object"); the
        # user hears one line from resdiff, not the parser's diary. (This runs in the parsing child.)
        logging.disable(logging.CRITICAL)
        _check_pages(data, source)
        return parse_pdf(data, source, full)
    if fmt is InputFormat.DOCX:
        from resdiff.ingest.word import parse_docx

        return parse_docx(data, source, full, revisions)
    if fmt is InputFormat.AKN:
        from resdiff.formats.akn import parse_akn

        return parse_akn(data, source), ImportReport()
    if fmt is InputFormat.CORPUS_JSON:
        from resdiff.ingest.corpus_json import parse_corpus_json

        return parse_corpus_json(data, source, full)
    from resdiff.ingest.html import parse_html

    return parse_html(data, source, full)


def _check_pages(data: bytes, source: str) -> None:
    """Refuse a PDF of more pages than a resolution could have, before its pages are laid out."""
    import io

    from pdfminer.pdfpage import PDFPage

    from resdiff.core.limits import MAX_PDF_PAGES

    for count, _ in enumerate(PDFPage.get_pages(io.BytesIO(data), maxpages=MAX_PDF_PAGES + 1), 1):
        if count > MAX_PDF_PAGES:
            raise ImportFailed(source, f"the PDF has more than {MAX_PDF_PAGES} pages; a resolution has far fewer")


def _finish(
    res: Resolution, report: ImportReport, source: str, gaps_only: bool = False
) -> tuple[Resolution, ImportReport]:
    """Clean and vet an imported version. Only resdiff's own formats (its text format, Markdown
    and Akoma Ntoso exports) may hold gaps alone (a version known to exist whose text is not
    held); from any other format, no paragraph is a failed import, not an empty resolution."""
    from resdiff.core.validate import mark_stop, repair, stops_short, strings, strip_controls

    if not (res.items if gaps_only else res.paragraphs):
        raise ImportFailed(source, "no paragraphs found")
    res, removed = strip_controls(res)
    if any(f.text is not None and not f.text.strip() for f in res.footnotes):
        # A footnote whose body is empty is a footnote whose text was not found: a gap, not "".
        res = replace(
            res, footnotes=tuple(replace(f, text=f.text if f.text and f.text.strip() else None) for f in res.footnotes)
        )
    said = (
        [f"removed {removed} control character(s) (NUL, escape and the like are never part of a resolution's text)"]
        if removed
        else []
    )
    damaged = sum(s.count("\ufffd") for s in strings(res))
    if damaged:
        said.append(f"{damaged} character(s) could not be decoded and are shown as \ufffd")
    if not gaps_only and (why := stops_short(res)):
        res = mark_stop(res, why)
        said.append(f"the text stops before its closing ({why}): marked partial, with a gap where it stops")
    res, repairs = repair(res)
    if said or repairs:
        report = ImportReport(report.warnings + tuple(said + repairs))
    return res, report


def _read_text_bytes(data: bytes, source: str, symbol: str | None) -> tuple[Resolution, ImportReport]:
    said: list[str] = []
    res, report = read_text(decode_text(data, source, said), source, symbol)
    return res, ImportReport(tuple(said) + report.warnings)


def read_text(text: str, source: str, symbol: str | None = None) -> tuple[Resolution, ImportReport]:
    from resdiff.formats.docformat import looks_like_docformat, parse_docformat
    from resdiff.ingest.published import parse_published

    full = _symbol(symbol, source) if symbol is not None else None
    from resdiff.formats.markdown import looks_like_markdown, parse_markdown

    own = looks_like_markdown(text) or looks_like_docformat(text)
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
    return _finish(res, report, source, gaps_only=own)


def _symbol(symbol: str, source: str) -> str:
    from resdiff.ingest.document import checked_symbol

    return checked_symbol(symbol, source)
