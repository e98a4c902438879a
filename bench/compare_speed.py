"""How fast `resdiff compare` is, against difflib.HtmlDiff over the same paragraphs, in one run.

    python -m bench.compare_speed

Prints medians of whole processes and the ratios the alignment issue asks for:
resdiff against HtmlDiff on the 385-paragraph pair, the growth of compute time
from 385 to 770 paragraphs, and `resdiff compare 73/67 75/59 --format json`
against `python3 -c pass`.
"""

from __future__ import annotations

import sys

from bench._common import OUT, ROOT, base, concatenated, long_pair, median_call, median_seconds, resdiff_command
from resdiff.diff.compare import compare
from resdiff.formats.docformat import format_docformat
from resdiff.render.changes import render_json
from tests.pairs import strip_notes

HTMLDIFF = """
import difflib, sys
from pathlib import Path
def paragraphs(path):
    body = Path(path).read_text(encoding="utf-8").split("\\n---\\n", 1)[1]
    return [b.strip() for b in body.split("\\n\\n") if b.strip()]
difflib.HtmlDiff().make_file(paragraphs(sys.argv[1]), paragraphs(sys.argv[2]))
"""


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    # Measure resdiff as installed: pip compiles bytecode for a wheel, so do the same for a checkout
    # (PYTHONDONTWRITEBYTECODE would otherwise make every run compile the sources again).
    import compileall

    compileall.compile_dir(str(ROOT / "resdiff"), quiet=1)
    resdiff = resdiff_command()
    rows = []
    b = strip_notes(base())
    cases = {"75/59 (55 paragraphs)": (b, concatenated([b], "A/RES/99/2"))}
    for copies in (7, 14):
        old, new = long_pair(copies)
        cases[f"{len(old.paragraphs)} paragraphs"] = (old, new)
    compute = {}
    for name, (old, new) in cases.items():
        a_path, b_path = OUT / f"old-{len(old.paragraphs)}.txt", OUT / f"new-{len(old.paragraphs)}.txt"
        a_path.write_text(format_docformat(old), encoding="utf-8")
        b_path.write_text(format_docformat(new), encoding="utf-8")
        ours = median_seconds([*resdiff, "compare", str(a_path), str(b_path), "--format", "json"])
        theirs = median_seconds([sys.executable, "-c", HTMLDIFF, str(a_path), str(b_path)])
        compute[len(old.paragraphs)] = median_call(lambda old=old, new=new: render_json(compare(old, new)))
        rows.append((name, ours, theirs))
    print(f"{'pair':<24}{'resdiff json':>14}{'HtmlDiff':>12}{'ratio':>8}")
    for name, ours, theirs in rows:
        print(f"{name:<24}{ours:>13.3f}s{theirs:>11.3f}s{ours / theirs:>8.2f}")
    sizes = sorted(compute)
    print(
        "compute time (align + diff + JSON, in process): "
        + ", ".join(f"{n} paragraphs {compute[n]:.3f}s" for n in sizes)
    )
    print(
        f"growth {sizes[-2]} → {sizes[-1]} paragraphs: {compute[sizes[-1]] / compute[sizes[-2]]:.2f}× "
        "(target: at most ~2.5×)"
    )
    baseline = median_seconds([sys.executable, "-c", "pass"], runs=15)
    whole = median_seconds(
        [*resdiff, "compare", "73/67", "75/59", "--format", "json", "--store", str(ROOT / "versions")], runs=15
    )
    print(
        f"start-up: resdiff compare 73/67 75/59 --format json {whole:.3f}s, python3 -c pass {baseline:.3f}s, "
        f"ratio {whole / baseline:.1f}× (target: ≤ 6×)"
    )
    print(f"385 paragraphs: resdiff / HtmlDiff = {rows[1][1] / rows[1][2]:.2f} (target: below 1)")


if __name__ == "__main__":
    main()
