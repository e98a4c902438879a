"""How often a draft, in every shape a delegate holds it, compares right with the resolution it builds on.

    python -m bench.drafts [DRAFTS]

Each draft is 75/59 with 2–8 drafting edits of known truth (tests/drafts.py: technical updates,
new and dropped paragraphs, strengthened and weakened leads, moves, splits, merges, rewording),
given a First Committee masthead, a sponsors line and real footnotes, and written as: a Word file
with hand-typed numbers, a Word file with list numbering (numbering.xml), text pasted from Word
(one paragraph per line, no blank lines) and a plain text without masthead or title. A variant
counts as right only if every paragraph's link (and moved flag) is right; the masthead counts as
right if symbol, sponsors and title are; "read exactly" means every paragraph's id and text are the
draft's. Then each draft's Rev.1 (more edits, new sponsors) is
compared with the draft. Baseline in the same run: the paragraph-level difflib diff on the same
texts, read the same way.
"""

from __future__ import annotations

import sys
import time
from collections import Counter

from bench._common import base
from resdiff.diff.compare import compare
from resdiff.ingest import read_bytes
from tests.drafts import VARIANTS, draft_docx, make_draft, make_revision, variant_bytes
from tests.pairs import difflib_links, found_links


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    resolution = base()
    right, baseline, masthead, read_fail, exact = Counter(), Counter(), Counter(), Counter(), Counter()
    rev_right = rev_sponsors = 0
    start = time.perf_counter()
    for seed in range(n):
        draft = make_draft(resolution, seed)
        for variant in VARIANTS:
            try:
                res, _ = read_bytes(variant_bytes(draft, variant), f"draft.{variant}")
            except Exception:  # noqa: BLE001 - a draft that cannot be read counts as wrong
                read_fail[variant] += 1
                continue
            exact[variant] += [(p.id, p.text) for p in res.paragraphs] == [(p.id, p.text) for p in draft.res.paragraphs]
            right[variant] += found_links(resolution, res)[0] == draft.truth.links
            baseline[variant] += difflib_links(resolution, res) == draft.truth.links
            masthead[variant] += (res.symbol, res.sponsors, res.title) == (
                draft.res.symbol,
                draft.res.sponsors,
                draft.res.title,
            )
        rev = make_revision(draft, seed)
        old, _ = read_bytes(draft_docx(draft, "list"), "L.docx")
        new, _ = read_bytes(draft_docx(rev, "hand"), "Rev1.docx")
        rev_right += found_links(old, new)[0] == rev.truth.links
        change = compare(old, new).sponsors
        rev_sponsors += change is not None and set(change.added) == set(rev.res.sponsors) - set(draft.res.sponsors)
    print(f"{n} generated drafts, {len(VARIANTS)} shapes each ({time.perf_counter() - start:.1f}s)")
    print(
        f"{'shape':<11}{'read exactly':>14}{'resdiff right':>15}{'difflib right':>15}{'masthead read':>15}"
        f"{'unreadable':>12}"
    )
    for v in VARIANTS:
        mast = "—" if v == "plain" else f"{masthead[v] / n:.1%}"
        print(f"{v:<11}{exact[v] / n:>14.1%}{right[v] / n:>15.1%}{baseline[v] / n:>15.1%}{mast:>15}{read_fail[v]:>12}")
    total = sum(right.values()) / (n * len(VARIANTS))
    print(f"all shapes: resdiff {total:.1%} right, difflib {sum(baseline.values()) / (n * len(VARIANTS)):.1%}")
    print(f"Rev.1 against the draft: {rev_right / n:.1%} right; new sponsors named right in {rev_sponsors / n:.1%}")


if __name__ == "__main__":
    main()
