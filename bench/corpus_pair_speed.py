"""The largest real pair, 78/69 → 79/144 (Oceans and the law of the sea), against difflib.HtmlDiff.

    python -m bench.corpus_pair_speed [--corpus ../shared/ga-corpus/eosg] [--runs 3]

Measured in one run: `resdiff compare 78/69.json 79/144.json --format json` and a process that
gives difflib.HtmlDiff().make_file the same paragraphs (whole processes, interleaved; the median of the runs' ratios); then, in
process, the alignment time of the pair and of the pair doubled (each text twice over), whose
ratio is the growth the alignment issue bounds (at most 2.3×). Exits quietly without the corpus.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
from pathlib import Path

from bench._common import ROOT, concatenated, median_call, median_seconds, resdiff_command
from resdiff.core.model import Heading
from resdiff.diff.align import align_paragraphs
from resdiff.diff.worddiff import _words
from resdiff.ingest import read_file

CORPUS = ROOT.parent / "shared" / "ga-corpus" / "eosg"
HTMLDIFF = """
import difflib, json, sys
def paragraphs(path):
    return [" ".join(r["text"].split()) for r in json.load(open(path, encoding="utf-8")) if r["type"] == "paragraph"]
difflib.HtmlDiff().make_file(paragraphs(sys.argv[1]), paragraphs(sys.argv[2]))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    old_path, new_path = args.corpus / "A_RES_78_69.json", args.corpus / "A_RES_79_144.json"
    if not (old_path.is_file() and new_path.is_file()):
        print(f"no corpus at {args.corpus}: nothing to measure")
        return
    old, new = read_file(old_path)[0], read_file(new_path)[0]
    # As installed by pip, the package has its bytecode (this checkout may not: PYTHONDONTWRITEBYTECODE).
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "resdiff")], check=True)
    ours_argv = [*resdiff_command(), "compare", str(old_path), str(new_path), "--format", "json"]
    theirs_argv = [sys.executable, "-c", HTMLDIFF, str(old_path), str(new_path)]
    # Interleaved, so that a slow spell of a shared machine weighs on both sides alike.
    ours, theirs = [], []
    for _ in range(args.runs):
        ours.append(median_seconds(ours_argv, runs=1))
        theirs.append(median_seconds(theirs_argv, runs=1))
    ratio = statistics.median(o / t for o, t in zip(ours, theirs))
    print(
        f"78/69 → 79/144 ({len(old.paragraphs)} → {len(new.paragraphs)} paragraphs): resdiff compare "
        f"{statistics.median(ours):.2f}s, HtmlDiff {statistics.median(theirs):.2f}s (medians of {args.runs} "
        f"interleaved runs), ratio {ratio:.2f} (median of the runs' ratios; target: at most 0.5)"
    )

    def body(res):  # what compare aligns: the items without section headings
        return [i for i in res.items if not isinstance(i, Heading)]

    def cold(a, b):  # as in a fresh process: no word tokens cached from the run before
        _words.cache_clear()
        align_paragraphs(body(a), body(b))

    old2, new2 = concatenated([old, old], "A/RES/99/1"), concatenated([new, new], "A/RES/99/2")
    once, twice = [], []
    for _ in range(args.runs):  # interleaved too
        once.append(median_call(lambda: cold(old, new), runs=1))
        twice.append(median_call(lambda: cold(old2, new2), runs=1))
    growth = statistics.median(t / o for o, t in zip(once, twice))
    print(
        f"alignment: {len(old.paragraphs)} paragraphs {statistics.median(once):.2f}s, {len(old2.paragraphs)} "
        f"paragraphs {statistics.median(twice):.2f}s, growth {growth:.2f}× (median of the runs' ratios; "
        "target: at most 2.3×)"
    )


if __name__ == "__main__":
    main()
