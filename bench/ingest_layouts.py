"""How often extracted text and PDFs in layouts nobody here made import to exactly the stored text.

    python -m bench.ingest_layouts [TEXT_LAYOUTS] [--pdf]

Text: 75/59 (with its 18 footnotes) and the 77/64 and 79/53 texts (paragraphs without footnotes) in
TEXT_LAYOUTS layouts each (default 300; tests/layouts.py: page furniture or none, blank lines or
none, every form of footnote mark and footnote numbering, masthead or none, line widths 60-100,
pages of 40-66 lines, footnotes running on). Also the seed extraction of 75/59 with its page-start
indent removed, with a running head and page foot at each page break instead, and without blank lines.
With --pdf (needs LibreOffice): 75/59 printed to PDF in every footnote and furniture style of
tests/official.py. A case counts only if every paragraph, footnote mark and footnote is exact.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from bench._common import ROOT
from resdiff.core.errors import ImportFailed
from resdiff.formats.docformat import parse_docformat
from resdiff.ingest import read_bytes, read_text
from resdiff.store.folder import Store
from tests.layouts import mismatch, render, seed_variants, text_layouts

FIXTURE = ROOT / "tests" / "fixtures" / "store"
CORPUS = ROOT.parent / "shared" / "corpus"


def rate(cases) -> tuple[int, int, list[str]]:
    ok, failures = 0, []
    for label, make, want, layout in cases:
        try:
            got, _ = make()
            why = mismatch(got, want, layout)
        except ImportFailed as e:
            why = str(e)
        if why is None:
            ok += 1
        else:
            failures.append(f"{label}: {why}")
    return ok, ok + len(failures), failures


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    count = int(args[0]) if args else 300
    stored = Store(FIXTURE).load("75/59")
    texts = {"75/59": stored}
    for symbol in ("77-64", "79-53"):
        path = CORPUS / f"A-RES-{symbol}.txt"
        if path.exists():
            texts[symbol.replace("-", "/")] = parse_docformat(path.read_text(encoding="utf-8"))
    start = time.perf_counter()
    layouts = text_layouts(count, seed=5)
    for short, res in texts.items():
        cases = [
            (f"{short} {layout.name}", lambda r=res, lay=layout: read_text(render(r, lay), "layout.txt"), res, layout)
            for layout in layouts
        ]
        ok, total, failures = rate(cases)
        print(f"text, {short}: {ok}/{total} layouts exact ({ok / total:.1%})")
        for line in failures[:5]:
            print("   ", line[:200])
    print(f"({time.perf_counter() - start:.1f}s)")
    seed = CORPUS / "A-RES-75-59.ocr.txt"
    if seed.exists():
        exact = 0
        variants = seed_variants(seed.read_text(encoding="utf-8"))
        for label, text in variants.items():
            got, _ = read_text(text, label)
            same = [p for p, q in zip(got.paragraphs, stored.paragraphs) if p.text == q.text]
            notes = got.footnotes == stored.footnotes
            exact += len(same) == len(stored.paragraphs) and notes
            print(
                f"seed extraction, {label}: {len(same)} of {len(stored.paragraphs)} paragraphs, footnotes "
                f"{'exact' if notes else 'differ'}"
            )
        print(f"seed extraction variants exact: {exact}/{len(variants)}")
    if "--pdf" in sys.argv:
        pdf_rate(stored)


def pdf_rate(stored) -> None:
    import tempfile

    from tests.official import PDF_STYLES, make_pdf, soffice

    if soffice() is None:
        print("PDF: LibreOffice is not installed; skipped")
        return
    start = time.perf_counter()
    cases = []
    with tempfile.TemporaryDirectory() as tmp:
        for k, style in enumerate(PDF_STYLES):
            work = Path(tmp) / str(k)
            work.mkdir()
            pdf = make_pdf(stored, work, style)
            cases.append((style.name, lambda data=pdf: read_bytes(data, "resolution.pdf"), stored, None))
        ok, total, failures = rate(cases)
    print(f"PDF, 75/59: {ok}/{total} styles exact ({ok / total:.1%}) ({time.perf_counter() - start:.1f}s)")
    for line in failures:
        print("   ", line[:200])


if __name__ == "__main__":
    main()
