"""Hostile input, faults and load (issue 14): nothing crashes, nothing hangs, nothing wrong is stored."""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
import subprocess
import sys
import time
import zipfile
import zlib
from dataclasses import replace
from pathlib import Path

import pytest
from lxml import etree
from typer.testing import CliRunner

from resdiff.cli.app import app
from resdiff.core import limits
from resdiff.core.errors import ImportFailed, VersionExists
from resdiff.core.validate import content_problems
from resdiff.diff.compare import compare
from resdiff.ingest import read_bytes
from resdiff.store.folder import Store
from resdiff.system import bounded

from .browser import CHROMIUM, NO_CHROMIUM
from .browser import flags as chromium_flags
from .conftest import FIXTURE_STORE, ROOT, snapshot
from .hostile import pdf_file

runner = CliRunner()


def run(*args: str, store: Path) -> object:
    return runner.invoke(app, [*args, "--store", str(store)])


def one_line_error(result) -> bool:
    lines = result.output.strip().splitlines()
    return result.exit_code == 1 and lines[-1].startswith("Error: ") and "Traceback" not in result.output


# -- sizes, devices, FIFOs ---------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/dev/zero", "/dev/urandom", "/dev/null"])
def test_device_files_are_refused_at_once(store_copy: Path, path: str):
    if not os.path.exists(path):
        pytest.skip(f"{path} does not exist here")
    before = snapshot(store_copy)
    started = time.monotonic()
    result = run("import", path, "--series", "ied", store=store_copy)
    assert one_line_error(result) and "not a regular file" in result.output
    assert time.monotonic() - started < 5 and snapshot(store_copy) == before


def test_a_fifo_without_writer_is_refused_not_waited_for(store_copy: Path, tmp_path: Path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    result = run("import", str(fifo), "--series", "ied", store=store_copy)
    assert one_line_error(result) and "FIFO" in result.output
    result = run("show", str(fifo), store=store_copy)  # a REF that is a FIFO is not a file either
    assert result.exit_code == 1 and "Traceback" not in result.output


def test_a_file_over_the_limit_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 2000)
    monkeypatch.setattr(limits, "MAX_INPUT_BYTES", 1000)
    with pytest.raises(ImportFailed, match="too large"):
        bounded.read_input(big, 1000)


# -- manifests, symbols, dates ------------------------------------------------------------------


@pytest.mark.parametrize("session", ["Infinity", "NaN", "1e400", '"75"', "-1", "null", "[]"])
def test_a_manifest_with_a_bad_session_is_one_line_for_every_command(store_copy: Path, session: str):
    path = store_copy / "ied" / "manifest.json"
    path.write_text(path.read_text().replace('"session": 75', f'"session": {session}', 1))
    for args in (["list"], ["import", str(FIXTURE_STORE / "ied" / "A-RES-73-67.txt"), "--force"], ["history", "75/59"]):
        result = run(*args, store=store_copy)
        assert one_line_error(result) and "not a valid series manifest" in result.output, (args, result.output)
    result = run("check", store=store_copy)
    assert result.exit_code == 1 and "not a valid series manifest" in result.output
    assert run("show", "75/59", store=store_copy).exit_code == 0  # needs no manifest


def test_history_of_a_version_outside_the_series_is_one_line():
    result = run("history", "75/59", "--series", "other", store=FIXTURE_STORE)
    assert one_line_error(result) and "no series 'other'" in result.output


@pytest.mark.parametrize("date", ["2018-13-45", "2018-02-30", "0000-00-00"])
def test_an_impossible_date_is_refused(store_copy: Path, tmp_path: Path, date: str):
    text = (FIXTURE_STORE / "ied" / "A-RES-73-67.txt").read_text().replace("2018-12-05", date)
    (tmp_path / "t.txt").write_text(text)
    before = snapshot(store_copy)
    result = run("import", str(tmp_path / "t.txt"), "--force", store=store_copy)
    assert one_line_error(result) and "a real one" in result.output
    assert snapshot(store_copy) == before
    # A hand edit of the store is reported by check, and export does not crash on it.
    (store_copy / "ied" / "A-RES-73-67.txt").write_text(text)
    assert "a real one" in run("check", store=store_copy).output
    assert "Traceback" not in run("export", "73/67", store=store_copy).output


@pytest.mark.parametrize("symbol", ["٧٥/٥٩", "７５/５９", "075/059", "a/res/75/59"])
def test_look_alike_symbols_name_the_same_version(store_copy: Path, tmp_path: Path, symbol: str):
    text = (
        (FIXTURE_STORE / "ied" / "A-RES-75-59.txt")
        .read_text()
        .replace("A/RES/75/59", f"A/RES/{symbol}" if "/" not in symbol[:5] else symbol)
    )
    (tmp_path / "t.txt").write_text(text)
    result = run("import", str(tmp_path / "t.txt"), "--series", "ied", store=store_copy)
    assert "A/RES/75/59 is already stored" in result.output  # not a second, separate version
    shown = run("show", symbol, "--format", "json", store=store_copy)
    assert shown.exit_code == 0 and json.loads(shown.output)["symbol"] == "A/RES/75/59"
    assert sorted(p.name for p in (store_copy / "ied").iterdir()) == sorted(
        p.name for p in (FIXTURE_STORE / "ied").iterdir()
    )


def test_one_bad_byte_in_utf8_is_replaced_and_said_not_read_as_cp1252(tmp_path: Path):
    text = (FIXTURE_STORE / "ied" / "A-RES-75-59.txt").read_bytes().replace(b"Recalling", b"Recalling \xff", 1)
    res, report = read_bytes(text, "t.txt")
    joined = " ".join(p.text for p in res.paragraphs)
    assert "\ufffd" in joined and "â€" not in joined and "“dark web”" in joined  # the quotes stay as they are
    assert any("1 character(s) could not be decoded" in w for w in report.warnings)


# -- what import stores: exactly what check accepts --------------------------------------------


def test_the_readme_example_leaves_a_store_that_passes_check(store_copy: Path, corpus: Path):
    before = snapshot(store_copy)
    result = run("import", str(corpus / "A-RES-75-59.ocr.txt"), "--series", "ied", "--force", store=store_copy)
    # The OCR text lost footnote 3's mark: its footnotes are partly held, and it does not replace a
    # stored text that holds them all (whose provenance says where footnote 3 was placed from).
    assert one_line_error(result) and "holds every footnote" in result.output
    assert snapshot(store_copy) == before
    assert run("check", store=store_copy).exit_code == 0
    # Into an empty store it goes, saying what it repaired, and the store passes check.
    empty = store_copy.parent / "empty"
    result = run("import", str(corpus / "A-RES-75-59.ocr.txt"), "--series", "ied", store=empty)
    assert result.exit_code == 0 and "footnotes marked partly held" in result.output
    assert run("check", store=empty).exit_code == 0


def test_references_to_unlisted_footnotes_are_repaired_and_said(store_copy: Path, tmp_path: Path):
    text = (FIXTURE_STORE / "ied" / "A-RES-75-59.txt").read_text()
    body, notes = text.split("\nFootnotes:\n")
    text = body + "\nFootnotes:\n" + "\n".join(line for line in notes.splitlines() if not line.startswith("3 ")) + "\n"
    (tmp_path / "t.txt").write_text(text.replace("A/RES/75/59", "A/RES/75/60"))
    result = run("import", str(tmp_path / "t.txt"), "--series", "ied", store=store_copy)
    assert result.exit_code == 0, result.output
    assert "footnote(s) 3 are referenced but their text was not found; kept as gaps" in result.output
    assert run("check", store=store_copy).exit_code == 0


def test_every_stored_text_passes_the_rules_import_applies():
    store = Store(FIXTURE_STORE)
    for series in store.series_names():
        for _, res in store.stored_versions(series):
            assert content_problems(res, res.symbol) == []


def test_force_never_replaces_a_text_with_another_document(store_copy: Path, tmp_path: Path):
    before = snapshot(store_copy)
    # The 75/59 text under the symbol of 73/67: its adoption date contradicts the manifest and the session.
    text = (FIXTURE_STORE / "ied" / "A-RES-75-59.txt").read_text().replace("A/RES/75/59", "A/RES/73/67")
    (tmp_path / "t.txt").write_text(text)
    result = run("import", str(tmp_path / "t.txt"), "--force", store=store_copy)
    assert one_line_error(result) and "2020-12-07" in result.output
    assert snapshot(store_copy) == before


def test_an_almost_empty_import_replaces_nothing(store_copy: Path, tmp_path: Path):
    page = "<html><body>" + "<div>" * 300 + "<p>Recalling its resolutions,</p>" + "</div>" * 300 + "</body></html>"
    (tmp_path / "deep.html").write_text(page)
    before = snapshot(store_copy)
    result = run("import", str(tmp_path / "deep.html"), "--symbol", "75/59", "--force", store=store_copy)
    assert one_line_error(result)
    assert snapshot(store_copy) == before


def test_html_nested_past_the_parser_depth_is_not_an_empty_resolution(tmp_path: Path):
    page = (
        "<html><body>" + "<div>" * 400 + "<p>Recalling its resolutions 1/1,</p><p>1. Decides to remain "
        "seized.</p>" + "</div>" * 400 + "</body></html>"
    ).encode()
    try:
        res, _ = read_bytes(page, "deep.html", symbol="99/1")
    except ImportFailed as e:
        assert "paragraph" in str(e) or "nested" in str(e)
    else:
        assert len(res.paragraphs) == 2


# -- control characters and script: text stays text in every writer ----------------------------

HOSTILE_TITLE = 'Title \x07\x1b[31mred\x1b[0m <script>document.title="PWNED"</script> & \x7f\x9b'
HOSTILE_PARA = 'Recalling <img src=x onerror="document.body.dataset.pwned=1"> \x1b]0;owned\x07 its work,'
HOSTILE_NOTE = "<script>document.body.dataset.pwned=2</script>\x1b[2J & \x0c more"


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A store holding 75/59 and a hostile variant of it, imported through the command line."""
    root = tmp_path_factory.mktemp("hostile")
    store = root / "versions"
    shutil.copytree(FIXTURE_STORE, store)
    text = (FIXTURE_STORE / "ied" / "A-RES-75-59.txt").read_text()
    text = text.replace("A/RES/75/59", "A/RES/75/60").replace(
        "title: Countering the threat posed by improvised explosive devices", f"title: {HOSTILE_TITLE}"
    )
    text = text.replace("Recalling its resolutions", HOSTILE_PARA.removesuffix(" its work,") + " its resolutions", 1)
    text = text.replace("\n1 See resolution", f"\n1 {HOSTILE_NOTE} See resolution")
    source = root / "hostile.txt"
    source.write_text(text)
    result = run("import", str(source), "--series", "ied", store=store)
    assert result.exit_code == 0, result.output
    assert "removed" in result.output and "control character" in result.output
    return store, root


def _no_controls(text: str) -> None:
    assert not any(ord(c) < 32 and c not in "\n\t\r" or 0x7F <= ord(c) <= 0x9F for c in text), repr(text[:200])


def test_control_characters_are_removed_at_import_and_check_passes(hostile_store):
    store, _ = hostile_store
    assert run("check", store=store).exit_code == 0
    stored = (store / "ied" / "A-RES-75-60.txt").read_text()
    _no_controls(stored)
    assert "<script>document.title" in stored  # script is text: kept as written


@pytest.mark.parametrize(
    "args",
    [
        ["show", "75/60"],
        ["show", "75/60", "--format", "json"],
        ["export", "75/60", "--format", "md"],
        ["export", "75/60", "--format", "json"],
        ["compare", "75/59", "75/60"],
        ["compare", "75/59", "75/60", "--format", "md"],
        ["compare", "75/59", "75/60", "--format", "json"],
        ["history", "75/60"],
    ],
)
def test_every_text_writer_carries_hostile_text_as_text(hostile_store, args: list[str]):
    store, _ = hostile_store
    result = run(*args, store=store)
    assert result.exit_code == 0, result.output
    _no_controls(result.output)
    if "json" in args:
        json.loads(result.output)


def test_terminal_colours_are_resdiff_own_only(hostile_store):
    store, _ = hostile_store
    proc = subprocess.run(
        [sys.executable, "-m", "resdiff", "compare", "75/59", "75/60", "--store", str(store)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "FORCE_COLOR": "1"},
    )
    assert proc.returncode == 0, proc.stderr
    import re

    # Whatever escapes the terminal renderer writes are its own colour codes (SGR), never the text's.
    assert all(re.fullmatch(r"\x1b\[[0-9;]*m", m) for m in re.findall(r"\x1b[^a-zA-Z]*[a-zA-Z]?", proc.stdout))
    assert "\x1b]" not in proc.stdout and "\x07" not in proc.stdout and "\x1b[2J" not in proc.stdout


def test_xml_writers_are_well_formed_with_hostile_text(hostile_store):
    store, root = hostile_store
    akn = root / "x.akn.xml"
    assert run("export", "75/60", "-o", str(akn), store=store).exit_code == 0
    tree = etree.parse(str(akn))
    assert "<script>" in "".join(tree.getroot().itertext())  # text, not markup
    docx = root / "x.docx"
    assert run("compare", "75/59", "75/60", "--format", "docx", "-o", str(docx), store=store).exit_code == 0
    with zipfile.ZipFile(docx) as z:
        for name in z.namelist():
            if name.endswith(".xml"):
                etree.fromstring(z.read(name))  # every part well-formed
        assert b"&lt;script&gt;" in z.read("word/document.xml") + z.read("word/footnotes.xml")
    assert read_bytes(akn.read_bytes(), "x.akn.xml")[0] == Store(store).load("75/60")


def test_html_escapes_hostile_text(hostile_store):
    from lxml import html

    store, root = hostile_store
    page = root / "pair.html"
    assert run("compare", "75/59", "75/60", "--format", "html", "-o", str(page), store=store).exit_code == 0
    doc = html.fromstring(page.read_bytes())
    assert len(doc.xpath("//script")) == 1  # the page's own view switch only
    assert not doc.xpath("//img")
    assert 'document.title="PWNED"' in doc.text_content()


@pytest.mark.skipif(CHROMIUM is None, reason=NO_CHROMIUM)
def test_hostile_text_does_not_run_in_a_browser(hostile_store, tmp_path: Path):
    store, root = hostile_store
    page = root / "browser.html"
    assert run("compare", "75/59", "75/60", "--format", "html", "-o", str(page), store=store).exit_code == 0
    flags = chromium_flags(tmp_path / "u")
    dom = subprocess.run([CHROMIUM, *flags, "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=120)
    assert "</html>" in dom.stdout
    assert "data-pwned" not in dom.stdout and "<title>PWNED" not in dom.stdout


# -- locale ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["show", "75/59"],
        ["export", "75/59", "--format", "md"],
        ["compare", "73/67", "75/59"],
        ["compare", "73/67", "75/59", "--format", "json"],
    ],
)
def test_posix_locale_without_utf8_mode_still_writes_utf8(args: list[str]):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG", "PYTHONIOENCODING"))}
    env.update(LC_ALL="POSIX", PYTHONUTF8="0")
    proc = subprocess.run(
        [sys.executable, "-c", "from resdiff.cli.entry import main; main()", *args, "--store", str(FIXTURE_STORE)],
        capture_output=True,
        env=env,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr.decode(errors="replace")
    proc.stdout.decode("utf-8")  # UTF-8, and nothing lost
    assert "→".encode() in proc.stdout or "“".encode() in proc.stdout or "’".encode() in proc.stdout


# -- the store under concurrency and kills ----------------------------------------------------


def _import_in_child(store: str, text: str, force: bool, out) -> None:
    from resdiff.formats.docformat import parse_docformat

    try:
        Store(Path(store)).save(parse_docformat(text), "ied", force)
        out.put("ok")
    except VersionExists:
        out.put("exists")


def _variant(symbol: str) -> str:
    text = (FIXTURE_STORE / "ied" / "A-RES-75-59.txt").read_text()
    session = int(symbol.split("/")[2])
    return text.replace("A/RES/75/59", symbol).replace("2020-12-07", f"{1945 + session}-12-07")


def test_concurrent_imports_never_lose_an_update(tmp_path: Path):
    ctx = multiprocessing.get_context("fork")
    for round_ in range(4):
        store = tmp_path / f"s{round_}"
        shutil.copytree(FIXTURE_STORE, store)
        out = ctx.Queue()
        symbols = [f"A/RES/{80 + k}/{round_ + 1}" for k in range(4)]
        procs = [ctx.Process(target=_import_in_child, args=(str(store), _variant(s), False, out)) for s in symbols]
        procs += [ctx.Process(target=_import_in_child, args=(str(store), _variant(symbols[0]), False, out))]
        for p in procs:
            p.start()
        for p in procs:
            p.join(60)
        outcomes = sorted(out.get(timeout=5) for _ in procs)
        assert outcomes == ["exists", "ok", "ok", "ok", "ok"]  # the same symbol twice: one fails
        listed = {e.symbol for e in Store(store).manifest("ied").entries}
        assert set(symbols) <= listed
        assert Store(store).check() == []


def test_a_kill_between_the_renames_leaves_a_consistent_store(store_copy: Path, monkeypatch: pytest.MonkeyPatch):
    import resdiff.system.files as files

    calls = []
    real = os.replace

    def dies_after_first(src, dst):
        calls.append(dst)
        if len(calls) == 2:
            raise KeyboardInterrupt  # stands for a kill between the two renames
        real(src, dst)

    monkeypatch.setattr(files.os, "replace", dies_after_first)
    with pytest.raises(KeyboardInterrupt):
        Store(store_copy).save(replace(Store(FIXTURE_STORE).load("75/59"), symbol="A/RES/75/60"), "ied")
    monkeypatch.undo()
    assert str(calls[0]).endswith("manifest.json")  # the manifest first
    assert Store(store_copy).check() == []  # listed, not stored yet: consistent


def test_check_reports_and_fix_removes_leftover_temporary_files(store_copy: Path):
    (store_copy / "ied" / ".A-RES-75-59.txt.abc123.tmp").write_text("half")
    result = run("check", store=store_copy)
    assert result.exit_code == 1 and "temporary file left by an interrupted write" in result.output
    result = run("check", "--fix", store=store_copy)
    assert result.exit_code == 0 and "removed" in result.output
    assert not list((store_copy / "ied").glob(".*.tmp"))


def _compare_json(args: tuple[str, str, str]) -> str:
    store, old, new = args
    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            "from resdiff.cli.entry import main; main()",
            "compare",
            old,
            new,
            "--format",
            "json",
            "--store",
            store,
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    return proc.stdout if proc.returncode == 0 else proc.stderr


def test_concurrent_compares_and_reports_are_all_correct(store_copy: Path, tmp_path: Path):
    from concurrent.futures import ThreadPoolExecutor

    expected = _compare_json((str(store_copy), "73/67", "75/59"))
    reports = [
        [sys.executable, "-m", "resdiff", "report", "--out", str(tmp_path / f"r{k}"), "--store", str(store_copy)]
        for k in range(2)
    ]
    # Eight at once here (the CI machine is small); bench/faults.py runs twenty.
    with ThreadPoolExecutor(8) as pool:
        written = pool.map(lambda cmd: subprocess.run(cmd, capture_output=True, timeout=300).returncode, reports)
        compares = list(pool.map(_compare_json, [(str(store_copy), "73/67", "75/59")] * 6))
        written = list(written)
    assert all(c == expected for c in compares) and written == [0] * 2
    assert snapshot(tmp_path / "r0") == snapshot(tmp_path / "r1")


# -- PDF and Word limits ---------------------------------------------------------------------


def test_a_pdf_whose_page_tree_loops_is_refused_quickly():
    pdf = pdf_file([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [2 0 R] /Count 1 >>"])
    started = time.monotonic()
    with pytest.raises(ImportFailed):
        read_bytes(pdf, "loop.pdf")
    assert time.monotonic() - started < 30


def test_a_pdf_of_thousands_of_pages_is_refused_before_layout():
    n = 2000
    kids = b" ".join(b"%d 0 R" % (3 + k) for k in range(n))
    pages = [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>"] * n
    pdf = pdf_file(
        [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % n, *pages]
    )
    with pytest.raises(ImportFailed, match="more than 300 pages"):
        read_bytes(pdf, "many.pdf")


def test_a_compression_bomb_is_stopped_by_the_memory_or_time_limit(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(limits, "PARSE_MEMORY_BYTES", 100 * 1024 * 1024)
    monkeypatch.setattr(limits, "PARSE_SECONDS", 20.0)
    bomb = zlib.compress(b"BT /F1 12 Tf (" + b"A" * (150 * 1024 * 1024) + b") Tj ET", 6)
    pdf = pdf_file(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(bomb) + bomb + b"\nendstream",
        ]
    )
    started = time.monotonic()
    with pytest.raises(ImportFailed, match="memory|longer than|could not be read|no text"):
        read_bytes(pdf, "bomb.pdf")
    assert time.monotonic() - started < 40


def test_a_parser_that_loops_or_allocates_is_stopped():
    with pytest.raises(ImportFailed, match="longer than 1 s"):
        bounded.run_bounded(time.sleep, 30, source="x", what="test", seconds=1)
    with pytest.raises(ImportFailed, match="memory"):
        bounded.run_bounded(bytearray, 2 * 1024**3, source="x", what="test", memory=100 * 1024 * 1024)
    assert bounded.run_bounded(sum, [1, 2, 3], source="x", what="test") == 6


def test_a_parser_collects_its_garbage_whatever_the_caller_chose():
    """The JSON comparison turns the garbage collector off for its own short run before it starts
    parsing children; a parser (lxml, pdfminer: cycles) still runs with it on, as in a process of its own."""
    import gc

    gc.disable()
    try:
        assert bounded.run_bounded(gc.isenabled, source="x", what="test") is True
    finally:
        gc.enable()


def test_two_children_parse_at_the_same_time_and_all_are_reaped():
    started = time.perf_counter()
    pending = [bounded.start_bounded(time.sleep, 1, source=name, what="test") for name in ("a", "b")]
    assert bounded.wait_all(pending) == [None, None]
    assert time.perf_counter() - started < 1.8  # side by side, not one after the other
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)  # no child left behind


def test_the_first_error_is_told_once_every_child_is_done():
    pending = [
        bounded.start_bounded(int, "not a number", source="old.json", what="JSON file"),
        bounded.start_bounded(time.sleep, 1, source="new.json", what="JSON file"),
    ]
    with pytest.raises(ImportFailed, match="old.json.*could not be read"):
        bounded.wait_all(pending)
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)


def test_compare_says_which_file_is_damaged_whichever_fails(tmp_path: Path):
    """Both files are read at the same time: a damaged OLD or NEW is one line naming it."""
    good = FIXTURE_STORE.parent / "corpus-json" / "A_RES_77_64.json"
    broken = tmp_path / "broken.json"
    broken.write_bytes(b'[{"type": "paragraph", "text": ')
    for old, new in ((broken, good), (good, broken), (good, tmp_path / "missing.json")):
        done = subprocess.run(
            [sys.executable, "-m", "resdiff", "compare", str(old), str(new), "--format", "json"],
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=60,
        )
        bad = new if old == good else old
        assert done.returncode == 1 and done.stdout == "", done.stderr
        assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr
        assert done.stderr.startswith("Error: ") and bad.name in done.stderr, done.stderr


# -- comparison bounded --------------------------------------------------------------------------


def test_comparison_of_huge_inputs_ends(tmp_path: Path):
    from resdiff.core.blocks import build_items
    from resdiff.core.model import Resolution

    words = ["States", "devices", "the", "threat", "of", "and", "notes", "welcomes"]
    many = [f"Noting {' '.join(words[(k * 7 + j) % 8] for j in range(6))} {k}," for k in range(5000)]
    a = Resolution("A/RES/99/1", items=build_items(many))
    b = Resolution("A/RES/99/2", items=build_items(many[1:] + ["Noting more,"]))
    started = time.monotonic()
    comp = compare(a, b)
    assert time.monotonic() - started < 60
    assert comp.summary()["unchanged"] == 4999
    long = Resolution("A/RES/99/3", items=build_items(["Noting " + " ".join(words * 4000) + ","]))
    started = time.monotonic()
    compare(long, Resolution("A/RES/99/4", items=build_items(["Noting " + " ".join(words * 3999) + " end,"])))
    assert time.monotonic() - started < 30


def test_unexpected_errors_are_one_line(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture):
    import resdiff.cli.app as cli

    def boom() -> None:
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(cli, "app", boom)
    monkeypatch.delenv("RESDIFF_DEBUG", raising=False)
    with pytest.raises(SystemExit) as exit_:
        cli.main()
    assert exit_.value.code == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("Error: internal error (ZeroDivisionError: a bug)")


def test_readme_has_a_limits_section():
    text = (ROOT / "README.md").read_text()
    assert "## Limits" in text
    for value in (
        f"{limits.MAX_INPUT_BYTES // 2**20} MB",
        f"{limits.MAX_PDF_PAGES} pages",
        f"{limits.MAX_ALIGN_PARAGRAPHS:,} paragraphs",
    ):
        assert value in text, value
