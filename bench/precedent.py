"""The precedent index on the whole EOSG corpus and on copies of it 10× and 100× its size.

    python -m bench.precedent [--store DIR] [--scales 1,10] [--runs 3] [--alternatives]

--store: a store holding the corpus (default /tmp/resdiff-bench-precedent, made with `resdiff
import ../shared/ga-corpus/eosg` and `resdiff series` when missing). For each scale (a store of
that many renumbered copies of the corpus, every copy after the first with words changed in a
fifth of its paragraphs) it reports, as medians of interleaved runs:

- the build from nothing, in this process and in a pool of 2 processes, against the baseline of
  reading and parsing every stored text (the floor of any index over the store), and the peak
  memory of a build in this process (tracemalloc, and the child's maximum resident set);
- opening the built index (the check of every partition against the store and its checksums);
- the query of a 60-paragraph draft (the first 60 paragraphs of 79/144, sources before its date),
  and the time per paragraph over every paragraph of 20 resolutions of session 79;

and at scale 1, how often the hand-aligned predecessor of each 1:1 link of
tests/fixtures/hand_alignment is the best source, in the whole corpus (at the default 50% and at
any shared run). With --alternatives: the same runs in a Python dict of posting lists and in an
SQLite table with a B-tree index, against the arrays.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import json
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from resdiff.core.errors import ImportFailed
from resdiff.core.symbol import Symbol
from resdiff.diff.runs import shingle_table
from resdiff.formats.docformat import parse_docformat
from resdiff.store.folder import Store
from resdiff.store.precedent import INDEX_DIR, PrecedentIndex, stored_texts
from tests.hand_precedent import add_hand_texts
from tests.hand_precedent import hand_ranking as ranked_first

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent.parent / "shared" / "ga-corpus" / "eosg"
if not CORPUS.is_dir():
    CORPUS = Path("/work/shared/ga-corpus/eosg")
_WORD = re.compile(r"\b[a-z]{4,}\b")


def corpus_store(path: Path) -> Store:
    if not (path / "_pool").is_dir():
        resdiff = str(Path(sys.executable).with_name("resdiff"))
        subprocess.run([resdiff, "import", str(CORPUS), "--store", str(path)], stdout=subprocess.DEVNULL)
        subprocess.run([resdiff, "series", "--store", str(path)], stdout=subprocess.DEVNULL, check=True)
    return Store(path)


def replicate(source: Store, scale: int, out: Path) -> Store:
    """``scale`` copies of every stored text in one pool: copy k renumbered (number + 10000·k),
    with a word changed in a fifth of its paragraphs (copy 0 is the corpus as it is)."""
    if (out / "replicated").is_file():
        return Store(out)
    shutil.rmtree(out, ignore_errors=True)
    (out / "_pool").mkdir(parents=True)
    rng = random.Random(scale)
    vocabulary = ["further", "strongly", "regional", "national", "effective", "voluntary", "relevant", "urgent"]
    for name, _size, _mtime in stored_texts(source.root):
        text = (source.root / name).read_text(encoding="utf-8")
        head, _, body = text.partition("\n---\n")
        symbol = re.search(r"^symbol: (.+)$", head, re.M)
        assert symbol is not None
        sym = Symbol.parse(symbol.group(1))
        for k in range(scale):
            copy = renumbered(sym, k)
            lines = body.split("\n")
            if k:
                for i, line in enumerate(lines):
                    if line and not line.startswith(("#", "[GAP]", "Footnotes:")) and rng.random() < 0.2:
                        # Not the labels that open a line ("(d)(viii) "): they are structure, not words.
                        words = [w for w in _WORD.finditer(line) if w.start() > 12]
                        if words:
                            w = rng.choice(words)
                            lines[i] = line[: w.start()] + rng.choice(vocabulary) + line[w.end() :]
            new_head = head.replace(f"symbol: {sym}", f"symbol: {copy}", 1)
            (out / "_pool" / copy.filename).write_text(new_head + "\n---\n" + "\n".join(lines), encoding="utf-8")
    (out / "replicated").write_text(f"{scale} copies of {source.root}\n")
    return Store(out)


def renumbered(sym: Symbol, k: int) -> Symbol:
    """Copy ``k`` of a resolution's symbol: the same number in session + 100·k (symbols have at most
    four digits; old-style and special-session symbols become regular ones of their session)."""
    if not k:
        return sym
    session = sym.session or sym.special_session or 0
    return dataclasses.replace(sym, session=session + 100 * k, old_style=False, special=None, special_session=None)


def parse_all(store: Store) -> None:
    for name, _size, _mtime in stored_texts(store.root):
        with contextlib.suppress(ImportFailed):  # as the index's build does
            parse_docformat((store.root / name).read_text(encoding="utf-8"), name)


def build(store: Store, workers: int) -> float:
    shutil.rmtree(store.root / INDEX_DIR, ignore_errors=True)
    start = time.perf_counter()
    PrecedentIndex.open(store, workers=workers)
    return time.perf_counter() - start


def build_memory(store: Store) -> tuple[float, float]:
    """Peak memory of a build from nothing in this process (``workers=1``), each figure from a
    fresh process of its own: tracemalloc's peak (Python's and numpy's allocations), and the growth
    of the peak resident set (VmHWM) over the resident set of the interpreter with every module
    imported, in a process that does not trace (tracemalloc's own records of every live allocation
    would be counted). The growth counts memory the allocators keep after it is freed, and the
    pages of index files touched. Not ru_maxrss: Linux keeps it across exec, so a child reports its
    parent's peak. MB."""
    code = (
        "import re, shutil, sys, tracemalloc\n"
        "from pathlib import Path\n"
        "from resdiff.store.folder import Store\n"
        "from resdiff.store.precedent import INDEX_DIR, PrecedentIndex\n"
        "def kb(key): return int(re.search(key + r':\\s+(\\d+)', Path('/proc/self/status').read_text())[1])\n"
        "st = Store(sys.argv[1]); shutil.rmtree(st.root / INDEX_DIR, ignore_errors=True)\n"
        "before = kb('VmRSS')\n"
        "if sys.argv[2] == 'traced': tracemalloc.start()\n"
        "PrecedentIndex.open(st, workers=1)\n"
        "print(tracemalloc.get_traced_memory()[1] / 1e6 if sys.argv[2] == 'traced' else (kb('VmHWM') - before) / 1e3)\n"
    )
    figures = [
        float(
            subprocess.run(
                [sys.executable, "-c", code, str(store.root), how], capture_output=True, text=True, check=True
            ).stdout
        )
        for how in ("traced", "resident")
    ]
    return figures[0], figures[1]


def queries(store: Store, runs: int) -> dict[str, float]:
    opened = []
    draft = []
    per_paragraph = []
    tokenised = []
    index = PrecedentIndex.open(store)
    res = store.load("79/144")
    texts = [p.text for p in res.paragraphs[:60]]
    session = [
        store.load_file(store.root / name)
        for name, _s, _m in stored_texts(store.root)
        if re.search(r"A-RES-79-\d{1,3}\.txt$", name)
    ][:20]
    everything = [(p.text, r.adopted) for r in session for p in r.paragraphs]
    del index  # one index mapped at a time: at 100x each maps 4 GB
    for _ in range(runs):
        start = time.perf_counter()
        index = PrecedentIndex.open(store)
        opened.append(time.perf_counter() - start)
        start = time.perf_counter()
        shingle_table(texts)  # the baseline: reading the draft's words and runs, before any lookup
        tokenised.append(time.perf_counter() - start)
        start = time.perf_counter()
        index.hits(texts, 0.5, res.adopted)
        draft.append(time.perf_counter() - start)
        start = time.perf_counter()
        for r in session:
            index.hits([p.text for p in r.paragraphs], 0.5, r.adopted)
        per_paragraph.append((time.perf_counter() - start) / len(everything))
    return {
        "open_s": statistics.median(opened),
        "draft60_s": statistics.median(draft),
        "draft60_over_tokenising": statistics.median(d / t for d, t in zip(draft, tokenised, strict=True)),
        "per_paragraph_ms": 1000 * statistics.median(per_paragraph),
        "paragraphs_queried": len(everything),
    }


def hand_ranking(store: Store) -> dict[str, str]:
    add_hand_texts(store)  # the corpus lacks 75/59, and the store may lack others
    rates = {}
    for min_share in (0.5, 0.0):
        first, total, misses = ranked_first(store, min_share)
        rates[f"min {min_share}"] = f"{first}/{total} = {100 * first / total:.1f}% (misses: {'; '.join(misses)})"
    return rates


def alternatives(store: Store) -> None:
    """The same runs in the structures the index could have used, built from the arrays the index
    holds: a Python dict of posting lists, and an SQLite table with a B-tree index on the hash (what
    an FTS5 or inverted-index engine keeps per term). Time to build, memory or size, and the
    lookup of the 60-paragraph draft, against the numpy arrays."""
    import sqlite3
    import tempfile
    import tracemalloc

    import numpy as np

    index = PrecedentIndex.open(store)
    runs = np.concatenate([np.asarray(p.runs) for p in index.partitions])
    owners = np.concatenate([np.asarray(p.owners) for p in index.partitions])
    res = store.load("79/144")
    query, _o, _c = shingle_table([p.text for p in res.paragraphs[:60]])
    for p in index.partitions:
        p.shared(query)  # the directories, made on first use
    start = time.perf_counter()
    for p in index.partitions:
        p.shared(query)
    arrays_s = time.perf_counter() - start
    arrays_mb = sum(np.asarray(p.runs).nbytes + np.asarray(p.owners).nbytes for p in index.partitions) / 1e6

    start = time.perf_counter()
    postings: dict[int, list[int]] = {}
    for h, o in zip(runs.tolist(), owners.tolist(), strict=True):
        postings.setdefault(h, []).append(o)
    dict_build = time.perf_counter() - start
    del postings
    tracemalloc.start()  # the same build again, its memory counted (tracemalloc slows it)
    postings = {}
    for h, o in zip(runs.tolist(), owners.tolist(), strict=True):
        postings.setdefault(h, []).append(o)
    dict_mb = tracemalloc.get_traced_memory()[0] / 1e6
    tracemalloc.stop()
    start = time.perf_counter()
    hits = sum(len(postings.get(h, ())) for h in query.tolist())
    dict_query = time.perf_counter() - start
    del postings

    with tempfile.TemporaryDirectory() as tmp:
        db = sqlite3.connect(Path(tmp) / "runs.db")
        start = time.perf_counter()
        db.execute("CREATE TABLE runs (hash INTEGER, owner INTEGER)")
        signed = runs.view(np.int64).tolist()
        db.executemany("INSERT INTO runs VALUES (?, ?)", zip(signed, owners.tolist(), strict=True))
        db.execute("CREATE INDEX by_hash ON runs (hash)")
        db.commit()
        sql_build = time.perf_counter() - start
        sql_mb = (Path(tmp) / "runs.db").stat().st_size / 1e6
        start = time.perf_counter()
        found = 0
        for h in query.view(np.int64).tolist():
            found += len(db.execute("SELECT owner FROM runs WHERE hash = ?", (h,)).fetchall())
        sql_query = time.perf_counter() - start
        db.close()
    print(
        json.dumps(
            {
                "runs": len(runs),
                "numpy_arrays_mb": round(arrays_mb, 1),
                "numpy_lookup_60_ms": round(1000 * arrays_s, 1),
                "dict_build_s": round(dict_build, 1),
                "dict_mb": round(dict_mb, 1),
                "dict_lookup_60_ms": round(1000 * dict_query, 1),
                "sqlite_build_s": round(sql_build, 1),
                "sqlite_mb_on_disk": round(sql_mb, 1),
                "sqlite_lookup_60_ms": round(1000 * sql_query, 1),
                "postings_found": [hits, found],
            }
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--store", type=Path, default=Path("/tmp/resdiff-bench-precedent"))
    parser.add_argument("--scales", default="1,10")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--alternatives", action="store_true", help="measure a dict and SQLite on the same runs")
    parser.add_argument(
        "--quick", action="store_true", help="one build, in 2 processes, and no tracemalloc (for 100x: hours otherwise)"
    )
    args = parser.parse_args()
    corpus = corpus_store(args.store)
    if args.alternatives:
        alternatives(corpus)
        return
    files = len(stored_texts(corpus.root))
    print(f"corpus: {files} stored texts in {corpus.root}")
    for scale in (int(s) for s in args.scales.split(",")):
        store = corpus if scale == 1 else replicate(corpus, scale, Path(f"{args.store}-x{scale}"))
        parse_s, one_s, two_s = [], [], []
        for _ in range(args.runs):  # interleaved: the baseline, then each build
            start = time.perf_counter()
            parse_all(store)
            parse_s.append(time.perf_counter() - start)
            if not args.quick:
                one_s.append(build(store, 1))
            two_s.append(build(store, 2))
        index = PrecedentIndex.open(store)
        paragraphs = sum(p.rows for p in index.partitions)
        runs = sum(len(p.runs) for p in index.partitions)
        partitions = len(index.partitions)
        del index  # one index mapped at a time: at 100x each maps 4 GB
        size = sum(f.stat().st_size for f in (store.root / INDEX_DIR).iterdir()) / 1e6
        # The builds in 2 processes: the largest resident set of a worker (a forked worker counts
        # the pages it shares with this process), and this process's own peak (it reads the texts
        # and writes the partitions; its peak is also the parse baseline's and the queries' so far).
        workers_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1e3
        main_peak = int(re.search(r"VmHWM:\s+(\d+)", Path("/proc/self/status").read_text())[1]) / 1e3
        traced, rss = (None, None) if args.quick else build_memory(store)  # the index is left built
        result = {
            "scale": scale,
            "texts": len(stored_texts(store.root)),
            "paragraphs": paragraphs,
            "runs": runs,
            "partitions": partitions,
            "index_mb_on_disk": round(size, 1),
            "parse_s": round(statistics.median(parse_s), 2),
            "build_1_process_s": round(statistics.median(one_s), 2) if one_s else None,
            "build_2_processes_s": round(statistics.median(two_s), 2),
            "build_over_parse": round(statistics.median(o / p for o, p in zip(one_s or two_s, parse_s)), 2),
            "build_peak_traced_mb": traced and round(traced, 1),
            "build_peak_rss_growth_mb": rss and round(rss, 1),
            "build_2_processes_worker_peak_rss_mb": round(workers_peak),
            "bench_process_peak_rss_mb": round(main_peak),
            **{k: round(v, 4) if isinstance(v, float) else v for k, v in queries(store, max(3, args.runs)).items()},
        }
        print(json.dumps(result))
        if scale == 1:
            for k, v in hand_ranking(store).items():
                print(f"hand-aligned predecessor ranked first, {k}: {v}")
    print(f"load average: {' '.join(f'{x:.1f}' for x in __import__('os').getloadavg())}")
    print(f"this process's peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3:.0f} MB")


if __name__ == "__main__":
    main()
