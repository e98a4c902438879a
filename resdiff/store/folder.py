"""The versions/ store: one text file per version, grouped by series, with a manifest.

::

    versions/
      ied/
        manifest.json        every known member of the series, in order,
                             including those whose text is not stored
        A-RES-75-59.txt      one version in the resdiff text format (docformat)

Writes are atomic (a temporary file renamed into place), serialised by a lock on the store
(two imports at once never lose an update), ordered so that a version is never stored without
being listed, and never overwrite a stored version unless asked to — and never with another
document or an (almost) empty one.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from resdiff.core.errors import (
    ImportFailed,
    InvalidSymbol,
    SeriesNotFound,
    StoreInvalid,
    StoreNotFound,
    VersionConflict,
    VersionExists,
    VersionNotFound,
    quoted,
)
from resdiff.core.model import Completeness, FootnoteStatus, Resolution, normalise_symbol, symbol_filename
from resdiff.core.symbol import Symbol
from resdiff.core.validate import (
    clean_controls,
    content_problems,
    replaced_provenance,
    replacement_problems,
    strip_controls,
)
from resdiff.formats.docformat import format_docformat, parse_docformat
from resdiff.system.files import leftovers, locked, write_atomically

MANIFEST = "manifest.json"
# Versions stored before they belong to a series (bulk import); a manifest lists them by symbol.
POOL = "_pool"
STORE_ENV = "RESDIFF_STORE"
_SERIES_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")


@dataclass(frozen=True)
class ManifestEntry:
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
    entries: tuple[ManifestEntry, ...] = field(default_factory=tuple)
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
            entries = tuple(_entry(v) for v in data["versions"])
            if not isinstance(data["series"], str) or not isinstance(data["title"], str):
                raise TypeError("series and title must be strings")
            return cls(
                series=data["series"],
                title=data["title"],
                entries=entries,
                discovered=bool(data.get("discovered", False)),
                excluded=tuple(str(s) for s in data.get("excluded", ())),
            )
        except (ValueError, KeyError, TypeError, OverflowError) as e:
            raise StoreInvalid(f"{source}: not a valid series manifest ({e})") from None
        except RecursionError:
            raise StoreInvalid(f"{source}: not a valid series manifest (nested too deeply)") from None


def _entry(v: dict) -> ManifestEntry:
    """One manifest entry, its values checked (a session of ``Infinity`` or ``"75"`` is refused)."""
    session = v["session"]
    if type(session) is not int or not 0 <= session < 1000:
        raise ValueError(f"session {session!r} is not a session number")
    texts = {k: v.get(k) for k in ("symbol", "adopted", "label", "note", "evidence")}
    for key, value in texts.items():
        if value is not None and not isinstance(value, str):
            raise TypeError(f"{key} {value!r} is not a string")
    return ManifestEntry(session=session, pinned=bool(v["pinned"]) if "pinned" in v else None, **texts)


def default_store() -> Path:
    """The store used when none is given: $RESDIFF_STORE, else the project's versions/."""
    env = os.environ.get(STORE_ENV)
    if env:
        return Path(env)
    package = Path(__file__).resolve().parents[1]  # resdiff/: the wheel carries versions/ inside it
    for candidate in (package.parent / "versions", package / "versions"):
        if candidate.is_dir():
            return candidate
    return package.parent / "versions"


def check_series_name(series: str) -> str:
    if not _SERIES_RE.match(series):
        raise InvalidSymbol(f"invalid series name {series!r}: use lower-case letters, digits, '-' or '_'")
    return series


@dataclass(frozen=True)
class FoundSeries:
    """A series as discovery found it, for :meth:`Store.record_series`: its slug, its title and its
    members in order (each with its session, symbol, adoption date and evidence)."""

    slug: str
    title: str
    members: tuple[ManifestEntry, ...]


class Store:
    """A folder of versions: ``SERIES/manifest.json`` and ``SERIES/A-RES-75-59.txt`` per series, and
    ``_pool/`` for versions no series lists yet. Only the store writes into it, always under its lock."""

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
            raise SeriesNotFound(f"no series {series!r} in {quoted(self.root)} (known: {_some(self.series_names())})")
        return self._manifest_file(path)[0]

    def _manifest_file(self, path: Path) -> tuple[Manifest, int]:
        """The manifest in ``path`` without control characters (a hand edit may have put some in:
        they never reach a terminal), and how many there were, for :meth:`check`."""
        data = path.read_bytes()
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as e:
            raise StoreInvalid(
                f"{quoted(path)}: not a valid series manifest (not UTF-8: byte {e.start} is 0x{data[e.start]:02X})"
            ) from None
        return clean_controls(Manifest.from_json(text, quoted(path)))

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

    def status(self, series: str, entry: ManifestEntry) -> tuple[Completeness, FootnoteStatus | None]:
        """How much of a member's text is stored, and of its footnotes (None when it is not stored)."""
        if entry.symbol is None or not self.path_of(series, entry.symbol).is_file():
            return Completeness.NOT_STORED, None
        res = self.load_file(self.path_of(series, entry.symbol))
        return res.completeness, res.footnote_status

    def load_file(self, path: Path) -> Resolution:
        """A stored version; control characters a hand edit may have put in are dropped here (so
        they never reach a terminal) and reported by :meth:`check`."""
        return strip_controls(parse_docformat(path.read_text(encoding="utf-8"), str(path)))[0]

    def series_of(self, symbol: str) -> str | None:
        for series in self.series_names():
            if any(e.symbol == symbol for e in self.manifest(series).entries):
                return series
        return None

    def require(self) -> Store:
        """This store, which is to be read: its folder must exist (only an import or a fetch starts one)."""
        if not self.root.is_dir():
            raise StoreNotFound(
                f"no store at {quoted(self.root)}: give the folder of a store with --store DIR or "
                f"$RESDIFF_STORE, or start one with `resdiff import FILE --store DIR`"
            )
        return self

    def load(self, ref: str) -> Resolution:
        """Load a stored version by symbol (``A/RES/75/59`` or ``75/59``)."""
        sym = Symbol.parse(ref)
        self.require()
        symbol = str(sym)
        for series in self.series_names():
            path = self.path_of(series, symbol)
            if path.is_file():
                return self.load_file(path)
        if self.pool_path(symbol).is_file():
            return self.load_file(self.pool_path(symbol))
        listed = self.series_of(symbol)
        if listed is not None:
            raise VersionNotFound(
                f"{symbol} is listed in series {listed!r} but its text is not stored; "
                f"import it with `resdiff import FILE --symbol {sym.short}`"
            )
        known = _some(self.stored_symbols())
        raise VersionNotFound(f"no stored version {sym.short!r}; known: {known}; import one with `resdiff import FILE`")

    def stored_symbols(self) -> list[str]:
        """The short symbols of every stored version: series members in order, then the pool's, sorted."""
        listed = [e.name for series in self.series_names() for e in self.stored_entries(series)]
        pooled = (Symbol.parse(self.load_file(p).symbol).short for p in self.pooled())
        return listed + sorted(set(pooled) - set(listed))

    def stored_entries(self, series: str) -> list[ManifestEntry]:
        """The members of a series whose text is stored, in series order."""
        return [e for e in self.manifest(series).entries if e.symbol and self.path_of(series, e.symbol).is_file()]

    def stored_versions(self, series: str) -> list[tuple[ManifestEntry, Resolution]]:
        """The stored members of a series, in series order."""
        return [(e, self.load_file(self.path_of(series, e.symbol))) for e in self.stored_entries(series) if e.symbol]

    def every_version(self) -> Iterator[tuple[str | None, Resolution]]:
        """Every stored version once, with its series: the members of each series (by name, each in
        series order), then the versions of the pool that no series lists (series None). A version
        two series list comes with the first."""
        seen: set[str] = set()
        for series in self.series_names():
            for _entry, res in self.stored_versions(series):
                if res.symbol not in seen:
                    seen.add(res.symbol)
                    yield series, res
        for res in self.unlisted_versions():
            yield None, res

    def unlisted_versions(self) -> Iterator[Resolution]:
        """The versions of the pool that no series lists (imported in bulk, waiting for `resdiff series`)."""
        listed = {e.symbol for series in self.series_names() for e in self.manifest(series).entries}
        for path in self.pooled():
            res = self.load_file(path)
            if res.symbol not in listed:
                yield res

    # -- writing ---------------------------------------------------------
    def save(self, res: Resolution, series: str | None = None, force: bool = False) -> Path:
        """Store ``res``; list it in its series' manifest. Returns the file written.

        A version no series lists, given without a series, goes to the pool: `resdiff series`
        finds its series later.

        ``res`` must meet every rule of :meth:`check`; with ``force``, it replaces a stored text only
        if it is the same document (symbol, adoption date) and not (almost) empty, and keeps the
        stored text's provenance.
        """
        if normalise_symbol(res.symbol) != res.symbol:
            raise InvalidSymbol(f"invalid symbol {res.symbol!r}")
        problems = content_problems(res, res.symbol)
        if problems:
            raise ImportFailed(
                res.symbol, "not stored: " + "; ".join(p.removeprefix(f"{res.symbol}: ") for p in problems)
            )
        self.root.mkdir(parents=True, exist_ok=True)
        with locked(self.root):
            return self._save_locked(res, series, force)

    def _replacing(self, res: Resolution, path: Path, force: bool) -> Resolution:
        """``res`` as it may replace what ``path`` holds (if anything), or an error saying why not."""
        if not path.exists():
            return res
        stored = self.load_file(path)
        if not force and not stored.same_text(res):
            # Two files under one symbol (a part letter lost, a neighbour's title): never "already stored".
            raise VersionConflict(
                f"{res.symbol}: another text is already stored under this symbol ({path}, from "
                f"{' ; '.join(stored.sources) or 'no named source'}); not stored"
            )
        if not force:
            raise VersionExists(f"{res.symbol} is already stored ({path}); use --force to replace it")
        problems = replacement_problems(stored, res)
        if problems:
            raise ImportFailed(res.symbol, f"not replaced: {'; '.join(problems)}")
        return replaced_provenance(stored, res)

    def _save_locked(self, res: Resolution, series: str | None, force: bool) -> Path:
        listed_in = self.series_of(res.symbol)
        pooled = self.pool_path(res.symbol)
        if series is not None and series != listed_in and pooled.is_file():
            return self._place_pooled(res, series, listed_in, force)
        placed = series is not None  # a person named the series: rediscovery keeps the placement
        series = series or listed_in
        if series is None or (pooled.is_file() and self.path_of(series, res.symbol) == pooled):
            res = self._replacing(res, pooled, force)
            write_atomically({pooled: self._checked_text(res, pooled)})
            return pooled
        check_series_name(series)
        path = self.path_of(series, res.symbol)
        if not path.is_file() and self._discovered(series):
            # Discovery may move a member to another series: its text waits in the pool, where
            # every manifest can list it, as the texts imported in bulk do.
            path = pooled
        res = self._replacing(res, path, force)
        text = self._checked_text(res, path)
        manifest_path, manifest = self._listing(res, series, placed)
        if manifest is None:
            write_atomically({path: text})
            return path
        # The manifest first: a kill between the two renames leaves a listed version whose text is
        # not stored yet (a state `check` accepts), never a stored text the manifest does not list.
        write_atomically({manifest_path: manifest.to_json(), path: text})
        return path

    def _discovered(self, series: str) -> bool:
        """Was the manifest of ``series`` written by discovery (not by hand)?"""
        return (self.root / series / MANIFEST).is_file() and self.manifest(series).discovered

    def _listing(self, res: Resolution, series: str, placed: bool) -> tuple[Path, Manifest | None]:
        """The manifest of ``series`` listing ``res`` (pinned there when a person ``placed`` it in a
        discovered series), None when it lists it already (with the same adoption date)."""
        manifest_path = self.root / series / MANIFEST
        manifest = (
            self.manifest(series) if manifest_path.is_file() else Manifest(series=series, title=res.title or series)
        )
        listed = next((e for e in manifest.entries if e.symbol == res.symbol), None)
        if listed is not None:
            if listed.adopted and res.adopted and listed.adopted != res.adopted:
                raise ImportFailed(
                    res.symbol,
                    f"the text says it was adopted on {res.adopted}, the manifest of "
                    f"{series!r} lists {listed.adopted}; nothing stored",
                )
            return manifest_path, None
        entry = ManifestEntry(
            session=res.session or 0,
            symbol=res.symbol,
            adopted=res.adopted,
            pinned=True if placed and manifest.discovered else None,
        )
        return manifest_path, replace(manifest, entries=tuple(sorted(manifest.entries + (entry,), key=_series_order)))

    def _place_pooled(self, res: Resolution, series: str, listed_in: str | None, force: bool) -> Path:
        """Place a version of the pool in ``series``, which a person named: its text stays in the pool
        (replaced by ``res`` only with ``force``), ``series`` lists it, pinned, and a discovered series
        that listed it lets it go. A series written by hand keeps its members: one it lists is not
        taken from it."""
        check_series_name(series)
        pooled = self.pool_path(res.symbol)
        files: dict[Path, str] = {}
        if force:
            res = self._replacing(res, pooled, force)
            files[pooled] = self._checked_text(res, pooled)
        else:
            res = self.load_file(pooled)
        if listed_in is not None:
            old = self.manifest(listed_in)
            if not old.discovered:
                raise ImportFailed(
                    res.symbol,
                    f"listed in series {listed_in!r}, which was written by hand; remove it from "
                    f"{listed_in}/{MANIFEST} to place it in {series!r}",
                )
            kept = tuple(e for e in old.entries if e.symbol != res.symbol)
            files[self.root / listed_in / MANIFEST] = replace(old, entries=kept).to_json()
        manifest_path, manifest = self._listing(res, series, placed=True)
        if manifest is not None:
            files[manifest_path] = manifest.to_json()
        write_atomically(files)
        return pooled

    def record_series(self, found: list[FoundSeries]) -> list[str]:
        """Write the manifests of the series discovery found, under the store's lock; returns the
        slugs of the series recorded. All manifests are written together or none.

        A series of one version that no manifest names stays in the pool. A series written by hand
        keeps every entry (versions not stored, labels, notes) and gains the members found; a
        discovered one becomes exactly its members, and a discovered series none of whose members
        are found any more is removed (unless the user corrected it). A member stored after discovery
        read the store (an import between the two) is in no series found: its entry is kept where
        it is.
        """
        with locked(self.root):
            return self._record_series_locked(found)

    def _record_series_locked(self, found: list[FoundSeries]) -> list[str]:
        seen = {e.symbol for s in found for e in s.members}
        existing = {name: self.manifest(name) for name in self.series_names()}
        files: dict[Path, str] = {}
        written = []
        for s in found:
            old = existing.get(s.slug)
            if len(s.members) < 2 and old is None:
                continue  # a version linked to nothing stays in the pool
            before: dict[str | None, ManifestEntry] = {e.symbol: e for e in (old.entries if old else ()) if e.symbol}
            kept = [
                e
                for e in (old.entries if old else ())
                if (old is not None and not old.discovered)
                or self._arrived_since(s.slug, e, seen)
                or (e.pinned and e.symbol not in seen)  # a person's placement discovery did not see
            ]
            entries = {(e.symbol or f"{e.session}:{e.label}"): e for e in kept}
            for m in s.members:
                b = before.get(m.symbol)
                entries[m.symbol or ""] = replace(  # a draft moved with its resolution brings its own
                    m,
                    label=m.label or (b.label if b else None),
                    note=m.note or (b.note if b else None),
                    evidence=m.evidence if old is None or old.discovered or b is None else b.evidence,
                    pinned=m.pinned if m.pinned is not None else (b.pinned if b else None),
                )
            discovered = old.discovered if old else True
            manifest = Manifest(
                s.slug,
                old.title if old and not discovered else s.title,
                tuple(sorted(entries.values(), key=_series_order)),
                discovered=discovered,
                excluded=old.excluded if old else (),
            )
            if manifest != old:  # a manifest with nothing new keeps its bytes (and its hand formatting)
                files[self.root / s.slug / MANIFEST] = manifest.to_json()
            written.append(s.slug)
        write_atomically(files)
        recorded = set(written)
        for name, manifest in existing.items():
            # A discovered series whose members all went elsewhere; one the user corrected stays.
            if (
                manifest.discovered
                and name not in recorded
                and not manifest.excluded
                and not any(e.pinned or self._arrived_since(name, e, seen) for e in manifest.entries)
            ):
                folder = self.root / name
                (folder / MANIFEST).unlink()
                if not any(folder.iterdir()):
                    folder.rmdir()
        return written

    def _arrived_since(self, series: str, entry: ManifestEntry, seen: set[str | None]) -> bool:
        """Is ``entry`` a stored member that discovery did not see (stored after it read the store)?"""
        return entry.symbol not in seen and entry.symbol is not None and self.path_of(series, entry.symbol).is_file()

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
            return [f"{quoted(self.root)}: no such folder"]
        for series in self.series_names():
            try:
                manifest, controls = self._manifest_file(self.root / series / MANIFEST)
            except StoreInvalid as err:
                problems.append(str(err))
                continue
            if controls:
                problems.append(f"{series}/{MANIFEST}: holds control characters")
            symbols = [e.symbol for e in manifest.entries if e.symbol]
            for twice in sorted({s for s in symbols if symbols.count(s) > 1}):
                problems.append(f"{series}/{MANIFEST}: {twice} is listed more than once")
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
                    problems.append(f"{quoted(path)}: not listed in {series}/{MANIFEST}")
                elif (self.root / POOL / path.name).is_file():
                    problems.append(f"{quoted(path)}: also stored in {POOL}/ (keep one copy)")
        for path in self.pooled():
            try:
                symbol = parse_docformat(path.read_text(encoding="utf-8"), str(path)).symbol
                problems += _check_file(path, ManifestEntry(session=0, symbol=symbol))
                if symbol_filename(symbol) != path.name:
                    problems.append(f"{quoted(path)}: holds {symbol}, which is stored as {symbol_filename(symbol)}")
            except (ImportFailed, InvalidSymbol) as e:
                problems.append(str(e))
        problems += [
            f"{quoted(p)}: a temporary file left by an interrupted write (`resdiff check --fix` removes it)"
            for p in self.leftovers()
        ]
        return problems

    def leftovers(self) -> list[Path]:
        """Temporary files of writes that were killed before their rename."""
        return leftovers(self.root)

    def remove_leftovers(self) -> list[Path]:
        """Complete or delete what interrupted writes left (under the lock, which does it: none is in use)."""
        found = self.leftovers()
        with locked(self.root):
            pass
        return found


def _some(names: list[str], shown: int = 8) -> str:
    """A list for a one-line message: the first few names, then how many more (a store of the whole
    corpus has hundreds of series and versions).

    >>> _some(["ied"]), _some([str(k) for k in range(10)], 3), _some([])
    ('ied', '0, 1, 2 and 7 more', 'none')
    """
    more = f" and {len(names) - shown} more" if len(names) > shown else ""
    return (", ".join(names[:shown]) + more) or "none"


def _check_file(path: Path, entry: ManifestEntry) -> list[str]:
    text = path.read_text(encoding="utf-8")
    try:
        res = parse_docformat(text, str(path))
    except ImportFailed as e:
        return [str(e)]
    problems = []
    if res.symbol != entry.symbol:
        problems.append(f"{quoted(path)}: symbol {res.symbol} does not match the manifest's {entry.symbol}")
    if entry.adopted and res.adopted and entry.adopted != res.adopted:
        problems.append(f"{quoted(path)}: adopted {res.adopted} does not match the manifest's {entry.adopted}")
    if format_docformat(res) != text:
        problems.append(f"{quoted(path)}: not in canonical form (reading and writing it back changes it)")
    return problems + content_problems(res, str(path))


def _series_order(entry: ManifestEntry) -> tuple:
    # Within a session, a resolution's drafts and their revisions stand before it (its stages).
    sym = Symbol.find(entry.symbol) if entry.symbol else None
    return (entry.session, sym.stage if sym else (2, 0, 0, entry.label or ""))
