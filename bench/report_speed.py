"""How long the whole-series report takes (target: at most 1 s on the shipped series).

    python -m bench.report_speed

Prints the median of in-process runs of build_report on versions/, and, as the
baseline measured in the same run, the time to render the 73/67 → 75/59 page
alone.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from bench._common import ROOT, median_call
from resdiff.diff.compare import compare
from resdiff.render.html import render_pair_page
from resdiff.series.report import build_report
from resdiff.store.folder import Store


def main() -> None:
    store = Store(ROOT / "versions")
    with tempfile.TemporaryDirectory() as tmp:
        whole = median_call(lambda: build_report(store, "ied", Path(tmp)))
    one = median_call(lambda: render_pair_page(compare(store.load("73/67"), store.load("75/59"))))
    print(f"whole-series report: {whole:.3f}s (target: at most 1 s)")
    print(f"one pair page (73/67 → 75/59): {one:.3f}s; report / page = {whole / one:.1f}")


if __name__ == "__main__":
    main()
