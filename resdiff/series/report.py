"""``resdiff report``: the series index and a page per comparison, written together.

For one series, :func:`build_report` writes its index (versions, lineage, chart) and its pair
pages into one folder. For a store of several series, :func:`build_site` writes the whole
site: an index of every series with a filter box, a folder per series as above, and a page
per session saying what changed in it. The pages of every pair are made by :func:`pair_work`,
a pure function of two versions, mapped over all pairs at once by any executor
(:mod:`resdiff.system.pool`), so a large store uses every core.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from resdiff.core.model import Resolution
from resdiff.diff.compare import Comparison, compare
from resdiff.diff.digest import SessionEntry
from resdiff.diff.lineage import build_lineage
from resdiff.diff.precedent import PrecedentReport
from resdiff.render.html import (
    IndexVersion,
    PairLink,
    SummaryItem,
    index_page,
    make_environment,
    pair_filename,
    pair_page,
    render_template,
    version_view,
)
from resdiff.render.precedent import render_precedent_html
from resdiff.series.precedent import find_precedents
from resdiff.series.session import with_gap
from resdiff.store.folder import Store
from resdiff.store.precedent import PrecedentIndex
from resdiff.system.files import locked, write_atomically
from resdiff.system.pool import Mapper

INDEX = "index.html"


@dataclass(frozen=True)
class PairResult:
    comparison: Comparison
    html: str
    summary: list[SummaryItem]


def pair_work(job: tuple) -> PairResult:
    """Compare two versions and render their pair page (``job``: old, new, templates, index link,
    and optionally the precedents of NEW's paragraphs outside OLD to mark the page with)."""
    old, new, templates, index_href, *marks = job
    comp = compare(old, new)
    if marks:
        comp = replace(comp, precedents=marks[0])
    page = pair_page(comp, index_href=index_href)
    return PairResult(comp, render_template(make_environment(templates), "pair.html", page), page.summary)


def _series_files(
    store: Store,
    series: str,
    out: Path,
    versions: list[Resolution],
    results: list[PairResult],
    templates: Path | None,
    consecutive: int,
    precedents: PrecedentIndex | None = None,
) -> dict[Path, str]:
    """The files of one series: its pair pages and its index (``results``: the consecutive pairs
    first, ``consecutive`` of them, then any extra pairs)."""
    manifest = store.manifest(series)
    files: dict[Path, str] = {}
    links = []
    stored = {res.symbol for res in versions}
    for r in results:
        name = pair_filename(r.comparison.old, r.comparison.new)
        files[out / name] = r.html
        pair = SessionEntry(series, manifest.title, r.comparison.new, r.comparison.old)
        gap = with_gap(pair, manifest.entries, stored).gap_words().removeprefix("; ")
        links.append(PairLink(r.comparison.old.short, r.comparison.new.short, name, r.summary, gap))
    by_symbol = {res.symbol: res for res in versions}
    index_versions = []
    for entry in manifest.entries:
        res = by_symbol.get(entry.symbol or "")
        status = store.status(series, entry)[0] if res is None else res.completeness
        note = "; ".join(filter(None, (entry.note, entry.evidence)))
        href = precedent_filename(res) if res and precedents else None
        index_versions.append(
            IndexVersion(entry.name, entry.adopted, status, version_view(res) if res else None, note or None, href)
        )
    lineage = build_lineage(versions, [r.comparison for r in results[:consecutive]])
    page = index_page(series, manifest.title, index_versions, links, lineage)
    files[out / INDEX] = render_template(make_environment(templates), "index.html", page)
    return files


def build_report(
    store: Store,
    series: str,
    out: Path,
    extra_pairs: Sequence[tuple[Resolution, Resolution]] = (),
    templates: Path | None = None,
    mapper: Mapper = map,
    precedents: PrecedentIndex | None = None,
) -> list[Path]:
    """Write ``out/index.html`` and one page per pair of consecutive stored versions (and per extra pair).

    With ``precedents`` (the store's index), each pair page marks the new and reworded paragraphs
    of NEW with their best precedent outside OLD, and each version gets a page of its paragraphs'
    precedents (``precedent-A-RES-75-59.html``). Returns the files written. Either all are written
    or none.
    """
    make_environment(templates)  # a broken --templates folder fails before any work
    versions = [res for _, res in store.stored_versions(series)]
    pairs = list(zip(versions, versions[1:])) + list(extra_pairs)
    found = _version_precedents(versions, precedents)
    results = list(mapper(pair_work, [_pair_job(a, b, templates, precedents, found) for a, b in pairs]))
    consecutive = len(versions) - 1 if versions else 0
    files = _series_files(store, series, out, versions, results, templates, consecutive, precedents)
    files |= _precedent_pages(out, versions, found, templates)
    _write_report(out, files)
    return sorted(files)


def _version_precedents(versions: list[Resolution], precedents: PrecedentIndex | None) -> dict[str, PrecedentReport]:
    """Each version's precedents, looked up once: its own page lists them, and its pair page marks
    them with OLD's left out."""
    if precedents is None:
        return {}
    return {v.symbol: find_precedents(precedents, v, diffs=False) for v in versions}


def _precedent_pages(
    out: Path, versions: list[Resolution], found: dict[str, PrecedentReport], templates: Path | None
) -> dict[Path, str]:
    """The page of each version's precedents, when they were looked up."""
    return {
        out / precedent_filename(v): render_precedent_html(found[v.symbol], INDEX, make_environment(templates))
        for v in versions
        if found
    }


def _pair_job(
    a: Resolution,
    b: Resolution,
    templates: Path | None,
    precedents: PrecedentIndex | None,
    found: dict[str, PrecedentReport],
) -> tuple:
    """A job of :func:`pair_work`: the precedents are looked up here, where the index is, so the
    worker still needs no store. Leaving OLD's sources out of NEW's ranked sources is the lookup
    that excludes OLD (the exclusion only removes sources; the others keep their order)."""
    if precedents is None:
        return (a, b, templates, INDEX)
    report = found.get(b.symbol) or find_precedents(precedents, b, diffs=False)  # an extra --pair
    marks = tuple(replace(p, sources=tuple(s for s in p.sources if s.symbol != a.symbol)) for p in report.paragraphs)
    return (a, b, templates, INDEX, marks)


def precedent_filename(res: Resolution) -> str:
    """The page of a version's precedents in its series' folder: ``precedent-A-RES-75-59.html``."""
    sym = res.parsed_symbol
    return f"precedent-{sym.stem if sym else res.symbol}.html"


def _write_report(out: Path, files: dict[Path, str]) -> None:
    """All the report's files or none, and one report at a time into ``out``: a report killed
    among its renames is completed, and its staged files removed, by the next one."""
    out.mkdir(parents=True, exist_ok=True)
    with locked(out):
        write_atomically(files)


def report_series(store: Store, series: str | None) -> str | None:
    """The one series a report is written for: ``series`` if given, else the store's only series;
    None for a site of several series."""
    names = store.series_names()
    return series or (names[0] if len(names) == 1 else None)


def site_pair_count(store: Store) -> int:
    """How many pairs :func:`build_site` compares (consecutive stored members of each series)."""
    return sum(max(len(store.stored_entries(name)) - 1, 0) for name in store.series_names())


def build_site(
    store: Store,
    out: Path,
    templates: Path | None = None,
    mapper: Mapper = map,
    advance: Callable[[str], None] = lambda name: None,
    precedents: PrecedentIndex | None = None,
) -> list[Path]:
    """Write the site of every series: ``out/index.html`` (the series, with a filter box, and the
    sessions), ``out/SERIES/`` (as :func:`build_report`, with ``precedents`` as there) and
    ``out/sessions/N.html``."""
    from resdiff.diff.digest import Digest, SessionReport, digest
    from resdiff.render.session import render_session_page
    from resdiff.render.site import SeriesRow, SessionLink, site_page
    from resdiff.series.session import session_entries

    make_environment(templates)
    names = store.series_names()
    members = {name: [res for _, res in store.stored_versions(name)] for name in names}
    # Sessions list adopted resolutions, each against the adopted one before it in its series. Where
    # drafts stand between the two, that pair is not a consecutive one: it gets its page in the
    # series as an extra pair, so that the session page has a page to link to.
    by_session = session_entries(store, members)
    pairs = {name: list(zip(members[name], members[name][1:])) for name in names}
    consecutive = {(a.symbol, b.symbol) for name in names for a, b in pairs[name]}
    extra: dict[str, list[tuple[Resolution, Resolution]]] = {name: [] for name in names}
    for entries in by_session.values():
        for e in entries:
            if e.series is not None and e.predecessor is not None:
                if (e.predecessor.symbol, e.version.symbol) not in consecutive:
                    extra[e.series].append((e.predecessor, e.version))
    found = _version_precedents([v for name in names for v in members[name]], precedents)
    jobs = [_pair_job(a, b, templates, precedents, found) for name in names for a, b in pairs[name] + extra[name]]
    results = iter(mapper(pair_work, jobs))
    files: dict[Path, str] = {}
    rows = []
    digests: dict[tuple[str, str], Digest] = {}
    for name in names:
        versions = members[name]
        mine = []
        for _ in pairs[name]:
            mine.append(next(results))
            advance(name)
        mine += [next(results) for _ in extra[name]]
        files |= _series_files(store, name, out / name, versions, mine, templates, len(pairs[name]), precedents)
        files |= _precedent_pages(out / name, versions, found, templates)
        title = store.manifest(name).title
        rows.append(SeriesRow(name, title, [v.short for v in versions], f"{name}/{INDEX}"))
        digests |= {(r.comparison.old.symbol, r.comparison.new.symbol): digest(r.comparison) for r in mine}
        del mine  # one series' comparisons at a time: memory stays bounded by the largest series
    env = make_environment(templates)
    sessions = []
    for session in sorted(by_session, reverse=True):
        entries = [
            replace(e, digest=digests[(e.predecessor.symbol, e.version.symbol)]) if e.predecessor is not None else e
            for e in by_session[session]
        ]
        report = SessionReport(session, None, tuple(entries))
        href = f"sessions/{session}.html"
        files[out / href] = render_session_page(report, "../", templates=templates)
        sessions.append(SessionLink(session, href, len(report.continued), len(report.new)))
    files[out / INDEX] = render_template(env, "site.html", site_page(rows, sessions))
    _write_report(out, files)
    return sorted(files)
