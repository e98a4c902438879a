"""``resdiff import`` of many files and folders: each file is stored or refused on its own.

One file that cannot be read does not stop the others: it is reported with its reason and
nothing of it is written. A version already stored is skipped unless ``force`` is given.
Versions no series lists go to the store's pool (:data:`resdiff.store.folder.POOL`); `resdiff series`
finds their series.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from itertools import islice
from pathlib import Path

from resdiff.core.errors import ImportFailed, ResdiffError, VersionExists
from resdiff.core.model import Resolution, Revisions
from resdiff.core.words import plural
from resdiff.store.folder import Store
from resdiff.store.precedent import refresh

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import NoReturn

    from resdiff.ingest import Reading


@dataclass
class ImportSummary:
    imported: list[str] = field(default_factory=list)  # symbols stored
    skipped: list[str] = field(default_factory=list)  # symbols already stored
    failed: list[str] = field(default_factory=list)  # one line each: the file and the reason

    def line(self) -> str:
        """The one-line summary: "imported 1488, skipped 0 already stored, failed 132"."""
        return f"imported {len(self.imported)}, skipped {len(self.skipped)} already stored, failed {len(self.failed)}"

    def refusals(self) -> list[str]:
        """Every file refused, one line each, grouped by reason (the most frequent first), for the end of a
        bulk import: the lines said as each file came are lost among the others."""
        groups: dict[str, list[str]] = {}
        for failure in self.failed:
            groups.setdefault(refusal_reason(failure), []).append(failure)
        lines = ["refused, by reason:"] if groups else []
        for reason, failures in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])):
            lines.append(f"  {reason} ({len(failures)})")
            lines += [f"    {f}" for f in failures]
        return lines


def refusal_reason(failure: str) -> str:
    """What a refusal says, without the file, the quoted text and the numbers it names, so that refusals for
    the same reason read the same.

    >>> refusal_reason("eosg/A_RES_1_2.json: paragraph II.OP3(a) appears twice: 'Calls upon'")
    'paragraph … appears twice: …'
    """
    reason = failure.split(": ", 1)[1] if ": " in failure else failure
    reason = re.sub(r"'[^']*'|\"[^\"]*\"|\d+", "…", reason)
    return re.sub(r"\S*(?:OP|PP)…\S*", "…", reason)[:90]  # a paragraph id, in a section or not


def expand(paths: Iterable[Path]) -> list[Path]:
    """The files named, and every file under the folders named (hidden ones left out), in order."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out += sorted(
                p
                for p in path.rglob("*")
                if p.is_file() and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        else:
            out.append(path)
    return out


class Outcome(StrEnum):
    """What became of a file (or what was said of it) in a bulk import."""

    STORED = "stored"
    SKIPPED = "skipped"  # already stored, and not --force
    FAILED = "failed"
    WARNING = "warning"  # stored, with something the user should know


def import_files(
    store: Store,
    files: list[Path],
    series: str | None = None,
    symbol: str | None = None,
    force: bool = False,
    revisions: Revisions = Revisions.CURRENT,
    report: Callable[[Outcome, str], None] = lambda kind, message: None,
    advance: Callable[[str], None] = lambda name: None,
    place: Callable[[Resolution], str | None] = lambda res: None,
    vet: Callable[[Resolution, str], str | None] = lambda res, series: None,
) -> ImportSummary:
    """Read and store each file; ``report(kind, message)`` hears of each :class:`Outcome` and
    ``advance`` of each file done.

    Without ``series``, a version no series lists goes to the series ``place`` names (a draft to the
    series its title or base names), else to the pool. ``vet(res, series)`` says why a version is not
    one of the series it is to join (another resolution's text): it is then refused, or with
    ``force`` stored with a warning.

    The next files are already being parsed (each in its bounded child, one per core) while one
    is stored; outcomes are still reported, and versions stored, in the order of ``files``."""
    summary = ImportSummary()
    upcoming = iter(files)
    reading = deque((f, _begin(f, symbol, revisions)) for f in islice(upcoming, _read_ahead()))
    while reading:
        f, read = reading.popleft()
        following = next(upcoming, None)
        if following is not None:
            reading.append((following, _begin(following, symbol, revisions)))
        try:
            res, found = read()
            if not res.symbol:  # compare reads such a text as it is; the store files versions by symbol
                raise ImportFailed(
                    str(f),
                    "no symbol: the text has no masthead symbol and no title line like "
                    "'75/59. Title'; give one with --symbol",
                )
            for w in found.warnings:
                report(Outcome.WARNING, f"{f}: {w}")
            target = series or (None if store.series_of(res.symbol) else place(res))
            problem = vet(res, target) if target else None
            if problem and not force:
                raise ImportFailed(str(f), f"{problem}; nothing stored (--force stores it all the same)")
            if problem:
                report(Outcome.WARNING, f"{f}: {problem}")
            path = store.save(res, target, force)
        except VersionExists as e:
            summary.skipped.append(str(f))
            report(Outcome.SKIPPED, str(e))
        except (ResdiffError, OSError) as e:
            line = str(e) if isinstance(e, ResdiffError) else f"{f}: {e.strerror or e}"
            summary.failed.append(line)
            report(Outcome.FAILED, line)
        else:
            summary.imported.append(res.symbol)
            report(
                Outcome.STORED,
                f"stored {res.symbol} ({res.completeness}, {plural(len(res.paragraphs), 'paragraph')}, "
                + (
                    f"{plural(len(res.annexes), 'annex', 'annexes')} of "
                    f"{plural(len(res.all_paragraphs) - len(res.paragraphs), 'paragraph')}, "
                    if res.annexes
                    else ""
                )
                + f"{plural(len(res.footnotes), 'footnote')}) in {path}",
            )
        advance(f.name)
    if summary.imported:
        refresh(store)
    return summary


def _read_ahead() -> int:
    """How many files are being read at once: one per core (at most four)."""
    from resdiff.system.pool import default_workers

    return min(4, default_workers())


def _begin(path: Path, symbol: str | None, revisions: Revisions) -> Reading:
    """The file's reading begun; a file that cannot even be begun fails when its turn comes."""
    from resdiff.ingest import begin_file

    try:
        return begin_file(path, symbol, revisions)
    except (ResdiffError, OSError) as e:
        error = e

        def failed() -> NoReturn:
            raise error

        return failed
