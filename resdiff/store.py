"""The versions/ store: one text file per version, grouped by series, with a manifest.

::

    versions/
      ied/
        manifest.json        every known member of the series, in order,
                             including those whose text is not stored
        A-RES-75-59.txt      one version in the resdiff text format (docformat)

Writes are atomic (a temporary file renamed into place) and never overwrite a
stored version unless asked to.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .docformat import format_docformat, parse_docformat
from .files import write_atomically
from .errors import ImportFailed, InvalidSymbol, StoreInvalid, VersionExists, VersionNotFound
from .model import FootnoteStatus, Gap, Resolution, normalise_symbol, symbol_filename
from .symbol import Symbol

MANIFEST = "manifest.json"
# Versions stored before they belong to a series (bulk import); a manifest lists them by symbol.
POOL = "_pool"
STORE_ENV = "RESDIFF_STORE"
_SERIES_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")


class Status:
    COMPLETE = "complete"
    PARTIAL = "partial"
    NOT_STORED = "not stored"


@dataclass(frozen=True)
class Entry:
    """A known member of a series, stored or not."""

    session: int
    symbol: str | None = None
    adopted: str | None = None
    label: str | None = None
    note: str | None = None
    evidence: str | None = None  # why discovery put it in the series (resdiff series)
    pinned: bool | None = None  # a user's correction: it stays in this series whatever discovery finds

    @property
    def name(self) -> str:
        sym = Symbol.find(self.symbol) if self.symbol else None
        return sym.short if sym else (self.label or f"session {self.session}")


@dataclass(frozen=True)
class Manifest:
    series: str
    title: str
    entries: tuple[Entry, ...] = field(default_factory=tuple)
    discovered: bool = False  # written by `resdiff series` (rewritten by each rediscovery)
    excluded: tuple[str, ...] = ()  # a user's correction: symbols that must not join this series

    def to_json(self) -> str:
        data: dict = {"series": self.series, "title": self.title}
        if self.discovered:
            data["discovered"] = True
        if self.excluded:
            data["excluded"] = list(self.excluded)
        data["versions"] = [{k: v for k, v in asdict(e).items() if v is not None} for e in self.entries]
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"

    @classmethod
    def from_json(cls, text: str, source: str) -> Manifest:
        try:
            data = json.loads(text)
            entries = tuple(
                Entry(
                    session=int(v["session"]), symbol=v.get("symbol"), adopted=v.get("adopted"),
                    label=v.get("label"), note=v.get("note"), evidence=v.get("evidence"),
                    pinned=bool(v["pinned"]) if "pinned" in v else None,
                )
                for v in data["versions"]
            )
            return cls(series=data["series"], title=data["title"], entries=entries,
                       discovered=bool(data.get("discovered", False)),
                       excluded=tuple(str(s) for s in data.get("excluded", ())))
        except (ValueError, KeyError, TypeError) as e:
            raise StoreInvalid(f"{source}: not a valid series manifest ({e})") from None


def default_store() -> Path:
    """The store used when none is given: $RESDIFF_STORE, else the project's versions/."""
    env = os.environ.get(STORE_ENV)
    if env:
        return Path(env)
    here = Path(__file__).resolve().parent
    for candidate in (here.parent / "versions", here / "versions"):
        if candidate.is_dir():
            return candidate
    return here.parent / "versions"


def check_series_name(series: str) -> str:
    if not _SERIES_RE.match(series):
        raise InvalidSymbol(f"invalid series name {series!r}: use lower-case letters, digits, '-' or '_'")
    return series


class Store:
    def __init__(self, root: Path | None = None):
        self.root = Path(root) if root is not None else default_store()

    # -- reading ---------------------------------------------------------
    def series_names(self) -> list[str]:
        if not self.root.is_dir():
            return []
        return sorted(p.parent.name for p in self.root.glob(f"*/{MANIFEST}"))

    def manifest(self, series: str) -> Manifest:
        path = self.root / check_series_name(series) / MANIFEST
        if not path.is_file():
            known = ", ".join(self.series_names()) or "none"
            raise VersionNotFound(f"no series {series!r} in {self.root} (known: {known})")
        return Manifest.from_json(path.read_text(encoding="utf-8"), str(path))

    def path_of(self, series: str, symbol: str) -> Path:
        """Where a member's text is: in the series folder, else in the pool (bulk-imported versions)."""
        path = self.root / series / symbol_filename(symbol)
        if not path.is_file():
            pooled = self.pool_path(symbol)
            if pooled.is_file():
                return pooled
        return path

    def pool_path(self, symbol: str) -> Path:
        return self.root / POOL / symbol_filename(symbol)

    def pooled(self) -> list[Path]:
        """The files of the pool, in name order."""
        return sorted((self.root / POOL).glob("*.txt"))

    def status(self, series: str, entry: Entry) -> tuple[str, str | None]:
        """The text's status (complete, partial, not stored) and its footnotes' (held, partly held, not held)."""
        if entry.symbol is None or not self.path_of(series, entry.symbol).is_file():
            return Status.NOT_STORED, None
        res = self.load_file(self.path_of(series, entry.symbol))
        return (Status.COMPLETE if res.complete else Status.PARTIAL), res.footnote_status.value

    def load_file(self, path: Path) -> Resolution:
        return parse_docformat(path.read_text(encoding="utf-8"), str(path))

    def series_of(self, symbol: str) -> str | None:
        for series in self.series_names():
            if any(e.symbol == symbol for e in self.manifest(series).entries):
                return series
        return None

    def load(self, ref: str) -> Resolution:
        """Load a stored version by symbol (``A/RES/75/59`` or ``75/59``)."""
        sym = Symbol.parse(ref)
        symbol = str(sym)
        for series in self.series_names():
            path = self.path_of(series, symbol)
            if path.is_file():
                return self.load_file(path)
        if self.pool_path(symbol).is_file():
            return self.load_file(self.pool_path(symbol))
        listed = self.series_of(symbol)
        if listed is not None:
            raise VersionNotFound(f"{symbol} is listed in series {listed!r} but its text is not stored; "
                                  f"import it with `resdiff import FILE --symbol {sym.short}`")
        known = ", ".join(self.stored_symbols()) or "none"
        raise VersionNotFound(f"no stored version {sym.short!r}; known: {known}; "
                              "import one with `resdiff import FILE`")

    def stored_symbols(self) -> list[str]:
        out = []
        for series in self.series_names():
            for e in self.manifest(series).entries:
                if e.symbol and self.path_of(series, e.symbol).is_file():
                    out.append(e.name)
        pooled = (Symbol.parse(self.load_file(p).symbol).short for p in self.pooled())
        return out + sorted(set(pooled) - set(out))

    def stored_versions(self, series: str) -> list[tuple[Entry, Resolution]]:
        """The stored members of a series, in series order."""
        out = []
        for e in self.manifest(series).entries:
            if e.symbol and self.path_of(series, e.symbol).is_file():
                out.append((e, self.load_file(self.path_of(series, e.symbol))))
        return out

    # -- writing ---------------------------------------------------------
    def save(self, res: Resolution, series: str | None = None, force: bool = False) -> Path:
        """Store ``res``; list it in its series' manifest. Returns the file written.

        A version no series lists, given without a series, goes to the pool: `resdiff series`
        finds its series later.
        """
        if normalise_symbol(res.symbol) != res.symbol:
            raise InvalidSymbol(f"invalid symbol {res.symbol!r}")
        series = series or self.series_of(res.symbol)
        pooled = self.pool_path(res.symbol)
        if series is None or (pooled.is_file() and self.path_of(series, res.symbol) == pooled):
            if pooled.exists() and not force:
                raise VersionExists(f"{res.symbol} is already stored ({pooled}); use --force to replace it")
            write_atomically({pooled: self._checked_text(res, pooled)})
            return pooled
        check_series_name(series)
        path = self.path_of(series, res.symbol)
        if path.exists() and not force:
            raise VersionExists(f"{res.symbol} is already stored ({path}); use --force to replace it")
        text = self._checked_text(res, path)
        manifest_path = self.root / series / MANIFEST
        manifest = (self.manifest(series) if manifest_path.is_file()
                    else Manifest(series=series, title=res.title or series))
        if not any(e.symbol == res.symbol for e in manifest.entries):
            entry = Entry(session=res.session or 0, symbol=res.symbol, adopted=res.adopted)
            entries = sorted(manifest.entries + (entry,), key=lambda e: (e.session, e.symbol or ""))
            manifest = Manifest(manifest.series, manifest.title, tuple(entries))
            write_atomically({path: text, manifest_path: manifest.to_json()})
        else:
            write_atomically({path: text})
        return path

    def _checked_text(self, res: Resolution, path: Path) -> str:
        text = format_docformat(res)
        if parse_docformat(text, str(path)) != res:  # never store what would not read back the same
            raise ImportFailed(str(path), "internal error: the stored text would not read back identically")
        return text

    # -- checking --------------------------------------------------------
    def check(self) -> list[str]:
        """Every problem found in the store, as one line each (empty: all good)."""
        problems: list[str] = []
        if not self.root.is_dir():
            return [f"{self.root}: no such folder"]
        for series in self.series_names():
            try:
                manifest = self.manifest(series)
            except StoreInvalid as e:
                problems.append(str(e))
                continue
            sessions = [e.session for e in manifest.entries]
            if sessions != sorted(sessions):
                problems.append(f"{series}/{MANIFEST}: versions are not in session order")
            listed = set()
            for e in manifest.entries:
                if e.symbol is None:
                    continue
                if normalise_symbol(e.symbol) != e.symbol:
                    problems.append(f"{series}/{MANIFEST}: invalid symbol {e.symbol!r}")
                    continue
                listed.add(symbol_filename(e.symbol))
                path = self.path_of(series, e.symbol)
                if path.is_file():
                    problems += _check_file(path, e)
            for path in sorted((self.root / series).glob("*.txt")):
                if path.name not in listed:
                    problems.append(f"{path}: not listed in {series}/{MANIFEST}")
                elif (self.root / POOL / path.name).is_file():
                    problems.append(f"{path}: also stored in {POOL}/ (keep one copy)")
        for path in self.pooled():
            try:
                symbol = parse_docformat(path.read_text(encoding="utf-8"), str(path)).symbol
                problems += _check_file(path, Entry(session=0, symbol=symbol))
                if symbol_filename(symbol) != path.name:
                    problems.append(f"{path}: holds {symbol}, which is stored as {symbol_filename(symbol)}")
            except (ImportFailed, InvalidSymbol) as e:
                problems.append(str(e))
        return problems


def _check_file(path: Path, entry: Entry) -> list[str]:
    text = path.read_text(encoding="utf-8")
    try:
        res = parse_docformat(text, str(path))
    except ImportFailed as e:
        return [str(e)]
    problems = []
    if res.symbol != entry.symbol:
        problems.append(f"{path}: symbol {res.symbol} does not match the manifest's {entry.symbol}")
    if entry.adopted and res.adopted and entry.adopted != res.adopted:
        problems.append(f"{path}: adopted {res.adopted} does not match the manifest's {entry.adopted}")
    if format_docformat(res) != text:
        problems.append(f"{path}: not in canonical form (reading and writing it back changes it)")
    numbers = {f.number for f in res.footnotes}
    for p in res.paragraphs:
        for n in p.note_numbers:
            if n not in numbers:
                problems.append(f"{path}: {p.id} refers to footnote {n}, which is not listed")
    if res.complete:
        for n in res.unplaced_notes:
            problems.append(f"{path}: footnote {n} is referenced by no paragraph")
        if any(isinstance(i, Gap) or i.partial for i in res.items):
            problems.append(f"{path}: marked complete but holds gaps")
    if res.footnote_status is FootnoteStatus.HELD and (res.footnote_gap or any(f.text is None for f in res.footnotes)):
        problems.append(f"{path}: footnotes marked held but some are gaps")
    return problems
