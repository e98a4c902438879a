"""Hostile inputs at scale: seeded mutations of the real texts in every input format (text, resdiff
text format, Markdown, HTML, Akoma Ntoso, Word and PDF bytes) through import, the store and every
writer (the oracle of tests/hostile.py), then a sample through the command line.

    python -m bench.fuzz [--n 2100] [--seed 14] [--cli 60]
    python -m bench.fuzz --new-only    # the classes of issue 24 alone (truncations, control characters,
                                       # Word structures, damaged manifests, oversized stdin, Dask endpoints)

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
from resdiff.store.folder import Store
from tests.conftest import FIXTURE_STORE, snapshot
from tests.hostile import DEFECTS, FORMATS, Hostile, hostile_inputs, run_one, tally


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=2100)
    ap.add_argument("--seed", type=int, default=14)
    ap.add_argument("--cli", type=int, default=70, help="inputs also run through `resdiff import` and `show`")
    ap.add_argument("--seconds", type=int, default=60, help="an input running longer is a hang")
    ap.add_argument("--new-only", action="store_true", help="only the classes of issue 24 (see run_new_classes)")
    args = ap.parse_args()
    if args.new_only:
        return 1 if run_new_classes(Path(tempfile.mkdtemp(prefix="resdiff-fuzz-")), args.seed, args.seconds) else 0

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


# -- the classes of issue 24: truncation, control characters, Word structures, damaged manifests,
# oversized standard input, misbehaving Dask endpoints ---------------------------------------------


def truncations(seed: int) -> list[Hostile]:
    """Every published format cut at 10 points (a text, an HTML page and a PDF cut short, a Word file
    missing its last paragraphs): each must be refused or imported partial, never complete."""
    from dataclasses import replace as _replace

    from tests.hostile import lines_pdf
    from tests.layouts import render, text_layouts
    from tests.official import make_docx, make_html

    whole = Store(FIXTURE_STORE).load("75/59")
    out = []
    for k, layout in enumerate(text_layouts(40, seed)):
        text = render(whole, layout).encode()
        out += [Hostile(f"cut-text{k}-{f}", "text", text[: len(text) * f // 11]) for f in range(1, 11)]
    html = make_html(whole)
    out += [Hostile(f"cut-html-{f}", "html", html[: len(html) * f // 11]) for f in range(1, 11)]
    lines = ["United Nations", "A/RES/75/59", "General Assembly", f"75/59. {whole.title}", "The General Assembly,"]
    lines += [
        f"({p.sub[-1]}) {p.text}" if p.sub else f"{p.number}. {p.text}" if p.number else p.text
        for p in whole.paragraphs
    ]
    spaced = [x for line in lines + [whole.meeting or "", "7 December 2020"] for x in (line, "")]
    per = len(spaced) // 11 + 1
    out += [Hostile(f"cut-pdf-{f}", "pdf", lines_pdf(spaced[: per * f], per)) for f in range(1, 11)]
    plain = _replace(whole, footnotes=(), items=tuple(_replace(i, notes=()) for i in whole.items))
    for f in range(1, 11):  # a Word file whose last paragraphs are missing (its closing among them)
        cut = _replace(plain, items=plain.items[: len(plain.items) * f // 11], meeting=None, adopted=None)
        out.append(Hostile(f"cut-docx-{f}", "docx", make_docx(cut)))
    return out


def controls(seed: int) -> list[Hostile]:
    """Control characters in every field of every format resdiff reads as text (its text format,
    Markdown, HTML, Akoma Ntoso and Word as bytes)."""
    import random

    from resdiff.formats.akn import to_akn
    from resdiff.formats.docformat import format_docformat
    from resdiff.formats.markdown import to_markdown
    from tests.official import make_docx, make_html
    from tests.test_controls import CONTROLS, hostile

    rng = random.Random(seed)
    whole = Store(FIXTURE_STORE).load("75/59")
    out = []
    for k, ctl in enumerate(CONTROLS + ("\x01", "\x0b", "\x1f", "\x85", "\ufffe")):
        bad = hostile(whole, ctl)
        out.append(Hostile(f"ctl{k}-docformat", "docformat", format_docformat(bad).encode("utf-8", "surrogatepass")))
        out.append(Hostile(f"ctl{k}-markdown", "markdown", to_markdown(bad).encode("utf-8", "surrogatepass")))
        for fmt, clean in (("html", make_html(whole)), ("akn", to_akn(whole)), ("docx", make_docx(whole))):
            for n in range(4):  # each time in 6 places: inside text, attributes, anywhere
                data = bytearray(clean)
                for _ in range(6):
                    at = rng.randrange(len(data))
                    data[at:at] = ctl.encode("utf-8", "surrogatepass")
                out.append(Hostile(f"ctl{k}.{n}-{fmt}", fmt, bytes(data)))
    return out


def word_structures(seed: int) -> list[Hostile]:
    """Word files with the structures Word writes: text boxes (choice and fallback), hidden text, two
    instances of one list, decimalZero numbering, paragraphs in a table, fields, content controls."""
    import random

    from tests.official import make_docx
    from tests.test_word_structures import MC, _first_run_after, _with_document

    rng = random.Random(seed)
    whole = Store(FIXTURE_STORE).load("75/59")
    base = make_docx(whole)
    box = (
        f'<w:r><mc:AlternateContent xmlns:mc="{MC}"><mc:Choice Requires="wps"><w:drawing><w:txbxContent>'
        "<w:p><w:r><w:t>BOXED</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict>"
        "<w:txbxContent><w:p><w:r><w:t>BOXED</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r>"
    )
    features = {
        "textbox": box,
        "hidden": '<w:r><w:rPr><w:vanish/></w:rPr><w:t xml:space="preserve"> HIDDEN</w:t></w:r>',
        "field": '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
        "simple field": '<w:fldSimple w:instr=" DATE "><w:r><w:t></w:t></w:r></w:fldSimple>',
        "content control": '<w:sdt><w:sdtContent><w:r><w:t xml:space="preserve"> </w:t></w:r></w:sdtContent></w:sdt>',
    }
    words = [p.text.split()[0] for p in whole.paragraphs if p.text.split()]
    out = []
    for k in range(350):
        chosen = rng.sample(sorted(features), rng.randint(1, 3))
        anchor = rng.choice(words[:20])

        def edit(xml: str, chosen=chosen, anchor=anchor) -> str:
            for name in chosen:
                xml = _first_run_after(xml, anchor, features[name]) if anchor in xml else xml
            return xml

        out.append(Hostile(f"word{k}-{'+'.join(chosen)}", "docx", _with_document(base, edit)))
    return out


def structure_defect(item: Hostile, verdict: str) -> str | None:
    """The class's own oracle on top of the common one: a cut text stored complete, hidden text or a
    text box's copy read."""
    if verdict not in ("stored", "refused at store", "refused by a writer"):
        return None
    res, _ = read_bytes(item.data, item.name + ".in", symbol="75/60" if item.format == "docx" else None)
    text = " ".join(p.text for p in res.paragraphs)
    if item.name.startswith("cut-") and res.complete and not item.name.endswith("-10"):
        return "cut short, read complete"
    if "HIDDEN" in text or text.count("BOXED") > 1:
        return "hidden text or a text box's copy read"
    return None


def damaged_manifests(work: Path) -> dict[str, int]:
    """Every shape of damaged manifest beside a good series, through every command reading manifests:
    no traceback, no internal error, and the good series' commands keep working."""
    import shutil

    from tests.test_manifests import DAMAGED

    store = work / "manifest-store"
    out = {"runs": 0, "internal": 0, "broken_other": 0, "not_reported": 0}
    commands = [
        (["check"], False),
        (["list"], False),
        (["series", "--dry-run"], False),
        (["show", "75/59"], True),
        (["compare", "73/67", "75/59"], True),
        (["history", "75/59", "--series", "ied"], True),
        (["report", "--series", "ied", "--out", str(work / "manifest-site")], True),
    ]
    for shape, data in DAMAGED.items():
        if store.exists():
            shutil.rmtree(store)
        shutil.copytree(FIXTURE_STORE, store)
        (store / "zz").mkdir()
        (store / "zz" / "manifest.json").write_bytes(data)
        env = {**os.environ, "RESDIFF_STORE": str(store)}
        for argv, must_work in commands:
            out["runs"] += 1
            proc = subprocess.run(
                [sys.executable, "-m", "resdiff", *argv], capture_output=True, text=True, env=env, timeout=300
            )
            if "internal error" in proc.stderr or "Traceback" in proc.stderr:
                out["internal"] += 1
                print(f"MANIFEST {shape} {argv[0]}: {proc.stderr[-300:]}")
            if must_work and proc.returncode != 0:
                out["broken_other"] += 1
                print(f"MANIFEST {shape} {argv[0]} failed on the good series: {proc.stderr[-300:]}")
            if argv == ["check"] and "zz/manifest.json" not in proc.stderr:
                out["not_reported"] += 1
    return out


def oversized_stdin() -> dict[str, int]:
    """Standard input past the limit (zeros, random bytes, a text repeated) and at it: one line, in bounded time."""
    out = {"runs": 0, "internal": 0, "hangs": 0, "not_refused": 0}
    env = {**os.environ, "RESDIFF_STORE": str(FIXTURE_STORE)}
    text = (FIXTURE_STORE / "ied" / "A-RES-75-59.txt").read_bytes()
    sources = {
        "/dev/zero": None,
        "random 25 MB": os.urandom(25 * 2**20),
        "text 25 MB": text * (25 * 2**20 // len(text)),
    }
    for data in sources.values():
        for argv in (["compare", "-", "75/59", "--format", "json"], ["compare", "-", "75/59"], ["show", "-"]):
            out["runs"] += 1
            try:
                if data is None:
                    with open("/dev/zero", "rb") as zero:
                        proc = subprocess.run(
                            [sys.executable, "-m", "resdiff", *argv],
                            stdin=zero,
                            capture_output=True,
                            env=env,
                            timeout=120,
                        )
                else:
                    proc = subprocess.run(
                        [sys.executable, "-m", "resdiff", *argv], input=data, capture_output=True, env=env, timeout=120
                    )
            except subprocess.TimeoutExpired:
                out["hangs"] += 1
                continue
            err = proc.stderr.decode(errors="replace")
            out["internal"] += "internal error" in err or "Traceback" in err
            out["not_refused"] += proc.returncode != 1
    return out


def dask_endpoints() -> dict[str, int]:
    """--scheduler at endpoints that are no working cluster: each one line within its deadline."""
    import socket
    import threading
    import time
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    out = {"runs": 0, "internal": 0, "slow": 0}
    try:
        import distributed  # noqa: F401
    except ImportError:
        return out

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802
            self.send_response(200)
            self.end_headers()

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed = s.getsockname()[1]
    addresses = [
        "http://x:1",
        "nonsense",
        "tcp://:1",
        f"tcp://127.0.0.1:{closed}",
        f"127.0.0.1:{httpd.server_address[1]}",
    ]
    env = {**os.environ, "RESDIFF_STORE": str(FIXTURE_STORE)}
    for address in addresses:
        out["runs"] += 1
        started = time.monotonic()
        proc = subprocess.run(
            [sys.executable, "-m", "resdiff", "report", "--out", "/tmp/resdiff-dask-site", "--scheduler", address],
            capture_output=True,
            text=True,
            env=env,
            timeout=300,
        )
        out["internal"] += "internal error" in proc.stderr or "Traceback" in proc.stderr or proc.returncode == 0
        out["slow"] += time.monotonic() - started > 60
        if "internal error" in proc.stderr or "Traceback" in proc.stderr:
            print(f"DASK {address}: {proc.stderr[-300:]}")
    httpd.shutdown()
    return out


def run_new_classes(work: Path, seed: int, seconds: int) -> int:
    """Run the classes of issue 24; prints their figures; returns the number of defects."""
    items = truncations(seed) + controls(seed) + word_structures(seed)
    counts: dict[str, dict[str, int]] = {}
    bad = 0
    for item in items:
        kind = "cut" if item.name.startswith("cut") else "controls" if item.name.startswith("ctl") else "word"
        cls = f"{kind} {item.format}"
        verdict, detail = run_one(item, work, seconds)
        own = None if verdict in DEFECTS else structure_defect(item, verdict)
        if own:
            verdict, detail = own, item.name
        counts.setdefault(cls, {})
        counts[cls][verdict] = counts[cls].get(verdict, 0) + 1
        if verdict in DEFECTS or own:
            bad += 1
            print(f"DEFECT {item.name}: {verdict}: {detail}", flush=True)
    for cls, c in counts.items():
        print(f"  {cls:<18} " + ", ".join(f"{k} {v}" for k, v in sorted(c.items())))
    m = damaged_manifests(work)
    print(
        f"damaged manifests: {m['runs']} command runs over {m['runs'] // 7} shapes: {m['internal']} internal errors, "
        f"{m['broken_other']} failures of the good series, {m['not_reported']} not reported by check"
    )
    s = oversized_stdin()
    print(
        f"oversized stdin: {s['runs']} runs: {s['internal']} internal errors, {s['hangs']} hangs, {s['not_refused']} not refused"
    )
    d = dask_endpoints()
    print(f"Dask endpoints: {d['runs']} runs: {d['internal']} internal errors or successes, {d['slow']} over 60 s")
    runs = len(items) + m["runs"] + s["runs"] + d["runs"]
    print(f"new classes: {runs} runs in all")
    return (
        bad
        + m["internal"]
        + m["broken_other"]
        + m["not_reported"]
        + s["internal"]
        + s["hangs"]
        + s["not_refused"]
        + d["internal"]
        + d["slow"]
    )


if __name__ == "__main__":
    raise SystemExit(main())
