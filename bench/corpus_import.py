"""Every file of the EOSG corpus through the corpus JSON reader, and back through the text format and AKN.

    python -m bench.corpus_import [CORPUS_DIR] [--examples N]

CORPUS_DIR defaults to ../shared/ga-corpus/eosg. Prints how many files import; how many versions are
stored under another symbol than their file's, share a symbol with another file, or are marked
complete while holding a gap (each should be 0); the annexes read; every reason a file is refused
with the files it stops (--examples N of them, default all); and how many imported versions come back unchanged from
the resdiff text format and from Akoma Ntoso (export, schema validation, import). The time is a
ratio against reading the same files with json.loads alone, measured in the same run.
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from bench._common import ROOT
from resdiff.core.errors import ResdiffError
from resdiff.core.model import normalise_symbol
from resdiff.formats.akn import parse_akn, to_akn
from resdiff.formats.docformat import format_docformat, parse_docformat
from resdiff.ingest import read_file
from resdiff.ingest.corpus_json import symbol_from_filename
from resdiff.store.bulk import refusal_reason


def main() -> None:
    args = sys.argv[1:]
    examples = 10_000
    if "--examples" in args:
        k = args.index("--examples")
        examples = int(args[k + 1])
        del args[k : k + 2]
    folder = Path(args[0]) if args else Path("/work/shared/ga-corpus/eosg")
    if not args and not folder.is_dir():
        folder = ROOT.parent / "shared" / "ga-corpus" / "eosg"
    files = sorted(folder.glob("A_RES_*.json"))
    if not files:
        sys.exit(f"Error: no A_RES_*.json files in {folder}")
    start = time.perf_counter()
    for f in files:
        json.loads(f.read_bytes())
    baseline = time.perf_counter() - start

    start = time.perf_counter()
    imported = []
    failures: dict[str, list[str]] = defaultdict(list)
    for f in files:
        try:
            imported.append(read_file(f)[0])
        except ResdiffError as e:
            failures[refusal_reason(str(e))].append(f"{f.name}: {str(e).split(': ', 1)[-1][:120]}")
    elapsed = time.perf_counter() - start

    trips: Counter[str] = Counter()
    trip_failures: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for res in imported:
        for fmt, there_and_back in (
            ("text format", lambda r: parse_docformat(format_docformat(r))),
            ("AKN", lambda r: parse_akn(to_akn(r), "export")),
        ):
            try:
                back = there_and_back(res)
            except ResdiffError as e:
                trip_failures[fmt].append((refusal_reason(str(e)), res.symbol))
                continue
            if back == res:
                trips[fmt] += 1
            else:
                trip_failures[fmt].append(("comes back different", res.symbol))

    n = len(files)
    print(
        f"{len(imported)} of {n} files import ({len(imported) / n:.1%}); "
        f"{elapsed:.1f} s, {elapsed / baseline:.1f}× the time of json.loads alone"
    )
    # Identity and wholeness: every version under its file's own symbol, no two files one version,
    # nothing complete that holds less.
    named = {f.name: normalise_symbol(symbol_from_filename(f.name) or "") for f in files}
    elsewhere = [f"{src} → {r.symbol}" for r in imported for src in r.sources if named.get(src) != r.symbol]
    by_symbol = Counter(r.symbol for r in imported)
    print(
        f"stored under another symbol than their file's: {len(elsewhere)}"
        + (f" ({', '.join(elsewhere[:examples])})" if elsewhere else "")
    )
    print(f"files that share a symbol with another file: {sum(n for n in by_symbol.values() if n > 1)}")
    print(f"marked complete while holding a gap: {sum(r.complete and r.holds_gaps for r in imported)}")
    print(
        f"annexes read: {sum(len(r.annexes) for r in imported)} in {sum(bool(r.annexes) for r in imported)} "
        f"files, {sum(len(a.paragraphs) for r in imported for a in r.annexes)} annex paragraphs"
    )
    print(f"complete: {sum(r.complete for r in imported)}, partial: {sum(not r.complete for r in imported)}")
    print("refused, by reason:" if failures else "refused: none")
    for reason, names in sorted(failures.items(), key=lambda kv: -len(kv[1])):
        print(f"  {len(names):4} {reason}")
        for name in names[:examples]:
            print(f"         {name}")
    for fmt in ("text format", "AKN"):
        print(
            f"round trip through the {fmt}: {trips[fmt]} of {len(imported)} unchanged "
            f"({trips[fmt] / max(len(imported), 1):.1%})"
        )
        reasons: dict[str, list[str]] = defaultdict(list)
        for reason, symbol in trip_failures[fmt]:
            reasons[reason].append(symbol)
        for reason, symbols in sorted(reasons.items(), key=lambda kv: -len(kv[1])):
            print(f"  {len(symbols):4} {reason}: {', '.join(symbols[:examples])}")


if __name__ == "__main__":
    main()
