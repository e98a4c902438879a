"""The largest real pair, 78/69 → 79/144 (Oceans and the law of the sea), against baselines measured in the same run.

    python -m bench.corpus_pair_speed [--corpus ../shared/ga-corpus/eosg] [--runs 9]

1. In process: ``compare()`` of the pair (419 → 425 paragraphs), against the pure-Python floor the
   alignment issue names (every paragraph's words tokenised, and one linear pass pairing equal
   paragraphs): each the median of interleaved runs, in CPU time of this process (the machine is
   shared: wall time counts other processes' turns).
2. Whole processes: `resdiff compare 78/69.json 79/144.json --format json` against a process that
   gives difflib.HtmlDiff().make_file the same paragraphs (interleaved; the median of the runs'
   ratios, in wall and in CPU time), twice: with the files parsed (no cache: ``RESDIFF_CACHE=``),
   and with their parsed versions in the cache (:mod:`resdiff.ingest.cached`; a folder of this
   run's own, filled by a first call), as when a tool compares the same files again.
3. What the cost is made of, in CPU time (medians of interleaved rounds): in process, parsing the
   two files (each is parsed in a child of the command), loading both from the cache instead,
   tokenising (the floor), alignment, the rest of ``compare()`` (display diffs of splits, change
   classes, flags, footnotes, headings) and the JSON text; as processes, Python's start and the
   imports of the JSON path (with the files parsed, and with both in the cache).
4. Growth on large real text without twins: distinct real successors concatenated (the oceans pair
   and three smaller pairs, 599 paragraphs; then five more pairs, the fisheries one among them,
   1,205 paragraphs), the compute time of ``compare()`` at both sizes (median of the runs' ratios).

Exits quietly without the corpus.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench._common import ROOT, concatenated, resdiff_command
from resdiff.core.model import Heading, Resolution, Revisions
from resdiff.diff.align import align_paragraphs
from resdiff.diff.compare import compare
from resdiff.diff.worddiff import _words, word_tokens
from resdiff.ingest import cached, read_file
from resdiff.ingest.corpus_json import parse_corpus_json
from resdiff.ingest.detect import InputFormat
from resdiff.render.changes import render_json

CORPUS = ROOT.parent / "shared" / "ga-corpus" / "eosg"
HTMLDIFF = """
import difflib, json, sys
def paragraphs(path):
    return [" ".join(r["text"].split()) for r in json.load(open(path, encoding="utf-8")) if r["type"] == "paragraph"]
difflib.HtmlDiff().make_file(paragraphs(sys.argv[1]), paragraphs(sys.argv[2]))
"""
# Real successors of different series (found by title in the corpus): the first group makes about
# 600 paragraphs, both groups about 1,200; no paragraph of one pair is a twin of another's.
FIRST = [("78_69", "79_144"), ("77_179", "78_164"), ("77_165", "78_153"), ("77_151", "78_134")]
SECOND = [("77_118", "79_145"), ("77_230", "78_219"), ("76_197", "78_141"), ("75_22", "79_81"), ("76_86", "78_82")]


def cpu_median(fn: Callable[[], object], runs: int) -> list[float]:
    """CPU seconds of each of ``runs`` calls of ``fn`` (in a fresh state: no word tokens cached)."""
    times = []
    for _ in range(runs):
        _words.cache_clear()
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return times


def floor(old: Resolution, new: Resolution) -> list[int | None]:
    """The floor: every paragraph's words, and one pass pairing the new paragraphs equal to an old one."""
    index = {tuple(word_tokens(p.text)): k for k, p in enumerate(old.paragraphs)}
    return [index.get(tuple(word_tokens(p.text))) for p in new.paragraphs]


# The modules `resdiff compare OLD NEW --format json` loads (resdiff.cli.entry.fast_compare) when both
# versions come from the cache, with the garbage collector off as the command has it; parsing a corpus
# file loads its reader too.
WARM_IMPORTS = (
    "import gc; gc.disable(); "
    "import resdiff.cli.entry, resdiff.store.refs, resdiff.system.bounded, resdiff.ingest, resdiff.ingest.cached, "
    "resdiff.diff.compare, resdiff.render.changes, resdiff.system.files, resdiff.diff.mismatch"
)
COLD_IMPORTS = WARM_IMPORTS + ", resdiff.ingest.corpus_json"


def process_times(argv: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall and CPU seconds of a process (with the children it waited for)."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, env=env)
    _pid, status, usage = os.wait4(proc.pid, 0)
    if status:
        raise SystemExit(f"{' '.join(argv[:3])} … failed (status {status})")
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime


def process_cpu(argv: list[str], env: dict[str, str] | None = None) -> float:
    return process_times(argv, env)[1]


def cache_env(folder: str) -> dict[str, str]:
    """The environment of a run whose cache is ``folder`` ("": no cache)."""
    return {**os.environ, "RESDIFF_CACHE": folder}


def parts(old_path: Path, new_path: Path, old: Resolution, new: Resolution, runs: int, warm: str) -> None:
    """Print what the comparison's cost is made of (CPU, medians of interleaved rounds); ``warm``:
    a cache folder holding both files' parsed versions."""
    data = old_path.read_bytes(), new_path.read_bytes()
    items = [i for i in old.items if not isinstance(i, Heading)], [i for i in new.items if not isinstance(i, Heading)]
    comp = compare(old, new)
    os.environ["RESDIFF_CACHE"] = warm
    entries = [
        cached.entry_for(InputFormat.CORPUS_JSON, d, str(p), None, Revisions.CURRENT)
        for d, p in zip(data, (old_path, new_path))
    ]
    os.environ["RESDIFF_CACHE"] = ""
    assert all(e is not None and cached.load(e) for e in entries), "the warm cache does not hold both files"
    steps: dict[str, Callable[[], object]] = {
        "parse both files": lambda: [parse_corpus_json(d, "x") for d in data],
        "load both from the cache": lambda: [cached.load(e) for e in entries if e is not None],
        "tokenise (the floor)": lambda: floor(old, new),
        "align_paragraphs()": lambda: align_paragraphs(*items),
        "compare()": lambda: compare(old, new),
        "JSON text": lambda: render_json(comp),
    }
    times: dict[str, list[float]] = {name: [] for name in steps}
    for _ in range(runs):
        for name, fn in steps.items():
            times[name] += cpu_median(fn, 1)
    ms = {name: statistics.median(t) * 1000 for name, t in times.items()}
    ms["compare() without align_paragraphs()"] = ms["compare()"] - ms["align_paragraphs()"]
    ours = [*resdiff_command(), "compare", str(old_path), str(new_path), "--format", "json"]
    procs = {
        "python start": ([sys.executable, "-c", "pass"], None),
        "python start and the JSON path's imports, parsing": ([sys.executable, "-c", COLD_IMPORTS], None),
        "python start and the JSON path's imports, from the cache": ([sys.executable, "-c", WARM_IMPORTS], None),
        "resdiff compare --format json, parsing": (ours, cache_env("")),
        "resdiff compare --format json, from the cache": (ours, cache_env(warm)),
        "HtmlDiff": ([sys.executable, "-c", HTMLDIFF, str(old_path), str(new_path)], None),
    }
    cpu: dict[str, list[float]] = {name: [] for name in procs}
    for _ in range(runs):
        for name, (argv, env) in procs.items():
            cpu[name].append(process_cpu(argv, env))
    for name in procs:
        ms[name + " (process)"] = statistics.median(cpu[name]) * 1000
    for path in ("parsing", "from the cache"):
        ms[f"the JSON path's imports, {path} (process)"] = (
            ms[f"python start and the JSON path's imports, {path} (process)"] - ms["python start (process)"]
        )
    print("what it is made of (CPU ms, medians of interleaved rounds):")
    for name, value in ms.items():
        print(f"  {name}: {value:.1f}")


def load(corpus: Path, pairs: list[tuple[str, str]]) -> tuple[list[Resolution], list[Resolution]]:
    olds = [read_file(corpus / f"A_RES_{a}.json")[0] for a, _b in pairs]
    news = [read_file(corpus / f"A_RES_{b}.json")[0] for _a, b in pairs]
    return olds, news


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    os.environ["RESDIFF_CACHE"] = ""  # read here, the files are parsed (and the user's cache left as it is)
    files = [args.corpus / f"A_RES_{s}.json" for pair in FIRST + SECOND for s in pair]
    if not all(f.is_file() for f in files):
        print(f"no corpus at {args.corpus}: nothing to measure")
        return
    old_path, new_path = files[0], files[1]
    old, new = read_file(old_path)[0], read_file(new_path)[0]
    pair = f"78/69 → 79/144 ({len(old.paragraphs)} → {len(new.paragraphs)} paragraphs)"

    ours_in, floors = [], []
    for _ in range(args.runs):  # interleaved
        ours_in += cpu_median(lambda: compare(old, new), 1)
        floors += cpu_median(lambda: floor(old, new), 1)
    ratio_in = statistics.median(o / f for o, f in zip(ours_in, floors))
    print(
        f"{pair}, in process: compare() {statistics.median(ours_in) * 1000:.0f} ms, floor (tokenise, one "
        f"linear pass) {statistics.median(floors) * 1000:.0f} ms, ratio {ratio_in:.2f} (target: compare() "
        "≤ 40 ms where the floor takes about 25 ms, a ratio of 1.6)"
    )

    # As installed by pip, the package has its bytecode (this checkout may not: PYTHONDONTWRITEBYTECODE).
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "resdiff")], check=True)
    ours_argv = [*resdiff_command(), "compare", str(old_path), str(new_path), "--format", "json"]
    theirs_argv = [sys.executable, "-c", HTMLDIFF, str(old_path), str(new_path)]
    warm = tempfile.mkdtemp(prefix="resdiff-bench-cache-")
    process_times(ours_argv, cache_env(warm))  # fills it
    sides = {"parsing": cache_env(""), "from the cache": cache_env(warm)}
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in [*sides, "HtmlDiff"]}
    for _ in range(args.runs):  # interleaved, so that a slow spell of a shared machine weighs on all sides alike
        for name, env in sides.items():
            times[name].append(process_times(ours_argv, env))
        times["HtmlDiff"].append(process_times(theirs_argv))
    for name in sides:
        wall = statistics.median(o[0] / t[0] for o, t in zip(times[name], times["HtmlDiff"]))
        cpu = statistics.median(o[1] / t[1] for o, t in zip(times[name], times["HtmlDiff"]))
        print(
            f"{pair}, whole processes, {name}: resdiff compare --format json "
            f"{statistics.median(o[0] for o in times[name]):.2f}s wall, "
            f"{statistics.median(o[1] for o in times[name]) * 1000:.0f} ms CPU; HtmlDiff "
            f"{statistics.median(t[0] for t in times['HtmlDiff']):.2f}s, "
            f"{statistics.median(t[1] for t in times['HtmlDiff']) * 1000:.0f} ms; ratio {wall:.2f} wall, {cpu:.2f} CPU "
            f"(medians of {args.runs} interleaved runs' ratios; target: at most 0.3)"
        )

    parts(old_path, new_path, old, new, args.runs, warm)
    shutil.rmtree(warm, ignore_errors=True)

    olds, news = load(args.corpus, FIRST)
    more_olds, more_news = load(args.corpus, SECOND)
    small = concatenated(olds, "A/RES/99/1"), concatenated(news, "A/RES/99/2")
    large = concatenated(olds + more_olds, "A/RES/99/1"), concatenated(news + more_news, "A/RES/99/2")
    once, twice = [], []
    for _ in range(args.runs):  # interleaved too
        once += cpu_median(lambda: compare(*small), 1)
        twice += cpu_median(lambda: compare(*large), 1)
    growth = statistics.median(t / o for o, t in zip(once, twice))
    print(
        f"growth, distinct real successors concatenated: {len(small[0].paragraphs)} paragraphs "
        f"{statistics.median(once) * 1000:.0f} ms, {len(large[0].paragraphs)} paragraphs "
        f"{statistics.median(twice) * 1000:.0f} ms, {growth:.2f}× (median of the runs' ratios; target: at most 2.3×)"
    )


if __name__ == "__main__":
    main()
