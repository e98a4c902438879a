"""The whole corpus end to end: import, discovery, every consecutive pair compared, the site written.

    python -m bench.corpus_scale [--corpus ../shared/ga-corpus/eosg] [--workers 2]

Runs the four commands as separate processes on a fresh store, as a user would, and prints
each one's wall time, CPU time and peak memory, the total against the 5-minute budget, and the
machine's load average (other work on a shared machine slows every figure). Exits quietly when
the corpus is absent.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench._common import ROOT, resdiff_command

CORPUS = ROOT.parent / "shared" / "ga-corpus" / "eosg"
BUDGET = 300.0
MEMORY_BUDGET_MB = 2048


def run(label: str, argv: list[str]) -> tuple[float, float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(argv, capture_output=True, text=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    peak_mb = after.ru_maxrss / 1024  # the largest child so far (Linux reports kilobytes)
    last = (done.stdout.strip().splitlines() or [""])[-1]
    print(f"{label:<10} {wall:7.1f}s wall {cpu:7.1f}s CPU  peak {peak_mb:6.0f} MB  {last[:70]}")
    if done.returncode not in (0, 1):  # import exits 1 when some files failed: that is reported, not fatal
        print(done.stderr[-2000:], file=sys.stderr)
        raise SystemExit(f"{label} failed")
    return wall, cpu, peak_mb


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--workers", type=int, default=len(os.sched_getaffinity(0)))
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"no corpus at {args.corpus}: nothing to measure")
        return
    cmd = resdiff_command()
    print(f"load average at start: {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} CPUs")
    with tempfile.TemporaryDirectory() as tmp:
        store, site = Path(tmp) / "store", Path(tmp) / "site"
        stages = [
            ("import", [*cmd, "import", str(args.corpus), "--store", str(store)]),
            ("series", [*cmd, "series", "--store", str(store)]),
            ("report", [*cmd, "report", "--store", str(store), "--out", str(site), "--workers", str(args.workers)]),
        ]
        results = [run(label, argv) for label, argv in stages]
    total = sum(w for w, _, _ in results)
    peak = max(p for _, _, p in results)
    print(
        f"total      {total:7.1f}s wall ({total / BUDGET:.2f}× the 5-minute budget); "
        f"peak memory {peak:.0f} MB ({peak / MEMORY_BUDGET_MB:.2f}× the 2 GB budget)"
    )
    print(f"load average at end: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
