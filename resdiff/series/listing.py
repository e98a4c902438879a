"""What ``resdiff list`` and ``resdiff history`` say of a store: every known version with its
status, and for each paragraph of a version the version it first appears in and the last that
changed it."""

from __future__ import annotations

from dataclasses import dataclass

from resdiff.core.errors import SeriesNotFound, VersionNotFound
from resdiff.core.model import Completeness, FootnoteStatus, Resolution
from resdiff.diff.lineage import Blame, build_lineage, history
from resdiff.store.folder import Store

POOL_NOTE = "in the pool: no series yet (resdiff series)"


@dataclass(frozen=True)
class VersionRow:
    """One line of ``resdiff list`` (its JSON keys are these fields, in this order)."""

    series: str | None  # None: in the pool, no series lists it yet
    symbol: str | None  # None: a member expected (a session) whose symbol is not known
    name: str
    session: int | None
    adopted: str | None
    status: Completeness
    note: str | None
    footnotes: FootnoteStatus | None  # None when the text is not stored
    evidence: str | None


def version_rows(store: Store, series: str | None = None) -> list[VersionRow]:
    """Every version the manifests list (of ``series``, or of every series), stored or not; without
    ``series``, then the versions of the pool no series lists."""
    rows = []
    for name in [series] if series else store.series_names():
        for e in store.manifest(name).entries:
            status, footnotes = store.status(name, e)
            rows.append(VersionRow(name, e.symbol, e.name, e.session, e.adopted, status, e.note, footnotes, e.evidence))
    if series is None:
        rows += [
            VersionRow(
                None,
                res.symbol,
                res.short,
                res.session,
                res.adopted,
                res.completeness,
                POOL_NOTE,
                res.footnote_status,
                None,
            )
            for res in store.unlisted_versions()
        ]
    return rows


def version_history(store: Store, ref: str, series: str | None = None) -> tuple[Resolution, list[Blame]]:
    """The stored version ``ref`` and, for each of its paragraphs, where it first appears and what
    last changed it, through ``series`` (default: the series that lists it)."""
    res = store.load(ref)
    name = series or store.series_of(res.symbol)
    if name is None:
        raise SeriesNotFound(f"{res.short} is in no series; say which with --series S (see `resdiff series`)")
    versions = [r for _, r in store.stored_versions(name)]
    k = next((i for i, r in enumerate(versions) if r.symbol == res.symbol), None)
    if k is None:
        raise VersionNotFound(f"{res.short} is not a stored member of series {name!r}")
    return res, history(build_lineage(versions[: k + 1]), k)
