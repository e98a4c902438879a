"""``resdiff fetch``: download official PDFs from the UN Official Document System and store them.

Polite and robust: a clear User-Agent, a timeout, retries with backoff on transient failures,
redirects followed, an HTML page returned instead of a PDF detected, files over a size limit
refused. A fetched text is imported with the PDF importer and stored with its source URL,
retrieval date and SHA-256; it replaces a partial text (whose sources stay in the provenance)
but never a whole text with a partial one.
"""

from __future__ import annotations

import hashlib
import os
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from resdiff import __version__
from resdiff.core.errors import (
    DownloadRefused,
    FetchFailed,
    HTTPStatusError,
    NoAnswer,
    ResdiffError,
    StoreNotFound,
    VersionExists,
    VersionNotFound,
)
from resdiff.core.limits import MAX_DOWNLOAD_BYTES as MAX_BYTES
from resdiff.core.limits import REQUEST_DEADLINE
from resdiff.core.model import Completeness, FootnoteStatus, Resolution
from resdiff.core.symbol import Symbol
from resdiff.ingest import read_bytes
from resdiff.store.folder import Store
from resdiff.store.precedent import refresh

# The Official Document System's symbol endpoint answers ?s=SYMBOL&l=en&t=doc (Word) or t=pdf.
DEFAULT_BASE_URL = "https://documents.un.org/api/symbol/access"
ODS_ENDPOINT = "/api/symbol/access"
FORMATS = ("doc", "pdf")  # Word first: its paragraphs, numbering and footnotes need no repair
BASE_URL_ENV = "RESDIFF_BASE_URL"
USER_AGENT = f"resdiff/{__version__} (tracks changes between UN General Assembly resolutions)"
WORD_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TRANSIENT = {408, 425, 429, 500, 502, 503, 504}


@dataclass(frozen=True)
class Download:
    url: str
    final_url: str
    sha256: str
    retrieved: str  # ISO date
    data: bytes


@dataclass(frozen=True)
class Policy:
    """How patient to be: seconds per request, attempts, first backoff (doubling), size limit."""

    timeout: float = REQUEST_DEADLINE
    attempts: int = 3
    backoff: float = 2.0
    max_bytes: int = MAX_BYTES


def base_url() -> str:
    return os.environ.get(BASE_URL_ENV, DEFAULT_BASE_URL)


def document_urls(symbol: str, base: str) -> list[str]:
    """Where to ask for a symbol's document, in order: the ODS symbol endpoint for Word, then PDF; a
    mirror (any other base URL, e.g. ``https://undocs.org/en/``) by the symbol after the base.

    >>> document_urls("A/C.1/77/L.37/Rev.1", DEFAULT_BASE_URL)[0]
    'https://documents.un.org/api/symbol/access?s=A%2FC.1%2F77%2FL.37%2FRev.1&l=en&t=doc'
    >>> document_urls("A/RES/75/59", "http://mirror.example/en/")
    ['http://mirror.example/en/A/RES/75/59']
    >>> document_urls("A/RES/57/283 B", "http://mirror.example/en/")
    ['http://mirror.example/en/A/RES/57/283%20B']
    """
    if urllib.parse.urlsplit(base).path.rstrip("/").endswith(ODS_ENDPOINT):
        query = urllib.parse.quote(symbol, safe="")
        return [f"{base.rstrip('/')}?s={query}&l=en&t={fmt}" for fmt in FORMATS]
    return [base.rstrip("/") + "/" + urllib.parse.quote(symbol, safe="/")]


def download(symbol: str, base: str, policy: Policy = Policy()) -> Download:
    """The symbol's document from the first of :func:`document_urls` that serves one."""
    failures = []
    for url in document_urls(symbol, base):
        try:
            return download_url(url, policy)
        except FetchFailed as e:
            failures.append(str(e))
    raise FetchFailed("; ".join(failures))


def download_url(url: str, policy: Policy = Policy()) -> Download:
    from resdiff.system.http import get

    headers = {"User-Agent": USER_AGENT, "Accept": f"application/pdf, {WORD_TYPE}"}
    last = ""
    for attempt in range(policy.attempts):
        if attempt:
            time.sleep(policy.backoff * 2 ** (attempt - 1))
        try:
            # policy.timeout bounds the whole request: connect, headers and body (resdiff.system.http)
            response = get(url, headers, policy.timeout, policy.max_bytes)
        except HTTPStatusError as e:
            last = str(e)
            if e.code not in TRANSIENT:
                break
            continue
        except NoAnswer as e:
            last = str(e)
            continue
        except DownloadRefused as e:
            raise FetchFailed(f"{url}: {e}") from None
        data, kind = response.data, response.content_type
        if not data.startswith((b"%PDF-", b"PK\x03\x04")):
            what = "an HTML page" if "html" in kind or data.lstrip()[:1] == b"<" else f"'{kind or 'unknown'}'"
            raise FetchFailed(
                f"{url}: the server returned {what}, not a PDF or Word file (the document "
                "may not exist under this symbol, or the server asks for a browser)"
            )
        return Download(
            url,
            response.final_url,
            hashlib.sha256(data).hexdigest(),
            datetime.now(UTC).date().isoformat(),
            data,
        )
    raise FetchFailed(f"{url}: {last} after {attempt + 1} attempt{'s' if attempt else ''}")


def fetch_one(
    store: Store,
    symbol: str,
    series: str | None,
    base: str,
    policy: Policy = Policy(),
    force: bool = False,
    vet: Callable[[Resolution, str], str | None] = lambda res, series: None,
) -> tuple[Resolution, list[str]]:
    """Download, import and store one symbol; returns the stored version and the importer's warnings.
    ``vet(res, series)`` says why a document is not a version of ``series``: it is then not stored
    (with ``force``, stored with a warning)."""
    full = str(Symbol.parse(symbol))
    got = download(full, base, policy)
    res, report = read_bytes(got.data, got.url)
    # A server may answer with another document (a search page's first hit, a mirror's wrong file):
    # what its own masthead names decides, and a document naming another symbol is never stored.
    if res.symbol and res.symbol != full:
        raise FetchFailed(
            f"{got.url}: the document served is {res.symbol}, not {full} (its masthead names it); nothing stored"
        )
    named = bool(res.symbol)
    res = replace(res, symbol=full)
    try:
        existing: Resolution | None = store.load(full)
    except (StoreNotFound, VersionNotFound):  # a fetch may start a new store
        existing = None
    if existing is not None and existing.complete and not force:
        raise VersionExists(f"{full}: a whole text is already stored; use --force to replace it")
    if existing is not None:
        _may_replace(existing, res, named, got.url, force)
    res = replace(
        res,
        sources=(got.url,),
        provenance=(f"fetched from {got.url} (served from {got.final_url}) on {got.retrieved}; SHA-256 {got.sha256}",),
    )
    warnings = list(report.warnings)
    problem = vet(res, series) if series else None
    if problem and not force:
        raise FetchFailed(f"{full}: {problem}; nothing stored (--force stores it all the same)")
    if problem:
        warnings.append(problem)
    # A partial text is replaced without --force; save() refuses another document (adoption date,
    # session), a whole text replaced by a partial one, and keeps the stored text's provenance.
    store.save(res, series, force=existing is not None)
    return res, warnings


def _may_replace(stored: Resolution, new: Resolution, named: bool, url: str, force: bool) -> None:
    """A downloaded text replaces a stored one only when it proves to be that document (its masthead
    names the symbol; without it, only with --force) and holds at least as much (never with --force:
    a server's shorter answer does not stand for a text someone curated)."""
    if not named and not force:
        raise FetchFailed(
            f"{url}: the document served names no symbol in its masthead, so it is not known to be "
            f"{stored.symbol}, which is stored; nothing stored (--force stores it)"
        )
    have, got = _extent(stored), _extent(new)
    if have[0] > got[0] or have[1] > got[1] * 1.1:
        raise FetchFailed(
            f"{url}: the document served holds less than the stored {stored.symbol} ({got[0]} paragraphs "
            f"and {got[1]} characters against {have[0]} and {have[1]}); nothing stored"
        )


def _extent(res: Resolution) -> tuple[int, int]:
    """How much a text holds: its paragraphs and their characters."""
    return len(res.paragraphs), sum(len(p.text) for p in res.paragraphs)


def series_targets(store: Store, series: str) -> tuple[list[str], list[str]]:
    """Symbols of a series whose text is missing or partial, and notes on members that cannot be fetched."""
    targets, notes = [], []
    for entry in store.manifest(series).entries:
        if store.status(series, entry) == (Completeness.COMPLETE, FootnoteStatus.HELD):
            continue  # a whole text with its footnotes: nothing more to fetch
        if entry.symbol is None:
            notes.append(f"{entry.name}: symbol not known; add it to versions/{series}/manifest.json to fetch it")
        else:
            targets.append(entry.symbol)
    return targets, notes


def fetch_all(
    store: Store,
    symbols: list[str],
    series: str | None,
    base: str,
    policy: Policy = Policy(),
    force: bool = False,
    progress: Callable[[int, int, str, str], None] | None = None,
    vet: Callable[[Resolution, str], str | None] = lambda res, series: None,
) -> int:
    """Fetch each symbol in turn; ``progress(k, n, symbol, outcome)`` hears of each (``vet``: see
    :func:`fetch_one`). Returns the failures."""
    failures = 0
    for k, symbol in enumerate(symbols, 1):
        try:
            res, warnings = fetch_one(store, symbol, series, base, policy, force, vet)
            outcome = f"stored ({res.completeness}, {len(res.paragraphs)} paragraphs)"
            outcome += "".join(f"; warning: {w}" for w in warnings)
        except ResdiffError as e:
            failures += 1
            outcome = f"Error: {e}"
        if progress:
            progress(k, len(symbols), symbol, outcome)
    refresh(store)
    return failures
