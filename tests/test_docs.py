"""Docs that match the code: the CLI reference, the README commands, and the fast compare path."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from resdiff.cli.app import app
from resdiff.cli.entry import _plain_compare_args, fast_compare

from .conftest import DATA, FIXTURE_STORE, ROOT


def test_cli_reference_is_up_to_date():
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "cli_reference.py"), "--check"])
    assert result.returncode == 0, "docs/cli.md is stale: run python scripts/cli_reference.py"


def test_readme_starts_with_the_two_commands():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    head = text.split("---", 1)[0]
    assert "<!-- main-command -->" in head and "resdiff report" in head
    assert "<!-- test-command -->" in head and "pytest" in head
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "readme_command test-command" in ci


@pytest.mark.parametrize(
    "argv",
    [
        ["compare", "73/67", "75/59", "--format", "json"],
        ["compare", "71/72", "73/67", "-f", "json", "--changed-only"],
        ["compare", "72/36", "75/59", "--format=json"],
        ["compare", str(DATA / "fictitious-99-1.txt"), "75/59", "-f", "json"],
    ],
)
def test_fast_path_prints_what_the_full_cli_prints(argv, capsys: pytest.CaptureFixture[str]):
    argv = argv + ["--store", str(FIXTURE_STORE)]
    assert fast_compare(argv) == 0
    fast = capsys.readouterr().out
    full = CliRunner().invoke(app, argv)
    assert full.exit_code == 0
    assert fast == full.stdout


@pytest.mark.parametrize(
    "argv",
    [
        ["compare", "73/67", "75/59"],
        ["compare", "73/67", "75/59", "--format", "md"],
        ["compare", "73/67", "75/59", "--format", "json", "--help"],
        ["compare", "73/67", "75/59", "--format", "json", "--bogus"],
        ["compare", "--format", "json", "73/67", "75/59"],
        ["compare", "73/67", "75/59", "--format"],
        ["show", "75/59"],
    ],
)
def test_anything_else_goes_to_the_full_cli(argv):
    assert _plain_compare_args(argv) is None


def test_fast_path_errors_are_one_line(capsys: pytest.CaptureFixture[str]):
    assert fast_compare(["compare", "73/67", "74/1", "--format", "json", "--store", str(FIXTURE_STORE)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Error: no stored version '74/1'") and err.count("\n") == 1


def test_fast_path_writes_output_files(tmp_path: Path):
    out = tmp_path / "c.json"
    assert (
        fast_compare(["compare", "73/67", "75/59", "--format", "json", "-o", str(out), "--store", str(FIXTURE_STORE)])
        == 0
    )
    assert out.read_text().startswith('{\n "old": {\n  "symbol": "A/RES/73/67"')


def test_every_extra_the_docs_advise_is_declared():
    import re
    import tomllib

    declared = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["optional-dependencies"])
    texts = [(ROOT / name).read_text() for name in ("README.md", "docs/cli.md")]
    texts += [p.read_text() for p in (ROOT / "resdiff").rglob("*.py")]
    advised = {extra for text in texts for extra in re.findall(r"resdiff\[(\w+)\]", text)}
    assert advised and advised <= declared, f"advised but not declared in pyproject.toml: {advised - declared}"


def test_a_checkout_finds_its_own_store_and_templates(monkeypatch: pytest.MonkeyPatch):
    """The README's commands run in a checkout without --store: the defaults are the project's
    versions/ and templates/ (the wheel carries both inside the package; .ci/run tries the wheel)."""
    from resdiff.render.html import default_templates_dir
    from resdiff.store.folder import default_store

    monkeypatch.delenv("RESDIFF_STORE", raising=False)
    assert default_store() == ROOT / "versions"
    assert default_templates_dir() == ROOT / "templates"
