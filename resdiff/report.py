"""``resdiff report``: the series index and a page per comparison, written together."""

from __future__ import annotations

from pathlib import Path

from .compare import Comparison, compare
from .files import write_atomically
from .lineage import build_lineage
from .model import Resolution
from .render.html import (IndexVersion, PairLink, index_page, make_environment, pair_filename, pair_page,
                          render_template, version_view)
from .store import Status, Store

INDEX = "index.html"


def build_report(store: Store, series: str, out: Path, extra_pairs: list[tuple[Resolution, Resolution]] = (),
                 templates: Path | None = None) -> list[Path]:
    """Write ``out/index.html`` and one page per pair of consecutive stored versions (and per extra pair).

    Returns the files written. Either all are written or none.
    """
    env = make_environment(templates)
    manifest = store.manifest(series)
    stored = store.stored_versions(series)
    versions = [res for _, res in stored]
    consecutive = [compare(a, b) for a, b in zip(versions, versions[1:])]
    comparisons: list[Comparison] = consecutive + [compare(a, b) for a, b in extra_pairs]
    files: dict[Path, str] = {}
    links = []
    for comp in comparisons:
        name = pair_filename(comp.old, comp.new)
        page = pair_page(comp, index_href=INDEX)
        files[out / name] = render_template(env, "pair.html", page)
        links.append(PairLink(comp.old.short, comp.new.short, name, page.summary))
    by_symbol = {res.symbol: res for res in versions}
    index_versions = []
    for entry in manifest.entries:
        res = by_symbol.get(entry.symbol or "")
        status = store.status(series, entry)[0] if res is None else (Status.COMPLETE if res.complete else Status.PARTIAL)
        index_versions.append(IndexVersion(entry.name, entry.adopted, status, version_view(res) if res else None,
                                           entry.note))
    lineage = build_lineage(versions, consecutive)
    page = index_page(series, manifest.title, index_versions, links, lineage)
    files[out / INDEX] = render_template(env, "index.html", page)
    write_atomically(files)
    return sorted(files)
