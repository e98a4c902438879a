"""Hostile inputs: seeded mutations of the real texts in every format resdiff reads, and the oracle
that runs one through import, the store and every writer.

Used by tests/test_fuzz.py (a short run in CI) and bench/fuzz.py (thousands of inputs). The
oracle's verdicts: ``refused`` (a clean ResdiffError at import, at the store or by a writer),
``stored`` (imported, stored, and the store passes ``check``), or a defect — ``traceback`` (any other exception), ``hang`` (over the time
limit), ``bad store`` (stored but ``check`` fails) or ``changed`` (a failed command changed
stored bytes).
"""

from __future__ import annotations

import io
import random
import shutil
import signal
import traceback
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from resdiff.core.errors import ResdiffError
from resdiff.diff.compare import compare
from resdiff.formats.akn import to_akn
from resdiff.formats.markdown import to_markdown
from resdiff.ingest import read_bytes
from resdiff.render import render_comparison, render_resolution
from resdiff.store.folder import Store

from .conftest import CORPUS, FIXTURE_STORE, snapshot
from .official import make_docx, make_html

FORMATS = ("text", "docformat", "markdown", "html", "akn", "docx", "pdf")


@dataclass(frozen=True)
class Hostile:
    name: str
    format: str
    data: bytes


# -- seeds: the real texts, in every format ---------------------------------------------------------


def seeds() -> dict[str, list[bytes]]:
    store = Store(FIXTURE_STORE)
    versions = [res for s in store.series_names() for _, res in store.stored_versions(s)]
    whole = store.load("75/59")
    out: dict[str, list[bytes]] = {f: [] for f in FORMATS}
    out["docformat"] = [p.read_bytes() for p in sorted((FIXTURE_STORE / "ied").glob("*.txt"))]
    if CORPUS.is_dir():
        out["text"] = [p.read_bytes() for p in sorted(CORPUS.glob("*.ocr.txt"))]
    out["text"] = out["text"] or [out["docformat"][-1]]
    out["markdown"] = [to_markdown(r).encode() for r in versions]
    out["akn"] = [to_akn(r) for r in versions]
    out["html"] = [make_html(whole), make_html(whole, "slash")]
    out["docx"] = [make_docx(whole)]
    out["pdf"] = [text_pdf(whole)]
    return out


def text_pdf(res, lines_per_page: int = 45) -> bytes:
    """A plain PDF of ``res``'s text (Helvetica, one line per paragraph start): real PDF syntax for the
    mutator to break, made without LibreOffice."""
    return lines_pdf(["The General Assembly,"] + [p.text[:90] for p in res.paragraphs], lines_per_page)


def lines_pdf(lines: list[str], lines_per_page: int = 45) -> bytes:
    """A plain PDF (Helvetica) of these lines, ``lines_per_page`` to a page."""
    pages = [lines[k : k + lines_per_page] for k in range(0, len(lines), lines_per_page)]
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"", b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    kids = []
    for page in pages:
        ops = ["BT /F1 11 Tf 72 760 Td 14 TL"]
        for line in page:
            safe = (
                line.encode("latin-1", "replace")
                .decode("latin-1")
                .replace("\\", "\\\\")
                .replace("(", "\\(")
                .replace(")", "\\)")
            )
            ops.append(f"({safe}) '")
        ops.append("ET")
        stream = "\n".join(ops).encode("latin-1")
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> "
            b"/Contents %d 0 R >>" % len(objects)
        )
        kids.append(len(objects))
    objects[1] = b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % k for k in kids) + b"] /Count %d >>" % len(kids)
    return pdf_file(objects)


def pdf_file(objects: list[bytes]) -> bytes:
    """A PDF file of these numbered objects (1 is the catalog), with its cross-reference table."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for k, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % k + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % off for off in offsets))
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


# -- mutators ---------------------------------------------------------------------------------------

_NASTY = [
    "\x00",
    "\x07",
    "\x1b[31m",
    "\x1b]0;title\x07",
    "\x7f",
    "\x85",
    "\u202e",
    "\u2028",
    "\ufeff",
    "\ud800",
    "\uffff",
    "<script>alert(1)</script>",
    "&#0;",
    "&amp;",
    "]]>",
    "<!ENTITY x 'y'>",
    "[^999]",
    "[^0]",
    "[GAP]",
    "1. ",
    "(a) ",
    "\r",
    "\t",
    "  ",
    "\n\n",
    "\n---\n",
    "Footnotes:",
    "symbol: A/RES/075/059",
    "adopted: 2018-13-45",
    "٧٥/٥٩",
    "７５/５９",
    "A/RES/../../etc",
    "%PDF-",
    "PK\x03\x04",
    "é" * 50,
    "\u0301" * 30,
]


def _text_mutation(rng: random.Random, text: str) -> str:
    lines = text.split("\n")
    op = rng.randrange(9)
    k = rng.randrange(len(lines)) if lines else 0
    if op == 0 and lines:
        del lines[k : k + rng.randint(1, 5)]
    elif op == 1 and lines:
        lines[k:k] = lines[k : k + rng.randint(1, 5)]
    elif op == 2 and lines:
        s = lines[k]
        at = rng.randrange(len(s) + 1)
        lines[k] = s[:at] + rng.choice(_NASTY) + s[at:]
    elif op == 3 and lines:
        j = rng.randrange(len(lines))
        lines[k], lines[j] = lines[j], lines[k]
    elif op == 4:
        return text.replace("[^", "[^" + str(rng.randint(0, 30)), rng.randint(1, 3))
    elif op == 5:
        return text.replace(
            rng.choice(["2020-12-07", "2018-12-05", "75/59", "73/67", "complete: yes", "yes", ",", ";"]),
            rng.choice(["", "2018-13-45", "٧٥/٥٩", "075/059", "no", "maybe", "[GAP]", "Infinity"]),
            1,
        )
    elif op == 6:
        depth = rng.choice([50, 300, 3000])
        return text.replace("<body>", "<body>" + "<div>" * depth, 1) if "<body>" in text else "<div>" * depth + text
    elif op == 7:
        return text[: rng.randrange(len(text) + 1)]
    else:
        n = rng.randint(1, 3)
        for _ in range(n):
            at = rng.randrange(len(text) + 1)
            text = text[:at] + rng.choice(_NASTY) + text[at:]
    return "\n".join(lines)


def _byte_mutation(rng: random.Random, data: bytes) -> bytes:
    b = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        op = rng.randrange(6)
        at = rng.randrange(len(b) + 1)
        if op == 0 and b:
            b[min(at, len(b) - 1)] = rng.randrange(256)
        elif op == 1:
            del b[at : at + rng.randint(1, 200)]
        elif op == 2:
            b[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 30)))
        elif op == 3:
            b[at:at] = b[at : at + rng.randint(1, 500)] * rng.randint(1, 4)
        elif op == 4:
            del b[at:]
        else:
            b[at:at] = rng.choice(_NASTY).encode("utf-8", "surrogatepass")
    return bytes(b)


def _zip_mutation(rng: random.Random, data: bytes) -> bytes:
    """Mutate the XML parts inside a .docx, keeping the archive readable (most of the time)."""
    try:
        src = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        return _byte_mutation(rng, data)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            part = src.read(info)
            if info.filename.endswith(".xml") and rng.random() < 0.6:
                text = part.decode("utf-8", "replace")
                part = (
                    _text_mutation(rng, text)
                    if rng.random() < 0.7
                    else _byte_mutation(rng, part).decode("utf-8", "replace")
                ).encode("utf-8", "surrogatepass")
            dst.writestr(info.filename, part)
    return out.getvalue()


def mutate(rng: random.Random, fmt: str, data: bytes) -> bytes:
    if fmt == "docx":
        return _zip_mutation(rng, data) if rng.random() < 0.8 else _byte_mutation(rng, data)
    if fmt == "pdf" or rng.random() < 0.25:
        return _byte_mutation(rng, data)
    text = data.decode("utf-8", "replace")
    for _ in range(rng.randint(1, 3)):
        text = _text_mutation(rng, text)
    return text.encode("utf-8", "surrogatepass")


def hostile_inputs(n: int, seed: int = 14) -> Iterator[Hostile]:
    """``n`` mutated inputs, cycling through the formats."""
    rng = random.Random(seed)
    pool = seeds()
    formats = [f for f in FORMATS if pool[f]]
    for k in range(n):
        fmt = formats[k % len(formats)]
        data = mutate(rng, fmt, rng.choice(pool[fmt]))
        yield Hostile(f"{k:05d}-{fmt}", fmt, data)


# -- the oracle -------------------------------------------------------------------------------------


class Hang(Exception):
    pass


def _alarm(signum, frame):
    raise Hang()


def run_one(item: Hostile, workdir: Path, seconds: int = 60) -> tuple[str, str]:
    """(verdict, detail) for one hostile input: import it, store it in a copy of the fixture store,
    check the store, and render it through every writer."""
    store_dir = workdir / "store"
    if store_dir.exists():
        shutil.rmtree(store_dir)
    shutil.copytree(FIXTURE_STORE, store_dir)
    store = Store(store_dir)
    old = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(seconds)
    stage = "import"
    try:
        try:
            res, _ = read_bytes(item.data, item.name + ".in", symbol="75/60" if item.format == "docx" else None)
        except ResdiffError as e:
            return "refused", str(e)[:200]
        stage = "store"
        before = snapshot(store_dir)
        target = replace(res, symbol="A/RES/75/60") if res.symbol != "A/RES/75/59" else res
        try:
            store.save(target, "ied", force=True)
            verdict = "stored"
        except ResdiffError as e:
            if snapshot(store_dir) != before:
                return "changed", f"{e}"
            verdict = "refused at store"
        else:
            problems = store.check()
            if problems:
                return "bad store", "; ".join(problems)[:300]
        stage = "writers"
        try:
            _writers(res, store.load("75/59"))
        except ResdiffError as e:  # a clean one-line refusal by a writer (e.g. AKN needs a date)
            return "refused by a writer", str(e)[:200]
        return verdict, ""
    except Hang:
        return "hang", f"over {seconds} s in {stage}"
    except Exception as e:  # noqa: BLE001 - what the oracle counts
        return "traceback", f"{stage}: {type(e).__name__}: {e}\n{traceback.format_exc(limit=-4)}"[:1500]
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def _writers(res, other) -> None:
    from resdiff.render.resolution import render_resolution_text

    render_resolution_text(res)
    for fmt in ("json", "md", "akn"):
        render_resolution(res, fmt)
    for a, b in ((other, res), (res, other)):
        comp = compare(a, b)
        render_comparison(comp, "term", False, None, colour=True)
        for fmt in ("md", "json", "html", "docx"):
            render_comparison(comp, fmt)


def tally(results: list[tuple[str, str]]) -> dict[str, int]:
    out: dict[str, int] = {}
    for verdict, _ in results:
        out[verdict] = out.get(verdict, 0) + 1
    return out


DEFECTS = ("traceback", "hang", "bad store", "changed")


def defects(results: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [r for r in results if r[0] in DEFECTS]
