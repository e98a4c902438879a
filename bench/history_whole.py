"""Does ``resdiff history`` list every paragraph of every version? Measured on a store of the corpus.

    python -m bench.history_whole STORE

STORE is a store holding the whole corpus with its series found (``resdiff import
../shared/ga-corpus/eosg --store STORE && resdiff series --store STORE``). For every series, the
lineage of its members (texts not stored stand in it as gaps, as ``history`` reads them) is built
once, and for every stored version the history rows are checked against its paragraphs: one row
per paragraph, none missing, none twice. Prints the versions and paragraphs checked, and each
version whose history is not whole.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from resdiff.diff.lineage import build_lineage, history
from resdiff.series.listing import lineage_members
from resdiff.store.folder import Store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store", type=Path)
    args = parser.parse_args()
    store = Store(args.store).require()
    started = time.perf_counter()
    versions = paragraphs = 0
    broken: list[str] = []
    for name in store.series_names():
        members, missing = lineage_members(store, name)
        lineage = build_lineage(members)
        for k, res in enumerate(members):
            if res.short in missing:
                continue
            rows = [b.id for b in history(lineage, k)]
            want = [p.id for p in res.all_paragraphs]
            versions += 1
            paragraphs += len(want)
            if rows != want:
                lost = [pid for pid in want if pid not in rows]
                broken.append(f"  {name} {res.short}: {len(rows)} rows for {len(want)} paragraphs; missing {lost[:8]}")
    print(
        f"{versions} versions of {len(store.series_names())} series, {paragraphs} paragraphs, "
        f"in {time.perf_counter() - started:.0f}s: history whole for {versions - len(broken)} of {versions}"
    )
    for line in broken:
        print(line)
    sys.exit(1 if broken else 0)


if __name__ == "__main__":
    main()
