"""Shared helpers for the benchmarks: timing whole processes and building large test resolutions."""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from resdiff.core.blocks import build_items
from resdiff.core.model import Part, Resolution
from resdiff.store.folder import Store
from tests.pairs import make_pair, strip_notes

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
RUNS = 7


def resdiff_command() -> list[str]:
    script = Path(sys.executable).with_name("resdiff")
    return [str(script)] if script.exists() else [shutil.which("resdiff") or "resdiff"]


def median_seconds(argv: list[str], runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def median_call(fn, runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def base() -> Resolution:
    return Store(ROOT / "versions").load("75/59")


def concatenated(copies: list[Resolution], symbol: str) -> Resolution:
    """One long resolution from several: all their preambles, then all their operative parts, renumbered."""
    pp = [p.text for r in copies for p in r.paragraphs if p.part is Part.PREAMBLE]
    op = [p.text for r in copies for p in r.paragraphs if p.part is Part.OPERATIVE]
    blocks = pp + [f"{n}. {t}" for n, t in enumerate(op, 1)]
    return Resolution(symbol=symbol, complete=True, items=build_items(blocks))


def long_pair(copies: int) -> tuple[Resolution, Resolution]:
    """``copies`` copies of 75/59 against ``copies`` differently edited copies (385 paragraphs for 7)."""
    b = base()
    news = [make_pair(b, seed=100 + k, edits=6)[1] for k in range(copies)]
    return concatenated([strip_notes(b)] * copies, "A/RES/99/1"), concatenated(news, "A/RES/99/2")
