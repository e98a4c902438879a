"""Hostile inputs at scale: seeded mutations of the real texts in every input format (text, resdiff
text format, Markdown, HTML, Akoma Ntoso, Word and PDF bytes) through import, the store and every
writer (the oracle of tests/hostile.py), then a sample through the command line.

    python -m bench.fuzz [--n 2100] [--seed 14] [--cli 60]

Prints the verdicts, the defects (tracebacks, hangs, stores that fail check, stored bytes changed
by a failed command: all must be 0) and the time per input against importing the clean 75/59
text in the same run.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from resdiff.ingest import read_bytes
from tests.conftest import FIXTURE_STORE, snapshot
from tests.hostile import DEFECTS, FORMATS, hostile_inputs, run_one, tally


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=2100)
    ap.add_argument("--seed", type=int, default=14)
    ap.add_argument("--cli", type=int, default=70, help="inputs also run through `resdiff import` and `show`")
    ap.add_argument("--seconds", type=int, default=60, help="an input running longer is a hang")
    args = ap.parse_args()

    clean = (FIXTURE_STORE / "ied" / "A-RES-75-59.txt").read_bytes()
    t = time.perf_counter()
    for _ in range(5):
        read_bytes(clean, "clean.txt")
    baseline = (time.perf_counter() - t) / 5

    work = Path(tempfile.mkdtemp(prefix="resdiff-fuzz-"))
    results, by_format, slowest = [], {f: {} for f in FORMATS}, (0.0, "")
    started = time.perf_counter()
    for item in hostile_inputs(args.n, args.seed):
        t = time.perf_counter()
        verdict, detail = run_one(item, work, args.seconds)
        spent = time.perf_counter() - t
        slowest = max(slowest, (spent, item.name))
        results.append((verdict, detail))
        by_format[item.format][verdict] = by_format[item.format].get(verdict, 0) + 1
        if verdict in DEFECTS:
            print(f"DEFECT {item.name}: {verdict}: {detail}", flush=True)
    total = time.perf_counter() - started

    cli = cli_sample(list(hostile_inputs(args.cli, args.seed + 1)), work)

    counts = tally(results)
    print(f"inputs: {len(results)} (seed {args.seed}); formats: {', '.join(FORMATS)}")
    for fmt, c in by_format.items():
        print(f"  {fmt:<10} " + ", ".join(f"{k} {v}" for k, v in sorted(c.items())))
    print("verdicts: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    print("defects: " + ", ".join(f"{k} {counts.get(k, 0)}" for k in DEFECTS))
    print(
        f"time per input: {total / len(results):.3f} s = {total / len(results) / baseline:.0f}x importing the "
        f"clean 75/59 text ({baseline * 1000:.0f} ms); slowest {slowest[0]:.1f} s ({slowest[1]})"
    )
    print(
        f"command line: {cli['runs']} runs of import/show on hostile files: {cli['tracebacks']} tracebacks, "
        f"{cli['multi_line']} errors of more than one line, {cli['hangs']} hangs, "
        f"{cli['changed']} failed imports that changed the store"
    )
    bad = sum(counts.get(k, 0) for k in DEFECTS) + cli["tracebacks"] + cli["multi_line"] + cli["hangs"] + cli["changed"]
    return 1 if bad else 0


def cli_sample(items, work: Path) -> dict[str, int]:
    import shutil

    store = work / "cli-store"
    out = {"runs": 0, "tracebacks": 0, "multi_line": 0, "hangs": 0, "changed": 0}
    for item in items:
        if store.exists():
            shutil.rmtree(store)
        shutil.copytree(FIXTURE_STORE, store)
        path = work / item.name
        path.write_bytes(item.data)
        env = {**os.environ, "RESDIFF_STORE": str(store)}
        for argv in (["import", str(path), "--series", "ied", "--symbol", "75/61"], ["show", str(path)]):
            before = snapshot(store)
            out["runs"] += 1
            try:
                proc = subprocess.run(
                    [sys.executable, "-m", "resdiff", *argv], capture_output=True, text=True, env=env, timeout=120
                )
            except subprocess.TimeoutExpired:
                out["hangs"] += 1
                continue
            if "Traceback" in proc.stderr:
                out["tracebacks"] += 1
                print(f"CLI TRACEBACK {item.name} {argv[0]}: {proc.stderr[-800:]}")
            if proc.returncode != 0:
                errors = [line for line in proc.stderr.splitlines() if not line.startswith("warning:")]
                if len(errors) != 1 or not errors[0].startswith("Error:"):
                    out["multi_line"] += 1
                    print(f"CLI MESSAGE {item.name} {argv[0]}: {proc.stderr[-800:]}")
                if snapshot(store) != before:
                    out["changed"] += 1
    return out


if __name__ == "__main__":
    raise SystemExit(main())
