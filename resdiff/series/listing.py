"""What ``resdiff list``, ``series`` and ``history`` say of a store, as text and JSON: every known
version with its status, the series discovery found with their evidence, and for each paragraph of
a version the version it first appears in and the last that changed it."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from resdiff.core.errors import NotAReference, SeriesNotFound, VersionNotFound, quoted
from resdiff.core.model import Completeness, FootnoteStatus, Gap, Resolution
from resdiff.core.words import plural
from resdiff.diff.digest import sessions_apart
from resdiff.diff.lineage import Blame, build_lineage, history
from resdiff.series.discovery import Series
from resdiff.series.session import beyond_pace
from resdiff.store.folder import ManifestEntry, Store

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
    issued: str | None = None  # a stored draft's masthead date (a draft is not adopted)


def version_rows(store: Store, series: str | None = None) -> list[VersionRow]:
    """Every version the manifests list (of ``series``, or of every series), stored or not; without
    ``series``, then the versions of the pool no series lists."""
    rows = []
    for name in [series] if series else store.series_names():
        for e in store.manifest(name).entries:
            status, footnotes = store.status(name, e)
            issued = None
            if e.symbol and not e.adopted and status is not Completeness.NOT_STORED:  # a draft: its masthead's date
                issued = store.load_file(store.path_of(name, e.symbol)).issued
            rows.append(
                VersionRow(name, e.symbol, e.name, e.session, e.adopted, status, e.note, footnotes, e.evidence, issued)
            )
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
                res.issued,
            )
            for res in store.unlisted_versions()
        ]
    return rows


@dataclass(frozen=True)
class History:
    """``resdiff history``: a version, its series, and for each of its paragraphs where it first
    appears and what last changed it. ``not_held_before`` names the members the series lists
    before the version whose texts are not stored (a paragraph may be older than it looks)."""

    version: Resolution
    series: str
    rows: list[Blame]
    not_held_before: list[str]
    # Two stored members further apart than the series' pace with no text named between them
    # (earlier name, later name, sessions apart): texts nobody named may stand there.
    gaps_unknown: list[tuple[str, str, int]] = field(default_factory=list)


def _not_held(entry: ManifestEntry) -> Resolution:
    """A member whose text is not stored, as a version that is one gap: the lineage then says
    "or earlier" and "X to Y" across it, as it does across the gaps of a partial text."""
    return Resolution(entry.symbol or "", label=None if entry.symbol else entry.name, items=(Gap(None),))


def version_history(store: Store, ref: str, series: str | None = None) -> History:
    """The stored version ``ref`` and, for each of its paragraphs, where it first appears and what
    last changed it, through ``series`` (default: the series that lists it). Members listed before
    it whose texts are not stored stand in the lineage as gaps."""
    if Path(ref).is_file():  # a REF may be a file elsewhere, but a history follows a member of a series
        raise NotAReference(
            f"{quoted(ref)} is a file; history follows a stored version through its series: "
            f"import it (`resdiff import {quoted(ref)} --series S`), then give its symbol"
        )
    res = store.load(ref)
    name = series or store.series_of(res.symbol)
    if name is None:
        raise SeriesNotFound(
            f"{res.short} is in no series: run `resdiff series` to find its series, "
            f"or place it with `resdiff import FILE --series S`"
        )
    entries = store.manifest(name).entries
    k = next((i for i, e in enumerate(entries) if e.symbol == res.symbol), None)
    if k is None:
        raise VersionNotFound(f"{res.short} is not a member of series {name!r} (`resdiff list --series {name}`)")
    versions, missing = lineage_members(store, name, entries[: k + 1])
    held = [v for v in range(len(versions)) if versions[v].short not in missing]
    after_gap = frozenset(
        v for u, v in zip(held, held[1:]) if v == u + 1 and beyond_pace(entries, versions[u], versions[v])
    )
    gaps = [
        (versions[v - 1].short, versions[v].short, sessions_apart(versions[v - 1], versions[v]))
        for v in sorted(after_gap)
    ]
    return History(res, name, history(build_lineage(versions), len(versions) - 1, after_gap), missing, gaps)


def lineage_members(
    store: Store, name: str, entries: tuple[ManifestEntry, ...] | None = None
) -> tuple[list[Resolution], list[str]]:
    """The members of series ``name`` (or the manifest ``entries`` given) as the lineage reads them,
    and the names of those whose texts are not stored: these stand in it as versions that are one
    gap. Members listed after the last stored one (expected in a later session) are left out."""
    entries = store.manifest(name).entries if entries is None else entries
    members: list[tuple[Resolution, bool]] = []  # each version, and whether its text is stored
    for e in entries:
        path = store.path_of(name, e.symbol) if e.symbol else None
        held = path is not None and path.is_file()
        members.append((store.load_file(path) if held and path is not None else _not_held(e), held))
    while members and not members[-1][1]:
        members.pop()
    return [res for res, _ in members], [res.short for res, held in members if not held]


def version_rows_text(rows: list[VersionRow]) -> str:
    """One line a version: series, name, adoption date (a draft: "issued" and its masthead date), status,
    footnotes, then note and evidence."""
    width = max([6] + [len(r.series or "") + 2 for r in rows])
    dates = [r.adopted or (f"issued {r.issued}" if r.issued else "") for r in rows]
    date_width = max([12] + [len(d) + 2 for d in dates])
    lines = []
    for r, date in zip(rows, dates):
        footnotes = f"footnotes {r.footnotes}" if r.footnotes else ""
        line = f"{r.series or '-':<{width}}{r.name:<24}{date:<{date_width}}{r.status:<12}{footnotes}".rstrip()
        lines.append(line + "".join(f"  ({value})" for value in (r.note, r.evidence) if value))
    return "".join(line + "\n" for line in lines)


def version_rows_json(rows: list[VersionRow]) -> str:
    return json.dumps([asdict(r) for r in rows], ensure_ascii=False, indent=1) + "\n"


def series_text(found: list[Series]) -> str:
    """Each series with its members in order, stored or not, and why each is there."""
    lines = []
    for s in found:
        missing = f", {len(s.not_stored)} named but not stored" if s.not_stored else ""
        lines.append(f"{s.slug}  {s.title}  ({plural(len(s.members), 'version')}{missing})")
        members = sorted(s.members + s.not_stored, key=lambda m: (m.session, m.symbol))
        lines += [f"    {m.symbol.removeprefix('A/RES/'):<12}{m.evidence}" for m in members]
    return "".join(line + "\n" for line in lines)


def series_json(found: list[Series]) -> str:
    """``[{"series": slug, "title": …, "versions": [symbols in order], "evidence": {symbol: reason},
    "not_stored": [symbols its texts name that are not stored]}]`` (the evidence covers both)."""
    data = [
        {
            "series": s.slug,
            "title": s.title,
            "versions": s.symbols,
            "evidence": {m.symbol: m.evidence for m in s.members + s.not_stored},
            "not_stored": [m.symbol for m in s.not_stored],
        }
        for s in found
    ]
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def history_text(h: History) -> str:
    # Columns as wide as their longest entry ("71/72 or earlier", "after 75/18, by 79/8") and a space.
    first = max([20] + [len(b.first) + 2 for b in h.rows])
    changed = max([40] + [len(b.last_changed or "") + 2 for b in h.rows])
    lines = [f"{'paragraph':<11}{'first appears':<{first}}{'last changed':<{changed}}in {h.version.short}"]
    lines += [f"{b.id:<11}{b.first:<{first}}{b.last_changed or 'not since':<{changed}}{b.status}" for b in h.rows]
    if h.not_held_before:
        lines.append(
            f"Not stored: {', '.join(h.not_held_before)}, listed in {h.series!r} before {h.version.short}; "
            "a paragraph may be older than it shows."
        )
    # "The series lists", not "nobody names": the later text itself may name one between (79/8 recalls 77/27),
    # which discovery does not record when its list also names a stored text of another series.
    lines += [
        f"{before} and {after} stand {apart} sessions apart and {h.series!r} lists no text between them: "
        "texts between, if any, are not stored."
        for before, after, apart in h.gaps_unknown
    ]
    return "\n".join(lines) + "\n"


def history_json(h: History) -> str:
    """``{"symbol", "series", "not_held_before": [names], "paragraphs": [{"id", "first",
    "last_changed", "status"}], "gaps_unknown": [{"after", "before", "sessions"}]}``: one entry per
    paragraph of the version, in its order; and the stored members further apart than the series'
    pace with no text named between them."""
    data = {
        "symbol": h.version.symbol,
        "series": h.series,
        "not_held_before": h.not_held_before,
        "paragraphs": [asdict(b) for b in h.rows],
        "gaps_unknown": [{"after": a, "before": b, "sessions": n} for a, b, n in h.gaps_unknown],
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
