"""The precedent index: every adopted paragraph of the store by its 5-word runs, kept beside the store.

::

    versions/.precedent/
      .gitignore               ``*``: the index is derived, never part of a repository
      p0016-0003.json          partition 3 of 16: the files it was built from (name, size,
                               mtime) and the CRC-32 of each of its other files
      p0016-0003.table.txt     its paragraphs, one line each: symbol, id, adoption date, file
      p0016-0003.runs.npy      the distinct runs (64-bit hashes) of its paragraphs, sorted
      p0016-0003.owners.npy    for each run, the paragraph (a line of the table) that has it
      p0016-0003.words.txt     each paragraph's words, one line each (for phrase search)

The index is derived from the stored texts and never edited by hand. It is built on first use
and kept up to date by the next use after any change: each partition records the name, size and
modification time of every stored text it was built from, and a partition whose files differ
from the store's (a version imported, replaced or removed, by resdiff or behind its back), whose
files are missing or unreadable, or whose arrays do not match their checksums is rebuilt before
it is used, never believed. Only the stale partitions are rebuilt, mapped over an executor
(:mod:`resdiff.system.pool`: this process, a process pool or a Dask cluster); each job carries
its texts, so a worker needs no access to the store.

Stored texts are spread over partitions by a hash of their file name (a power of two of them,
about the square root of the number of texts: an import rebuilds one small partition, a query
visits few files). A partition's runs are a sorted ``uint64`` array and its owners an ``int32``
array beside it: a query finds its paragraphs' runs in each partition through a directory of
the runs' top bits (the hashes are uniform, so a bucket holds one or two runs) and counts, per
stored paragraph, how many of a paragraph's runs it holds, which is exact (every shared run is counted, so every source at or above a threshold is
found). Only adopted resolutions (a resolution symbol and an adoption date) are indexed: they
are what "agreed language" means. Series are read from the manifests at query time, so a
rediscovery of series never makes the index stale.
"""

from __future__ import annotations

import errno
import functools
import json
import math
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from resdiff.core.errors import ImportFailed
from resdiff.core.symbol import Symbol
from resdiff.diff.runs import run_table, shingle_table
from resdiff.diff.worddiff import read_words, word_tokens
from resdiff.formats.docformat import parse_docformat
from resdiff.store.folder import Store
from resdiff.system.files import write_atomically
from resdiff.system.pool import executor

INDEX_DIR = ".precedent"
FORMAT = 2  # bump when what a partition holds changes: every partition is then rebuilt
BATCH = 8  # partitions whose texts are read and sent to the workers at a time

FileStamp = tuple[str, int, int]  # a stored text's path under the store, size, mtime in ns


@dataclass(frozen=True)
class IndexedParagraph:
    """A paragraph of an adopted resolution, as the index knows it."""

    symbol: str
    paragraph: str
    adopted: str
    file: str  # the stored text, under the store's folder


@dataclass(frozen=True)
class Hit:
    """A stored paragraph holding ``share`` of the runs of query paragraph ``query``."""

    query: int
    source: IndexedParagraph
    share: float


@dataclass
class Partition:
    """One partition's arrays and tables, loaded (the arrays memory-mapped)."""

    runs: npt.NDArray[np.uint64]
    owners: npt.NDArray[np.int32]
    # A line per paragraph, UTF-8: symbol, id, adoption date and file, tab-separated. Kept as the
    # file's bytes and read a line at a time: as a list of strings the tables of a store 100x the
    # corpus took 1.6 GB, and a query reads the lines of its sources only.
    table: bytes
    words: Path | str  # each paragraph's words, one line each: the file, or the text itself

    @functools.cached_property
    def rows(self) -> int:
        return self.table.count(b"\n")

    @functools.cached_property
    def _line_starts(self) -> npt.NDArray[np.int64]:
        ends = np.flatnonzero(np.frombuffer(self.table, dtype=np.uint8) == ord("\n"))
        return np.concatenate((np.zeros(1, np.int64), ends + 1))

    def paragraph(self, row: int) -> IndexedParagraph:
        start, end = self._line_starts[row : row + 2].tolist()
        return IndexedParagraph(*self.table[start : end - 1].decode("utf-8").split("\t"))

    @functools.cached_property
    def directory(self) -> tuple[int, npt.NDArray[np.int32]]:
        """``(shift, starts)``: the runs whose top bits are ``b`` (``run >> shift``) stand at
        ``starts[b]:starts[b + 1]``. Hashes are uniform, so with a bucket for every two to four
        runs a lookup is two reads and a short scan, not a binary search (made on first use, in one
        pass over the runs). Its size is a third of the runs' (32-bit starts; with a bucket per run
        and 64-bit starts it was as large again as the runs: 4.3 GB at 100x the corpus)."""
        bits = min(24, max(1, len(self.runs).bit_length() - 2))
        shift = 64 - bits
        buckets = (np.asarray(self.runs) >> np.uint64(shift)).astype(np.int64)
        starts = np.zeros((1 << bits) + 1, dtype=np.int32)  # a partition holds fewer than 2**31 runs
        starts[1:] = np.cumsum(np.bincount(buckets, minlength=1 << bits))
        return shift, starts

    def shared(self, runs: npt.NDArray[np.uint64]) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
        """``(which, owners)``: for every run of ``runs`` found here, its place in ``runs`` and the
        paragraph holding it, once per paragraph holding it."""
        shift, starts = self.directory
        buckets = (runs >> np.uint64(shift)).astype(np.int64)
        lo, hi = starts[buckets].astype(np.int64), starts[buckets + 1].astype(np.int64)
        spans = hi - lo
        total = int(spans.sum())
        # Every run of each query's bucket, then those that are the query's run.
        where = np.repeat(lo - (np.cumsum(spans) - spans), spans) + np.arange(total)
        which = np.repeat(np.arange(len(runs), dtype=np.int64), spans)
        held = np.asarray(self.runs)[where] == runs[which]
        return which[held], np.asarray(self.owners)[where[held]].astype(np.int64)


def _partition_count(files: int) -> int:
    """A power of two near the square root of the number of stored texts (at least 1)."""
    return 1 << max(0, math.ceil(math.log2(max(1, math.isqrt(files)))))


def _bucket(name: str, count: int) -> int:
    return zlib.crc32(name.encode()) & (count - 1)


def stored_texts(root: Path) -> list[FileStamp]:
    """Every stored text of the store (series folders and the pool), with its size and mtime."""
    stamps = []
    for path in sorted(root.glob("*/*.txt")):
        if path.parent.name.startswith("."):
            continue  # the index's own folder, and anything hidden
        stat = path.stat()
        stamps.append((f"{path.parent.name}/{path.name}", stat.st_size, stat.st_mtime_ns))
    return stamps


def build_partition(job: tuple[list[FileStamp], list[str]]) -> dict[str, Any]:
    """The index of one partition, from its stored texts (a pure function: it runs on any worker).

    Returns the files, the table (a line per paragraph), the arrays and each paragraph's words as
    one line of text.
    """
    stamps, texts = job
    rows: list[str] = []
    paragraph_texts: list[str] = []
    for (name, _size, _mtime), text in zip(stamps, texts, strict=True):
        try:
            res = parse_docformat(text, name)
        except ImportFailed:
            continue  # `resdiff check` reports it; a text that does not read holds no agreed language
        sym = Symbol.find(res.symbol)
        if res.adopted is None or sym is None or not sym.is_resolution:
            continue
        for p in res.all_paragraphs:  # annexes too: a declaration's wording is agreed language
            rows.append(f"{res.symbol}\t{p.id}\t{res.adopted}\t{name}\n")
            paragraph_texts.append(p.text)
    # Read once, for the runs and the words, and not kept in the tokeniser's cache (32 MB of a build).
    paragraph_words = [read_words(t) for t in paragraph_texts]
    runs, owners, _counts = run_table(paragraph_words)
    words = "".join(" ".join(w) + "\n" for w in paragraph_words)
    return {"files": stamps, "table": "".join(rows), "runs": runs, "owners": owners.astype(np.int32), "words": words}


def _crc(array: npt.NDArray[Any]) -> int:
    return zlib.crc32(np.ascontiguousarray(array).view(np.uint8).data)


def _npy_bytes(array: npt.NDArray[Any]) -> bytes:
    import io

    buffer = io.BytesIO()
    np.save(buffer, array, allow_pickle=False)
    return buffer.getvalue()


class PrecedentIndex:
    """The index of a store, up to date with it: :meth:`open` builds or refreshes what is stale."""

    def __init__(self, store: Store, partitions: list[Partition], rebuilt: int):
        self.store = store
        self.partitions = partitions
        self.rebuilt = rebuilt  # how many partitions this opening (re)built

    @property
    def folder(self) -> Path:
        return self.store.root / INDEX_DIR

    @classmethod
    def open(cls, store: Store, workers: int | None = None, scheduler: str | None = None) -> PrecedentIndex:
        """The store's index, every stale, damaged or missing partition rebuilt first: in this
        process when one is, else in ``workers`` processes or on the Dask cluster at ``scheduler``
        (:func:`resdiff.system.pool.executor`). An index that cannot be written (a read-only
        store) is used from memory."""
        store.require()
        stamps = stored_texts(store.root)
        count = _partition_count(len(stamps))
        grouped: list[list[FileStamp]] = [[] for _ in range(count)]
        for stamp in stamps:
            grouped[_bucket(stamp[0], count)].append(stamp)
        folder = store.root / INDEX_DIR
        loaded: dict[int, Partition] = {}
        stale = []
        for i, files in enumerate(grouped):
            part = _load(folder, _name(count, i), files)
            if part is None:
                stale.append(i)
            else:
                loaded[i] = part
        if stale:
            with executor(1 if len(stale) == 1 and not scheduler else workers, scheduler) as mapper:
                # A few partitions at a time: a pool's map takes every job at once, and the texts of a
                # large store do not fit in memory together.
                for start in range(0, len(stale), BATCH):
                    batch = stale[start : start + BATCH]
                    jobs = [
                        (grouped[i], [(store.root / n).read_text(encoding="utf-8") for n, _, _ in grouped[i]])
                        for i in batch
                    ]
                    for i, built in zip(batch, mapper(build_partition, jobs), strict=True):
                        loaded[i] = _save(folder, _name(count, i), built)
            _remove_others(folder, {_name(count, i) for i in range(count)})
        return cls(store, [loaded[i] for i in range(count)], len(stale))

    # -- queries ---------------------------------------------------------
    def hits(
        self,
        texts: Sequence[str],
        min_share: float,
        before: str | None = None,
        exclude: Iterable[str] = (),
    ) -> list[list[Hit]]:
        """For each text, every indexed paragraph adopted before ``before`` (any date when None),
        of a resolution not in ``exclude``, that holds at least ``min_share`` of the text's runs
        (every paragraph holding any run when ``min_share`` is 0), in no particular order."""
        runs, queries, counts = shingle_table(texts)
        excluded = set(exclude)
        found: list[list[Hit]] = [[] for _ in texts]
        if not len(runs):
            return found
        for part in self.partitions:
            if not len(part.runs):
                continue
            which, owners = part.shared(runs)
            if not len(which):
                continue
            # Every (query paragraph, stored paragraph) pair sharing a run, once per shared run.
            pairs, shared = np.unique(queries[which] * part.rows + owners, return_counts=True)
            q, o = np.divmod(pairs, part.rows)
            shares = shared / counts[q]
            for qi, oi, s in zip(q.tolist(), o.tolist(), shares.tolist()):
                if s + 1e-12 < min_share:
                    continue
                source = part.paragraph(oi)
                if (before is not None and source.adopted >= before) or source.symbol in excluded:
                    continue
                found[qi].append(Hit(qi, source, round(s, 4)))
        return found

    def phrase(self, phrase: str) -> list[IndexedParagraph]:
        """Every indexed paragraph whose words hold the words of ``phrase`` in a row, in no
        particular order (case, punctuation and typographic marks ignored, as in runs)."""
        words = word_tokens(phrase)
        if not words:
            return []
        needle = f" {' '.join(words)} "
        found = []
        for part in self.partitions:
            words_text = part.words if isinstance(part.words, str) else part.words.read_text(encoding="utf-8")
            found += [part.paragraph(i) for i, line in enumerate(words_text.splitlines()) if needle in f" {line} "]
        return found


def refresh(store: Store) -> None:
    """Bring the store's index up to date after a change (an import, a replacement), if it has
    one: only the partitions of the files changed are rebuilt. A store without an index gets
    none (it is built on first use)."""
    if (store.root / INDEX_DIR).is_dir():
        PrecedentIndex.open(store, workers=1)


def series_of_symbols(store: Store) -> dict[str, str]:
    """Each symbol a manifest lists, with the series it is listed in (the first, by name)."""
    found: dict[str, str] = {}
    for series in store.series_names():
        for entry in store.manifest(series).entries:
            if entry.symbol:
                found.setdefault(entry.symbol, series)
    return found


def _name(count: int, i: int) -> str:
    return f"p{count:04d}-{i:04d}"


def _load(folder: Path, name: str, files: list[FileStamp]) -> Partition | None:
    """A partition as stored, if it was built from exactly ``files`` and is whole; else None."""
    try:
        meta = json.loads((folder / f"{name}.json").read_text(encoding="utf-8"))
        if meta.get("format") != FORMAT or [tuple(f) for f in meta["files"]] != files:
            return None
        runs = np.load(folder / f"{name}.runs.npy", mmap_mode="r", allow_pickle=False)
        owners = np.load(folder / f"{name}.owners.npy", mmap_mode="r", allow_pickle=False)
        table = (folder / f"{name}.table.txt").read_bytes()
        checks = (
            runs.dtype == np.uint64
            and owners.dtype == np.int32
            and runs.shape == owners.shape == (meta["runs"],)
            and _crc(runs) == meta["crc"]["runs"]
            and _crc(owners) == meta["crc"]["owners"]
            and zlib.crc32(table) == meta["crc"]["table"]
            and zlib.crc32((folder / f"{name}.words.txt").read_bytes()) == meta["crc"]["words"]
            and (not len(owners) or 0 <= int(owners.min()) and int(owners.max()) < table.count(b"\n"))
        )
        if not checks:
            return None
        return Partition(runs, owners, table, folder / f"{name}.words.txt")
    except OSError as e:
        if e.errno == errno.ENOMEM:
            raise  # too little memory to map it is no damage: a rebuild would only fail the same way
        return None
    except (ValueError, KeyError, TypeError, AttributeError):
        return None


def _save(folder: Path, name: str, built: dict[str, Any]) -> Partition:
    """Write a partition (whole or not at all; its JSON last, so a partial write is stale) and
    return it; kept in memory alone when the folder cannot be written."""
    runs, owners = built["runs"], built["owners"]
    words, table = built["words"].encode("utf-8"), built["table"].encode("utf-8")
    meta = {
        "format": FORMAT,
        "files": built["files"],
        "runs": len(runs),
        "crc": {"runs": _crc(runs), "owners": _crc(owners), "table": zlib.crc32(table), "words": zlib.crc32(words)},
    }
    try:
        folder.mkdir(exist_ok=True)
        if not (folder / ".gitignore").exists():
            write_atomically({folder / ".gitignore": "# derived from the store by resdiff precedent\n*\n"}, sync=False)
        write_atomically(
            {
                folder / f"{name}.runs.npy": _npy_bytes(runs),
                folder / f"{name}.owners.npy": _npy_bytes(owners),
                folder / f"{name}.table.txt": table,
                folder / f"{name}.words.txt": words,
                folder / f"{name}.json": json.dumps(meta),
            },
            sync=False,  # derived and checked on every use: a crash leaves it stale, to be rebuilt
        )
    except OSError:
        return Partition(runs, owners, table, built["words"])
    # Mapped from the files just written: the built arrays are freed, and a build of a large store
    # holds one partition in memory at a time.
    mapped = [np.load(folder / f"{name}.{a}.npy", mmap_mode="r", allow_pickle=False) for a in ("runs", "owners")]
    return Partition(mapped[0], mapped[1], table, folder / f"{name}.words.txt")


def _remove_others(folder: Path, names: set[str]) -> None:
    """Drop the files of partitions of an earlier layout (another partition count)."""
    if not folder.is_dir():
        return
    for path in folder.glob("p*-*"):
        if path.name.split(".", 1)[0] not in names:
            path.unlink(missing_ok=True)
