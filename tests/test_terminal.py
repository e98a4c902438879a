"""The terminal and the files: wrapping, the pager, --exit-code, -h, completion, -o by extension,
and one-line errors for bad output paths, stores and templates."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from resdiff.cli.app import app
from resdiff.cli.entry import _plain_compare_args, fast_compare
from resdiff.diff.compare import compare
from resdiff.render.changes import render_term
from resdiff.store.folder import Store
from resdiff.system.terminal import page, pager_command

from .conftest import FIXTURE_STORE
from .pairs import make_pair

STORE = Store(FIXTURE_STORE)
runner = CliRunner()
ANSI = re.compile(r"\033\[[0-9;]*m")


def run(*args: str):
    return runner.invoke(app, [*args, "--store", str(FIXTURE_STORE)])


# -- wrapping -------------------------------------------------------------------------


@pytest.mark.parametrize("colour", [False, True])
@pytest.mark.parametrize("width", [40, 72, 100])
def test_terminal_wraps_at_word_boundaries_with_a_hanging_indent(colour: bool, width: int):
    base = STORE.load("75/59")
    for seed in range(8):
        old, new, _ = make_pair(base, seed)
        comp = compare(old, new)
        flat = ANSI.sub("", render_term(comp, colour=colour))
        wrapped = ANSI.sub("", render_term(comp, colour=colour, width=width))
        assert wrapped.split() == flat.split(), seed  # the same words, none broken
        for line in wrapped.splitlines():
            assert len(line) <= width or " " not in line.strip(), (seed, line)  # only a lone long word is wider
        blocks = wrapped.split("\n\n")[1:]
        for block in blocks:
            head, *rest = block.splitlines()
            assert not head.startswith(" ") and all(r.startswith("    ") for r in rest), block


def test_colour_survives_a_line_break_inside_an_insertion():
    comp = compare(STORE.load("73/67"), STORE.load("75/59"))
    out = render_term(comp, changed_only=True, colour=True, width=50)
    pp1 = out.split("\n\n")[1].splitlines()
    inserted = [line for line in pp1 if "\033[32;4m" in line]
    assert len(inserted) >= 2  # "and 73/67 of 5 December 2018" runs over two lines, coloured on both
    assert all(line.count("\033[0m") >= line.count("\033[32;4m") for line in pp1)


# -- the pager ------------------------------------------------------------------------


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def fake_pager(tmp_path: Path) -> tuple[str, Path]:
    """A pager that records what it was given and the LESS it saw."""
    script = tmp_path / "pager.py"
    out = tmp_path / "paged.txt"
    script.write_text(
        f"import os, sys\nopen({str(out)!r}, 'w').write(os.environ.get('LESS', '') + '|' + sys.stdin.read())\n"
    )
    return f"{sys.executable} {script}", out


def test_long_output_on_a_terminal_goes_through_the_pager(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    command, out = fake_pager(tmp_path)
    monkeypatch.setattr(shutil, "get_terminal_size", lambda *a: os.terminal_size((80, 10)))
    long_text = "".join(f"line {k}\n" for k in range(30))
    stream = Tty()
    page(long_text, stream, {"PAGER": command, "PATH": os.environ["PATH"]})
    assert stream.getvalue() == ""
    assert out.read_text() == "FRX|" + long_text
    page(long_text, stream, {"PAGER": command, "LESS": "S", "PATH": os.environ["PATH"]})
    assert out.read_text() == "S|" + long_text  # the user's LESS is kept
    out.unlink()
    page("short\n", stream, {"PAGER": command, "PATH": os.environ["PATH"]})  # fits on the screen
    assert stream.getvalue() == "short\n" and not out.exists()
    not_a_tty = io.StringIO()
    page(long_text, not_a_tty, {"PAGER": command, "PATH": os.environ["PATH"]})
    assert not_a_tty.getvalue() == long_text and not out.exists()


def test_pager_choice():
    path = os.environ["PATH"]
    assert pager_command({"PAGER": "cat", "PATH": path}) is None
    assert pager_command({"PAGER": "", "PATH": path}) is None
    assert pager_command({"PAGER": "no-such-pager-here -R", "PATH": path}) is None  # write, don't lose the text
    assert pager_command({"RESDIFF_PAGER": "sh -c cat", "PAGER": "cat", "PATH": path}) == "sh -c cat"


def test_no_pager_option(monkeypatch: pytest.MonkeyPatch):
    paged: list[str] = []
    monkeypatch.setattr("resdiff.system.terminal.page", lambda text, *a, **k: paged.append(text))
    assert run("compare", "73/67", "75/59").exit_code == 0
    assert len(paged) == 1 and paged[0].startswith("A/RES/73/67")
    for argv in (
        ["compare", "73/67", "75/59", "--no-pager"],
        ["show", "75/59", "--no-pager"],
        ["history", "75/59", "--no-pager"],
    ):
        result = run(*argv)
        assert result.exit_code == 0 and result.output
    assert len(paged) == 1


# -- exit codes, help, completion -----------------------------------------------------


def test_exit_code_says_whether_anything_changed(capsys: pytest.CaptureFixture[str]):
    assert run("compare", "73/67", "75/59", "--exit-code").exit_code == 1
    assert run("compare", "75/59", "75/59", "--exit-code").exit_code == 0
    assert run("compare", "73/67", "75/59").exit_code == 0
    assert run("compare", "73/67", "75/59", "-f", "json", "--exit-code").exit_code == 1
    store = ["--store", str(FIXTURE_STORE)]
    assert fast_compare(["compare", "73/67", "75/59", "-f", "json", "--exit-code", *store]) == 1
    assert fast_compare(["compare", "75/59", "75/59", "-f", "json", "--exit-code", *store]) == 0
    assert fast_compare(["compare", "73/67", "75/59", "-f", "json", *store]) == 0
    capsys.readouterr()


@pytest.mark.parametrize("argv", [["-h"], ["compare", "-h"], ["report", "-h"]])
def test_short_help(argv: list[str]):
    result = runner.invoke(app, argv)
    assert result.exit_code == 0 and result.output.startswith("Usage: resdiff")


def test_a_misspelt_command_is_suggested_once():
    result = runner.invoke(app, ["compar", "73/67", "75/59"])
    assert result.exit_code == 2
    assert result.output.count("Did you mean 'compare'?") == 1


def test_shell_completion_script_and_readme():
    script = Path(sys.executable).with_name("resdiff")
    if not script.exists():
        pytest.skip("the resdiff console script is not installed in this environment")
    shown = subprocess.run([str(script), "--show-completion", "bash"], capture_output=True, text=True, timeout=60)
    assert "_resdiff_completion()" in shown.stdout and "_RESDIFF_COMPLETE=complete_bash" in shown.stdout
    env = {
        **os.environ,
        "_RESDIFF_COMPLETE": "complete_bash",
        "_TYPER_COMPLETE_ARGS": "resdiff comp",
        "COMP_WORDS": "resdiff comp",
        "COMP_CWORD": "1",
    }
    completed = subprocess.run([str(script)], env=env, capture_output=True, text=True, timeout=60)
    assert completed.stdout.split() == ["compare"]
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text()
    assert "resdiff --install-completion" in readme


# -- files and errors ------------------------------------------------------------------


def test_output_format_follows_the_extension(tmp_path: Path):
    for name, check in [
        ("r.docx", lambda p: zipfile.is_zipfile(p)),
        ("r.md", lambda p: p.read_text().startswith("# 73/67 → 75/59")),
        ("r.json", lambda p: json.loads(p.read_text())["new"]["symbol"] == "A/RES/75/59"),
        ("r.html", lambda p: p.read_text().startswith("<!DOCTYPE html>")),
        ("r.txt", lambda p: p.read_text().startswith("A/RES/73/67 (") and "\033[" not in p.read_text()),
    ]:
        result = run("compare", "73/67", "75/59", "-o", str(tmp_path / name))
        assert result.exit_code == 0, result.output
        assert check(tmp_path / name), name
    for name, start in [("e.akn.xml", b"<?xml"), ("e.md", b"# 75/59."), ("e.json", b"{")]:
        assert run("export", "75/59", "-o", str(tmp_path / name)).exit_code == 0
        assert (tmp_path / name).read_bytes().startswith(start), name
    result = run("compare", "73/67", "75/59", "-f", "md", "-o", str(tmp_path / "x.docx"))
    assert result.exit_code == 2 and "does not match the extension" in result.output
    assert not (tmp_path / "x.docx").exists()
    assert _plain_compare_args(["compare", "73/67", "75/59", "-f", "json", "-o", "x.docx"]) is None
    assert _plain_compare_args(["compare", "73/67", "75/59", "-f", "json", "-o", "x.json"]) is not None


def test_output_to_a_folder_or_into_a_missing_folder_is_one_clear_line(tmp_path: Path):
    result = run("compare", "73/67", "75/59", "-o", str(tmp_path))
    assert result.exit_code == 1
    assert result.output == f"Error: {tmp_path} is a folder; give a file name, e.g. {tmp_path / 'changes.html'}\n"
    assert os.listdir(tmp_path) == []  # no temporary file left behind
    missing = tmp_path / "no" / "such" / "r.md"
    result = run("export", "75/59", "-o", str(missing))
    assert result.exit_code == 1
    assert result.output == f"Error: cannot write {missing}: the folder {missing.parent} does not exist\n"
    assert not (tmp_path / "no").exists()  # no folder made on the way


@pytest.mark.parametrize("argv", [["list"], ["check"], ["history", "75/59"], ["report", "--out", "x"]])
def test_a_missing_store_is_an_error_not_empty_output(argv: list[str], tmp_path: Path):
    result = runner.invoke(app, [*argv, "--store", str(tmp_path / "nonexistent")])
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: no store at {tmp_path / 'nonexistent'}") and result.output.count("\n") == 1


@pytest.mark.parametrize(
    "body, message",
    [
        ("{% block title %}{{ page.old.short }{% endblock %}", r"Error: template .*pair\.html, line 2: unexpected '}'"),
        (
            "{% block title %}{{ page.nothing.x }}{% endblock %}",
            r"Error: template pair\.html: .* no attribute 'nothing'",
        ),
    ],
)
def test_a_broken_template_is_one_line(tmp_path: Path, body: str, message: str):
    (tmp_path / "pair.html").write_text('{% extends "default:pair.html" %}\n' + body + "\n")
    for argv in (
        ["compare", "73/67", "75/59", "-f", "html", "--templates", str(tmp_path)],
        ["report", "--out", str(tmp_path / "out"), "--templates", str(tmp_path)],
    ):
        result = run(*argv)
        assert result.exit_code == 1
        assert re.fullmatch(message + "\n", result.output), result.output
        assert not (tmp_path / "out").exists()


def test_report_of_one_version_says_one_page(tmp_path: Path):
    store = tmp_path / "store"
    shutil.copytree(FIXTURE_STORE, store)
    for f in (store / "ied").glob("A-RES-*.txt"):
        if f.name != "A-RES-75-59.txt":
            f.unlink()
    result = runner.invoke(app, ["report", "--out", str(tmp_path / "out"), "--store", str(store)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"wrote 1 page to {tmp_path / 'out'}/")
