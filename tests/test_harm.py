"""Nothing harmed: what resdiff writes never replaces a device, a FIFO or what a link names; writes of
several files (series, report) are all or nothing, even when killed; concurrent writers lose nothing."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from resdiff.core.errors import OutputRefused
from resdiff.store.folder import Store
from resdiff.system.files import leftovers, locked, staged_file, write_atomically, write_output

from .conftest import FIXTURE_STORE

RESDIFF = [sys.executable, "-m", "resdiff"]
COMPARE = ["compare", "73/67", "75/59", "--format", "json"]


def _run(args: list[str], store: Path, **kw) -> subprocess.CompletedProcess:
    env = {**os.environ, "RESDIFF_STORE": str(store)}
    return subprocess.run([*RESDIFF, *args], capture_output=True, text=True, env=env, timeout=120, **kw)


def _null_is_intact() -> None:
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode) and stat.S_ISCHR(os.stat("/dev/full").st_mode)


def test_output_onto_a_link_to_dev_null_writes_into_it_and_keeps_the_link(tmp_path: Path):
    link = tmp_path / "null"
    link.symlink_to("/dev/null")
    proc = _run([*COMPARE, "-o", str(link)], FIXTURE_STORE)
    assert proc.returncode == 0, proc.stderr
    assert link.is_symlink() and os.readlink(link) == "/dev/null"
    assert [p.name for p in tmp_path.iterdir()] == ["null"]  # nothing staged beside it
    _null_is_intact()


def test_output_onto_a_full_device_is_an_error_no_space(tmp_path: Path):
    link = tmp_path / "full"
    link.symlink_to("/dev/full")
    proc = _run([*COMPARE, "-o", str(link)], FIXTURE_STORE)
    assert proc.returncode == 1 and "no space" in proc.stderr and "Traceback" not in proc.stderr
    assert link.is_symlink() and os.readlink(link) == "/dev/full"
    _null_is_intact()


def test_output_onto_a_link_to_stdout_is_written_to_stdout(tmp_path: Path):
    link = tmp_path / "out"
    link.symlink_to("/proc/self/fd/1")
    for args in (COMPARE, ["export", "75/59", "--format", "md"]):  # the fast path and the full command line
        proc = _run([*args, "-o", str(link)], FIXTURE_STORE)
        assert proc.returncode == 0, proc.stderr
        assert "IED" in proc.stdout or "improvised" in proc.stdout
        assert link.is_symlink()


def test_output_into_a_fifo_is_written_to_its_reader_and_refused_without_one(tmp_path: Path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []

    def read() -> None:
        with open(fifo, "rb") as f:
            got.append(f.read())

    reader = threading.Thread(target=read)
    reader.start()
    fd = os.open(fifo, os.O_WRONLY)  # holds the FIFO open for writing until the reader is there
    try:
        write_output("the text\n", fifo)
    finally:
        os.close(fd)
    reader.join(10)
    assert got == [b"the text\n"] and stat.S_ISFIFO(os.lstat(fifo).st_mode)
    with pytest.raises(OutputRefused, match="no process reads"):
        write_output("again\n", fifo)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_a_link_to_a_regular_file_stays_a_link(tmp_path: Path):
    real = tmp_path / "real.json"
    real.write_text("old")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    write_output("new", link)
    assert link.is_symlink() and real.read_text() == "new"


def test_a_report_folder_holding_links_to_devices_writes_into_them(tmp_path: Path):
    out = tmp_path / "site"
    out.mkdir()
    (out / "index.html").symlink_to("/dev/null")
    proc = _run(["report", "--out", str(out)], FIXTURE_STORE)
    assert proc.returncode == 0, proc.stderr
    assert (out / "index.html").is_symlink() and os.readlink(out / "index.html") == "/dev/null"
    _null_is_intact()


# -- several files: all or nothing ---------------------------------------------------------------


def _killed_among_renames(files: dict[Path, str], after: int) -> None:
    """write_atomically(files) in a child killed (SIGKILL) after ``after`` renames."""
    pid = os.fork()
    if pid == 0:
        import resdiff.system.files as mod

        real = os.replace
        done = []

        def replace(src, dst):
            if len(done) == after:
                os.kill(os.getpid(), 9)
            done.append(dst)
            real(src, dst)

        mod.os.replace = replace  # type: ignore[assignment]
        try:
            write_atomically(files)
        finally:
            os._exit(0)
    os.waitpid(pid, 0)


@pytest.mark.parametrize("after", [0, 1, 3])
def test_several_files_killed_among_their_renames_are_completed_by_the_next_writer(tmp_path: Path, after: int):
    folder = tmp_path / "store"
    targets = [folder / f"s{k}" / "manifest.json" for k in range(5)]
    for t in targets:
        t.parent.mkdir(parents=True)
        t.write_text("old")
    _killed_among_renames({t: "new" for t in targets}, after)
    assert leftovers(folder)  # staged files and their journal, reported by `check`
    with locked(folder):  # the next writer (series, import, report) completes the killed write
        pass
    assert [t.read_text() for t in targets] == ["new"] * 5
    assert leftovers(folder) == [] and sorted(p.name for p in folder.iterdir()) == [f"s{k}" for k in range(5)]


def test_a_staged_file_is_new_private_and_found_as_a_leftover(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A staged file is made as tempfile.mkstemp makes one: new (a name taken, even by a link, is
    never opened: another is drawn), readable by its writer alone, and a killed writer's staged
    file is what `check` finds."""
    (tmp_path / "target").write_text("mine")
    taken = tmp_path / f".target.{bytes(6).hex()}.tmp"
    taken.symlink_to(tmp_path / "target")
    draws = iter([bytes(6), b"\x01" * 6])
    monkeypatch.setattr(os, "urandom", lambda n: next(draws))
    fd, path = staged_file(tmp_path, ".target.", ".tmp")
    os.close(fd)
    assert path == str(tmp_path / f".target.{'01' * 6}.tmp") and os.path.isabs(path)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600 and os.path.getsize(path) == 0
    assert (tmp_path / "target").read_text() == "mine"
    taken.unlink()
    assert leftovers(tmp_path) == [Path(path)]


def test_one_output_file_loads_neither_tempfile_nor_json(tmp_path: Path):
    """`compare -o r.json` writes one file: no journal (json), and its staged file is made without
    tempfile (which loads random, shutil and the compression modules)."""
    script = (
        "import sys\nfrom resdiff.system.files import write_output\n"
        f"write_output('{{}}', {str(tmp_path / 'r.json')!r})\n"
        "print('tempfile' in sys.modules, 'json' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True)
    assert out.stdout.split() == ["False", "False"]
    assert (tmp_path / "r.json").read_text() == "{}" and leftovers(tmp_path) == []


def test_a_write_killed_while_staging_leaves_the_previous_state(tmp_path: Path):
    folder = tmp_path / "store"
    (folder / "a").mkdir(parents=True)
    (folder / "a" / "manifest.json").write_text("old")
    (folder / "a" / ".manifest.json.x1y2.tmp").write_text("ne")  # a kill while staging
    (folder / ".resdiff-journal.abc.json").write_text('[["a/.manifest.json.x1y2.tmp", "a/manif')  # cut short
    with locked(folder):
        pass
    assert (folder / "a" / "manifest.json").read_text() == "old" and leftovers(folder) == []


def test_series_killed_mid_run_is_all_or_nothing_after_check_fix(store_copy: Path):
    _make_discovered(store_copy)
    for k in range(3):  # three series, so that `series` writes several manifests
        shutil.copytree(store_copy / "ied", store_copy / f"copy{k}")
        path = store_copy / f"copy{k}" / "manifest.json"
        data = json.loads(path.read_text())
        data["series"], data["versions"] = f"copy{k}", data["versions"][:3]
        path.write_text(json.dumps(data))
    pid = os.fork()
    if pid == 0:
        import resdiff.system.files as mod

        real = os.replace
        done: list[str] = []

        def replace(src, dst):
            if len(done) == 1:
                os.kill(os.getpid(), 9)
            done.append(dst)
            real(src, dst)

        mod.os.replace = replace  # type: ignore[assignment]
        try:
            from resdiff.series.discovery import rediscover, save_series

            save_series(Store(store_copy), rediscover(Store(store_copy)))
        finally:
            os._exit(0)
    os.waitpid(pid, 0)
    assert _run(["check", "--fix"], store_copy).returncode in (0, 1)
    assert leftovers(store_copy) == []
    proc = _run(["check"], store_copy)
    assert "interrupted write" not in proc.stderr


def _make_discovered(store: Path) -> None:
    path = store / "ied" / "manifest.json"
    data = json.loads(path.read_text())
    data["discovered"] = True
    data["versions"] = [v for v in data["versions"] if "symbol" in v]
    path.write_text(json.dumps(data, indent=2) + "\n")


def test_series_racing_import_never_loses_the_imported_entry(store_copy: Path, tmp_path: Path):
    _make_discovered(store_copy)
    text = (FIXTURE_STORE / "ied" / "A-RES-79-53.txt").read_text()
    env = {**os.environ, "RESDIFF_STORE": str(store_copy)}
    for k in range(6):
        symbol = f"A/RES/{81 + k}/7"
        path = tmp_path / f"v{k}.txt"
        path.write_text(text.replace("A/RES/79/53", symbol).replace("2024-12-02", f"{2026 + k}-12-02"))
        procs = [
            subprocess.Popen([*RESDIFF, "series"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE),
            subprocess.Popen(
                [*RESDIFF, "import", str(path), "--series", "ied"],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
            ),
        ]
        errors = [p.communicate(timeout=120)[1] for p in procs]
        assert all(p.returncode == 0 for p in procs), errors
        listed = {e.symbol for e in Store(store_copy).manifest("ied").entries}
        assert symbol in listed, (k, errors)
    assert _run(["check"], store_copy).returncode == 0


# -- file names in messages ------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["evil\x1b[2J\x1b]0;owned\x07.txt", "two\nError: forged line.txt"])
def test_file_names_in_messages_are_quoted(tmp_path: Path, store_copy: Path, name: str):
    path = tmp_path / name
    path.write_text("not a resolution at all\n")
    for args in (["import", str(path), "--series", "ied"], ["compare", str(path), "75/59"], ["show", str(path)]):
        proc = _run(args, store_copy)
        assert proc.returncode == 1 and "\x1b" not in proc.stderr and "\x07" not in proc.stderr, proc.stderr
        errors = [line for line in proc.stderr.splitlines() if not line.startswith("warning:")]
        assert len(errors) == 1 and errors[0].startswith("Error:"), proc.stderr
    proc = _run(["compare", "73/67", "75/59", "-o", str(tmp_path / "missing\x1b[31m" / "x.json")], store_copy)
    assert proc.returncode == 1 and "\x1b" not in proc.stderr
