"""How often the Word redline of a draft is the draft: verified, numbered by Word, moves as Word moves.

    python -m bench.redline [DRAFTS]

Each draft is 75/59 with 2–8 drafting edits of known truth (tests/drafts.py), read in every shape a
delegate holds it (Word with hand or list numbering, pasted, plain), and each of the 28 UN-style
Word files of tests/undrafts.py. For each redline: whether ``review --verify``'s proof holds
(accepting every change gives the draft, rejecting every change 75/59, footnotes included), whether
the operative numbers are Word list numbering, how many revisions hold only a paragraph number, and
whether every moved paragraph of the truth is a Word move. Baseline in the same run: the same
redlines with the numbers written as tracked text (the redline before this change numbered so).
"""

from __future__ import annotations

import io
import re
import sys
import time
import zipfile
from collections import Counter
from unittest import mock

from lxml import etree

from bench._common import base
from resdiff.core.errors import RedlineMismatch
from resdiff.diff.compare import compare
from resdiff.formats.ooxml import w
from resdiff.ingest import read_bytes
from resdiff.render import docx as redline
from resdiff.render.verify import verify_redline
from tests.drafts import VARIANTS, make_draft, variant_bytes
from tests.undrafts import VARIANTS as UN_VARIANTS
from tests.undrafts import make_undraft, undraft_docx

_NUMBER_ONLY = re.compile(r"\s*(\d+\.|\([a-z]+\)|\([ivxl]+\))\s*")


def measure(docx: bytes, comp) -> tuple[bool, int, int]:
    """Verified, revisions holding only a number, Word moves (moveTo ranges)."""
    try:
        verify_redline(docx, comp)
        ok = True
    except RedlineMismatch:
        ok = False
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        doc = etree.fromstring(z.read("word/document.xml"))
    numbers = sum(bool(_NUMBER_ONLY.fullmatch("".join(r.itertext()))) for r in doc.iter(w("ins"), w("del")))
    return ok, numbers, len(doc.findall(f".//{w('moveToRangeStart')}"))


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    resolution = base()
    cases = []
    for seed in range(n):
        draft = make_draft(resolution, seed)
        moves = sum(moved for *_, moved in draft.truth.links)
        for variant in VARIANTS:
            data = variant_bytes(draft, variant)
            cases.append((variant, data, draft.res.symbol, moves))
    for k, style in enumerate(UN_VARIANTS):
        u = make_undraft(resolution, k, style)
        cases.append(("un-word", undraft_docx(u), None, sum(moved for *_, moved in u.draft.truth.links)))
    start = time.perf_counter()
    verified, listed, numbers, moved_right, total, old_numbers = (Counter() for _ in range(6))
    for shape, data, symbol, moves in cases:
        res, _ = read_bytes(data, "draft", symbol=symbol)
        comp = compare(resolution, res)
        ok, count, word_moves = measure(redline.render_docx(comp), comp)
        total[shape] += 1
        verified[shape] += ok
        listed[shape] += redline.list_numbered(comp)
        numbers[shape] += count
        moved_right[shape] += word_moves == moves
        with mock.patch.object(redline, "list_numbered", lambda _comp: False):  # the numbers as tracked text
            old_numbers[shape] += measure(redline.render_docx(comp), comp)[1]
    print(f"{len(cases)} redlines ({time.perf_counter() - start:.1f}s)")
    print(
        f"{'shape':<11}{'verified':>10}{'Word numbering':>16}{'number-only revisions':>23}"
        f"{'(numbers as text)':>19}{'moves as Word moves':>21}"
    )
    for shape in total:
        t = total[shape]
        print(
            f"{shape:<11}{verified[shape] / t:>10.1%}{listed[shape] / t:>16.1%}{numbers[shape]:>23}"
            f"{old_numbers[shape]:>19}{moved_right[shape] / t:>21.1%}"
        )


if __name__ == "__main__":
    main()
